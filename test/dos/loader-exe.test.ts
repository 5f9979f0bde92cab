// Loading programs: a hand-built MZ .EXE (relocations, CS:IP, SS:SP, min/max allocation, load
// high), EXEC's three modes from a guest shell (4B00h with the parent's registers coming back,
// 4B01h load-only, 4B03h overlay), and malformed or oversized files refused with DOS errors 8/11
// both from dos.start() and from a guest's EXEC — never a crash.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rd16 } from '../../src/cpu/guest-memory';
import { DosLoadError } from '../../src/dos/dos';
import { EXE_HEADER } from '../../src/dos/loader';
import { loadProgram } from '../../src/dos/exec';
import { ROOT, cleanupTemps, hex4, prepare, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

const EXE = readFileSync(join(ROOT, 'roms/tests/dos-core-exe.exe'));
const w = (b: Uint8Array, off: number) => b[off] | (b[off + 1] << 8);
const imageParas = w(EXE, EXE_HEADER.PAGES) * 32 - w(EXE, EXE_HEADER.HEADER_PARAGRAPHS);

/** A copy of the test EXE with some header words changed. */
function patched(words: Record<number, number>, truncate?: number): Uint8Array {
  const b = Uint8Array.from(EXE);
  for (const [off, v] of Object.entries(words)) {
    b[Number(off)] = v & 0xff;
    b[Number(off) + 1] = v >>> 8;
  }
  return truncate === undefined ? b : b.subarray(0, truncate);
}

const SHELL = { 'RUN.COM': 'roms/tests/dos-core-run.com' };

describe('an MZ .EXE', async () => {
  const run = await runGuest({ programs: { 'EXE.EXE': 'roms/tests/dos-core-exe.exe' } });
  const v = values(run.output);
  const psp = parseInt(v.get('PSP'), 16);

  it('runs and exits with its code', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0x21 });
  });

  it('starts at CS:IP and SS:SP from the header, relocated to the load segment', () => {
    const load = psp + 0x10;
    expect(v.get('ES')).toBe(hex4(psp));
    expect(v.get('CS')).toBe(hex4(load + w(EXE, EXE_HEADER.CS)));
    expect(v.get('SS')).toBe(hex4(load + w(EXE, EXE_HEADER.SS)));
    expect(v.get('SP')).toBe(hex4(w(EXE, EXE_HEADER.SP)));
    expect(v.get('AX')).toBe('0000');
  });

  it('has its relocations applied in code and in a far pointer', () => {
    expect(v.get('STACKSEG')).toBe(v.get('SS'));
    expect(v.get('MARKER')).toBe('C0DE');
    expect(v.get('FARCALL')).toBe('ok');
  });

  it('gets image + PSP + MAXALLOC paragraphs when they are free', () => {
    expect(parseInt(v.get('MEMTOP'), 16) - psp).toBe(imageParas + 0x10 + w(EXE, EXE_HEADER.MAX_ALLOC));
  });
});

describe('EXE allocation rules', () => {
  it('MAXALLOC FFFFh: the largest block, to the top of memory', async () => {
    const run = await runGuest({ programs: { 'EXE.EXE': 'roms/tests/dos-core-exe.exe' }, files: { 'BIG.EXE': patched({ [EXE_HEADER.MAX_ALLOC]: 0xffff }) }, start: 'C:\\BIG.EXE' });
    expect(run.end.exitCode).toBe(0x21);
    expect(values(run.output).get('MEMTOP')).toBe('A000');
  });

  it('MINALLOC = MAXALLOC = 0: loaded high, at the top of the largest block', async () => {
    // (SP lowered so the stack stays inside the image, as a real load-high program's would.)
    const high = patched({ [EXE_HEADER.MIN_ALLOC]: 0, [EXE_HEADER.MAX_ALLOC]: 0, [EXE_HEADER.SP]: 0x100 });
    const run = await runGuest({ programs: {}, files: { 'HIGH.EXE': high }, start: 'C:\\HIGH.EXE' });
    const v = values(run.output);
    expect(run.end.exitCode).toBe(0x21);
    expect(v.get('MEMTOP')).toBe('A000');
    expect(v.get('CS')).toBe(hex4(0xa000 - imageParas));
    expect(v.get('MARKER')).toBe('C0DE');
  });

  it('MINALLOC larger than memory: error 8 (not enough memory)', async () => {
    const { dos } = prepare({ programs: {}, files: { 'HUGE.EXE': patched({ [EXE_HEADER.MIN_ALLOC]: 0xf000 }) } });
    let err: unknown;
    try {
      dos.start('C:\\HUGE.EXE', []);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DosLoadError);
    expect((err as DosLoadError).dosError).toBe(8);
  });
});

