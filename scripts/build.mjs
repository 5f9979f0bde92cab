// Bundles the library, the vdm86 command and the benchmark into dist/ with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { bundleSettings } from './bundle-settings.mjs';

const entries = {
  index: 'src/index.ts',
  cli: 'bin/cli.ts',
  // vdm86/testing (package.json "exports") and the worker threads of `vdm86 test --jobs`.
  testing: 'src/testing/index.ts',
  'testing-worker': 'src/testing/worker.ts',
  bench: 'scripts/bench.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, p]) => existsSync(p)));

await build({
  ...bundleSettings,
  entryPoints,
  outdir: 'dist',
  sourcemap: true,
  logLevel: 'warning',
});

// Type declarations for library users and plugin authors (dist/types), unless --no-types.
if (!process.argv.includes('--no-types')) {
  const { execFileSync } = await import('node:child_process');
  const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;
  if (existsSync(tsc)) execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  else console.warn('build: typescript is not installed; skipping dist/types');
}
