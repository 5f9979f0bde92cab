// The INT 21h call in progress as the caller's stack holds it: the user frame DOS saves at entry
// (and PSP+2Eh points at), and the two ways a call runs again - IP wound back onto its BOP after a
// wait, or INT 28h issued while waiting. The dispatcher (interrupts.ts) acts on both; see
// docs/DESIGN.md "The call protocol".
import { rd16, wr16 } from '../cpu/guest-memory';
import { rewindToBop } from '../cpu/bop';
import { PSP } from './layout';
import type { Kernel } from './kernel';

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

/** Whether IP was moved back onto the BOP that ran at `ipBefore` (the call runs again). */
export function rewoundOntoBop(ip: number, ipBefore: number): boolean {
  return ip === rewindToBop(ipBefore);
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

/** True when the call in progress will run again (it waits for input or issued INT 28h). */
export function callRunsAgain(dos: Kernel, ipBefore: number): boolean {
  const c = dos.call;
  return c?.idle === true || rewoundOntoBop(dos.machine.cpu.ip, ipBefore);
}
