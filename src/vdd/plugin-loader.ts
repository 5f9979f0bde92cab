// A plugin file's exports as a VDD module. A plugin is an ES module (TypeScript or JavaScript)
// whose exported functions are its routines, as a VDD DLL's exports are:
//   export const dllName = 'HOSTFILE';            // optional; default: the file name
//   export function VDDInit(vdd) { ... }          // names the guest passes to RegisterModule
//   export function VDDDispatch(vdd) { ... }
//   export function onAttach(vdd) { ... }         // optional: DllMain(DLL_PROCESS_ATTACH)
//   export function onDetach(vdd) { ... }         // optional: DllMain(DLL_PROCESS_DETACH)
// A default export that is an object is read the same way (CommonJS `module.exports = {...}`),
// and one that is already a VddModule ({ name, routines }) is taken as it is.
import { SourceMap } from 'node:module';
import { resolve } from 'node:path';
import { loadPlugin } from '../host/plugin-loader';
import { setStackFrameMapper } from './errors';
import * as vddApi from './index';
import type { VddModule, VddRoutine } from './registry';

const LIFECYCLE = new Set(['dllName', 'onAttach', 'onDetach', 'default']);

function isVddModule(v: unknown): v is VddModule {
  const m = v as VddModule;
  return !!m && typeof m === 'object' && typeof m.name === 'string' && !!m.routines && typeof m.routines === 'object';
}

export function vddModuleFromExports(baseName: string, exports: Record<string, unknown>): VddModule {
  const def = exports.default;
  if (isVddModule(def)) return def;
  const sources = [def && typeof def === 'object' ? (def as Record<string, unknown>) : {}, exports];
  const routines: Record<string, VddRoutine> = {};
  let name = baseName;
  let onAttach: VddModule['onAttach'];
  let onDetach: VddModule['onDetach'];
  for (const src of sources) {
    for (const [key, value] of Object.entries(src)) {
      if (key === 'dllName' && typeof value === 'string') name = value;
      else if (key === 'onAttach' && typeof value === 'function') onAttach = value as VddModule['onAttach'];
      else if (key === 'onDetach' && typeof value === 'function') onDetach = value as VddModule['onDetach'];
      else if (!LIFECYCLE.has(key) && typeof value === 'function') routines[key] = value as VddRoutine;
    }
  }
  return { name, routines, onAttach, onDetach };
}

/** What a plugin's `import ... from 'vdm86'` gets: the package's whole main entry once
 *  src/index.ts has registered it (so the names a plugin imports at run time are exactly the
 *  names its types offer: VERSION, runProgram, MemoryHostObject, ...), else the VDD API alone
 *  (a host that built its machine from src/vdd without the main entry). */
let runtimeApi: Record<string, unknown> | null = null;

/** Called by the package's main entry with its own namespace. */
export function providePluginApi(api: Record<string, unknown>): void {
  runtimeApi = api;
}

/** Loads `path` (.ts or .js, bundled with esbuild) as a VDD module. A plugin's imports from
 *  'vdm86' get this running copy's exports (MemoryHostObject, ACCESS, ...), not a second copy. */
export async function loadVddPlugin(path: string): Promise<VddModule> {
  const p = await loadPlugin(path, { vdm86: runtimeApi ?? (vddApi as unknown as Record<string, unknown>) });
  return vddModuleFromExports(p.baseName, p.exports);
}

// A plugin runs as a module imported from a data: URL with its source map inline; Node does not
// map such frames, so the VDD layer's error reports do it here: the frame's own URL holds the
// code, the code holds the map.
const DATA_FRAME = /data:text\/javascript;base64,([A-Za-z0-9+/=]+):(\d+):(\d+)/;
const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)/;
const maps = new Map<string, SourceMap | null>();

function sourceMapOf(codeBase64: string): SourceMap | null {
  let map = maps.get(codeBase64);
  if (map === undefined) {
    const m = INLINE_MAP.exec(Buffer.from(codeBase64, 'base64').toString('utf8'));
    map = m ? new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'))) : null;
    maps.set(codeBase64, map);
  }
  return map;
}

function mapPluginFrame(frame: string): string | null {
  const m = DATA_FRAME.exec(frame);
  if (!m) return null;
  const map = sourceMapOf(m[1]);
  const entry = map?.findEntry(Number(m[2]) - 1, Number(m[3]) - 1) as
    | { originalSource?: string; originalLine?: number; originalColumn?: number }
    | undefined;
  const where =
    entry && entry.originalSource !== undefined
      ? `${resolve(entry.originalSource)}:${(entry.originalLine ?? 0) + 1}:${(entry.originalColumn ?? 0) + 1}`
      : 'plugin';
  return frame.replace(m[0], where).replace(/^(\s+at )Module\./, '$1');
}

setStackFrameMapper(mapPluginFrame);
