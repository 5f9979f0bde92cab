// The INT 21h call in progress as the caller's stack holds it: the user frame DOS saves at entry
// (and PSP+2Eh points at), what a handler answers (done, wait and run again, control transferred),
// and the one place that acts on a call that runs again: IP back onto its BOP, then the machine
// sleeps for input or INT 28h runs first. See docs/DESIGN.md "The call protocol".
import { rd16, wr16 } from '../cpu/guest-memory';
import { rewindToBop } from '../cpu/bop';
import { PSP } from './layout';
import type { Kernel, CallState } from './kernel';
import { CALL_OUTCOME, type CallOutcome, type CallResult } from './int21';

export { CALL_OUTCOME, type CallOutcome, type CallResult };

/** The caller's registers as DOS saves them on the caller's stack at INT 21h entry (the "user
 *  frame"): AX first, then BX CX DX SI DI BP DS ES, then the IRET frame the INT pushed. PSP+2Eh
 *  holds SS:SP pointing at AX. */
export const USER_FRAME = {
  AX: 0x00,
  BX: 0x02,
  CX: 0x04,
  DX: 0x06,
  SI: 0x08,
  DI: 0x0a,
  BP: 0x0c,
  DS: 0x0e,
  ES: 0x10,
  IP: 0x12,
  CS: 0x14,
  FLAGS: 0x16,
  /** Bytes of saved registers below the IRET frame. */
  REGISTERS: 0x12,
  SIZE: 0x18,
} as const;

/** The one reading of how a call ended from what its handler returned, for every place that
 *  needs it (the dispatcher, the CP/M entry, INT 21h/0Ch running an input function, the kernel's
 *  own 3Fh/40h on a handle). */
export function callOutcome(call: CallState, result: CallResult): CallOutcome {
  if (call.idle === true) return CALL_OUTCOME.AGAIN;
  if (call.transferred) return CALL_OUTCOME.TRANSFERRED;
  return result === CALL_OUTCOME.AGAIN ? CALL_OUTCOME.AGAIN : CALL_OUTCOME.DONE;
}

/** The idle interrupt DOS issues while console functions wait for a key. */
export const INT_IDLE = 0x28;

/** Acts on a call whose outcome is AGAIN, from its BOP handler (the dispatcher): IP goes back onto
 *  the BOP so the same call runs again; then either the INT 28h it asked for runs first (it
 *  returns onto the BOP, with the caller's registers and InDOS still set, as DOS's keyboard wait
 *  loop does), or the machine sleeps until input or a timer event. */
export function runAgain(dos: Kernel, call: CallState): void {
  const cpu = dos.machine.cpu;
  cpu.ip = rewindToBop(cpu.ip);
  if (call.idle === true) cpu.interrupt(INT_IDLE);
  else dos.machine.sleepUntilInput();
}

/** Writes the caller's registers below its IRET frame and records SS:SP at PSP+2Eh. */
export function saveUserFrame(dos: Kernel, ss: number, sp: number): void {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const base = (sp - USER_FRAME.REGISTERS) & 0xffff;
  const regs = [cpu.ax, cpu.bx, cpu.cx, cpu.dx, cpu.si, cpu.di, cpu.bp, cpu.ds, cpu.es];
  for (let i = 0; i < regs.length; i++) wr16(mem, ss, base + i * 2, regs[i]);
  const psp = dos.currentPsp;
  if (psp !== 0) {
    wr16(mem, psp, PSP.SAVED_SS_SP, base);
    wr16(mem, psp, PSP.SAVED_SS_SP + 2, ss);
  }
}

/** Loads the registers saved by saveUserFrame at ss:base (AX..ES). */
export function restoreUserRegisters(dos: Kernel, ss: number, base: number): void {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  cpu.ax = rd16(mem, ss, base + USER_FRAME.AX);
  cpu.bx = rd16(mem, ss, base + USER_FRAME.BX);
  cpu.cx = rd16(mem, ss, base + USER_FRAME.CX);
  cpu.dx = rd16(mem, ss, base + USER_FRAME.DX);
  cpu.si = rd16(mem, ss, base + USER_FRAME.SI);
  cpu.di = rd16(mem, ss, base + USER_FRAME.DI);
  cpu.bp = rd16(mem, ss, base + USER_FRAME.BP);
  cpu.ds = rd16(mem, ss, base + USER_FRAME.DS);
  cpu.es = rd16(mem, ss, base + USER_FRAME.ES);
}

/** Forgets a pending Ctrl-C handler return (its process ended). */
export function forgetCtrlBreak(dos: Kernel): void {
  dos.state.breakFrame = null;
}

/** A console call waiting for a key asks for the idle interrupt (INT 28h) instead of sleeping;
 *  runAgain issues it once the handler has returned AGAIN. */
export function requestIdle(dos: Kernel): void {
  const c = dos.call;
  if (c) c.idle = true;
}
