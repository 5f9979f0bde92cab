// The instructions the run loop hands off because they are rare in hot code: far transfers,
// software interrupts and IRET, flag instructions, HLT, group 3 (NOT NEG MUL IMUL DIV IDIV, TEST),
// the decimal adjusts, XLAT, SALC, ESC, LES/LDS, XCHG with r/m, IN/OUT, group 2 but SHL/SHR r16,1,
// group 4 and the far forms and PUSH of group 5. Keeping them out of cpu.ts keeps the hot loop
// small: V8 compiles it sooner (a short run waits for that compile at a few MIPS) and well.
// On entry ipReg points past the bytes decoded so far (prefixes, opcode, ModRM, displacement).
import type { CpuState } from './state';
import { REG, SEG, REG8_INDEX, SHADOW } from './state';
import { FLAG } from './flags';
import { alu8, alu16, neg8, neg16, inc8, dec8, inc16, dec16, ALU } from './alu';
import { mul8, mul16, imul8, imul16, div8, div16, idiv8, idiv16 } from './muldiv';
import { daa, das, aaa, aas, aam, aad } from './bcd';
import { shift } from './shift';

const MASK = 0xfffff;

/** The vectors the CPU raises itself. */
export const VECTOR = { DIVIDE: 0, STEP: 1, BREAKPOINT: 3, OVERFLOW: 4 } as const;

function fetch8(c: CpuState): number {
  const ip = c.ipReg;
  c.ipReg = (ip + 1) & 0xffff;
  return c.mem[((c.sregs[SEG.CS] << 4) + ip) & MASK];
}

function fetch16(c: CpuState): number {
  const lo = fetch8(c);
  return lo | (fetch8(c) << 8);
}

/** One family of the opcodes above: the arguments are executeSecondary's. */
type Family = (c: CpuState, op: number, modrm: number, eaBase: number, eaOff: number, ovr: number, rep: number) => void;

/** Executes `op` (one of the opcodes above). `ovr` is the segment override (-1 none), `rep`
 *  nonzero when a REP prefix was present.
 *
 *  One small function per family, reached through a table, where one switch over them all was
 *  one large function: V8 optimises each family when that family is hot, a few ms each, instead
 *  of the whole switch (~17 ms of a core, ~40 ms while the run loop compiled beside it: the
 *  warm-up makes both hot at once, and a short run waits at a few MIPS for the loop's compile).
 *  A family that meets a form it has not seen is recompiled alone, not with the others. */
export function executeSecondary(
  c: CpuState,
  op: number,
  modrm: number,
  eaBase: number,
  eaOff: number,
  ovr: number,
  rep: number,
): void {
  FAMILIES[op](c, op, modrm, eaBase, eaOff, ovr, rep);
}

function notSecondary(_c: CpuState, op: number): void {
  throw new Error(`opcode ${op.toString(16)} reached the secondary executor`);
}

/** 27h DAA, 2Fh DAS, 37h AAA, 3Fh AAS. */
function decimalAdjust(c: CpuState, op: number): void {
  switch (op) {
    case 0x27: daa(c); break;
    case 0x2f: das(c); break;
    case 0x37: aaa(c); break;
    default: aas(c); break;
  }
}

/** 9Ah: CALL far ptr16:16. */
function callFar(c: CpuState): void {
  const s = c.sregs;
  const off = fetch16(c);
  const seg = fetch16(c);
  c.push(s[SEG.CS]);
  c.push(c.ipReg);
  s[SEG.CS] = seg;
  c.ipReg = off;
}

/** EAh: JMP far ptr16:16. */
function jumpFar(c: CpuState): void {
  const off = fetch16(c);
  c.sregs[SEG.CS] = fetch16(c);
  c.ipReg = off;
}

/** 9Bh WAIT, D8h-DFh ESC: no coprocessor, so TEST is never asserted busy and an ESC's ModRM
 *  (and displacement, decoded by the run loop) go to nobody. */
function noCoprocessor(): void {}

