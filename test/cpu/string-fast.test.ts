// The REP string fast loops (string.ts repeatFast) against the general stepped path, which the
// CPU takes whenever a page hook is installed. MOVSW (A5h) is absent from the conformance suite,
// so overlapping copies are checked here explicitly, and every REP form is compared over random
// operands, overlaps, directions, segment overrides and offsets near FFFFh.
import { describe, it, expect } from 'vitest';
import { Cpu } from '../../src/cpu/cpu';
import { IoPorts } from '../../src/cpu/bus';

const CODE = 0x01000; // code at 0100:0000
const DATA_SEG = 0x0500;
const UNUSED_PAGE = 0xef; // hooking an untouched page forces the stepped path

/** Runs `prefix op` once (CX iterations) and returns registers and the data area. */
function runRep(
  code: number[],
  regs: { si: number; di: number; cx: number; df: boolean; ds: number; es: number },
  data: Uint8Array,
  stepped: boolean,
): { regs: number[]; mem: Uint8Array } {
  const cpu = new Cpu(new IoPorts());
  cpu.mem.set(data, DATA_SEG << 4);
  cpu.mem.set([...code, 0xf4], CODE); // ...; HLT
  if (stepped) {
    cpu.pageHooks[UNUSED_PAGE] = 1;
    cpu.onPageHook = () => {};
    cpu.pageHooksChanged();
  }
  cpu.cs = CODE >>> 4;
  cpu.ip = 0;
  cpu.ss = 0x0200;
  cpu.sp = 0x1000;
  cpu.ds = regs.ds;
  cpu.es = regs.es;
  cpu.si = regs.si;
  cpu.di = regs.di;
  cpu.cx = regs.cx;
  cpu.ax = 0x5a3c;
  cpu.flags = regs.df ? 0x0400 : 0;
  let n = 0;
  while (!cpu.halted && n < 1_000_000) n += cpu.run(100_000);
  expect(cpu.halted).toBe(true);
  return {
    regs: [cpu.ax, cpu.cx, cpu.si, cpu.di, cpu.flags],
    mem: cpu.mem.slice(DATA_SEG << 4, (DATA_SEG << 4) + data.length),
  };
}

function pattern(len: number): Uint8Array {
  const d = new Uint8Array(len);
  for (let i = 0; i < len; i++) d[i] = 0x10 + (i & 0x7f);
  return d;
}

describe('REP MOVSW', () => {
  it('reads each word before writing it when DI = SI + 1 (forward)', () => {
    const r = runRep([0xf3, 0xa5], { si: 0, di: 1, cx: 3, df: false, ds: DATA_SEG, es: DATA_SEG }, pattern(8), false);
    // three single MOVSW: [1..2] <- 10 11, [3..4] <- 11 11 ... as the 8086 does word by word
    expect([...r.mem]).toEqual([0x10, 0x10, 0x11, 0x11, 0x13, 0x13, 0x15, 0x17]);
  });

  it('reads each word before writing it when DI = SI + 1 (backward, shifting a buffer right)', () => {
    const r = runRep([0xf3, 0xa5], { si: 4, di: 5, cx: 3, df: true, ds: DATA_SEG, es: DATA_SEG }, pattern(8), false);
    expect([...r.mem]).toEqual([0x10, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x17]);
  });
});

describe('REP fast loops', () => {
  it('agree with the stepped path for every string instruction over random operands', () => {
    let seed = 0x9e3779b9; // xorshift32: every bit cycles, unlike a small LCG's low bits
    const rnd = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const ops = [0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf];
    const prefixes = [0xf3, 0xf2];
    const overrides = [[], [0x26], [0x2e], [0x36], [0x3e]];
    const data = new Uint8Array(0x200);
    for (let trial = 0; trial < 800; trial++) {
      for (let i = 0; i < data.length; i++) data[i] = rnd(4) === 0 ? 0x41 : rnd(256);
      const op = ops[rnd(ops.length)];
      const code = [...overrides[rnd(overrides.length)], prefixes[rnd(2)], op];
      const near = rnd(4) === 0;
      const base = near ? 0xfff0 : rnd(0x180);
      const regs = {
        si: (base + rnd(4)) & 0xffff,
        di: (base + rnd(4)) & 0xffff,
        cx: rnd(24),
        df: rnd(2) === 1,
        ds: DATA_SEG,
        es: rnd(3) === 0 ? DATA_SEG + 1 : DATA_SEG,
      };
      const fast = runRep(code, regs, data, false);
      const stepped = runRep(code, regs, data, true);
      const what = `${code.map((b) => b.toString(16)).join(' ')} ${JSON.stringify(regs)}`;
      expect(fast.regs, what).toEqual(stepped.regs);
      expect([...fast.mem], what).toEqual([...stepped.mem]);
    }
  });
});
