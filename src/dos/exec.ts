// EXEC's loading half (INT 21h/4Bh 00h/01h/03h, and the first program): read the file through
// FileSystem, build the environment block, size and allocate the program block the way MS-DOS
// does (COM: the largest block; EXE: image + min..max allocation, or the largest block when
// loading high), place the image, and build the child PSP. Starting the child (registers,
// listeners) and returning from it are process.ts's part.
import { rd16, wr16, copyToSegment, copyFromSegment, copyToLinear, fillSegment, linear } from '../cpu/guest-memory';
import { PSP, PSP_PARAS } from './layout';
import { DOS_ERROR } from './errors';
import { environmentBlock, environmentLength } from './environment';
import { parseProgram, placeExe, programTooLarge, type LoadProblem } from './loader';
import { createChildPsp, setVector } from './psp';
import type { Kernel } from './kernel';

export const EXEC_MODE = {
  LOAD_AND_EXECUTE: 0,
  LOAD_ONLY: 1,
  OVERLAY: 3,
} as const;

/** The EXEC parameter block (ES:BX of INT 21h/4Bh). */
export const EXEC_BLOCK = {
  ENVIRONMENT: 0x00, // word: 0 = a copy of the parent's
  COMMAND_TAIL: 0x02, // far pointer to the tail copied to PSP:80h
  FCB1: 0x06, // far pointer to the FCB copied to PSP:5Ch
  FCB2: 0x0a, // far pointer to the FCB copied to PSP:6Ch
  INITIAL_SP: 0x0e, // 4B01h returns SS:SP here (offset, then segment)
  INITIAL_IP: 0x12, // and CS:IP here
  OVERLAY_SEGMENT: 0x00, // 4B03h: where the overlay goes
  OVERLAY_RELOCATION: 0x02, // and the relocation factor
} as const;

/** The one read DOS's EXEC makes of an overlay file without an MZ header. */
const COM_OVERLAY_READ = 0xffff;

/** Bytes of an FCB that EXEC copies into the PSP (drive, name, extension); 4 zero bytes follow. */
export const FCB_COPY = 12;
/** Bytes EXEC zeroes after each copied FCB (current block and record size). */
const FCB_ZEROED = 4;
/** Bytes of the command tail EXEC copies to PSP:80h. */
export const TAIL_COPY = 0x80;

export interface ExecRequest {
  /** The program's DOS path as the caller gave it. */
  path: string;
  /** Environment segment to copy; 0 = the current process's. */
  environment: number;
  /** 128 bytes for PSP:80h. */
  tail: Uint8Array;
  /** 12 bytes each for PSP:5Ch and 6Ch. */
  fcb1: Uint8Array;
  fcb2: Uint8Array;
  /** The child's INT 22h (where it returns when it ends). */
  returnTo: { seg: number; off: number };
}

export interface LoadedProgram {
  psp: number;
  environment: number;
  /** Paragraphs in the program block (PSP included). */
  paragraphs: number;
  ss: number;
  sp: number;
  cs: number;
  ip: number;
  /** AX at entry: AL/AH = FFh when the drive of FCB 1/2 is not valid. */
  ax: number;
  fullPath: string;
}

/** Loads a program as a child of the current process; on success the child's PSP is current
 *  and its DTA set (DOS's EXEC up to the jump). Returns the entry state or a DOS error. */