/** 9Ch PUSHF, 9Dh POPF, 9Eh SAHF, 9Fh LAHF. */
function flagTransfer(c: CpuState, op: number): void {
  switch (op) {
    case 0x9c:
      c.push(c.getFlags());
      break;
    case 0x9d:
      c.setFlags(c.pop());
      break;
    case 0x9e:
      // SAHF: SF ZF AF PF CF from AH.
      c.flagBits = (c.getFlags() & 0xff00) | (c.regs8[1] & 0xd5) | 0x02;
      break;
    default:
      c.regs8[1] = c.getFlags() & 0xff;
      break;
  }
}

/** F5h CMC, F8h-FDh CLC STC CLI STI CLD STD. */
function flagSet(c: CpuState, op: number): void {
  switch (op) {
    case 0xf5:
      c.flagBits = c.getFlags() ^ FLAG.CF;
      break;
    case 0xf8:
      c.flagBits = c.getFlags() & ~FLAG.CF;
      break;
    case 0xf9:
      c.flagBits = c.getFlags() | FLAG.CF;
      break;
    case 0xfa:
      c.flagBits &= ~FLAG.IF;
      break;
    case 0xfb:
      // STI: a pending interrupt is recognised only after the next instruction.
      c.flagBits |= FLAG.IF;
      if (c.shadow === SHADOW.NONE) c.shadow = SHADOW.INTR;
      c.attention = true;
      break;
    case 0xfc:
      c.flagBits &= ~FLAG.DF;
      break;
    default:
      c.flagBits |= FLAG.DF;
      break;
  }
}

/** 86h XCHG Eb,Gb and 87h XCHG Ev,Gv. */
function exchange(c: CpuState, op: number, modrm: number, eaBase: number, eaOff: number): void {
  if (op === 0x86) {
    const g = REG8_INDEX[(modrm >> 3) & 7];
    if (modrm >= 0xc0) {
      const d = REG8_INDEX[modrm & 7];
      const t = c.regs8[d];
      c.regs8[d] = c.regs8[g];
      c.regs8[g] = t;
    } else {
      const lin = (eaBase + eaOff) & MASK;
      const t = c.rd8(lin);
      c.wr8(lin, c.regs8[g]);
      c.regs8[g] = t;
    }
    return;
  }
  const r = c.regs;
  const g = (modrm >> 3) & 7;
  if (modrm >= 0xc0) {
    const d = modrm & 7;
    const t = r[d];
    r[d] = r[g];
    r[g] = t;
  } else {
    const t = c.rd16(eaBase, eaOff);
    c.wr16(eaBase, eaOff, r[g]);
    r[g] = t;
  }
}

/** E4h-E7h and ECh-EFh: IN / OUT (the run loop has counted the instruction; a port handler may
 *  change any register or stop the run). */
function inOut(c: CpuState, op: number): void {
  const r = c.regs;
  const port = op < 0xe8 ? fetch8(c) : r[REG.DX];
  switch (op & 3) {
    case 0: c.regs8[REG8_INDEX[0]] = c.io.in8(port); break;
    case 1: r[REG.AX] = c.io.in16(port); break;
    case 2: c.io.out8(port, c.regs8[REG8_INDEX[0]]); break;
    default: c.io.out16(port, r[REG.AX]); break;
  }
}

/** D0h-D3h, group 2: shifts and rotates by 1 or by CL (the run loop does SHL/SHR r16,1 itself). */
function group2(c: CpuState, op: number, modrm: number, eaBase: number, eaOff: number): void {
  const r = c.regs;
  const wide = (op & 1) !== 0;
  const count = op >= 0xd2 ? c.regs8[REG8_INDEX[1]] : 1;
  const a = (modrm >> 3) & 7;
  const reg = modrm >= 0xc0;
  const lin = (eaBase + eaOff) & MASK;
  const r8 = REG8_INDEX[modrm & 7];
  const v = reg ? (wide ? r[modrm & 7] : c.regs8[r8]) : wide ? c.rd16(eaBase, eaOff) : c.rd8(lin);
  const res = shift(c, a, v, count, wide);
  if (reg) {
    if (wide) r[modrm & 7] = res;
    else c.regs8[r8] = res;
  } else if (wide) c.wr16(eaBase, eaOff, res);
  else c.wr8(lin, res);
}

