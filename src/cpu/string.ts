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
