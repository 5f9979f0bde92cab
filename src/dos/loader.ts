// Program images: telling .COM from MZ .EXE by the first two bytes (never by the extension, as
// DOS does), checking an EXE header, computing how much memory it needs, and placing the load
// module in memory with its relocations applied. Pure functions over bytes and guest memory; the
// EXEC logic that allocates memory and builds the PSP lives in exec.ts.
import { copyToLinear, linear, rd16, wr16, type PageHookBus } from '../cpu/guest-memory';
import { DOS_ERROR } from './errors';

/** The MZ header fields DOS reads (the first 1Ah bytes). */
export const EXE_HEADER = {
  SIGNATURE: 0x00, // 'MZ' (or the old 'ZM')
  LAST_PAGE_BYTES: 0x02, // bytes in the last 512-byte page (DOS itself ignores it)
  PAGES: 0x04, // 512-byte pages in the file, header included
  RELOCATIONS: 0x06,
  HEADER_PARAGRAPHS: 0x08,
  MIN_ALLOC: 0x0a, // extra paragraphs needed
  MAX_ALLOC: 0x0c, // extra paragraphs wanted (0 with MIN 0: load high)
  SS: 0x0e,
  SP: 0x10,
  CHECKSUM: 0x12, // ignored
  IP: 0x14,
  CS: 0x16,
  RELOCATION_TABLE: 0x18,
  SIZE: 0x1a,
} as const;

const SIG_MZ = 0x5a4d;
const SIG_ZM = 0x4d5a;
/** DOS tolerates a load module up to this many bytes shorter than the header says (the last page). */
const SHORT_READ_LIMIT = 512;

export interface ExeInfo {
  kind: 'exe';
  /** Paragraphs of the load module as DOS computes it: pages * 32 - header paragraphs. */
  imageParas: number;
  /** The load module bytes present in the file (may be up to 511 bytes short of imageParas * 16). */
  image: Uint8Array;
  minAlloc: number;
  maxAlloc: number;
  /** MIN_ALLOC = MAX_ALLOC = 0: DOS gives the largest block and loads the image at its top. */
  loadHigh: boolean;
  ss: number;
  sp: number;
  cs: number;
  ip: number;
  /** Relocation entries (offset, segment relative to the load module). */
  relocations: { off: number; seg: number }[];
}

export interface ComInfo {
  kind: 'com';
  image: Uint8Array;
}

export type ProgramInfo = ExeInfo | ComInfo;

export interface LoadProblem {
  error: number;
  reason: string;
}

/** Classifies and checks a program file. A file that starts with MZ/ZM must be a sound EXE;
 *  anything else is a .COM image. */
