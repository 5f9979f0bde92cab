// The eight ALU operations of opcodes 00h-3Fh and groups 80h-83h (ADD OR ADC SBB AND SUB XOR
// CMP, in ModRM reg order), INC/DEC/NEG, and the branch conditions of Jcc. Flags are recorded
// lazily (flags.ts); results come back masked to the operand width.
import type { CpuState } from './state';
import { LAZY, sext8, sext16 } from './flags';

/** ALU operation numbers (the reg field of groups 80h-83h, bits 3-5 of opcodes 00h-3Fh). */
export const ALU = { ADD: 0, OR: 1, ADC: 2, SBB: 3, AND: 4, SUB: 5, XOR: 6, CMP: 7 } as const;

/** Byte ALU operation; for CMP the caller discards the result. */
export function alu8(c: CpuState, op: number, a: number, b: number): number {
  let r: number;
  switch (op) {
    case ALU.ADD:
      r = (a + b) & 0xff;
      c.lazy(LAZY.ADD8, a, b, sext8(r));
      return r;
    case ALU.OR:
      r = a | b;
      c.lazy(LAZY.LOGIC8, a, b, sext8(r));
      return r;
    case ALU.ADC:
      r = (a + b + c.cf()) & 0xff;
      c.lazy(LAZY.ADC8, a, b, sext8(r));
      return r;
    case ALU.SBB:
      r = (a - b - c.cf()) & 0xff;
      c.lazy(LAZY.SBB8, a, b, sext8(r));
      return r;
    case ALU.AND:
      r = a & b;
      c.lazy(LAZY.LOGIC8, a, b, sext8(r));
      return r;
    case ALU.XOR:
      r = a ^ b;
      c.lazy(LAZY.LOGIC8, a, b, sext8(r));
      return r;
    default: // SUB, CMP
      r = (a - b) & 0xff;
      c.lazy(LAZY.SUB8, a, b, sext8(r));
      return r;
  }
}

/** Word ALU operation; for CMP the caller discards the result. */
export function alu16(c: CpuState, op: number, a: number, b: number): number {
  let r: number;
  switch (op) {
    case ALU.ADD:
      r = (a + b) & 0xffff;
      c.lazy(LAZY.ADD16, a, b, sext16(r));
      return r;
    case ALU.OR:
      r = a | b;
      c.lazy(LAZY.LOGIC16, a, b, sext16(r));
      return r;
    case ALU.ADC:
      r = (a + b + c.cf()) & 0xffff;
      c.lazy(LAZY.ADC16, a, b, sext16(r));
      return r;
    case ALU.SBB:
      r = (a - b - c.cf()) & 0xffff;
      c.lazy(LAZY.SBB16, a, b, sext16(r));
      return r;
    case ALU.AND:
      r = a & b;
      c.lazy(LAZY.LOGIC16, a, b, sext16(r));
      return r;
    case ALU.XOR:
      r = a ^ b;
      c.lazy(LAZY.LOGIC16, a, b, sext16(r));
      return r;
    default: // SUB, CMP
      r = (a - b) & 0xffff;
      c.lazy(LAZY.SUB16, a, b, sext16(r));
      return r;
  }
}

export function inc8(c: CpuState, a: number): number {
  const r = (a + 1) & 0xff;
  c.lazy(LAZY.INC8, a, 1, sext8(r));
  return r;
}
export function dec8(c: CpuState, a: number): number {
  const r = (a - 1) & 0xff;
  c.lazy(LAZY.DEC8, a, 1, sext8(r));
  return r;
}
export function inc16(c: CpuState, a: number): number {
  const r = (a + 1) & 0xffff;
  c.lazy(LAZY.INC16, a, 1, sext16(r));
  return r;
}
export function dec16(c: CpuState, a: number): number {
  const r = (a - 1) & 0xffff;
  c.lazy(LAZY.DEC16, a, 1, sext16(r));
  return r;
}

/** NEG: 0 - a, with CF set unless a was 0. */
export function neg8(c: CpuState, a: number): number {
  const r = -a & 0xff;
  c.lazy(LAZY.SUB8, 0, a, sext8(r));
  return r;
}
export function neg16(c: CpuState, a: number): number {
  const r = -a & 0xffff;
  c.lazy(LAZY.SUB16, 0, a, sext16(r));
  return r;
}

/** The 16 branch conditions of Jcc (70h-7Fh, and their 8086 aliases 60h-6Fh), by the low
 *  nibble of the opcode: O NO B AE E NE BE A S NS P NP L GE LE G. */
export function condition(c: CpuState, cc: number): boolean {
  let t: boolean;
  switch (cc >> 1) {
    case 0:
      t = c.of();
      break;
    case 1:
      t = c.cf() !== 0;
      break;
    case 2:
      t = c.zf();
      break;
    case 3:
      t = c.cf() !== 0 || c.zf();
      break;
    case 4:
      t = c.sf();
      break;
    case 5:
      t = c.pf();
      break;
    case 6:
      t = c.sf() !== c.of();
      break;
    default:
      t = c.zf() || c.sf() !== c.of();
      break;
  }
  return (cc & 1) === 0 ? t : !t;
}
