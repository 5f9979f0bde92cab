import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples import from 'vdm86' as a plugin author writes it; in the repository that is the
  // source (tsconfig.json maps it the same way for the type check).
  resolve: { alias: [{ find: /^vdm86$/, replacement: new URL('./src/index.ts', import.meta.url).pathname }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
