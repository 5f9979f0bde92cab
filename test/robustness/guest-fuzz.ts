// Random hostile .COM programs for the robustness fuzz test: each one is a seeded mix of random
// instruction bytes, BIOS/DOS calls with random registers, random far jumps, stray writes into
// the IVT, the PSP, the MCB chain and the DOS data segment, and EXEC attempts of garbage files.
// A seed always gives the same program and the same garbage files, so a failure is replayable.
import { DOS_SEG, DOSMEM, FIRST_MCB_SEG } from '../../src/dos/sysvars';

/** xorshift32 (Marsaglia): every bit is usable, unlike an LCG's low bits. */
export class XorShift32 {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  below(n: number): number {
    return this.next() % n;
  }
  byte(): number {
    return this.next() & 0xff;
  }
  word(): number {
    return this.next() & 0xffff;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
  chance(percent: number): boolean {
    return this.below(100) < percent;
  }
}

/** The .COM image: code from 100h, data (names, an EXEC block, a command tail) at DATA_IP. */
const ORIGIN = 0x100;
const IMAGE_SIZE = 0x800;
const DATA_IP = 0x700;
const CODE_END = DATA_IP - 16; // room for the closing INT 21h/4Ch

/** ASCIIZ names in the data area: files the fuzz folder holds, devices, escapes, wildcards. */
const NAMES = [
  'GARB.COM', 'GARB.EXE', 'A.TXT', 'C:\\A.TXT', '*.*', '????????.???', 'NUL', 'CON', 'AUX', 'PRN',
  '..\\..\\..\\ESCAPE.TXT', '\\..\\ESCAPE2.TXT', 'SUB', 'SUB\\NEW.TXT', 'Z:\\X', 'C:', '', 'A:\\',
  'C:\\GARB.COM', 'CON.TXT', '/ETC/PASSWD', 'LONGLONGNAME.TEXTFILE',
];
/** The EXEC parameter block (INT 21h/4Bh ES:BX) and the command tail it points to. */
const EXEC_BLOCK_IP = 0x7c0;
const TAIL_IP = 0x7e0;

/** INT 21h functions DOS 5 serves (and some it does not), plus every other vector's favourites. */
const DOS_SERVED = [
  0x00, 0x01, 0x02, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13,
  0x14, 0x15, 0x16, 0x17, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
  0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
  0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a,
  0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b,
  0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x62, 0x63, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c,
];
const DOS_UNSERVED = [0x03, 0x04, 0x05, 0x18, 0x1d, 0x1e, 0x20, 0x61, 0x6d, 0x6e, 0x71, 0x73, 0x7f, 0xdc, 0xff];
const VECTORS = [0x21, 0x21, 0x21, 0x21, 0x10, 0x16, 0x1a, 0x15, 0x2f, 0x25, 0x26, 0x33];

/** Opcodes that leave the straight line (jumps, calls, returns, loops, INT/IRET, HLT, MOV to a
 *  segment register, the FFh group's indirect jumps); prefixes and everything else stay. */
const CONTROL_TRANSFER = new Set([
  ...Array.from({ length: 16 }, (_, i) => 0x70 + i), 0x8e, 0x9a, 0xc2, 0xc3, 0xca, 0xcb, 0xcc, 0xcd,
  0xce, 0xcf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe8, 0xe9, 0xea, 0xeb, 0xf4, 0xff, 0x07, 0x17, 0x1f,
]);
const NOPS = [0x90, 0x90, 0x90, 0x90, 0x90, 0x90];

export interface FuzzCase {
  /** GARB.COM and friends; the program itself is FUZZ.COM. */
  files: Record<string, Uint8Array>;
  program: Uint8Array;
}

/** Builds the program and garbage files for one seed. */
export function fuzzCase(seed: number): FuzzCase {
  const rng = new XorShift32(seed);
  const code: number[] = [];
  const emit = (...bytes: number[]) => code.push(...bytes.map((b) => b & 0xff));
  const imm16 = (w: number) => [w & 0xff, (w >>> 8) & 0xff];
  const nameOffsets: number[] = [];
  let at = DATA_IP;
  for (const n of NAMES) {
    nameOffsets.push(at);
    at += n.length + 1;
  }
  if (at > EXEC_BLOCK_IP) throw new Error('fuzz names overflow the data area');

  // Prologue: the EXEC block's far pointers take this program's segment (unknown until loaded).
  emit(0x8c, 0xc8); // mov ax,cs
  for (const field of [4, 8, 12]) emit(0xa3, ...imm16(EXEC_BLOCK_IP + field)); // mov [block+field],ax

  /** A register value: zero, all ones, a pointer into the data area, or anything. */
  const value = (): number => {
    switch (rng.below(5)) {
      case 0: return 0;
      case 1: return 0xffff;
      case 2: return rng.pick(nameOffsets);
      case 3: return rng.below(0x100);
      default: return rng.word();
    }
  };
  /** DS/ES before a call: this program (CS) mostly, else a random or a system segment. */
  const segment = (sreg: 0xd8 | 0xc0) => {
    const pushPop = sreg === 0xd8 ? 0x1f : 0x07;
    if (rng.chance(70)) emit(0x0e, pushPop); // push cs / pop ds|es
    else emit(0xb8, ...imm16(rng.pick([0, 0xffff, DOS_SEG, FIRST_MCB_SEG, 0xb800, 0xf000, rng.word()])), 0x8e, sreg);
  };
  /** After a call or a stray: DS, SS:SP and the direction flag back to a usable state. */
  const restore = () => emit(0x0e, 0x1f, 0x8c, 0xc8, 0x8e, 0xd0, 0xbc, 0xfe, 0xff, 0xfc);

  const blocks = 8 + rng.below(40);
  for (let k = 0; k < blocks && code.length < CODE_END - 64; k++) {
    const kind = rng.below(100);
    if (kind < 25) {
      // Random instruction bytes: whatever the decoder makes of them. Mostly without control
      // transfers, so the program goes on to its next call; NOPs absorb a last instruction's
      // operands before the restore.
      const tame = rng.chance(85);
      const n = 1 + rng.below(10);
      for (let i = 0; i < n; i++) {
        let b = rng.byte();
        while (tame && CONTROL_TRANSFER.has(b)) b = rng.byte();
        emit(b);
      }
      emit(...NOPS);
      restore();
    } else if (kind < 70) {
      // A BIOS or DOS call with random registers.
      const vector = rng.pick(VECTORS);
      let ah: number;
      if (vector === 0x21) ah = rng.chance(85) ? rng.pick(DOS_SERVED) : rng.pick(DOS_UNSERVED);
      else ah = rng.chance(50) ? rng.below(0x20) : rng.byte();
      segment(0xd8);
      segment(0xc0);
      for (const op of [0xbb, 0xb9, 0xba, 0xbe, 0xbf]) emit(op, ...imm16(value())); // bx cx dx si di
      emit(0xb8, rng.byte(), ah); // mov ax
      emit(0xcd, vector);
      restore();
    } else if (kind < 85) {
      // Stray word writes into the IVT, the PSP, the MCB chain or the DOS data segment.
      const n = 1 + rng.below(4);
      for (let i = 0; i < n; i++) {
        const where = rng.below(5);
        if (where === 0) emit(0x31, 0xc0, 0x8e, 0xc0); // xor ax,ax / mov es,ax: the IVT
        else if (where === 1) emit(0x0e, 0x07); // the PSP (a .COM's CS)
        else if (where === 2) emit(0x8c, 0xc8, 0x48, 0x8e, 0xc0); // mov ax,cs / dec ax / mov es,ax: own MCB
        else emit(0xb8, ...imm16(where === 3 ? FIRST_MCB_SEG : DOS_SEG), 0x8e, 0xc0);
        const limit = where === 0 ? 0x400 : where === 1 ? 0x100 : where === 2 ? 0x10 : where === 3 ? 0x10 : DOSMEM.END;
        emit(0x26, 0xc7, 0x06, ...imm16(rng.below(limit)), ...imm16(value())); // mov word es:[off],imm
      }
    } else {
      // EXEC of a garbage file (or of anything, with a random block).
      segment(0xd8);
      emit(0x0e, 0x07); // push cs / pop es
      emit(0xba, ...imm16(rng.chance(80) ? nameOffsets[rng.below(2)] : value())); // mov dx,name
      emit(0xbb, ...imm16(rng.chance(80) ? EXEC_BLOCK_IP : value())); // mov bx,block
      emit(0xb8, rng.pick([0, 0, 1, 3, rng.byte()]), 0x4b); // mov ax,4Bxx
      emit(0xcd, 0x21);
      restore();
    }
  }
  // The end: an exit with a random code, or a far jump or call to anywhere (whatever lies there
  // runs until the limits).
  if (rng.chance(20)) emit(rng.chance(50) ? 0xea : 0x9a, ...imm16(rng.word()), ...imm16(rng.word()));
  emit(0xb4, 0x4c, 0xcd, 0x21); // mov ah,4Ch / int 21h

  const image = new Uint8Array(IMAGE_SIZE - ORIGIN);
  image.set(code.slice(0, CODE_END - ORIGIN));
  const put = (ip: number, bytes: number[]) => image.set(bytes, ip - ORIGIN);
  NAMES.forEach((n, i) => put(nameOffsets[i], [...n].map((c) => c.charCodeAt(0)).concat(0)));
  // EXEC block: environment 0 (the parent's), tail at TAIL_IP, both FCBs at the PSP's 5Ch.
  put(EXEC_BLOCK_IP, [0, 0, ...imm16(TAIL_IP), 0, 0, 0x5c, 0, 0, 0, 0x5c, 0, 0, 0]);
  put(TAIL_IP, [3, 0x20, 0x2f, 0x3f, 0x0d]);

  return { program: image, files: garbageFiles(rng) };
}

/** GARB.COM: random bytes; GARB.EXE: an MZ header with random fields over random bytes; A.TXT: text. */
function garbageFiles(rng: XorShift32): Record<string, Uint8Array> {
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => rng.byte());
  // Half the time a short stretch of garbage and an exit, so the parent gets control back.
  const com = rng.chance(50) ? bytes(rng.below(3000)) : Uint8Array.from([...bytes(rng.below(16)), ...NOPS, 0xb8, 0x01, 0x4c, 0xcd, 0x21]);
  const exe = bytes(32 + rng.below(3000));
  exe[0] = 0x4d;
  exe[1] = 0x5a;
  if (rng.chance(50)) {
    // Plausible small header sizes, so the loader gets past the first checks more often.
    exe[8] = rng.below(4); // header paragraphs
    exe[9] = 0;
    exe[6] = rng.below(4); // relocation count
    exe[7] = 0;
  }
  return { 'GARB.COM': com, 'GARB.EXE': exe, 'A.TXT': new TextEncoder().encode('hello world\r\n'.repeat(20)) };
}
