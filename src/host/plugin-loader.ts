// Loads a plugin file as a fresh ES module: TypeScript or JavaScript is bundled on the fly with
// esbuild (imports resolved from the plugin's folder, except the provided modules such as 'vdm86',
// which resolve to the running copy) and imported from memory. Each load is a new module
// instance, so two machines never share a plugin's module-level state. The only host-side part of
// VDD loading; src/vdd turns the exports into a VDD.
import type { Plugin } from 'esbuild';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';

export interface LoadedPlugin {
  /** Absolute host path of the plugin file. */
  path: string;
  /** The file name without its extension (the default DLL name). */
  baseName: string;
  /** The module namespace: everything it exports. */
  exports: Record<string, unknown>;
}

export class PluginLoadError extends Error {
  constructor(
    readonly pluginPath: string,
    message: string,
  ) {
    super(`cannot load plugin ${pluginPath}: ${message}`);
    this.name = 'PluginLoadError';
  }
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);
let loads = 0;

/** Modules the host hands to plugins by name (e.g. 'vdm86' -> the running copy's exports), so a
 *  plugin's `import { MemoryHostObject } from 'vdm86'` gets the very classes the machine uses
 *  instead of a second bundled copy. */
export type ProvidedModules = Record<string, Record<string, unknown>>;

/** Where a plugin being evaluated finds its provided modules (globalThis[Symbol.for(key)][load]). */
const PROVIDED_KEY = 'vdm86.plugin-provided-modules';
const PROVIDED = Symbol.for(PROVIDED_KEY);

export async function loadPlugin(path: string, provided: ProvidedModules = {}): Promise<LoadedPlugin> {
  const full = resolve(path);
  const ext = extname(full).toLowerCase();
  if (!existsSync(full)) throw new PluginLoadError(full, 'no such file');
  if (!TYPESCRIPT.has(ext) && !JAVASCRIPT.has(ext)) throw new PluginLoadError(full, 'expected a .ts or .js file');
  const instance = ++loads;
  let exports: Record<string, unknown>;
  try {
    // JavaScript is bundled too, so that imports of provided modules resolve the same way.
    exports = await importBundled(full, instance, provided);
  } catch (err) {
    throw new PluginLoadError(full, err instanceof Error ? err.message : String(err));
  }
  return { path: full, baseName: basename(full, extname(full)), exports };
}

async function importBundled(full: string, instance: number, provided: ProvidedModules): Promise<Record<string, unknown>> {
  const { build } = await import('esbuild');
  const url = pathToFileURL(full).href;
  const result = await build({
    entryPoints: [full],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [providedModulesPlugin(provided, instance)],
    // A module imported from memory has no file URL: give bundled CommonJS code a `require`
    // that resolves from the plugin's folder, and mark the instance so it is never cached.
    banner: {
      js: `import { createRequire as __vdm86_cr } from 'node:module'; const require = __vdm86_cr(${JSON.stringify(url)}); /* vdm86 plugin load ${instance} */`,
    },
  });
  const code = result.outputFiles[0].text;
  const g = globalThis as Record<symbol, Record<number, ProvidedModules> | undefined>;
  const store = (g[PROVIDED] ??= {});
  store[instance] = provided; // read once, while the module evaluates
  try {
    return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
  } finally {
    delete store[instance];
  }
}

/** Resolves each provided module to a stub that re-exports, by name, the host's live exports. */
function providedModulesPlugin(provided: ProvidedModules, instance: number): Plugin {
  const names = Object.keys(provided);
  const escape = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const filter = names.length ? new RegExp(`^(${names.map(escape).join('|')})$`) : /(?!)/;
  return {
    name: 'vdm86-provided-modules',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vdm86-provided' }));
      b.onLoad({ filter: /.*/, namespace: 'vdm86-provided' }, (args) => {
        const keys = Object.keys(provided[args.path] ?? {}).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
        const lines = [`const m = globalThis[Symbol.for(${JSON.stringify(PROVIDED_KEY)})][${instance}][${JSON.stringify(args.path)}];`];
        for (const k of keys) lines.push(`export const ${k} = m[${JSON.stringify(k)}];`);
        lines.push('export default m;');
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}
