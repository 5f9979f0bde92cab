// Building Program Segment Prefixes as MS-DOS does: a new PSP starts as a copy of an existing
// one (the current PSP for EXEC and 55h, the caller's CS for 26h), then gets its own INT 20h,
// memory top, CP/M call, saved INT 22h/23h/24h from the vector table, INT 21h/RETF, its own
// 20-entry JFT pointer and the DOS version. EXEC and 55h also make it a child (parent field,
// inherited handles, current PSP).
import { rd16, wr8, wr16, wr32, copyFromSegment, copyToSegment, fillSegment } from '../cpu/guest-memory';
import { PSP, JFT_DEFAULT_SIZE } from './layout';
import { Jft } from './jft';
import { cpmCallTarget } from './sysdata';
import type { Kernel } from './kernel';

const INT_OPCODE = 0xcd;
const RETF_OPCODE = 0xcb;
const CALL_FAR_OPCODE = 0x9a;

/** Reads a far pointer from the interrupt vector table. */
export function getVector(mem: Uint8Array, n: number): { seg: number; off: number } {
  return { off: rd16(mem, 0, n * 4), seg: rd16(mem, 0, n * 4 + 2) };
}

export function setVector(mem: Uint8Array, n: number, seg: number, off: number): void {
  wr16(mem, 0, n * 4, off);
  wr16(mem, 0, n * 4 + 2, seg);
}

/**
 * Copies the 256-byte PSP at `source` to `seg` together with the 20 entries of its active JFT
 * (wherever 67h moved it), then prepares it as a program base ending at `memTop`.
 */
export function copyPsp(dos: Kernel, source: number, seg: number, memTop: number): void {
  const mem = dos.mem;
  const image = copyFromSegment(mem, source, 0, PSP.SIZE);
  const jft = copyFromSegment(mem, rd16(mem, source, PSP.JFT_POINTER + 2), rd16(mem, source, PSP.JFT_POINTER), JFT_DEFAULT_SIZE);
  copyToSegment(mem, seg, 0, image);
  copyToSegment(mem, seg, PSP.JFT, jft);
  preparePsp(dos, seg, memTop);
}

/** The fields every new PSP gets (DOS's "SETMEM"): INT 20h, memory top, the CP/M far call,
 *  INT 22h/23h/24h from the vector table, INT 21h/RETF, its own JFT, no next PSP, the version. */
function preparePsp(dos: Kernel, seg: number, memTop: number): void {
  const mem = dos.mem;
  wr8(mem, seg, PSP.INT20, INT_OPCODE);
  wr8(mem, seg, PSP.INT20 + 1, 0x20);
  wr16(mem, seg, PSP.MEMORY_TOP, memTop);
  const cpm = cpmCallTarget((memTop - seg) & 0xffff);
  wr8(mem, seg, PSP.CPM_CALL, CALL_FAR_OPCODE);
  wr16(mem, seg, PSP.CPM_CALL + 1, cpm.off);
  wr16(mem, seg, PSP.CPM_CALL + 3, cpm.seg);
  for (const [field, vec] of [
    [PSP.INT22, 0x22],
    [PSP.INT23, 0x23],
    [PSP.INT24, 0x24],
  ] as const) {
    const v = getVector(mem, vec);
    wr16(mem, seg, field, v.off);
    wr16(mem, seg, field + 2, v.seg);
  }
  wr8(mem, seg, PSP.INT21_RETF, INT_OPCODE);
  wr8(mem, seg, PSP.INT21_RETF + 1, 0x21);
  wr8(mem, seg, PSP.INT21_RETF + 2, RETF_OPCODE);
  new Jft(mem, seg).relocate(seg, PSP.JFT, JFT_DEFAULT_SIZE);
  wr32(mem, seg, PSP.PREVIOUS_PSP, 0xffffffff);
  const v = dos.version;
  wr8(mem, seg, PSP.DOS_VERSION, v.major);
  wr8(mem, seg, PSP.DOS_VERSION + 1, v.minor);
}

/** A child PSP of the current process (EXEC, INT 21h/55h): a copy of the current PSP with the
 *  inheritable handles duplicated, its parent set, and made the current PSP. */
export function createChildPsp(dos: Kernel, seg: number, memTop: number): void {
  const parent = dos.currentPsp;
  copyPsp(dos, parent, seg, memTop);
  new Jft(dos.mem, seg).resetToPsp();
  dos.files.inheritHandles(parent, seg);
  wr16(dos.mem, seg, PSP.PARENT, parent);
  dos.currentPsp = seg;
}

/** A fresh PSP with no source to copy (the DOS-owned shell): zeroed, its own parent, empty JFT. */
export function createRootPsp(dos: Kernel, seg: number, memTop: number): void {
  const mem = dos.mem;
  fillSegment(mem, seg, 0, PSP.SIZE, 0);
  preparePsp(dos, seg, memTop);
  new Jft(mem, seg).resetToPsp();
  wr16(mem, seg, PSP.PARENT, seg);
  wr8(mem, seg, PSP.TAIL, 0x0d);
}
