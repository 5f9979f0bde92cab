// `--vdd-trace`: one line for every VDD BOP the guest executes and every call into VDD code (init
// and dispatch routines, I/O, memory and user hooks), with the guest registers on the way in and
// on the way out, so a plugin author can see what the guest passed and what the VDD left.
import type { Cpu } from '../cpu/cpu';
import { hex4 } from '../hw/board';

/** Receives each trace line (no newline). */
export type VddTrace = (line: string) => void;

/** The 8086 registers as the trace prints them. */
export function traceRegisters(cpu: Cpu): string {
  return (
    `AX=${hex4(cpu.ax)} BX=${hex4(cpu.bx)} CX=${hex4(cpu.cx)} DX=${hex4(cpu.dx)} ` +
    `SI=${hex4(cpu.si)} DI=${hex4(cpu.di)} BP=${hex4(cpu.bp)} SP=${hex4(cpu.sp)} ` +
    `DS=${hex4(cpu.ds)} ES=${hex4(cpu.es)} SS=${hex4(cpu.ss)} CS:IP=${hex4(cpu.cs)}:${hex4(cpu.ip)} FL=${hex4(cpu.flags)}`
  );
}

/** A value a hook returned, as hex (IN results), or nothing. */
export function traceResult(v: unknown): string {
  return typeof v === 'number' ? ` = ${v.toString(16).toUpperCase()}h` : '';
}
