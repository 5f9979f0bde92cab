// The FLAGS register and lazy arithmetic flags. ALU instructions record what they did (a kind,
// both operands and the result) instead of computing six flags; a flag is worked out only when
// something reads it (Jcc, PUSHF, an interrupt), as most results are overwritten unread.

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

/** The six flags an ALU instruction computes. */
export const ARITH_FLAGS = 0x08d5;
/** The bits that exist on the 8086 (the others read as fixed values). */
export const FLAGS_DEFINED = 0x0fd5;
/** 8086: PUSHF and every read of FLAGS show bits 12-15 and bit 1 set. */
export const FLAGS_FIXED_ONES = 0xf002;

/** What the last flag-setting ALU instruction was. Odd kinds are byte operations, even kinds
 *  word operations. NONE means every flag is in the plain flags word. */
export const LAZY = {
  NONE: 0,
  ADD8: 1,
  ADD16: 2,
  ADC8: 3,
  ADC16: 4,
  SUB8: 5,
  SUB16: 6,
  SBB8: 7,
  SBB16: 8,
  LOGIC8: 9,
  LOGIC16: 10,
  /** SHL, SHR, SAR (and SETMO): the operands hold the outcome instead, A = CF (0/1) and
   *  B = OF (0 or FLAG.OF); AF is left clear. */
  SHIFT8: 11,
  SHIFT16: 12,
  /** INC and DEC leave CF alone: while one of these is the lazy kind, CF is in the flags word.
   *  They are the highest kinds, so `kind >= INC8` tests for them. */
  INC8: 13,
  INC16: 14,
  DEC8: 15,
  DEC16: 16,
} as const;

/** PARITY[b] is PF (0x04) when byte b has an even number of set bits. */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let bits = 0;
  for (let v = i; v; v >>= 1) bits += v & 1;
  PARITY[i] = bits & 1 ? 0 : FLAG.PF;
}

/** Flags SF, ZF and PF of a result (any width: `r` sign-extended to 32 bits). */
export function szp(r: number): number {
  return (r < 0 ? FLAG.SF : 0) | (r === 0 ? FLAG.ZF : 0) | PARITY[r & 0xff];
}

/** Sign-extends a byte / a word to a 32-bit integer. */
export function sext8(v: number): number {
  return (v << 24) >> 24;
}
export function sext16(v: number): number {
  return (v << 16) >> 16;
}

/** CF of a lazy result. `a` and `b` are the operands (masked to the width), `r` the result
 *  sign-extended. Not called for NONE, INC or DEC (CF is then in the flags word). */
export function lazyCF(kind: number, a: number, b: number, r: number): number {
  switch (kind) {
    case LAZY.ADD8:
      return (a + b) >>> 8;
    case LAZY.ADD16:
      return (a + b) >>> 16;
    case LAZY.ADC8:
      // The carry-in is what the result has beyond a + b.
      return (a + b + ((r - a - b) & 1)) >>> 8;
    case LAZY.ADC16:
      return (a + b + ((r - a - b) & 1)) >>> 16;
    case LAZY.SUB8:
    case LAZY.SUB16:
      return a < b ? 1 : 0;
    case LAZY.SBB8:
    case LAZY.SBB16:
      return a < b + ((a - b - r) & 1) ? 1 : 0;
    case LAZY.SHIFT8:
    case LAZY.SHIFT16:
      return a;
    default:
      return 0;
  }
}

/** OF of a lazy result (0 or FLAG.OF). */
export function lazyOF(kind: number, a: number, b: number, r: number): number {
  const sign = kind & 1 ? 0x80 : 0x8000;
  switch (kind) {
    case LAZY.ADD8:
    case LAZY.ADD16:
    case LAZY.ADC8:
    case LAZY.ADC16:
    case LAZY.INC8:
    case LAZY.INC16:
      return (a ^ r) & (b ^ r) & sign ? FLAG.OF : 0;
    case LAZY.SUB8:
    case LAZY.SUB16:
    case LAZY.SBB8:
    case LAZY.SBB16:
    case LAZY.DEC8:
    case LAZY.DEC16:
      return (a ^ b) & (a ^ r) & sign ? FLAG.OF : 0;
    case LAZY.SHIFT8:
    case LAZY.SHIFT16:
      return b;
    default:
      return 0;
  }
}

/** AF of a lazy result (0 or FLAG.AF): the carry or borrow out of bit 3. The logical
 *  instructions and shifts leave AF undefined on the 8086; vdm86 clears it. */
export function lazyAF(kind: number, a: number, b: number, r: number): number {
  if (kind >= LAZY.LOGIC8 && kind <= LAZY.SHIFT16) return 0;
  return (a ^ b ^ r) & FLAG.AF;
}

/** Every arithmetic flag of a lazy result; `cf` is the flags word's CF for INC/DEC. */
export function lazyFlags(kind: number, a: number, b: number, r: number, cf: number): number {
  const c = kind >= LAZY.INC8 ? cf & FLAG.CF : lazyCF(kind, a, b, r);
  return c | szp(r) | lazyAF(kind, a, b, r) | lazyOF(kind, a, b, r);
}
