// Reading and writing guest memory from TypeScript (BIOS, DOS and VDD code), with the 8086's
// addressing rules: linear = seg*16 + off, wrapping at 1 MiB, and word accesses that wrap
// within the segment at offset FFFFh. Bulk copies come in two kinds, named for their rule:
// *Linear (one run of memory: load modules, file transfers) and *Segment (the offset wraps
// inside the segment: structures DOS copies with string instructions).

export const MEMORY_SIZE = 0x100000;
export const ADDRESS_MASK = 0xfffff;

export function linear(seg: number, off: number): number {
  return (((seg & 0xffff) << 4) + (off & 0xffff)) & ADDRESS_MASK;
}

export function rd8(mem: Uint8Array, seg: number, off: number): number {
  return mem[linear(seg, off)];
}

export function wr8(mem: Uint8Array, seg: number, off: number, v: number): void {
  mem[linear(seg, off)] = v & 0xff;
}

export function rd16(mem: Uint8Array, seg: number, off: number): number {
  return mem[linear(seg, off)] | (mem[linear(seg, off + 1)] << 8);
}

export function wr16(mem: Uint8Array, seg: number, off: number, v: number): void {
  mem[linear(seg, off)] = v & 0xff;
  mem[linear(seg, off + 1)] = (v >>> 8) & 0xff;
}

export function rd32(mem: Uint8Array, seg: number, off: number): number {
  return (rd16(mem, seg, off) | (rd16(mem, seg, off + 2) << 16)) >>> 0;
}

export function wr32(mem: Uint8Array, seg: number, off: number, v: number): void {
  wr16(mem, seg, off, v & 0xffff);
  wr16(mem, seg, off + 2, (v >>> 16) & 0xffff);
}

/** Byte reads/writes by linear address, wrapping at 1 MiB. */
export function rdLin16(mem: Uint8Array, a: number): number {
  return mem[a & ADDRESS_MASK] | (mem[(a + 1) & ADDRESS_MASK] << 8);
}

export function wrLin16(mem: Uint8Array, a: number, v: number): void {
  mem[a & ADDRESS_MASK] = v & 0xff;
  mem[(a + 1) & ADDRESS_MASK] = (v >>> 8) & 0xff;
}

/** A little-endian dword by linear address (the SFT's size, position, host handle and device
 *  pointer are read and written this way by the kernel and the VDD handle calls). */
export function rdLin32(mem: Uint8Array, a: number): number {
  return (rdLin16(mem, a) | (rdLin16(mem, a + 2) << 16)) >>> 0;
}

export function wrLin32(mem: Uint8Array, a: number, v: number): void {
  wrLin16(mem, a, v & 0xffff);
  wrLin16(mem, a + 2, (v >>> 16) & 0xffff);
}

// ---- bulk copies, by the two rules a copy between host and guest memory follows

/** The page hooks a bulk copy honours as the CPU's own accesses do (CpuState has this shape):
 *  a copy into or out of a hooked page calls the hook first, as DOS's REP MOVSB would fault. */
export interface PageHookBus {
  readonly hooked: boolean;
  touch(lin: number, isWrite: boolean): void;
}

/** Calls the page hook of every 4 KiB page the run [lin, lin + count) touches. */
function touchRun(hooks: PageHookBus | undefined, lin: number, count: number, isWrite: boolean): void {
  if (!hooks || !hooks.hooked || count <= 0) return;
  let a = lin & ADDRESS_MASK;
  for (let left = count; left > 0; ) {
    hooks.touch(a, isWrite);
    const step = Math.min(left, 0x1000 - (a & 0xfff));
    left -= step;
    a = (a + step) & ADDRESS_MASK;
  }
}

/** Linear rule: `data` goes to one run of memory from linear address `lin` on, wrapping only at
 *  1 MiB. This is how DOS places a load module (EXEC reads it in pieces, moving its transfer
 *  segment on) and how a handle read lands once DOS has normalised DS:DX. */
