// Loads a plugin file as a fresh ES module: TypeScript (.ts/.mts/.cts) is bundled on the fly with
// esbuild (imports resolved from the plugin's folder) and imported from memory; JavaScript is
// imported directly. Each load is a new module instance, so two machines never share a plugin's
// module-level state. The only host-side part of VDD loading; src/vdd turns the exports into a VDD.
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

export async function loadPlugin(path: string): Promise<LoadedPlugin> {
  const full = resolve(path);
  const ext = extname(full).toLowerCase();
  if (!existsSync(full)) throw new PluginLoadError(full, 'no such file');
  if (!TYPESCRIPT.has(ext) && !JAVASCRIPT.has(ext)) throw new PluginLoadError(full, 'expected a .ts or .js file');
  const instance = ++loads;
  let exports: Record<string, unknown>;
  try {
    if (TYPESCRIPT.has(ext)) exports = await importTypeScript(full, instance);
    else exports = (await import(`${pathToFileURL(full).href}?vdm86-load=${instance}`)) as Record<string, unknown>;
  } catch (err) {
    throw new PluginLoadError(full, err instanceof Error ? err.message : String(err));
  }
  return { path: full, baseName: basename(full, extname(full)), exports };
}

async function importTypeScript(full: string, instance: number): Promise<Record<string, unknown>> {
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
    // A module imported from memory has no file URL: give bundled CommonJS code a `require`
    // that resolves from the plugin's folder, and mark the instance so it is never cached.
    banner: {
      js: `import { createRequire as __vdm86_cr } from 'node:module'; const require = __vdm86_cr(${JSON.stringify(url)}); /* vdm86 plugin load ${instance} */`,
    },
  });
  const code = result.outputFiles[0].text;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
}