export function parseProgram(data: Uint8Array): ProgramInfo | LoadProblem {
  const bad = (reason: string): LoadProblem => ({ error: DOS_ERROR.BAD_FORMAT, reason });
  if (data.length === 0) return bad('empty file');
  const sig = data.length >= 2 ? data[0] | (data[1] << 8) : 0;
  if (sig !== SIG_MZ && sig !== SIG_ZM) return { kind: 'com', image: data };

  // MS-DOS would run an MZ file shorter than its 1Ah-byte header as a .COM image (and crash);
  // vdm86 refuses it, as the issue asks for a clear error.
  if (data.length < EXE_HEADER.SIZE) return bad(`truncated EXE header (${data.length} of ${EXE_HEADER.SIZE} bytes)`);
  const w = (off: number) => data[off] | (data[off + 1] << 8);
  const pages = w(EXE_HEADER.PAGES);
  const headerParas = w(EXE_HEADER.HEADER_PARAGRAPHS);
  const relocCount = w(EXE_HEADER.RELOCATIONS);
  const relocTable = w(EXE_HEADER.RELOCATION_TABLE);
  const headerBytes = headerParas * 16;

  if (pages === 0) return bad('EXE header gives no pages');
  if (headerBytes < EXE_HEADER.SIZE) return bad(`EXE header of ${headerParas} paragraphs is smaller than the header itself`);
  if (headerBytes > data.length) return bad(`EXE header of ${headerBytes} bytes runs past the end of the ${data.length}-byte file`);
  const imageParas = pages * 32 - headerParas;
  if (imageParas <= 0) return bad('EXE header is larger than the whole image');
  if (relocCount > 0 && (relocTable < EXE_HEADER.SIZE || relocTable + relocCount * 4 > data.length)) {
    return bad(`EXE relocation table (${relocCount} entries at ${hex(relocTable)}) lies outside the file`);
  }
  const available = data.length - headerBytes;
  // DOS reads the load module and refuses it ("the header lied") when 512 or more bytes are missing.
  if (imageParas * 16 - available >= SHORT_READ_LIMIT) {
    return bad(`EXE header promises ${imageParas * 16} bytes of load module, the file has ${available}`);
  }
  const imageBytes = Math.min(available, imageParas * 16);
  const relocations: { off: number; seg: number }[] = [];
  for (let i = 0; i < relocCount; i++) {
    const off = w(relocTable + i * 4);
    const seg = w(relocTable + i * 4 + 2);
    // A fixup outside the load module would patch memory the program does not own.
    if (seg * 16 + off + 2 > imageParas * 16) {
      return bad(`EXE relocation ${i} (${hex(seg)}:${hex(off)}) points outside the load module`);
    }
    relocations.push({ off, seg });
  }
  const minAlloc = w(EXE_HEADER.MIN_ALLOC);
  const maxAlloc = w(EXE_HEADER.MAX_ALLOC);
  return {
    kind: 'exe',
    imageParas,
    image: data.subarray(headerBytes, headerBytes + imageBytes),
    minAlloc,
    maxAlloc,
    loadHigh: maxAlloc === 0 && minAlloc === 0,
    ss: w(EXE_HEADER.SS),
    sp: w(EXE_HEADER.SP),
    cs: w(EXE_HEADER.CS),
    ip: w(EXE_HEADER.IP),
    relocations,
  };
}

/** Copies an EXE load module to `loadSeg` and adds `relocFactor` to every fixed-up word, as DOS
 *  does for EXEC (factor = load segment) and for overlays (factor from the caller). The module is
 *  one run of linear memory, not one segment (MASM 5.10's is 110 KB): DOS's EXEC reads it in
 *  pieces of at most FE00h bytes, moving its transfer segment on after each. The up to 511 bytes
 *  the header promises beyond the file's end are not read, so memory there keeps what it held. */
export function placeExe(mem: Uint8Array, exe: ExeInfo, loadSeg: number, relocFactor: number, hooks?: PageHookBus): void {
  copyToLinear(mem, linear(loadSeg, 0), exe.image, hooks);
  for (const r of exe.relocations) {
    const seg = (loadSeg + r.seg) & 0xffff;
    wr16(mem, seg, r.off, rd16(mem, seg, r.off) + relocFactor);
  }
}

function hex(v: number): string {
  return v.toString(16).toUpperCase().padStart(4, '0') + 'h';
}

/** The most of a program file EXEC reads: an EXE header (up to 64 Ki paragraphs, its relocation
 *  table included) and a load module that must fit the 1 MiB address space, so 2 MiB. */
export const MAX_PROGRAM_READ = 0x200000;

/**
 * A program file larger than what was read (MAX_PROGRAM_READ) can still be an EXE whose load
 * module lies in the part read (what follows is overlay data DOS never loads). Anything else that
 * big cannot fit in memory: error 8, as DOS gives for an image larger than the free memory, at
 * once and without reading the rest (issue 14: a 1.9 GB sparse file was read whole per EXEC).
 */
export function programTooLarge(data: Uint8Array, fileSize: number): LoadProblem | null {
  if (fileSize <= data.length) return null;
  const sig = data.length >= EXE_HEADER.SIZE ? data[0] | (data[1] << 8) : 0;
  if (sig === SIG_MZ || sig === SIG_ZM) {
    const pages = data[EXE_HEADER.PAGES] | (data[EXE_HEADER.PAGES + 1] << 8);
    if (pages * 512 <= data.length) return null;
    return { error: DOS_ERROR.INSUFFICIENT_MEMORY, reason: `EXE load module of ${pages * 512} bytes cannot fit in memory` };
  }
  return { error: DOS_ERROR.INSUFFICIENT_MEMORY, reason: `${fileSize}-byte .COM image cannot fit in memory` };
}
