// Decimal adjust instructions: DAA, DAS (packed BCD), AAA, AAS, AAM, AAD (unpacked BCD), as the
// 8086 performs them. AAM with a zero base is a divide error.
import type { CpuState } from './state';
import { REG } from './state';
import { FLAG, ARITH_FLAGS, szp, sext8 } from './flags';
import { divideOverflowFlags } from './muldiv';

const CF_AF = FLAG.CF | FLAG.AF;

/** DAA/DAS adjust the high digit when AL was above this (or CF was set). On the 8086 the limit
 *  is 9Fh rather than 99h when AF was set on entry. */
function highLimit(flags: number): number {
  return flags & FLAG.AF ? 0x9f : 0x99;
}

export function daa(c: CpuState): void {
  const f = c.getFlags();
  const old = c.regs[REG.AX] & 0xff;
  let al = old;
  let flags = 0;
  if ((al & 0x0f) > 9 || f & FLAG.AF) {
    al += 6;
    flags |= FLAG.AF;
  }
  if (old > highLimit(f) || f & FLAG.CF) {
    al += 0x60;
    flags |= FLAG.CF;
  }
  al &= 0xff;
  c.regs8[0] = al;
  c.setArith(ARITH_FLAGS & ~FLAG.OF, flags | szp(sext8(al)));
}

export function das(c: CpuState): void {
  const f = c.getFlags();
  const old = c.regs[REG.AX] & 0xff;
  let al = old;
  let flags = 0;
  if ((al & 0x0f) > 9 || f & FLAG.AF) {
    al -= 6;
    flags |= FLAG.AF;
  }
  if (old > highLimit(f) || f & FLAG.CF) {
    al -= 0x60;
    flags |= FLAG.CF;
  }
  al &= 0xff;
  c.regs8[0] = al;
  c.setArith(ARITH_FLAGS & ~FLAG.OF, flags | szp(sext8(al)));
}

export function aaa(c: CpuState): void {
  const f = c.getFlags();
  let al = c.regs8[0];
  let ah = c.regs8[1];
  let flags = 0;
  if ((al & 0x0f) > 9 || f & FLAG.AF) {
    al += 6;
    ah += 1;
    flags = CF_AF;
  }
  c.regs8[0] = al & 0x0f;
  c.regs8[1] = ah;
  c.setArith(CF_AF, flags);
}

export function aas(c: CpuState): void {
  const f = c.getFlags();
  let al = c.regs8[0];
  let ah = c.regs8[1];
  let flags = 0;
  if ((al & 0x0f) > 9 || f & FLAG.AF) {
    al -= 6;
    ah -= 1;
    flags = CF_AF;
  }
  c.regs8[0] = al & 0x0f;
  c.regs8[1] = ah;
  c.setArith(CF_AF, flags);
}

/** AAM base: AH = AL / base, AL = AL % base. Returns false on a divide error (base 0). */
export function aam(c: CpuState, base: number): boolean {
  if (base === 0) {
    // The microcode's division starts by comparing the (zero) high half with the divisor.
    divideOverflowFlags(c, 0, 0, false);
    return false;
  }
  const al = c.regs8[0];
  const lo = al % base;
  c.regs8[1] = Math.floor(al / base);
  c.regs8[0] = lo;
  c.setArith(FLAG.SF | FLAG.ZF | FLAG.PF, szp(sext8(lo)));
  return true;
}

/** AAD base: AL = AH * base + AL, AH = 0. */
export function aad(c: CpuState, base: number): void {
  const al = (c.regs8[1] * base + c.regs8[0]) & 0xff;
  c.regs[REG.AX] = al;
  c.setArith(FLAG.SF | FLAG.ZF | FLAG.PF, szp(sext8(al)));
}
