// The guest-memory chores every VDD does: reading and writing ASCIIZ strings the guest passes by
// seg:off, far pointers (MK_FP and the dword form DOS stores them in), and handing a result back
// the way DOS calls do (CF clear and AX = value, or CF set and AX = a DOS error code from the
// negative numbers the handle and file calls answer with).
import { VddUsageError } from './handles';
import type { VddService } from './service';
import type { FarPointer } from './walk';

export type { FarPointer };

/** MK_FP(seg, off): the 16:16 pointer NTVDM's calls take (segment in the high word). */
export function mkFarPointer(seg: number, off: number): number {
  if (!isWord(seg) || !isWord(off)) throw new VddUsageError(`mkFarPointer(${seg}, ${off}): segment and offset are 0 to FFFFh`);
  return ((seg << 16) | off) >>> 0;
}

/** The far pointer stored as a dword (offset first, as the 8086 keeps it) at seg:off. */
export function readFarPointer(vdd: VddService, seg: number, off: number): FarPointer {
  const b = vdd.getVDMAddr(seg, off, 4);
  return { off: b[0] | (b[1] << 8), seg: b[2] | (b[3] << 8) };
}

export function writeFarPointer(vdd: VddService, seg: number, off: number, p: FarPointer): void {
  if (!isWord(p.seg) || !isWord(p.off)) throw new VddUsageError(`writeFarPointer: ${p.seg}:${p.off} is not a segment and an offset`);
  vdd.getVDMAddr(seg, off, 4).set([p.off & 0xff, p.off >>> 8, p.seg & 0xff, p.seg >>> 8]);
}

/** The linear address of a far pointer (seg * 16 + off, before the 20-bit wrap). */
export function farToLinear(p: FarPointer): number {
  return p.seg * 16 + p.off;
}

/** The ASCIIZ string at seg:off, at most `max` characters (one byte each, as DOS passes them).
 *  A string with no NUL within `max` bytes is the guest's mistake: a VddUsageError says so. */
export function readString(vdd: VddService, seg: number, off: number, max = 260): string {
  const room = Math.min(max + 1, 0x100000 - (seg * 16 + off));
  const bytes = vdd.getVDMAddr(seg, off, room);
  const end = bytes.indexOf(0);
  if (end < 0) throw new VddUsageError(`readString: no NUL within ${max} bytes at ${hex(seg)}:${hex(off)}`);
  return String.fromCharCode(...bytes.subarray(0, end));
}

/** Writes `text` as an ASCIIZ string at seg:off into a buffer of `size` bytes (NUL included). */
export function writeString(vdd: VddService, seg: number, off: number, text: string, size: number): void {
  if (text.length + 1 > size) throw new VddUsageError(`writeString: ${text.length} characters and a NUL do not fit ${size} bytes`);
  const out = vdd.getVDMAddr(seg, off, text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new VddUsageError(`writeString: character ${i} (U+${c.toString(16)}) is not one byte`);
    out[i] = c;
  }
  out[text.length] = 0;
}

/** Hands a result back as DOS calls do: a value >= 0 is CF=0, AX=value; a negative value is a
 *  DOS error (the form allocateDosHandle and openHostFile answer with): CF=1, AX=-value. */
export function errorToAX(vdd: VddService, result: number): void {
  if (!Number.isInteger(result) || result < -0xffff || result > 0xffff)
    throw new VddUsageError(`errorToAX(${result}): a result is a word, or a negative DOS error`);
  vdd.setAX(Math.abs(result));
  vdd.setCF(result < 0 ? 1 : 0);
}

function isWord(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xffff;
}

function hex(v: number): string {
  return v.toString(16).toUpperCase().padStart(4, '0');
}
