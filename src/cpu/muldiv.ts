// MUL, IMUL, DIV and IDIV (groups F6h/F7h, reg 4-7) with the 8086's own behaviour:
// - the divide error leaves the flags of the microcode's last ALU step: the first step compares
//   the dividend's high half with the divisor (a quotient that would not fit faults there); for
//   IDIV a quotient of 80h/8000h or more in magnitude faults after the last step of the
//   shift-subtract loop, so IDIV's most negative quotient (-128 / -32768) faults too;
// - a REP prefix negates the result of IMUL and IDIV (the microcode keeps the sign in the flag
//   that records the REP prefix).
import type { CpuState } from './state';
import { REG } from './state';
import { FLAG, ARITH_FLAGS, LAZY, lazyFlags, sext8, sext16 } from './flags';

/** Flags of the subtraction a - b at the given width (all six). */
function subFlags(a: number, b: number, wide: boolean): number {
  const r = a - b;
  return wide ? lazyFlags(LAZY.SUB16, a, b, sext16(r), 0) : lazyFlags(LAZY.SUB8, a, b, sext8(r), 0);
}

/** Sets the flags the 8086 shows after a divide error found at the first step. */
export function divideOverflowFlags(c: CpuState, high: number, divisor: number, wide: boolean): void {
  c.setArith(ARITH_FLAGS, subFlags(high, divisor, wide));
}

export function mul8(c: CpuState, v: number): void {
  const p = (c.regs[REG.AX] & 0xff) * v;
  c.regs[REG.AX] = p;
  c.setArith(FLAG.CF | FLAG.OF, p > 0xff ? FLAG.CF | FLAG.OF : 0);
}

export function mul16(c: CpuState, v: number): void {
  const p = c.regs[REG.AX] * v;
  const hi = Math.floor(p / 0x10000);
  c.regs[REG.AX] = p;
  c.regs[REG.DX] = hi;
  c.setArith(FLAG.CF | FLAG.OF, hi !== 0 ? FLAG.CF | FLAG.OF : 0);
}

export function imul8(c: CpuState, v: number, rep: boolean): void {
  let p = sext8(c.regs[REG.AX] & 0xff) * sext8(v);
  if (rep) p = -p;
  c.regs[REG.AX] = p;
  c.setArith(FLAG.CF | FLAG.OF, p !== sext8(p) ? FLAG.CF | FLAG.OF : 0);
}

export function imul16(c: CpuState, v: number, rep: boolean): void {
  let p = sext16(c.regs[REG.AX]) * sext16(v);
  if (rep) p = -p;
  c.regs[REG.AX] = p;
  c.regs[REG.DX] = p >> 16;
  c.setArith(FLAG.CF | FLAG.OF, p !== sext16(p) ? FLAG.CF | FLAG.OF : 0);
}

/** DIV r/m8: AL = AX / v, AH = AX % v. Returns false on a divide error (flags already set). */
export function div8(c: CpuState, v: number): boolean {
  const ax = c.regs[REG.AX];
  const hi = ax >>> 8;
  if (hi >= v) {
    divideOverflowFlags(c, hi, v, false);
    return false;
  }
  c.regs[REG.AX] = ((ax % v) << 8) | Math.floor(ax / v);
  return true;
}

/** DIV r/m16: AX = DX:AX / v, DX = DX:AX % v. */
export function div16(c: CpuState, v: number): boolean {
  const hi = c.regs[REG.DX];
  if (hi >= v) {
    divideOverflowFlags(c, hi, v, true);
    return false;
  }
  const n = hi * 0x10000 + c.regs[REG.AX];
  c.regs[REG.AX] = Math.floor(n / v);
  c.regs[REG.DX] = n % v;
  return true;
}

/** IDIV r/m8: AL = AX / v, AH = AX % v, signed (the remainder takes the dividend's sign). */
export function idiv8(c: CpuState, v: number, rep: boolean): boolean {
  const ax = c.regs[REG.AX];
  const r = signedDivide(c, ax & 0x8000 ? -sext16(ax) : ax, ax & 0x8000 ? 1 : 0, v, false, rep);
  if (r < 0) return false;
  c.regs[REG.AX] = r;
  return true;
}

/** IDIV r/m16: AX = DX:AX / v, DX = DX:AX % v, signed. */
export function idiv16(c: CpuState, v: number, rep: boolean): boolean {
  const n = ((c.regs[REG.DX] << 16) | c.regs[REG.AX]) | 0;
  const r = signedDivide(c, n < 0 ? -n : n, n < 0 ? 1 : 0, v, true, rep);
  if (r < 0) return false;
  c.regs[REG.AX] = r;
  c.regs[REG.DX] = r / 0x10000;
  return true;
}

/** The magnitude division behind IDIV. `mag` is |dividend| (up to 2^31 for words, as a
 *  non-negative number), `negDividend` its sign. Returns remainder << width | quotient as a
 *  non-negative number, or -1 after a divide error (flags set as the 8086 leaves them). */
function signedDivide(c: CpuState, mag: number, negDividend: number, v: number, wide: boolean, rep: boolean): number {
  const width = wide ? 16 : 8;
  const mask = wide ? 0xffff : 0xff;
  const negDivisor = v >>> (width - 1);
  const d = negDivisor ? -(wide ? sext16(v) : sext8(v)) : v;
  const span = wide ? 0x10000 : 0x100;
  const high = Math.floor(mag / span);
  if (high >= d) {
    divideOverflowFlags(c, high, d, wide);
    return -1;
  }
  const q = Math.floor(mag / d);
  const rem = mag - q * d;
  if (q > mask >>> 1) {
    // The loop ran to the end; its last step subtracted the divisor from the partial
    // remainder shifted left (with the dividend's last bit). CF ends up clear.
    const last = ((Math.floor(mag / 2) % d) * 2 + (mag & 1)) & mask;
    c.setArith(ARITH_FLAGS, subFlags(last, d, wide) & ~FLAG.CF);
    return -1;
  }
  const negQuotient = (negDividend ^ negDivisor ^ (rep ? 1 : 0)) !== 0;
  const quotient = (negQuotient ? -q : q) & mask;
  const remainder = (negDividend ? -rem : rem) & mask;
  return remainder * span + quotient;
}
