// The guest's door to the VDDs: BOP 58h with a sub-function byte after it (isvbop.inc) —
// C4 C4 58 00 RegisterModule, C4 C4 58 01 UnRegisterModule, C4 C4 58 02 DispatchCall — and BOP FEh
// (VDDUnSimulate16), which ends a nested simulate16 run. The BOP is inline code, not an INT, so
// results go to the live registers and flags.
import { faultAt, hex4, type Board } from '../hw/board';
import { BOP_UNSIMULATE, BOP_VDD, rewindToBop } from '../cpu/bop';
import { FLAG } from '../cpu/cpu';
import { rd8, readAsciiz } from '../cpu/guest-memory';
import { REGISTER_ERROR, type VddRegistry, type VddRoutine } from './registry';
import type { Simulator } from './simulate';
import { traceRegisters, type VddTrace } from './trace';

/** The byte after C4 C4 58. */
export const VDD_BOP_FUNCTION = {
  REGISTER_MODULE: 0x00,
  UNREGISTER_MODULE: 0x01,
  DISPATCH_CALL: 0x02,
} as const;

/** Longest DLL or routine name read from the guest. */
const MAX_NAME = 260;

/** Runs a VDD routine (`what`, e.g. "dispatch routine Foo", of VDD `vdd`); a host exception in
 *  it ends the run with a fault naming the VDD and the phase. */
export type VddCaller = (what: string, vdd: string, fn: () => void) => void;

export function installVddBops(
  machine: Board,
  registry: VddRegistry,
  simulator: Simulator,
  call: VddCaller,
  trace: VddTrace | null = null,
): void {
  const cpu = machine.cpu;
  const mem = machine.mem;

  const fault = (message: string) => machine.terminate(faultAt(cpu, message));

  const fail = (code: number) => {
    cpu.ax = code;
    cpu.setFlag(FLAG.CF, true);
  };

  // RegisterModule: DS:SI -> DLL name, ES:DI -> init routine name (ES=DI=0: none), DS:BX ->
  // dispatch routine name. CF=0 AX=handle, or CF=1 AX=4 full, 1 no DLL, 3 no init, 2 no
  // dispatch, checked in that order (NTVDM takes a free slot first, then loads the DLL, then
  // looks up the init routine before the dispatch routine).
  function registerModule(): void {
    const dllName = readAsciiz(mem, cpu.ds, cpu.si, MAX_NAME);
    const initName = cpu.es === 0 && cpu.di === 0 ? null : readAsciiz(mem, cpu.es, cpu.di, MAX_NAME);
    const dispatchName = readAsciiz(mem, cpu.ds, cpu.bx, MAX_NAME);
    if (registry.full) return fail(REGISTER_ERROR.NO_MEMORY);
    const loaded = registry.findModule(dllName);
    if (!loaded) return fail(REGISTER_ERROR.DLL_NOT_FOUND);
    const init = initName === null ? null : routine(loaded.module.routines, initName);
    if (initName !== null && !init) return fail(REGISTER_ERROR.INIT_NOT_FOUND);
    const dispatch = routine(loaded.module.routines, dispatchName);
    if (!dispatch) return fail(REGISTER_ERROR.DISPATCH_NOT_FOUND);
    const handle = registry.register(loaded, dispatchName, dispatch);
    if (!handle) return fail(REGISTER_ERROR.NO_MEMORY);
    if (init) {
      // The init routine sees the caller's registers. NTVDM calls it for its side effects and
      // does not look at what it returns: the registration stands whatever it leaves in CF.
      call(`init routine ${initName}`, loaded.module.name, () => init(loaded.service));
      if (machine.end) return;
    }
    cpu.ax = handle;
    cpu.setFlag(FLAG.CF, false);
  }

  function unregisterModule(): void {
    const handle = cpu.ax;
    if (!registry.unregister(handle)) fault(`VDD UnRegisterModule: invalid handle ${hex4(handle)}h`);
  }

  // DispatchCall: AX = handle; back to the next instruction with whatever the VDD set.
  function dispatchCall(): void {
    const handle = cpu.ax;
    const reg = registry.lookup(handle);
    if (!reg) return fault(`VDD DispatchCall: invalid handle ${hex4(handle)}h`);
    call(`dispatch routine ${reg.dispatchName}`, reg.module.module.name, () => reg.dispatch(reg.module.service));
  }

  const NAMES = ['RegisterModule', 'UnRegisterModule', 'DispatchCall'];

  function traced(sub: number, fn: () => void): void {
    if (!trace) return fn();
    const at = `${hex4(cpu.cs)}:${hex4((cpu.ip - 4) & 0xffff)}`;
    let what = NAMES[sub] ?? `sub-function ${sub}`;
    if (sub === VDD_BOP_FUNCTION.REGISTER_MODULE) {
      const init = cpu.es === 0 && cpu.di === 0 ? '(none)' : JSON.stringify(readAsciiz(mem, cpu.es, cpu.di, MAX_NAME));
      what += ` ${JSON.stringify(readAsciiz(mem, cpu.ds, cpu.si, MAX_NAME))} init ${init} dispatch ${JSON.stringify(readAsciiz(mem, cpu.ds, cpu.bx, MAX_NAME))}`;
    }
    trace(`BOP 58h ${what} at ${at} <- ${traceRegisters(cpu)}`);
    fn();
    trace(`BOP 58h ${NAMES[sub] ?? sub} -> ${traceRegisters(cpu)}`);
  }

  machine.bops.set(BOP_VDD, () => {
    const sub = rd8(mem, cpu.cs, cpu.ip);
    cpu.ip = (cpu.ip + 1) & 0xffff;
    traced(sub, () => dispatchBop(sub));
  });

  function dispatchBop(sub: number): void {
    switch (sub) {
      case VDD_BOP_FUNCTION.REGISTER_MODULE:
        return registerModule();
      case VDD_BOP_FUNCTION.UNREGISTER_MODULE:
        return unregisterModule();
      case VDD_BOP_FUNCTION.DISPATCH_CALL:
        return dispatchCall();
      default:
        return fault(`VDD BOP 58h: unknown sub-function ${sub.toString(16).toUpperCase().padStart(2, '0')}h`);
    }
  }

  machine.bops.set(BOP_UNSIMULATE, () => {
    trace?.(`BOP FEh VDDUnSimulate16 at ${hex4(cpu.cs)}:${hex4(rewindToBop(cpu.ip))} <- ${traceRegisters(cpu)}`);
    if (!simulator.unsimulate()) fault('VDDUnSimulate16 (BOP FEh) with no simulate16 in progress');
  });
}

/** An exported routine by exact name (GetProcAddress is case-sensitive); own properties only,
 *  so "constructor" or "toString" never resolve to something the module did not export. */
function routine(routines: Record<string, VddRoutine>, name: string): VddRoutine | null {
  if (!name || !Object.prototype.hasOwnProperty.call(routines, name)) return null;
  const fn = routines[name];
  return typeof fn === 'function' ? fn : null;
}
