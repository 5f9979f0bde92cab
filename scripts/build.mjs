// Bundles the library, the vdm86 command and the benchmark into dist/ with esbuild, then primes
// the command's V8 code cache (see bin/vdm86.js).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { bundleSettings } from './bundle-settings.mjs';

const entries = {
  index: 'src/index.ts',
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

// The command: one CommonJS file with commander inside, so bin/vdm86.js can compile it with
// vm.Script and a code cache (Node 20 keeps no code cache for ES modules) and nothing is resolved
// in node_modules at start-up. A script compiled from a code cache cannot import() in Node 20
// (its dynamic-import callback is lost), so the plugin loader, the one part that must import()
// (a plugin compiled to a data: URL), is its own file, required by Node's own loader when the
// first --vdd is loaded; the bundle's import() calls become require() calls.
const pluginLoaderApart = {
  name: 'plugin-loader-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/host\/plugin-loader$/ }, () => ({ path: './plugin-loader.cjs', external: true }));
  },
};
await build({
  entryPoints: { cli: 'bin/cli.ts' },
  outfile: 'dist/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['esbuild'],
  supported: { 'dynamic-import': false },
  // Modules that find files beside themselves (the shell's roms/shell, the test runner's worker)
  // read import.meta.url: in this CommonJS bundle it is the bundle's own file.
  define: { 'import.meta.url': '__vdm86_bundle_url' },
  banner: { js: "const __vdm86_bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [pluginLoaderApart],
  logLevel: 'warning',
});
await build({
  entryPoints: { 'plugin-loader': 'src/host/plugin-loader.ts' },
  outfile: 'dist/plugin-loader.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['esbuild'],
  logLevel: 'warning',
});
// The cache belongs to the bundle it was made from: drop it, and let one run of a program that
// exits at once write a new one (every function a run reaches, compiled to bytecode).
rmSync('dist/cli.cjs.cache', { force: true });
rmSync('dist/cli.js', { force: true });
rmSync('dist/cli.js.map', { force: true });
if (existsSync('roms/bench/programs/empty.com')) {
  execFileSync(process.execPath, ['bin/vdm86.js', '--screen', 'none', 'roms/bench/programs/empty.com'], { stdio: 'inherit' });
}

// Type declarations for library users and plugin authors (dist/types), unless --no-types.
if (!process.argv.includes('--no-types')) {
  const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;
  if (existsSync(tsc)) execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  else console.warn('build: typescript is not installed; skipping dist/types');
}
