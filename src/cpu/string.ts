// String instructions (A4h-A7h, AAh-AFh): one element per call; the run loop repeats them for a
// REP prefix (one iteration = one counted instruction, interruptible between iterations).
// The source is DS:SI (or a segment override), the destination always ES:DI; DF picks the
// direction.
import type { CpuState } from './state';
import { REG, SEG } from './state';
import { FLAG } from './flags';
import { alu8, alu16, ALU } from './alu';

const MASK = 0xfffff;

/** True for the string opcodes that compare (CMPS, SCAS): REPE/REPNE test ZF after them. */
export function isCompareString(op: number): boolean {
  return op === 0xa6 || op === 0xa7 || op === 0xae || op === 0xaf;
}

/** One element of string opcode `op`, reading its source through segment base `src`. */
export function stringStep(c: CpuState, op: number, src: number): void {
  const r = c.regs;
  const es = c.sregs[SEG.ES] << 4;
  const down = (c.flagBits & FLAG.DF) !== 0;
  const d1 = down ? -1 : 1;
  const d2 = down ? -2 : 2;
  switch (op) {
    case 0xa4: // MOVSB
      c.wr8((es + r[REG.DI]) & MASK, c.rd8((src + r[REG.SI]) & MASK));
      r[REG.SI] += d1;
      r[REG.DI] += d1;
      break;
    case 0xa5: // MOVSW
      c.wr16(es, r[REG.DI], c.rd16(src, r[REG.SI]));
      r[REG.SI] += d2;
      r[REG.DI] += d2;
      break;
    case 0xa6: // CMPSB
      alu8(c, ALU.CMP, c.rd8((src + r[REG.SI]) & MASK), c.rd8((es + r[REG.DI]) & MASK));
      r[REG.SI] += d1;
      r[REG.DI] += d1;
      break;
    case 0xa7: // CMPSW
      alu16(c, ALU.CMP, c.rd16(src, r[REG.SI]), c.rd16(es, r[REG.DI]));
      r[REG.SI] += d2;
      r[REG.DI] += d2;
      break;
    case 0xaa: // STOSB
      c.wr8((es + r[REG.DI]) & MASK, c.regs8[0]);
      r[REG.DI] += d1;
      break;
    case 0xab: // STOSW
      c.wr16(es, r[REG.DI], r[REG.AX]);
      r[REG.DI] += d2;
      break;
    case 0xac: // LODSB
      c.regs8[0] = c.rd8((src + r[REG.SI]) & MASK);
      r[REG.SI] += d1;
      break;
    case 0xad: // LODSW
      r[REG.AX] = c.rd16(src, r[REG.SI]);
      r[REG.SI] += d2;
      break;
    case 0xae: // SCASB
      alu8(c, ALU.CMP, c.regs8[0], c.rd8((es + r[REG.DI]) & MASK));
      r[REG.DI] += d1;
      break;
    default: // 0xaf SCASW
      alu16(c, ALU.CMP, r[REG.AX], c.rd16(es, r[REG.DI]));
      r[REG.DI] += d2;
      break;
  }
}

/** REP/REPE/REPNE `op` for at most `max` iterations (CX nonzero on entry). Returns the number
 *  of iterations done, negated when it stopped with more to do (budget spent, or `attention`
 *  raised by a callback), so the run loop can leave between iterations. `repe` is true for F3h. */
export function repeatString(c: CpuState, op: number, src: number, repe: boolean, max: number): number {
  // The fast loops neither call hooks nor stop between iterations for `attention` (a pending
  // trap or interrupt), so they run only when neither can matter.
  if (!c.hooked && !c.attention) {
    const n = repeatFast(c, op, src, repe, max);
    if (n !== 0) return n;
  }
  const r = c.regs;
  const compare = isCompareString(op);
  let cx = r[REG.CX];
  let done = 0;
  for (;;) {
    stringStep(c, op, src);
    done++;
    cx = (cx - 1) & 0xffff;
    r[REG.CX] = cx;
    if (cx === 0) return done;
    if (compare && c.zf() !== repe) return done;
    if (done >= max || c.attention) return -done;
  }
}

/** The common REP forms without page hooks: registers in locals, memory indexed directly.
 *  Same results as repeating stringStep; returns 0 when it does not handle `op`. Word
 *  accesses at offset FFFFh or linear FFFFFh go through rd16/wr16 for their wrap. */
function repeatFast(c: CpuState, op: number, src: number, repe: boolean, max: number): number {
  const m = c.mem;
  const r = c.regs;
  const es = c.sregs[SEG.ES] << 4;
  const d = (c.flagBits & FLAG.DF) !== 0 ? -1 : 1;
  const cx0 = r[REG.CX];
  const count = cx0 < max ? cx0 : max;
  let si = r[REG.SI];
  let di = r[REG.DI];
  let i = 0;
  switch (op) {
    case 0xa4: // MOVSB
      for (; i < count; i++) {
        m[(es + di) & MASK] = m[(src + si) & MASK];
        si = (si + d) & 0xffff;
        di = (di + d) & 0xffff;
      }
      break;
    case 0xa5: // MOVSW
      for (; i < count; i++) {
        const a = (src + si) & MASK;
        const b = (es + di) & MASK;
        if (si === 0xffff || di === 0xffff || a === MASK || b === MASK) c.wr16(es, di, c.rd16(src, si));
        else {
          // The 8086 reads the whole word before writing it: with DI = SI + 1 a byte-by-byte
          // copy would smear the first byte (the classic "shift the buffer right by one").
          const lo = m[a];
          const hi = m[a + 1];
          m[b] = lo;
          m[b + 1] = hi;
        }
        si = (si + 2 * d) & 0xffff;
        di = (di + 2 * d) & 0xffff;
      }
      break;
    case 0xaa: { // STOSB
      const al = c.regs8[0];
      for (; i < count; i++) {
        m[(es + di) & MASK] = al;
        di = (di + d) & 0xffff;
      }
      break;
    }
    case 0xab: { // STOSW
      const ax = r[REG.AX];
      for (; i < count; i++) {
        const b = (es + di) & MASK;
        if (di === 0xffff || b === MASK) c.wr16(es, di, ax);
        else {
          m[b] = ax;
          m[b + 1] = ax >>> 8;
        }
        di = (di + 2 * d) & 0xffff;
      }
      break;
    }
    case 0xa6: // CMPSB
    case 0xae: { // SCASB
      // Only the last comparison's flags survive; record it once at the end.
      const scas = op === 0xae;
      const al = c.regs8[0];
      let x = 0;
      let y = 0;
      while (i < count) {
        x = scas ? al : m[(src + si) & MASK];
        y = m[(es + di) & MASK];
        if (!scas) si = (si + d) & 0xffff;
        di = (di + d) & 0xffff;
        i++;
        if ((x === y) !== repe) break;
      }
      alu8(c, ALU.CMP, x, y);
      r[REG.SI] = si;
      r[REG.DI] = di;
      const cx = cx0 - i;
      r[REG.CX] = cx;
      // Finished when CX ran out or the condition failed; otherwise the budget ran out.
      return cx === 0 || (x === y) !== repe ? i : -i;
    }
    default:
      return 0;
  }
  r[REG.SI] = si;
  r[REG.DI] = di;
  const cx = cx0 - count;
  r[REG.CX] = cx;
  return cx === 0 ? count : -count;
}