describe('malformed programs', () => {
  const cases: [string, Uint8Array, number, RegExp][] = [
    ['a truncated header', patched({}, 20), 11, /truncated EXE header/],
    ['a relocation table past the end', patched({ [EXE_HEADER.RELOCATION_TABLE]: EXE.length - 4, [EXE_HEADER.RELOCATIONS]: 3 }), 11, /relocation table/],
    ['a relocation pointing outside the image', (() => {
      const b = patched({});
      const t = w(b, EXE_HEADER.RELOCATION_TABLE);
      b[t + 2] = 0xff; // segment FFxxh
      b[t + 3] = 0xff;
      return b;
    })(), 11, /relocation 0/],
    ['a header larger than the file', patched({ [EXE_HEADER.HEADER_PARAGRAPHS]: 0x4000 }), 11, /header of/],
    ['absurd page count (the header lies about the size)', patched({ [EXE_HEADER.PAGES]: 0xffff }), 11, /promises/],
    ['no pages at all', patched({ [EXE_HEADER.PAGES]: 0 }), 11, /no pages/],
    ['an empty file', new Uint8Array(0), 11, /empty/],
    ['a .COM image that fills its 64 KiB segment', new Uint8Array(0xff00).fill(0x90), 8, /does not fit/],
  ];

  for (const [what, bytes, code, message] of cases) {
    it(`dos.start refuses ${what} with DOS error ${code}`, () => {
      const { dos, machine } = prepare({ programs: {}, files: { 'BAD.EXE': bytes } });
      let err: unknown;
      try {
        dos.start('C:\\BAD.EXE', []);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DosLoadError);
      expect((err as DosLoadError).dosError).toBe(code);
      expect((err as DosLoadError).message).toMatch(message);
      expect(machine.end).toBeNull();
    });

    it(`a guest's EXEC of ${what} fails with ${code} and the guest carries on`, async () => {
      const run = await runGuest({ programs: SHELL, files: { 'BAD.EXE': bytes }, args: ['BAD.EXE'] });
      expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
      const v = values(run.output);
      expect(v.get('EXEC')).toBe(`err ${hex4(code)}`);
      // The failed EXEC gave back what it took: the chain is whole and all of it is free again.
      const blocks = run.dos.memory.blocks();
      expect(blocks).not.toBeTypeOf('number');
    });
  }

  it('a missing program: DosLoadError with error 2, and EXEC error 2', async () => {
    const { dos } = prepare({ programs: {} });
    expect(() => dos.start('C:\\NOPE', [])).toThrow(/NOPE/);
    const run = await runGuest({ programs: SHELL, args: ['NOPE.COM'] });
    expect(values(run.output).get('EXEC')).toBe('err 0002');
  });
});

