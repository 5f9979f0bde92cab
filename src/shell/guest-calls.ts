// The DOS services the shell uses, each one INT 21h call the guest half issues for it (see
// protocol.ts). Arguments that DOS reads from memory (paths, buffers, EXEC blocks) are placed in
// the shell's own scratch area first; nothing here calls the kernel's TypeScript.
import { copyFromSegment, copyToSegment, rd16, rd8, wr16, wr8 } from '../cpu/guest-memory';
import { CARRY, type Regs, type Reply, type Syscall } from './protocol';

/** The scratch area's parts (offsets from its start). */
export const SCRATCH = {
  PATH1: 0x000, // 128 bytes
  PATH2: 0x080, // 128 bytes
  DTA: 0x100, // 128 bytes: find first/next
  EXEC_BLOCK: 0x180, // 14 bytes
  FCB1: 0x190, // 37 bytes
  FCB2: 0x1c0,
  TAIL: 0x200, // 128 bytes
  LINE: 0x280, // 0Ah buffer: max, count, 128 bytes
  DATA: 0x400, // the rest: file data
} as const;

/** The EXEC (4B00h) parameter block: environment segment, then far pointers to the command tail
 *  and the two FCBs (offset, segment). */
const EXEC_BLOCK = { ENVIRONMENT: 0x00, TAIL: 0x02, FCB1: 0x06, FCB2: 0x0a } as const;

/** DOS find-first/next DTA fields (MS-DOS 5). */
const DTA = { ATTR: 0x15, TIME: 0x16, DATE: 0x18, SIZE: 0x1a, NAME: 0x1e } as const;

export interface FoundFile {
  name: string;
  attr: number;
  time: number;
  date: number;
  size: number;
}

export const ATTR = { READ_ONLY: 0x01, HIDDEN: 0x02, SYSTEM: 0x04, VOLUME: 0x08, DIRECTORY: 0x10, ARCHIVE: 0x20 } as const;

