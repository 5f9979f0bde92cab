// Reading and writing guest memory from TypeScript (BIOS, DOS and VDD code), with the 8086's
// addressing rules: linear = seg*16 + off, wrapping at 1 MiB, and word accesses that wrap
// within the segment at offset FFFFh.

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

export function readBytes(mem: Uint8Array, seg: number, off: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = mem[linear(seg, off + i)];
  return out;
}

export function writeBytes(mem: Uint8Array, seg: number, off: number, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) mem[linear(seg, off + i)] = data[i] & 0xff;
}

export function fill(mem: Uint8Array, seg: number, off: number, len: number, value: number): void {
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
