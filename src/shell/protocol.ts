// The protocol between vdm86's COMMAND.COM (roms/shell/command.asm) and src/shell/: the guest
// runs BOP SHELL with CS:BX pointing at a request block; the block carries what the guest has
// to report (op) and, on return, what TypeScript asks for next (the same op word). The layout
// must match the B_* constants of command.asm.

/** Request block offsets (words). */
export const BLOCK = {
  OP: 0x00,
  AX: 0x02,
  BX: 0x04,
  CX: 0x06,
  DX: 0x08,
  SI: 0x0a,
  DI: 0x0c,
  DS: 0x0e,
  ES: 0x10,
  FLAGS: 0x12,
  SCRATCH: 0x14,
  SCRATCH_SIZE: 0x16,
  /** 0x18-0x1B: the guest's own SS:SP while a call runs. */
  VECTOR: 0x1c,
} as const;

/** What the guest reports. */
export const OP = {
  START: 1,
  RESULT: 2,
  BREAK: 3,
  INT2E: 4,
} as const;

/** What TypeScript asks for. */
export const REQ = {
  /** Issue INT VECTOR (21h; 10h for CLS) with the block's registers. */
  INT: 1,
  RETURN: 2,
  EXIT: 3,
} as const;

/** The registers of an INT 21h call, in and out. */
export interface Regs {
  ax: number;
  bx: number;
  cx: number;
  dx: number;
  si: number;
  di: number;
  ds: number;
  es: number;
  /** The interrupt to issue; 21h when absent. */
  vector?: number;
}

/** The registers after the call, with its flags. */
export interface Reply extends Regs {
  flags: number;
}

/** A shell computation: yields INT 21h requests, receives their results, returns T. */
export type Syscall<T> = Generator<Regs, T, Reply>;

/** Thrown into a shell computation when Ctrl-C reached the shell's INT 23h handler. */
export class CtrlBreak extends Error {
  override name = 'CtrlBreak';
}

export const CARRY = 0x0001;
