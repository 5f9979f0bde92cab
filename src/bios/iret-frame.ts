// Status returned through the interrupt frame: a BIOS or DOS service reached by `BOP nn / IRET`
// reports CF and ZF by editing the FLAGS word its INT pushed, which sits at SS:SP+4 while the
// BOP runs (the stub has pushed nothing else), so the caller's IRET brings the result back.
import { FLAG, type Cpu } from '../cpu/cpu';
import { rd16, wr16 } from '../cpu/guest-memory';

/** Offset of the pushed FLAGS word from SS:SP inside a `BOP nn / IRET` stub. */
export const IRET_FLAGS = 4;
export const IRET_IP = 0;
export const IRET_CS = 2;

/** Sets or clears `mask` in the FLAGS word of the IRET frame at ss:sp (IP, CS, FLAGS). */
export function setFrameFlag(mem: Uint8Array, ss: number, sp: number, mask: number, on: boolean): void {
  const f = rd16(mem, ss, sp + IRET_FLAGS);
  wr16(mem, ss, sp + IRET_FLAGS, on ? f | mask : f & ~mask);
}

/** A BIOS service's result flag: in the IRET frame at the live SS:SP (the stub's own INT frame)
 *  and in the live flags too, for callers that reach the handler without an INT. Not the DOS
 *  kernel's Kernel.setCallerFlag, which writes the INT 21h caller's saved frame only. */
export function setIretAndLiveFlag(cpu: Cpu, mask: number, on: boolean): void {
  setFrameFlag(cpu.mem, cpu.ss, cpu.sp, mask, on);
  cpu.setFlag(mask, on);
}

export function setReturnCarry(cpu: Cpu, on: boolean): void {
  setIretAndLiveFlag(cpu, FLAG.CF, on);
}

export function setReturnZero(cpu: Cpu, on: boolean): void {
  setIretAndLiveFlag(cpu, FLAG.ZF, on);
}

/** The CS:IP the INT will return to (where the caller resumes). */
export function returnAddress(cpu: Cpu): { cs: number; ip: number } {
  return { ip: rd16(cpu.mem, cpu.ss, cpu.sp + IRET_IP), cs: rd16(cpu.mem, cpu.ss, cpu.sp + IRET_CS) };
}