/** C4h LES, C5h LDS. A register operand (undefined) reads through the last effective address. */
function loadFarPointer(c: CpuState, op: number, modrm: number, eaBase: number, eaOff: number): void {
  c.regs[(modrm >> 3) & 7] = c.rd16(eaBase, eaOff);
  c.sregs[op === 0xc4 ? SEG.ES : SEG.DS] = c.rd16(eaBase, (eaOff + 2) & 0xffff);
}

/** CAh RETF imm16, CBh RETF; C8h and C9h are 8086 aliases of CAh and CBh. */
function returnFar(c: CpuState, op: number): void {
  const k = op & 1 ? 0 : fetch16(c);
  c.ipReg = c.pop();
  c.sregs[SEG.CS] = c.pop();
  c.regs[REG.SP] += k;
}

/** CCh INT 3, CDh INT imm8, CEh INTO, CFh IRET. */
function interrupt(c: CpuState, op: number): void {
  switch (op) {
    case 0xcc:
      c.enterInterrupt(VECTOR.BREAKPOINT);
      break;
    case 0xcd:
      c.enterInterrupt(fetch8(c));
      break;
    case 0xce:
      if (c.of()) c.enterInterrupt(VECTOR.OVERFLOW);
      break;
    default:
      c.ipReg = c.pop();
      c.sregs[SEG.CS] = c.pop();
      c.setFlags(c.pop());
      break;
  }
}

/** D4h AAM, D5h AAD, D6h SALC, D7h XLAT. */
function asciiAndTable(c: CpuState, op: number, _modrm: number, _eaBase: number, _eaOff: number, ovr: number): void {
  switch (op) {
    case 0xd4:
      if (!aam(c, fetch8(c))) c.enterInterrupt(VECTOR.DIVIDE);
      break;
    case 0xd5:
      aad(c, fetch8(c));
      break;
    case 0xd6:
      // SALC (undocumented): AL = CF ? FFh : 00h.
      c.regs8[0] = c.cf() ? 0xff : 0;
      break;
    default: {
      const base = c.sregs[ovr >= 0 ? ovr : SEG.DS] << 4;
      c.regs8[0] = c.rd8((base + ((c.regs[REG.BX] + c.regs8[0]) & 0xffff)) & MASK);
      break;
    }
  }
}

/** F4h HLT. */
function halt(c: CpuState): void {
  c.haltFlag = true;
  c.attention = true;
}

/** opcode -> its family. */
const FAMILIES: Family[] = (() => {
  const t: Family[] = new Array<Family>(256).fill(notSecondary);
  const put = (fn: Family, ...ops: number[]) => {
    for (const op of ops) t[op] = fn;
  };
  put(decimalAdjust, 0x27, 0x2f, 0x37, 0x3f);
  put(exchange, 0x86, 0x87);
  put(callFar, 0x9a);
  put(noCoprocessor, 0x9b, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf);
  put(flagTransfer, 0x9c, 0x9d, 0x9e, 0x9f);
  put(loadFarPointer, 0xc4, 0xc5);
  put(returnFar, 0xc8, 0xc9, 0xca, 0xcb);
  put(interrupt, 0xcc, 0xcd, 0xce, 0xcf);
  put(group2, 0xd0, 0xd1, 0xd2, 0xd3);
  put(asciiAndTable, 0xd4, 0xd5, 0xd6, 0xd7);
  put(inOut, 0xe4, 0xe5, 0xe6, 0xe7, 0xec, 0xed, 0xee, 0xef);
  put(jumpFar, 0xea);
  put(halt, 0xf4);
  put(flagSet, 0xf5, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd);
  put(group3Byte, 0xf6);
  put(group3Word, 0xf7);
  put(group4, 0xfe);
  put(group5, 0xff);
  return t;
})();

