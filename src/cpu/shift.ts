// Group 2 (D0h-D3h): rotates and shifts by 1 or by CL. The 8086 does not mask the count: it
// repeats a one-bit step CL times (up to 255), so OF and CF come from the last step, and a count
// of 0 changes nothing. Reg 6 is the undocumented SETMO/SETMOC slot: the operand becomes all
// ones (by CL: only when CL is nonzero).
import type { CpuState } from './state';
import { FLAG, LAZY, sext8, sext16 } from './flags';

/** Group 2 operation numbers (ModRM reg). */
export const SHIFT = { ROL: 0, ROR: 1, RCL: 2, RCR: 3, SHL: 4, SHR: 5, SETMO: 6, SAR: 7 } as const;

const ROTATE_FLAGS = FLAG.CF | FLAG.OF;

/** Applies group-2 operation `op` to `v` (width 8 or 16 bits) `count` times; returns the result
 *  and sets the flags. */
export function shift(c: CpuState, op: number, v: number, count: number, wide: boolean): number {
  if (count === 0) return v;
  const top = wide ? 15 : 7;
  const mask = wide ? 0xffff : 0xff;
  const sign = wide ? 0x8000 : 0x80;
  let cf = 0;
  switch (op) {
    case SHIFT.ROL:
      for (let i = 0; i < count; i++) {
        cf = v >>> top;
        v = ((v << 1) | cf) & mask;
      }
      c.setArith(ROTATE_FLAGS, cf | (((v >>> top) ^ cf) !== 0 ? FLAG.OF : 0));
      return v;
    case SHIFT.ROR:
      for (let i = 0; i < count; i++) {
        cf = v & 1;
        v = (v >>> 1) | (cf << top);
      }
      c.setArith(ROTATE_FLAGS, cf | topTwoDiffer(v, top));
      return v;
    case SHIFT.RCL:
      cf = c.cf();
      for (let i = 0; i < count; i++) {
        const out = v >>> top;
        v = ((v << 1) | cf) & mask;
        cf = out;
      }
      c.setArith(ROTATE_FLAGS, cf | (((v >>> top) ^ cf) !== 0 ? FLAG.OF : 0));
      return v;
    case SHIFT.RCR:
      cf = c.cf();
      for (let i = 0; i < count; i++) {
        const out = v & 1;
        v = (v >>> 1) | (cf << top);
        cf = out;
      }
      c.setArith(ROTATE_FLAGS, cf | topTwoDiffer(v, top));
      return v;
    case SHIFT.SHL:
      for (let i = 0; i < count; i++) {
        cf = v >>> top;
        v = (v << 1) & mask;
      }
      lazyShift(c, v, cf, (v >>> top) ^ cf ? FLAG.OF : 0, wide);
      return v;
    case SHIFT.SHR:
      for (let i = 0; i < count; i++) {
        cf = v & 1;
        v >>>= 1;
      }
      lazyShift(c, v, cf, topTwoDiffer(v, top), wide);
      return v;
    case SHIFT.SAR:
      for (let i = 0; i < count; i++) {
        cf = v & 1;
        v = (v >>> 1) | (v & sign);
      }
      lazyShift(c, v, cf, 0, wide);
      return v;
    default: // SETMO / SETMOC
      lazyShift(c, mask, 0, 0, wide);
      return mask;
  }
}

/** Records a shift's flags lazily: SZP from the result, CF and OF as given, AF clear. */
function lazyShift(c: CpuState, v: number, cf: number, of: number, wide: boolean): void {
  c.lazyKind = wide ? LAZY.SHIFT16 : LAZY.SHIFT8;
  c.lazyA = cf;
  c.lazyB = of;
  c.lazyR = wide ? sext16(v) : sext8(v);
}

/** OF of a one-bit right rotate or shift: the two top bits of the result differ. */
function topTwoDiffer(v: number, top: number): number {
  return ((v >>> top) ^ (v >>> (top - 1))) & 1 ? FLAG.OF : 0;
}