export function copyToLinear(mem: Uint8Array, lin: number, data: ArrayLike<number>, hooks?: PageHookBus): void {
  touchRun(hooks, lin, data.length, true);
  const a = lin & ADDRESS_MASK;
  const direct = Math.min(data.length, MEMORY_SIZE - a);
  if (data instanceof Uint8Array) {
    mem.set(data.subarray(0, direct), a);
    if (direct < data.length) mem.set(data.subarray(direct), 0);
    return;
  }
  for (let i = 0; i < data.length; i++) mem[(a + i) & ADDRESS_MASK] = data[i] & 0xff;
}

/** Linear rule: `count` bytes from linear address `lin` on (wrapping only at 1 MiB), a copy. */
export function copyFromLinear(mem: Uint8Array, lin: number, count: number, hooks?: PageHookBus): Uint8Array {
  touchRun(hooks, lin, count, false);
  const a = lin & ADDRESS_MASK;
  const out = new Uint8Array(count);
  const direct = Math.min(count, MEMORY_SIZE - a);
  out.set(mem.subarray(a, a + direct));
  if (direct < count) out.set(mem.subarray(0, count - direct), direct);
  return out;
}

/** Linear rule: `count` bytes of `value` from linear address `lin` on. */
export function fillLinear(mem: Uint8Array, lin: number, count: number, value: number, hooks?: PageHookBus): void {
  touchRun(hooks, lin, count, true);
  for (let i = 0; i < count; i++) mem[(lin + i) & ADDRESS_MASK] = value & 0xff;
}

/** Segment rule: the bytes of seg:off, seg:off+1, ... with the offset wrapping at FFFFh inside
 *  the segment, as the 8086's own string instructions (REP MOVSB in DOS copying a PSP, an FCB, a
 *  DTA entry) and word accesses address memory. For structures DOS moves, not for transfers. */
export function copyFromSegment(mem: Uint8Array, seg: number, off: number, len: number): Uint8Array {
  const start = linear(seg, off);
  // No wrap (offset or 1 MiB): one copy, as copyToSegment does.
  if ((off & 0xffff) + len <= 0x10000 && start + len <= MEMORY_SIZE) return mem.slice(start, start + len);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = mem[linear(seg, off + i)];
  return out;
}

/** Segment rule: `data` to seg:off on, the offset wrapping inside the segment. */
export function copyToSegment(mem: Uint8Array, seg: number, off: number, data: ArrayLike<number>): void {
  const start = linear(seg, off);
  // No wrap (offset or 1 MiB): one set() of bytes, as the BIOS and DOS load their images.
  if (data instanceof Uint8Array && (off & 0xffff) + data.length <= 0x10000 && start + data.length <= MEMORY_SIZE) {
    mem.set(data, start);
    return;
  }
  for (let i = 0; i < data.length; i++) mem[linear(seg, off + i)] = data[i] & 0xff;
}

/** Segment rule: `len` bytes of `value` from seg:off on, the offset wrapping inside the segment. */
export function fillSegment(mem: Uint8Array, seg: number, off: number, len: number, value: number): void {
  const start = linear(seg, off);
  // No wrap (offset or 1 MiB): one fill(), as DOS clears its tables at boot.
  if (len > 0 && (off & 0xffff) + len <= 0x10000 && start + len <= MEMORY_SIZE) {
    mem.fill(value & 0xff, start, start + len);
    return;
  }
  for (let i = 0; i < len; i++) mem[linear(seg, off + i)] = value & 0xff;
}

/** An ASCIIZ string at seg:off (at most `max` bytes, the terminator excluded), as raw bytes
 *  mapped 1:1 to char codes 0-255 (callers convert CP437 where they show it to a person). */
export function readAsciiz(mem: Uint8Array, seg: number, off: number, max = 128): string {
  let s = '';
  for (let i = 0; i < max; i++) {
    const b = mem[linear(seg, off + i)];
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return s;
}

/** Writes `s` (char codes 0-255) followed by a 0 byte. */
export function writeAsciiz(mem: Uint8Array, seg: number, off: number, s: string): void {
  for (let i = 0; i < s.length; i++) mem[linear(seg, off + i)] = s.charCodeAt(i) & 0xff;
  mem[linear(seg, off + s.length)] = 0;
}