/** F6h: TEST Eb,Ib (reg 1 is an 8086 alias), NOT, NEG, MUL, IMUL, DIV, IDIV. */
function group3Byte(c: CpuState, _op: number, modrm: number, eaBase: number, eaOff: number, _ovr: number, rep: number): void {
  const a = (modrm >> 3) & 7;
  const reg = modrm >= 0xc0;
  const lin = (eaBase + eaOff) & MASK;
  const v = reg ? c.regs8[REG8_INDEX[modrm & 7]] : c.rd8(lin);
  switch (a) {
    case 0:
    case 1:
      alu8(c, ALU.AND, v, fetch8(c));
      break;
    case 2:
    case 3: {
      const res = a === 2 ? ~v & 0xff : neg8(c, v);
      if (reg) c.regs8[REG8_INDEX[modrm & 7]] = res;
      else c.wr8(lin, res);
      break;
    }
    case 4: mul8(c, v); break;
    case 5: imul8(c, v, rep !== 0); break;
    default:
      // A divide error returns to the next instruction (8086), with ipReg already there.
      if (!(a === 6 ? div8(c, v) : idiv8(c, v, rep !== 0))) c.enterInterrupt(VECTOR.DIVIDE);
      break;
  }
}

/** F7h: the word forms of group 3. */
function group3Word(c: CpuState, _op: number, modrm: number, eaBase: number, eaOff: number, _ovr: number, rep: number): void {
  const a = (modrm >> 3) & 7;
  const reg = modrm >= 0xc0;
  const v = reg ? c.regs[modrm & 7] : c.rd16(eaBase, eaOff);
  switch (a) {
    case 0:
    case 1:
      alu16(c, ALU.AND, v, fetch16(c));
      break;
    case 2:
    case 3: {
      const res = a === 2 ? ~v & 0xffff : neg16(c, v);
      if (reg) c.regs[modrm & 7] = res;
      else c.wr16(eaBase, eaOff, res);
      break;
    }
    case 4: mul16(c, v); break;
    case 5: imul16(c, v, rep !== 0); break;
    default:
      if (!(a === 6 ? div16(c, v) : idiv16(c, v, rep !== 0))) c.enterInterrupt(VECTOR.DIVIDE);
      break;
  }
}

/** FEh: INC/DEC Eb; reg 2-7 are undefined and vdm86 runs them as their FFh counterparts. */
function group4(c: CpuState, op: number, modrm: number, eaBase: number, eaOff: number): void {
  const a = (modrm >> 3) & 7;
  if (a >= 2) {
    group5(c, op, modrm, eaBase, eaOff);
    return;
  }
  const lin = (eaBase + eaOff) & MASK;
  const reg = modrm >= 0xc0;
  const v = reg ? c.regs8[REG8_INDEX[modrm & 7]] : c.rd8(lin);
  const res = a === 0 ? inc8(c, v) : dec8(c, v);
  if (reg) c.regs8[REG8_INDEX[modrm & 7]] = res;
  else c.wr8(lin, res);
}

/** FFh: INC, DEC, CALL, CALL far, JMP, JMP far, PUSH (reg 7 is an 8086 alias of PUSH). */
function group5(c: CpuState, _op: number, modrm: number, eaBase: number, eaOff: number): void {
  const a = (modrm >> 3) & 7;
  const r = c.regs;
  const s = c.sregs;
  const reg = modrm >= 0xc0;
  switch (a) {
    case 0:
    case 1: {
      const v = reg ? r[modrm & 7] : c.rd16(eaBase, eaOff);
      const res = a === 0 ? inc16(c, v) : dec16(c, v);
      if (reg) r[modrm & 7] = res;
      else c.wr16(eaBase, eaOff, res);
      break;
    }
    case 2: {
      const t = reg ? r[modrm & 7] : c.rd16(eaBase, eaOff);
      c.push(c.ipReg);
      c.ipReg = t;
      break;
    }
    case 4:
      c.ipReg = reg ? r[modrm & 7] : c.rd16(eaBase, eaOff);
      break;
    case 3:
    case 5: {
      // A register operand (undefined) reads through the last effective address.
      const off = c.rd16(eaBase, eaOff);
      const seg = c.rd16(eaBase, (eaOff + 2) & 0xffff);
      if (a === 3) {
        c.push(s[SEG.CS]);
        c.push(c.ipReg);
      }
      s[SEG.CS] = seg;
      c.ipReg = off;
      break;
    }
    default: {
      // PUSH Ev. For PUSH SP the 8086 pushes the decremented SP.
      const sp = (r[REG.SP] - 2) & 0xffff;
      r[REG.SP] = sp;
      const v = reg ? r[modrm & 7] : c.rd16(eaBase, eaOff);
      c.wr16(s[SEG.SS] << 4, sp, v);
      break;
    }
  }
}
