// The loaded VDD modules and the RegisterModule handles the guest holds. A module plays the part
// of an NTVDM VDD DLL: the DLL name the guest passes picks it (case-insensitive, path and ".DLL"
// optional) and the init and dispatch names pick its exported routines (case-sensitive, as
// GetProcAddress is).
import type { VddService } from './service';

/** A routine the guest reaches by name (init or dispatch); it reads and sets guest registers
 *  through the service object. */
export type VddRoutine = (vdd: VddService) => void;

/** A VDD as the bridge sees it: the TypeScript stand-in for an NTVDM VDD DLL. */
export interface VddModule {
  /** The DLL name, e.g. "HOSTFILE" (".DLL" optional). */
  name: string;
  /** Exported routines by name, for RegisterModule's init and dispatch names. */
  routines: Record<string, VddRoutine>;
  /** Called once when the bridge attaches the module, before the guest runs: the counterpart of
   *  DllMain(DLL_PROCESS_ATTACH) for a VDD listed in the registry (the place to install I/O
   *  hooks for a device that unmodified programs drive). */
  onAttach?(vdd: VddService): void;
  /** Called when the bridge is disposed (DllMain(DLL_PROCESS_DETACH)). */
  onDetach?(vdd: VddService): void;
}

/** RegisterModule's error codes (AX with CF=1). */
export const REGISTER_ERROR = {
  DLL_NOT_FOUND: 1,
  DISPATCH_NOT_FOUND: 2,
  INIT_NOT_FOUND: 3,
  NO_MEMORY: 4,
} as const;

/** How many RegisterModule handles may be live at once; one more answers error 4. NTVDM's own
 *  tables differ (OpenNT keeps 10, ReactOS 256): 64 is vdm86's choice, enough for any real
 *  program (each VDD client registers once or twice) and settable with maxRegistrations. */
export const DEFAULT_MAX_REGISTRATIONS = 64;

export interface Registration {
  module: LoadedVdd;
  dispatch: VddRoutine;
  dispatchName: string;
}

export interface LoadedVdd {
  module: VddModule;
  service: VddService;
}

/** "C:\NT\SYSTEM32\HostFile.dll" -> "HOSTFILE". */
export function dllKey(name: string): string {
  const base = name.split(/[\\/:]/).pop() ?? '';
  return base.replace(/\.dll$/i, '').toUpperCase();
}

export class VddRegistry {
  private readonly modules: LoadedVdd[] = [];
  /** Slot i holds handle i+1; 0 is never a handle (NTVDM: "AX = handle, non-zero"). */
  private readonly slots: (Registration | null)[];

  constructor(readonly maxRegistrations = DEFAULT_MAX_REGISTRATIONS) {
    this.slots = new Array(maxRegistrations).fill(null);
  }

  addModule(loaded: LoadedVdd): void {
    const key = dllKey(loaded.module.name);
    if (!key) throw new Error('a VDD module needs a name');
    if (this.findModule(key)) throw new Error(`two VDD modules are named ${key}`);
    this.modules.push(loaded);
  }

  findModule(dllName: string): LoadedVdd | undefined {
    const key = dllKey(dllName);
    return this.modules.find((m) => dllKey(m.module.name) === key);
  }

  allModules(): readonly LoadedVdd[] {
    return this.modules;
  }

  /** Takes a free handle, or returns 0 when every slot is in use. */
  register(module: LoadedVdd, dispatchName: string, dispatch: VddRoutine): number {
    const i = this.slots.indexOf(null);
    if (i < 0) return 0;
    this.slots[i] = { module, dispatch, dispatchName };
    return i + 1;
  }

  /** True when every slot is in use (RegisterModule answers error 4 before it looks further). */
  get full(): boolean {
    return !this.slots.includes(null);
  }

  lookup(handle: number): Registration | null {
    return handle >= 1 && handle <= this.slots.length ? this.slots[handle - 1] : null;
  }

  unregister(handle: number): boolean {
    if (!this.lookup(handle)) return false;
    this.slots[handle - 1] = null;
    return true;
  }

  get liveHandles(): number {
    return this.slots.filter((s) => s !== null).length;
  }
}