describe('EXEC from a guest', () => {
  it('4B00h: the child runs with its tail; the parent gets its registers, stack and the code back', async () => {
    const run = await runGuest({ programs: { ...SHELL, 'EXE.EXE': 'roms/tests/dos-core-exe.exe' }, args: ['EXE.EXE', 'a', 'b'] });
    const v = values(run.output);
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('EXEC')).toBe('ok');
    expect(v.get('SI')).toBe('5151');
    expect(v.get('DI')).toBe('D1D1');
    expect(v.get('BP')).toBe('B0B0');
    expect(v.get('SPDELTA')).toBe('0000');
    expect(v.get('SSDELTA')).toBe('0000');
    // Return code 21h, normal termination; 4Dh clears it.
    expect(v.get('CODE')).toBe('0021');
    expect(v.get('CODE2')).toBe('0000');
    // The child's PSP was the parent's child and is gone; the parent is current again.
    const childPsp = parseInt(v.get('PSP'), 16);
    const parentPsp = parseInt(v.get('PSPAFTER'), 16);
    expect(rd16(run.machine.mem, childPsp, 0x16)).toBe(parentPsp);
    expect(run.dos.currentPsp).not.toBe(childPsp);
  });

  it('nests: a shell running a shell running the EXE, each level getting its own code back', async () => {
    const run = await runGuest({ programs: { ...SHELL, 'EXE.EXE': 'roms/tests/dos-core-exe.exe' }, args: ['RUN.COM', 'EXE.EXE'] });
    const v = values(run.output);
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.all('EXEC')).toEqual(['ok', 'ok']);
    expect(v.all('CODE')).toEqual(['0021', '0000']);
    expect(v.all('SPDELTA')).toEqual(['0000', '0000']);
    const [inner, outer] = v.all('PSPAFTER').map((x) => parseInt(x, 16));
    // The inner shell's parent is the outer one, whose parent is the DOS shell.
    expect(rd16(run.machine.mem, inner, 0x16)).toBe(outer);
    expect(rd16(run.machine.mem, parseInt(v.get('PSP'), 16), 0x16)).toBe(inner);
  });

  it('4B01h: loads without running; SS:SP (with AX on top) and CS:IP in the block, child PSP current', async () => {
    const run = await runGuest({ programs: { ...SHELL, 'EXE.EXE': 'roms/tests/dos-core-exe.exe' }, args: ['/L', 'EXE.EXE'] });
    const v = values(run.output);
    expect(v.get('LOAD')).toBe('ok');
    const child = parseInt(v.get('CURRENT'), 16);
    expect(child).not.toBe(parseInt(v.get('PARENT'), 16));
    expect(v.get('CHILDCS')).toBe(hex4(child + 0x10));
    expect(v.get('CHILDIP')).toBe('0000');
    expect(v.get('CHILDSS')).toBe(hex4(child + 0x10 + w(EXE, EXE_HEADER.SS)));
    expect(v.get('CHILDSP')).toBe(hex4(w(EXE, EXE_HEADER.SP) - 2));
    expect(v.get('CHILDAX')).toBe('0000');
    expect(rd16(run.machine.mem, child, 0x16)).toBe(parseInt(v.get('PARENT'), 16));
  });

  it('4B03h: an overlay lands at the given segment with the given relocation factor', async () => {
    const run = await runGuest({ programs: { ...SHELL, 'EXE.EXE': 'roms/tests/dos-core-exe.exe' }, args: ['/O', 'EXE.EXE'] });
    const v = values(run.output);
    expect(v.get('OVERLAY')).toBe('ok');
    const seg = parseInt(v.get('OVLSEG'), 16);
    const headerBytes = w(EXE, EXE_HEADER.HEADER_PARAGRAPHS) * 16;
    // The first bytes are the load module's.
    expect(v.get('OVLBYTES')).toBe(Buffer.from(EXE.subarray(headerBytes, headerBytes + 16)).toString('hex').toUpperCase());
    // Every fixup got the factor 1234h added; no PSP was made (the current PSP is the shell's).
    const table = w(EXE, EXE_HEADER.RELOCATION_TABLE);
    for (let i = 0; i < w(EXE, EXE_HEADER.RELOCATIONS); i++) {
      const off = w(EXE, table + i * 4);
      const s = w(EXE, table + i * 4 + 2);
      const original = w(EXE, headerBytes + s * 16 + off);
      expect(rd16(run.machine.mem, seg + s, off)).toBe((original + 0x1234) & 0xffff);
    }
    const current = parseInt(v.get('CURRENT'), 16);
    expect(run.dos.memory.name(current - 1)).toBe('RUN');
  });
});

describe('the environment EXEC builds', () => {
  it('copies the given strings, then word 1 and the full path; error 10 without an end in 32 KiB', () => {
    const { dos, machine } = prepare({ programs: { 'PSP.COM': 'roms/tests/dos-core-psp.com' } });
    dos.start('C:\\PSP.COM', []);
    // Back to the shell, with the started program's memory given back, as after it ended.
    const mem = machine.mem;
    const started = dos.currentPsp;
    dos.currentPsp = rd16(mem, started, 0x16);
    dos.memory.freeOwnedBy(started);
    const seg = 0x8000;
    const strings = 'A=1\0B=two\0\0';
    for (let i = 0; i < strings.length; i++) mem[seg * 16 + i] = strings.charCodeAt(i);
    const req = { path: 'psp.com', environment: seg, tail: new Uint8Array(0x80), fcb1: new Uint8Array(12), fcb2: new Uint8Array(12), returnTo: { seg: 0, off: 0 } };
    const ok = loadProgram(dos, req);
    expect('error' in ok).toBe(false);
    if ('error' in ok) return;
    const env = Buffer.from(mem.subarray(ok.environment * 16, ok.environment * 16 + strings.length + 2 + 11));
    expect(env.toString("latin1")).toBe(`${strings}\x01\x00C:\\PSP.COM\x00`);
    // A 40 KiB "environment" with no double NUL.
    mem.fill(0x41, seg * 16, seg * 16 + 40 * 1024);
    const bad = loadProgram(dos, req);
    expect(bad).toMatchObject({ error: 10 });
  });
});
