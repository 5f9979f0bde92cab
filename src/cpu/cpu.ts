// PLACEHOLDER written by the integrator to fix the public API; the CPU work replaces the body.
// Everything declared `public` here is the contract other layers (hw, bios, dos, vdd, machine)
// code against; keep these names and meanings.
import type { IoBus } from './bus';
import { MEMORY_SIZE } from './guest-memory';

/** FLAGS bits. */
export const FLAG = {
  CF: 0x0001,
  PF: 0x0004,
  AF: 0x0010,
  ZF: 0x0040,
  SF: 0x0080,
  TF: 0x0100,
  IF: 0x0200,
  DF: 0x0400,
  OF: 0x0800,
} as const;

/** What the CPU asks the interrupt controller when INTR is raised and IF=1. */
export interface InterruptController {
  /** INTA: returns the vector number of the highest-priority pending request. */
  acknowledge(): number;
}

export class Cpu {
  /** 1 MiB physical memory; addresses wrap at 0xFFFFF. */
  readonly mem: Uint8Array = new Uint8Array(MEMORY_SIZE);
  io: IoBus;

  // 16-bit registers (getters/setters may hide a different internal representation)
  ax = 0; bx = 0; cx = 0; dx = 0; sp = 0; bp = 0; si = 0; di = 0;
  cs = 0; ds = 0; es = 0; ss = 0; ip = 0;
  // 8-bit halves
  get al(): number { return this.ax & 0xff; } set al(v: number) { this.ax = (this.ax & 0xff00) | (v & 0xff); }
  get ah(): number { return this.ax >>> 8; } set ah(v: number) { this.ax = (this.ax & 0xff) | ((v & 0xff) << 8); }
  get bl(): number { return this.bx & 0xff; } set bl(v: number) { this.bx = (this.bx & 0xff00) | (v & 0xff); }
  get bh(): number { return this.bx >>> 8; } set bh(v: number) { this.bx = (this.bx & 0xff) | ((v & 0xff) << 8); }
  get cl(): number { return this.cx & 0xff; } set cl(v: number) { this.cx = (this.cx & 0xff00) | (v & 0xff); }
  get ch(): number { return this.cx >>> 8; } set ch(v: number) { this.cx = (this.cx & 0xff) | ((v & 0xff) << 8); }
  get dl(): number { return this.dx & 0xff; } set dl(v: number) { this.dx = (this.dx & 0xff00) | (v & 0xff); }
  get dh(): number { return this.dx >>> 8; } set dh(v: number) { this.dx = (this.dx & 0xff) | ((v & 0xff) << 8); }
  /** The FLAGS word as PUSHF would push it (8086: bits 12-15 and bit 1 read as 1). Setting it
   *  loads every flag, as POPF does. */
  flags = 0xf002;
  getFlag(mask: number): boolean { return (this.flags & mask) !== 0; }
  setFlag(mask: number, on: boolean): void { this.flags = on ? this.flags | mask : this.flags & ~mask; }

  /** Called for C4 C4 nn when bopEnabled; CS:IP already points past the three bytes. */
  onBop: ((n: number) => void) | null = null;
  bopEnabled = false;

  /** INTR line: the PIC raises it; the CPU samples it between instructions when IF=1. */
  intr = false;
  pic: InterruptController | null = null;
  /** True after HLT until an interrupt is taken. run() returns at once while halted and no
   *  interrupt can be taken. */
  halted = false;

  /** Page-granular memory hooks (4 KiB pages, 256 of them): when pageHooks[linear >>> 12] is
   *  nonzero, onPageHook(linear, isWrite) is called before the access, which then proceeds. */
  readonly pageHooks: Uint8Array = new Uint8Array(256);
  onPageHook: ((linear: number, isWrite: boolean) => void) | null = null;
  /** Call after changing pageHooks so the fast path knows whether to look. */
  pageHooksChanged(): void {}

  /** Instructions executed since construction (a REP string instruction counts once per iteration). */
  instructions = 0;

  constructor(io: IoBus) {
    this.io = io;
  }

  /** Performs the INT n sequence: push FLAGS, CS, IP; clear IF and TF; load CS:IP from the IVT. */
  interrupt(vector: number): void {
    throw new Error(`cpu not implemented (interrupt ${vector})`);
  }

  /** Executes up to `budget` instructions; returns how many ran. Returns early when stop() is
   *  called (from a BOP or port handler) or when the CPU halts with no interrupt to take. */
  run(budget: number): number {
    throw new Error(`cpu not implemented (run ${budget})`);
  }

  /** Asks run() to return after the current instruction. */
  stop(): void {}

  /** Resets to the 8086 power-on state (CS=FFFFh, IP=0, flags clear). */
  reset(): void {}
}
