// Bundles the library, the vdm86 command and the benchmark into dist/ with esbuild, then primes
// the command's V8 code cache (see bin/vdm86.js).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { buildCommand, bundleSettings } from './bundle-settings.mjs';

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

// The command (scripts/bundle-settings.mjs says why it is CommonJS) and its plugin loader.
await buildCommand(build, '.', 'dist');
// The cache belongs to the bundle it was made from: drop it, and let one run of a program that
// exits at once write a new one (every function a run reaches, compiled to bytecode). It runs as
// scripts and CI run the command, stdin, stdout and stderr not terminals (the console as a stream,
// handles 0 and 1 as files): what such a run compiles is then in the cache, where a run primed
// with --screen none compiled the stream's screen tracking on every start (~2 ms).
rmSync('dist/cli.cjs.cache', { force: true });
rmSync('dist/cli.js', { force: true });
rmSync('dist/cli.js.map', { force: true });
if (existsSync('roms/bench/programs/empty.com')) {
  execFileSync(process.execPath, ['bin/vdm86.js', 'roms/bench/programs/empty.com'], { stdio: 'pipe' });
}

// Type declarations for library users and plugin authors (dist/types), unless --no-types.
if (!process.argv.includes('--no-types')) {
  const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;
  if (existsSync(tsc)) execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  else console.warn('build: typescript is not installed; skipping dist/types');
}
