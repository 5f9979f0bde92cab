// The esbuild settings every bundle of vdm86 shares: scripts/build.mjs (dist/) and the tests that
// run the real command (test/cli/helpers.ts). One place, so the tested bundle is the shipped one.
export const bundleSettings = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Runtime dependencies stay external and resolve from node_modules beside the bundle: the VDD
  // loader calls esbuild at run time to compile plugins.
  external: ['esbuild', 'commander', 'yaml', 'diff'],
  // Bundled CommonJS code (commander's helpers, esbuild's loader) calls require().
  banner: { js: "import { createRequire as __vdm86_cr } from 'node:module'; const require = __vdm86_cr(import.meta.url);" },
};
