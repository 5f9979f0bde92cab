// The port table: open bus, last hook wins, unhooking in any order, word accesses split into
// bytes unless one handler owns both ports and handles words.
import { describe, it, expect } from 'vitest';
import { IoPorts, type PortHandler } from '../../src/cpu/bus';

function device(value: number, log: string[] = []): PortHandler {
  return {
    in8: () => value,
    out8: (port, v) => void log.push(`${port.toString(16)}=${v.toString(16)}`),
  };
}

describe('IoPorts', () => {
  it('reads FFh from a port nobody hooks', () => {
    expect(new IoPorts().in8(0x3a0)).toBe(0xff);
  });

  it('gives a port to the last hook and back to the one it displaced', () => {
    const io = new IoPorts();
    const a = device(0xaa);
    const b = device(0xbb);
    io.hook(0x3a0, 0x3a1, a);
    io.hook(0x3a0, 0x3a0, b);
    expect(io.in8(0x3a0)).toBe(0xbb);
    expect(io.in8(0x3a1)).toBe(0xaa);
    io.unhook(0x3a0, 0x3a0, b);
    expect(io.in8(0x3a0)).toBe(0xaa);
  });

  it('never brings back a handler that unhooked while displaced', () => {
    const io = new IoPorts();
    const a = device(0xaa);
    const b = device(0xbb);
    io.hook(0x3a0, 0x3a0, a);
    io.hook(0x3a0, 0x3a0, b);
    io.unhook(0x3a0, 0x3a0, a); // A leaves while B holds the port
    expect(io.in8(0x3a0)).toBe(0xbb);
    io.unhook(0x3a0, 0x3a0, b);
    expect(io.in8(0x3a0)).toBe(0xff);
  });

  it('splits word accesses into two byte accesses, low port first, unless one handler owns both with a word handler', () => {
    const io = new IoPorts();
    const log: string[] = [];
    io.hook(0x300, 0x301, device(0x12, log));
    io.out16(0x300, 0xbeef);
    expect(log).toEqual(['300=ef', '301=be']);
    expect(io.in16(0x300)).toBe(0x1212);
    const words: PortHandler = { ...device(0), in16: () => 0x1234, out16: (p, v) => void log.push(`w${p.toString(16)}=${v.toString(16)}`) };
    io.hook(0x310, 0x311, words);
    expect(io.in16(0x310)).toBe(0x1234);
    io.out16(0x310, 0xcafe);
    expect(log.at(-1)).toBe('w310=cafe');
  });
});