/** A byte string (one char per byte, CP437 as DOS sees it) as bytes. */
export function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function fromBytes(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function regs(partial: Partial<Regs>, seg: number): Regs {
  return { ax: 0, bx: 0, cx: 0, dx: 0, si: 0, di: 0, ds: seg, es: seg, ...partial };
}

/** The shell's door to DOS. A negative number from a call is -(DOS error code). */
export class GuestCalls {
  constructor(
    readonly mem: Uint8Array,
    /** The shell's segment (its PSP: COMMAND.COM is a .COM). */
    readonly seg: number,
    readonly scratch: number,
    readonly scratchSize: number,
  ) {}

  get dataSize(): number {
    return this.scratchSize - SCRATCH.DATA;
  }

  at(part: number): number {
    return this.scratch + part;
  }

  /** One INT 21h with these registers (DS and ES default to the shell's segment). */
  *int21(r: Partial<Regs>): Syscall<Reply> {
    return yield regs(r, this.seg);
  }

  /** One BIOS video call (CLS), issued by the shell like its INT 21h calls. */
  *int10(r: Partial<Regs>): Syscall<Reply> {
    return yield { ...regs(r, this.seg), vector: 0x10 };
  }

  /** AX, or -AX when CF is set. */
  *call(r: Partial<Regs>): Syscall<number> {
    const out = yield* this.int21(r);
    return out.flags & CARRY ? -out.ax : out.ax;
  }

  putString(part: number, s: string): number {
    const off = this.at(part);
    copyToSegment(this.mem, this.seg, off, toBytes(s.slice(0, 127)));
    wr8(this.mem, this.seg, off + Math.min(s.length, 127), 0);
    return off;
  }

  getString(off: number, max = 128): string {
    let s = '';
    for (let i = 0; i < max; i++) {
      const b = rd8(this.mem, this.seg, off + i);
      if (b === 0) break;
      s += String.fromCharCode(b);
    }
    return s;
  }

  *write(handle: number, text: string | Uint8Array): Syscall<number> {
    const data = typeof text === 'string' ? toBytes(text) : text;
    let done = 0;
    while (done < data.length) {
      const n = Math.min(this.dataSize, data.length - done);
      copyToSegment(this.mem, this.seg, this.at(SCRATCH.DATA), data.subarray(done, done + n));
      const w = yield* this.call({ ax: 0x4000, bx: handle, cx: n, dx: this.at(SCRATCH.DATA) });
      if (w < 0) return w;
      done += w;
      if (w < n) break;
    }
    return done;
  }

  /** Reads up to `max` bytes (at most the data area); an empty array at end of file. */
  *read(handle: number, max: number): Syscall<Uint8Array | number> {
    const n = Math.min(max, this.dataSize);
    const r = yield* this.call({ ax: 0x3f00, bx: handle, cx: n, dx: this.at(SCRATCH.DATA) });
    if (r < 0) return r;
    return copyFromSegment(this.mem, this.seg, this.at(SCRATCH.DATA), r);
  }

  /** A whole file's bytes, or -error. */
  *readFile(path: string): Syscall<Uint8Array | number> {
    const h = yield* this.open(path, 0);
    if (h < 0) return h;
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = yield* this.read(h, this.dataSize);
      if (typeof chunk === 'number') {
        yield* this.close(h);
        return chunk;
      }
      if (chunk.length === 0) break;
      parts.push(chunk);
      total += chunk.length;
    }
    yield* this.close(h);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  *open(path: string, mode: number): Syscall<number> {
    return yield* this.call({ ax: 0x3d00 | mode, dx: this.putString(SCRATCH.PATH1, path) });
  }

  *create(path: string, attr = 0): Syscall<number> {
    return yield* this.call({ ax: 0x3c00, cx: attr, dx: this.putString(SCRATCH.PATH1, path) });
  }

  *close(handle: number): Syscall<number> {
    return yield* this.call({ ax: 0x3e00, bx: handle });
  }

  *dup(handle: number): Syscall<number> {
    return yield* this.call({ ax: 0x4500, bx: handle });
  }

  *dup2(handle: number, target: number): Syscall<number> {
    return yield* this.call({ ax: 0x4600, bx: handle, cx: target });
  }

  /** Moves the file pointer; the new position (DX:AX), or -error. */
  *seek(handle: number, origin: number, offset: number): Syscall<number> {
    const out = yield* this.int21({ ax: 0x4200 | origin, bx: handle, cx: (offset >>> 16) & 0xffff, dx: offset & 0xffff });
    return out.flags & CARRY ? -out.ax : out.dx * 0x10000 + out.ax;
  }

  /** IOCTL 4400h device information word, or -error. */
  *deviceInfo(handle: number): Syscall<number> {
    const out = yield* this.int21({ ax: 0x4400, bx: handle });
    return out.flags & CARRY ? -out.ax : out.dx;
  }

  *getAttributes(path: string): Syscall<number> {
    const out = yield* this.int21({ ax: 0x4300, dx: this.putString(SCRATCH.PATH1, path) });
    return out.flags & CARRY ? -out.ax : out.cx;
  }

  *unlink(path: string): Syscall<number> {
    return yield* this.call({ ax: 0x4100, dx: this.putString(SCRATCH.PATH1, path) });
  }

  *rename(from: string, to: string): Syscall<number> {
    return yield* this.call({ ax: 0x5600, dx: this.putString(SCRATCH.PATH1, from), di: this.putString(SCRATCH.PATH2, to) });
  }

  *mkdir(path: string): Syscall<number> {
    return yield* this.call({ ax: 0x3900, dx: this.putString(SCRATCH.PATH1, path) });
  }

  *rmdir(path: string): Syscall<number> {
    return yield* this.call({ ax: 0x3a00, dx: this.putString(SCRATCH.PATH1, path) });
  }

  *chdir(path: string): Syscall<number> {
    return yield* this.call({ ax: 0x3b00, dx: this.putString(SCRATCH.PATH1, path) });
  }

  /** The current drive, 0 = A. */
  *getDrive(): Syscall<number> {
    const out = yield* this.int21({ ax: 0x1900 });
    return out.ax & 0xff;
  }

  *setDrive(drive: number): Syscall<void> {
    yield* this.int21({ ax: 0x0e00, dx: drive });
  }

  /** The current directory of a drive (0 = A) without drive and leading '\', or -error. */
  *getCwd(drive: number): Syscall<string | number> {
    const off = this.at(SCRATCH.PATH2);
    const r = yield* this.call({ ax: 0x4700, dx: drive + 1, si: off });
    if (r < 0) return r;
    return this.getString(off, 64);
  }

  /** The canonical full name (INT 21h/60h), or -error. */
  *truename(path: string): Syscall<string | number> {
    const out2 = this.at(SCRATCH.PATH2);
    const r = yield* this.call({ ax: 0x6000, si: this.putString(SCRATCH.PATH1, path), di: out2 });
    if (r < 0) return r;
    return this.getString(out2);
  }

  *findFirst(pattern: string, attr: number): Syscall<FoundFile | number> {
    yield* this.int21({ ax: 0x1a00, dx: this.at(SCRATCH.DTA) });
    const r = yield* this.call({ ax: 0x4e00, cx: attr, dx: this.putString(SCRATCH.PATH1, pattern) });
    return r < 0 ? r : this.found();
  }

  *findNext(): Syscall<FoundFile | number> {
    yield* this.int21({ ax: 0x1a00, dx: this.at(SCRATCH.DTA) });
    const r = yield* this.call({ ax: 0x4f00 });
    return r < 0 ? r : this.found();
  }

  /** Every entry matching a pattern (find first/next); [] when none. */
  *findAll(pattern: string, attr: number): Syscall<FoundFile[]> {
    const out: FoundFile[] = [];
    let f = yield* this.findFirst(pattern, attr);
    while (typeof f !== 'number') {
      out.push(f);
      f = yield* this.findNext();
    }
    return out;
  }

  private found(): FoundFile {
    const d = this.at(SCRATCH.DTA);
    return {
      attr: rd8(this.mem, this.seg, d + DTA.ATTR),
      time: rd16(this.mem, this.seg, d + DTA.TIME),
      date: rd16(this.mem, this.seg, d + DTA.DATE),
      size: rd16(this.mem, this.seg, d + DTA.SIZE) + rd16(this.mem, this.seg, d + DTA.SIZE + 2) * 0x10000,
      name: this.getString(d + DTA.NAME, 13),
    };
  }

  /** INT 21h/4B00h from the shell's PSP: `tail` is the command tail (without its count byte).
   *  FCBs 1 and 2 are filled from the first two arguments as COMMAND.COM does (29h). */
  *exec(path: string, tail: string): Syscall<number> {
    const t = tail.slice(0, 126);
    const tailOff = this.at(SCRATCH.TAIL);
    wr8(this.mem, this.seg, tailOff, t.length);
    copyToSegment(this.mem, this.seg, tailOff + 1, toBytes(t));
    wr8(this.mem, this.seg, tailOff + 1 + t.length, 0x0d);
    // Parse the first two arguments into the FCBs (29h with "skip leading separators").
    const args = t.trim().split(/[\s,;=]+/).filter((a) => a && !a.startsWith('/'));
    for (const [i, fcb] of [SCRATCH.FCB1, SCRATCH.FCB2].entries()) {
      const text = this.putString(SCRATCH.PATH2, (args[i] ?? '') + '\r');
      yield* this.int21({ ax: 0x2901, si: text, di: this.at(fcb) });
    }
    const blk = this.at(SCRATCH.EXEC_BLOCK);
    wr16(this.mem, this.seg, blk + EXEC_BLOCK.ENVIRONMENT, 0); // 0: the child gets a copy of ours
    const far = (at: number, off: number) => {
      wr16(this.mem, this.seg, blk + at, off);
      wr16(this.mem, this.seg, blk + at + 2, this.seg);
    };
    far(EXEC_BLOCK.TAIL, tailOff);
    far(EXEC_BLOCK.FCB1, this.at(SCRATCH.FCB1));
    far(EXEC_BLOCK.FCB2, this.at(SCRATCH.FCB2));
    return yield* this.call({ ax: 0x4b00, dx: this.putString(SCRATCH.PATH1, path), bx: blk });
  }

  /** INT 21h/4Dh: AL the child's return code, AH how it ended. */
  *returnCode(): Syscall<number> {
    const out = yield* this.int21({ ax: 0x4d00 });
    return out.ax;
  }

  /** One key from standard input without echo (INT 21h/08h). */
  *readKey(): Syscall<number> {
    const out = yield* this.int21({ ax: 0x0800 });
    return out.ax & 0xff;
  }

  /** One line from standard input with DOS's editing (INT 21h/0Ah); null at end of input. */
  *readLine(): Syscall<string> {
    const buf = this.at(SCRATCH.LINE);
    wr8(this.mem, this.seg, buf, 128);
    wr8(this.mem, this.seg, buf + 1, 0);
    yield* this.int21({ ax: 0x0a00, dx: buf });
    const n = rd8(this.mem, this.seg, buf + 1);
    return String.fromCharCode(...copyFromSegment(this.mem, this.seg, buf + 2, n));
  }

  /** Free space on a drive (0 = default): bytes free and bytes per cluster, or -error. */
  *diskFree(drive: number): Syscall<{ free: number; total: number } | number> {
    const out = yield* this.int21({ ax: 0x3600, dx: drive });
    if (out.ax === 0xffff) return -15;
    const cluster = out.ax * out.cx;
    return { free: cluster * out.bx, total: cluster * out.dx };
  }

  /** Allocates paragraphs: the segment, or -error. */
  *alloc(paragraphs: number): Syscall<number> {
    return yield* this.call({ ax: 0x4800, bx: paragraphs });
  }

  *free(seg: number): Syscall<number> {
    return yield* this.call({ ax: 0x4900, es: seg });
  }
}