export function loadProgram(dos: Kernel, req: ExecRequest): LoadedProgram | LoadProblem {
  const mem = dos.mem;
  const arena = dos.memory;
  const parent = dos.currentPsp;

  const file = dos.files.loadFile(req.path);
  if (typeof file === 'number') return { error: file, reason: `cannot open ${req.path}` };
  const tooLarge = programTooLarge(file.data, file.size);
  if (tooLarge) return tooLarge;
  const info = parseProgram(file.data);

  // The environment block is allocated first (below the program, as in DOS).
  let envSeg = 0;
  const source = req.environment !== 0 ? req.environment : rd16(mem, parent, PSP.ENVIRONMENT);
  if (source !== 0) {
    const len = environmentLength(mem, source);
    if (len < 0) return { error: DOS_ERROR.BAD_ENVIRONMENT, reason: 'the environment has no end within 32 KiB' };
    const block = environmentBlock(copyFromSegment(mem, source, 0, len), file.fullPath);
    const seg = arena.allocate((block.length + 15) >>> 4, parent);
    if (seg < 0) return { error: -seg, reason: 'no memory for the environment' };
    copyToSegment(mem, seg, 0, block);
    envSeg = seg;
  }
  const fail = (p: LoadProblem): LoadProblem => {
    if (envSeg) arena.free(envSeg);
    return p;
  };
  if ('error' in info) return fail(info);

  const largest = arena.largestFree();
  if (largest < 0) return fail({ error: -largest, reason: 'memory arena destroyed' });

  let block: number;
  let size: number;
  let ss: number, sp: number, cs: number, ip: number;
  if (info.kind === 'com') {
    // DOS gives a .COM program the largest block and reads at most 64 KiB less the PSP into it;
    // a file that fills all of that space does not fit (no room for the stack).
    if (largest < PSP_PARAS + 1) return fail({ error: DOS_ERROR.INSUFFICIENT_MEMORY, reason: 'no memory for the program' });
    size = largest;
    const room = (size >= 0x1000 ? 0x10000 : size * 16) - PSP.SIZE;
    if (info.image.length >= room) {
      return fail({ error: DOS_ERROR.INSUFFICIENT_MEMORY, reason: `${info.image.length}-byte .COM image does not fit in ${room} bytes` });
    }
    block = arena.allocate(size, parent);
    if (block < 0) return fail({ error: -block, reason: 'no memory for the program' });
    copyToLinear(mem, linear(block + PSP_PARAS, 0), info.image, dos.machine.cpu);
    ss = cs = block;
    ip = PSP.SIZE;
    sp = (room + 0xfe) & 0xffff;
    wr16(mem, ss, sp, 0); // the word a RET at the top level pops: back to PSP:0000 (INT 20h)
  } else {
    const need = info.imageParas + PSP_PARAS;
    if (largest < PSP_PARAS + 1 || need > largest) {
      return fail({ error: DOS_ERROR.INSUFFICIENT_MEMORY, reason: `EXE needs ${need} paragraphs, ${largest} free` });
    }
    if (info.loadHigh) size = largest;
    else {
      if (need + info.minAlloc > largest) {
        return fail({ error: DOS_ERROR.INSUFFICIENT_MEMORY, reason: `EXE needs ${need + info.minAlloc} paragraphs, ${largest} free` });
      }
      size = Math.min(need + info.maxAlloc, largest);
    }
    block = arena.allocate(size, parent);
    if (block < 0) return fail({ error: -block, reason: 'no memory for the program' });
    const loadSeg = info.loadHigh ? block + size - info.imageParas : block + PSP_PARAS;
    placeExe(mem, info, loadSeg, loadSeg, dos.machine.cpu);
    ss = (info.ss + loadSeg) & 0xffff;
    sp = info.sp;
    cs = (info.cs + loadSeg) & 0xffff;
    ip = info.ip;
  }

  // The blocks now belong to the child; its MCB carries the program's name (DOS 4+).
  const psp = block;
  if (envSeg) arena.setOwner(envSeg - 1, psp);
  arena.setOwner(psp - 1, psp);
  arena.setName(psp - 1, mcbName(req.path));

  createChildPsp(dos, psp, psp + size);
  wr16(mem, psp, PSP.ENVIRONMENT, envSeg);
  for (const [at, fcb] of [
    [PSP.FCB1, req.fcb1],
    [PSP.FCB2, req.fcb2],
  ] as const) {
    copyToSegment(mem, psp, at, fcb.subarray(0, FCB_COPY));
    fillSegment(mem, psp, at + FCB_COPY, FCB_ZEROED, 0); // extent and record size: zero, as EXEC's two STOSW
  }
  copyToSegment(mem, psp, PSP.TAIL_LENGTH, req.tail.subarray(0, TAIL_COPY));

  // The child returns to req.returnTo: INT 22h and PSP:0Ah both hold it.
  setVector(mem, 0x22, req.returnTo.seg, req.returnTo.off);
  wr16(mem, psp, PSP.INT22, req.returnTo.off);
  wr16(mem, psp, PSP.INT22 + 2, req.returnTo.seg);
  dos.setDta(psp, PSP.DEFAULT_DTA);

  const al = driveValid(dos, req.fcb1[0]) ? 0 : 0xff;
  const ah = driveValid(dos, req.fcb2[0]) ? 0 : 0xff;
  return { psp, environment: envSeg, paragraphs: size, ss, sp, cs, ip, ax: (ah << 8) | al, fullPath: file.fullPath };
}

/** INT 21h/4B03h: the image goes to the caller's segment, relocated by the caller's factor; no
 *  PSP, no memory allocation (DOS assumes the caller owns the space). An EXE's load module may be
 *  any size (it runs on past 64 KiB, as for EXEC); a file without an MZ header is read at
 *  segment:0000 with one read of FFFFh bytes, and one that fills all of it is refused with error
 *  8, as DOS's EXEC does (its "did we read them all?" check). */
export function loadOverlay(dos: Kernel, path: string, loadSeg: number, relocFactor: number): number {
  const file = dos.files.loadFile(path);
  if (typeof file === 'number') return file;
  const tooLarge = programTooLarge(file.data, file.size);
  if (tooLarge) return tooLarge.error;
  const info = parseProgram(file.data);
  if ('error' in info) return info.error;
  if (info.kind === 'com') {
    if (info.image.length >= COM_OVERLAY_READ) return DOS_ERROR.INSUFFICIENT_MEMORY;
    copyToLinear(dos.mem, linear(loadSeg, 0), info.image, dos.machine.cpu);
  } else placeExe(dos.mem, info, loadSeg, relocFactor, dos.machine.cpu);
  return 0;
}

/** DOS's validity check of an FCB drive byte (0 = default drive, 1 = A:): the drive table's
 *  answer, as for INT 21h/29h. */
function driveValid(dos: Kernel, drive: number): boolean {
  return drive === 0 || dos.files.drives.isValid(drive - 1);
}

/** The MCB owner name EXEC writes: the file name after the last ':' or '\', up to its '.', at
 *  most 8 characters, as the caller spelled it. */
function mcbName(path: string): string {
  const base = fileNamePart(path);
  const dot = base.indexOf('.');
  return (dot < 0 ? base : base.slice(0, dot)).slice(0, 8);
}

/** The file name of a DOS path: what follows its last backslash, '/' or ':'. */
export function fileNamePart(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
}
