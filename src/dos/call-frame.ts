// The INT 21h call in progress as the caller's stack holds it: the user frame DOS saves at entry
// (and PSP+2Eh points at), and the two ways a call runs again - IP wound back onto its BOP after a
// wait, or INT 28h issued while waiting. The dispatcher (interrupts.ts) acts on both; see
// docs/DESIGN.md "The call protocol".
import { rd16, wr16 } from '../cpu/guest-memory';
import { rewindToBop } from '../cpu/bop';
import { PSP } from './layout';
import type { Kernel, CallState } from './kernel';

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

/** What became of an INT 21h call once its handler returned. */
export const CALL_OUTCOME = {
  /** It is finished: the caller gets its registers and the flags in its IRET frame. */
  DONE: 'done',
  /** It waits (for input, or for the INT 28h it issued): IP is on its BOP, it runs again with the
   *  same frame, and InDOS stays up meanwhile. */
  AGAIN: 'again',
  /** It does not return to its caller (EXEC started a child, a process ended, a Ctrl-C handler
   *  was entered): the CPU state is already the new one. */
  TRANSFERRED: 'transferred',
} as const;
export type CallOutcome = (typeof CALL_OUTCOME)[keyof typeof CALL_OUTCOME];

/** The one reading of how a call ended, for every place that acts on it (the dispatcher, the
 *  CP/M entry, INT 21h/0Ch running an input function). `ipBefore` is IP after its BOP ran: a
 *  handler that must wait calls machine.waitForInput(), which winds IP back onto the BOP. */
export function callOutcome(dos: Kernel, call: CallState, ipBefore: number): CallOutcome {
  if (call.idle === true) return CALL_OUTCOME.AGAIN;
  if (call.transferred) return CALL_OUTCOME.TRANSFERRED;
  return dos.machine.cpu.ip === rewindToBop(ipBefore) ? CALL_OUTCOME.AGAIN : CALL_OUTCOME.DONE;
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

/** A console call waiting for a key issues the idle interrupt (INT 28h) as DOS does: it returns
 *  onto the INT 21h BOP, so the call runs again with the caller's registers and InDOS still set. */
export function issueIdle(dos: Kernel, vector: number): void {
  const c = dos.call;
  if (!c) return;
  const cpu = dos.machine.cpu;
  cpu.ip = rewindToBop(cpu.ip);
  c.idle = true;
  cpu.interrupt(vector);
}
