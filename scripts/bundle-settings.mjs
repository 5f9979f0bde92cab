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

/** The namespace of the stubs below. */
const LAZY = 'vdm86-lazy';

/** Modules the command requires at their first use instead of as the bundle starts: each import
 *  of `filter` (from an importer `only` accepts, when given) gets `stub`, which requires the real
 *  module when called. */
const lazyStubs = [
  // The plugin loader: a run without --vdd never loads it (Node's loader for it cost ~8 ms of
  // every start).
  {
    filter: /^\.\.\/host\/plugin-loader$/,
    stub: "export function loadPlugin(path, provided) { return require('./plugin-loader.cjs').loadPlugin(path, provided); }",
  },
  // node:crypto (only the shell's image hash uses it) costs ~5 ms to load. A new name imported
  // from it fails the build ("No matching export") until it is added here.
  {
    filter: /^node:crypto$/,
    stub: "export function createHash(algorithm, options) { return require('crypto').createHash(algorithm, options); }",
  },
  // commander requires child_process (~5 ms with the net/dgram/stream modules it pulls in) only
  // to spawn executable subcommands, which vdm86 has none of: it reads `childProcess.spawn` at
  // call time, so a proxy that requires the real module at first property access serves it.
  {
    filter: /^node:child_process$/,
    only: (args) => /[\\/]commander[\\/]/.test(args.importer),
    stub: "module.exports = new Proxy({}, { get(_, name) { return require('child_process')[name]; } });",
  },
  // node:os: only temp folders (the shell's kept copy, test sandboxes) and vdm86 test --jobs.
  {
    filter: /^node:os$/,
    stub: `export function tmpdir() { return require('os').tmpdir(); }
export function availableParallelism() { return require('os').availableParallelism(); }`,
  },
  // node:tty loads net and the stream modules (~7 ms); the command asks isatty only of a
  // character device other than /dev/null (bin/cli.ts isTerminal).
  { filter: /^node:tty$/, stub: "export function isatty(fd) { return require('tty').isatty(fd); }" },
  // node:v8 costs ~3 ms to load; the command sets one flag with it, once a run goes on
  // (bin/cli.ts noOnStackReplacement).
  {
    filter: /^node:v8$/,
    stub: "export function setFlagsFromString(flags) { require('v8').setFlagsFromString(flags); }",
  },
  // worker_threads serves only `vdm86 test --jobs` (src/testing/runner.ts: new Worker(...)).
  {
    filter: /^node:worker_threads$/,
    stub: "export function Worker(filename, options) { return new (require('worker_threads').Worker)(filename, options); }",
  },
  // node:module loads the ES module loader's modules (~0.5 ms): the test runner asks it where tsx
  // is only when a case needs it, and VDD fault reports read a plugin's source map with it.
  {
    filter: /^node:module$/,
    stub: `export function createRequire(path) { return require('module').createRequire(path); }
export function SourceMap(payload) { return new (require('module').SourceMap)(payload); }`,
  },
  // yaml and diff serve only `vdm86 test` (case files, the output diff): 24 % of the bundle's
  // source, which every start reads and whose functions the code cache declares. Left in
  // node_modules (they are dependencies) and required at first use, as the real packages.
  {
    filter: /^yaml$/,
    stub: `export function parse(source, reviver, options) { return require('yaml').parse(source, reviver, options); }
export const YAMLParseError = { [Symbol.hasInstance]: (err) => err instanceof require('yaml').YAMLParseError };`,
  },
  {
    filter: /^diff$/,
    stub: "export function createTwoFilesPatch(...args) { return require('diff').createTwoFilesPatch(...args); }",
  },
];

// The command: one CommonJS file with commander inside, so bin/vdm86.js can compile it with
// vm.Script and a code cache (Node 20 keeps no code cache for ES modules) and nothing is resolved
// in node_modules at start-up. A script compiled from a code cache cannot import() in Node 20
// (its dynamic-import callback is lost), so the plugin loader, the one part that must import()
// (a plugin compiled to a data: URL), is its own file, required by Node's own loader when the
// first --vdd is loaded; the bundle's import() calls become require() calls.
const pluginLoaderApart = {
  name: 'plugin-loader-apart',
  setup(b) {
    lazyStubs.forEach((lazy, i) => {
      b.onResolve({ filter: lazy.filter }, (args) => {
        // A stub's own require of the real package (yaml, diff): from node_modules at run time.
        if (args.namespace === LAZY) return { path: args.path, external: true };
        if (lazy.only && !lazy.only(args)) return undefined;
        return { path: `stub-${i}`, namespace: LAZY };
      });
      b.onLoad({ filter: new RegExp(`^stub-${i}$`), namespace: LAZY }, () => ({ contents: lazy.stub, loader: 'js' }));
    });
    b.onResolve({ filter: /^\.\/plugin-loader\.cjs$/ }, () => ({ path: './plugin-loader.cjs', external: true }));
  },
};

const commandSettings = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['esbuild'],
  logLevel: 'warning',
};

/** Builds the command into `outdir` as `npm run build` ships it: cli.cjs and plugin-loader.cjs,
 *  from the checkout at `root`. Returns the path of cli.cjs. */
export async function buildCommand(build, root, outdir) {
  await build({
    ...commandSettings,
    entryPoints: { cli: `${root}/bin/cli.ts` },
    outfile: `${outdir}/cli.cjs`,
    // Every start reads and decodes the whole source (the code cache only replaces compiling it):
    // without whitespace and comments it is ~40 % smaller and pure ASCII (esbuild escapes the rest),
    // which bin/vdm86.js decodes as latin1 in one copy. Names stay, so stack traces still read.
    minifyWhitespace: true,
    legalComments: 'none',
    supported: { 'dynamic-import': false },
    // Modules that find files beside themselves (the shell's roms/shell, the test runner's worker)
    // read import.meta.url: in this CommonJS bundle it is the bundle's own file, made into a URL
    // at the first read (pathToFileURL at every start cost ~0.5 ms).
    define: { 'import.meta.url': '__vdm86_bundle.url', 'import.meta.dirname': '__dirname' },
    banner: {
      js: "const __vdm86_bundle = { get url() { const url = require('node:url').pathToFileURL(__filename).href; Object.defineProperty(this, 'url', { value: url }); return url; } };",
    },
    plugins: [pluginLoaderApart],
  });
  await build({
    ...commandSettings,
    entryPoints: { 'plugin-loader': `${root}/src/host/plugin-loader.ts` },
    outfile: `${outdir}/plugin-loader.cjs`,
  });
  return `${outdir}/cli.cjs`;
}
