// Bulk copies between files and guest memory at segment edges, each by the rule MS-DOS applies:
// a load module is one linear run (EXEs of 64 KiB + 1, 200 KB and 500 KB, generated here, check
// every byte of themselves and a relocation near their end; a 4B03h overlay over 64 KiB lands
// whole); a handle transfer is normalised and may cross its segment's end; an FCB transfer moves
// only the records that fit in the DTA's segment.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXE_HEADER } from '../../src/dos/loader';
import { ROOT, cleanupTemps, hex4, prepare, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

const BLOB = readFileSync(join(ROOT, 'roms/tests/dos-mem-image.bin'));
/** Where dos-mem-image.asm keeps the words the test patches. */
const PARAM = { PATTERN_END: 8, RELOC_SEG: 12, RELOC_OFF: 14 } as const;
/** The value of the relocated word before relocation. */
const RELOC_VALUE = 0x1234;
const HEADER_BYTES = 0x20;

/** The pattern byte at load module offset i (see dos-mem-image.asm). */
const pattern = (i: number) => ((i & 0xff) + 3 * ((i >>> 8) & 0xff) + 29 * ((i >>> 16) & 0xff)) & 0xff;

/** A load module of `size` bytes: the checking code, the pattern, and a relocated word at its end. */
function loadModule(size: number): Uint8Array {
  const m = new Uint8Array(size);
  m.set(BLOB);
  for (let i = BLOB.length; i < size; i++) m[i] = pattern(i);
  const reloc = size - 2;
  const put16 = (at: number, v: number) => {
    m[at] = v & 0xff;
    m[at + 1] = (v >>> 8) & 0xff;
  };
  put16(PARAM.PATTERN_END, reloc & 0xffff);
  put16(PARAM.PATTERN_END + 2, reloc >>> 16);
  put16(PARAM.RELOC_SEG, reloc >>> 4);
  put16(PARAM.RELOC_OFF, reloc & 0xf);
  put16(reloc, RELOC_VALUE);
  return m;
}

/** An MZ file around a load module: one relocation (the word at its end), entry 0:0, the stack
 *  in the checking code, all free memory wanted. */
function exeFile(module: Uint8Array): Uint8Array {
  const file = new Uint8Array(HEADER_BYTES + module.length);
  const put16 = (at: number, v: number) => {
    file[at] = v & 0xff;
    file[at + 1] = (v >>> 8) & 0xff;
  };
  put16(EXE_HEADER.SIGNATURE, 0x5a4d);
  put16(EXE_HEADER.LAST_PAGE_BYTES, file.length % 512);
  put16(EXE_HEADER.PAGES, Math.ceil(file.length / 512));
  put16(EXE_HEADER.RELOCATIONS, 1);
  put16(EXE_HEADER.HEADER_PARAGRAPHS, HEADER_BYTES / 16);
  put16(EXE_HEADER.MIN_ALLOC, 0);
  put16(EXE_HEADER.MAX_ALLOC, 0xffff);
  put16(EXE_HEADER.SS, 0);
  put16(EXE_HEADER.SP, BLOB.length);
  put16(EXE_HEADER.IP, 0);
  put16(EXE_HEADER.CS, 0);
  put16(EXE_HEADER.RELOCATION_TABLE, EXE_HEADER.SIZE + 2);
  const reloc = module.length - 2;
  put16(EXE_HEADER.SIZE + 2, reloc & 0xf);
  put16(EXE_HEADER.SIZE + 4, reloc >>> 4);
  file.set(module, HEADER_BYTES);
  return file;
}

/** The bytes of guest memory from linear address `at`, `n` long. */
const memAt = (mem: Uint8Array, at: number, n: number) => mem.subarray(at, at + n);

describe('an EXE load module bigger than a segment is placed as one linear run', () => {
  for (const [what, size] of [
    ['64 KiB + 1 byte', 0x10001],
    ['200 KB', 200 * 1024],
    ['500 KB', 500 * 1024],
  ] as const) {
    it(`${what}: every byte where it belongs, the far relocation applied, and the program runs`, async () => {
      const module = loadModule(size);
      const run = await runGuest({ programs: {}, files: { 'BIG.EXE': exeFile(module) }, start: 'C:\\BIG.EXE', maxInstructions: 40_000_000 });
      const v = values(run.output);
      expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
      expect(v.get('PATTERN')).toBe('ok');
      expect(v.get('RELOC')).toBe(hex4(RELOC_VALUE));
      // And seen from outside: the load module from the load segment on, the relocation applied.
      const load = parseInt(v.get('LOAD'), 16);
      const placed = memAt(run.machine.mem, load * 16, size);
      const expected = Uint8Array.from(module);
      const fixed = RELOC_VALUE + load;
      expected[size - 2] = fixed & 0xff;
      expected[size - 1] = (fixed >>> 8) & 0xff;
      expect(Buffer.compare(Buffer.from(placed.subarray(BLOB.length)), Buffer.from(expected.subarray(BLOB.length)))).toBe(0);
    });
  }
});

describe('EXEC 4B03h overlays', () => {
  const SHELL = { 'RUN.COM': 'roms/tests/dos-core-run.com' };

  it('an EXE overlay over 64 KiB lands whole at the given segment, relocated by the given factor', async () => {
    const size = 100 * 1024;
    const module = loadModule(size);
    const run = await runGuest({ programs: SHELL, files: { 'OVL.EXE': exeFile(module) }, args: ['/O', 'OVL.EXE'] });
    const v = values(run.output);
    expect(v.get('OVERLAY')).toBe('ok');
    const seg = parseInt(v.get('OVLSEG'), 16);
    const placed = memAt(run.machine.mem, seg * 16, size);
    expect(Buffer.compare(Buffer.from(placed.subarray(0, size - 2)), Buffer.from(module.subarray(0, size - 2)))).toBe(0);
    // The shell's factor is 1234h.
    expect(placed[size - 2] | (placed[size - 1] << 8)).toBe((RELOC_VALUE + 0x1234) & 0xffff);
  });

  it('a file without an MZ header: one read of FFFFh bytes, so FFFEh load and FFFFh give error 8', async () => {
    const image = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff);
    const fits = await runGuest({ programs: SHELL, files: { 'OVL.BIN': image(0xfffe) }, args: ['/O', 'OVL.BIN'] });
    const v = values(fits.output);
    expect(v.get('OVERLAY')).toBe('ok');
    const seg = parseInt(v.get('OVLSEG'), 16);
    expect(Buffer.compare(Buffer.from(memAt(fits.machine.mem, seg * 16, 0xfffe)), Buffer.from(image(0xfffe)))).toBe(0);
    const full = await runGuest({ programs: SHELL, files: { 'OVL.BIN': image(0xffff) }, args: ['/O', 'OVL.BIN'] });
    expect(values(full.output).get('OVERLAY')).toBe('err 0008');
  });
});

describe('file transfers at the end of a segment', async () => {
  const input = Uint8Array.from({ length: 0x11000 }, (_, i) => pattern(i));
  const run = await runGuest({ programs: { 'XFER.COM': 'roms/tests/dos-mem-xfer.com' }, files: { 'IN.DAT': input } });
  const v = values(run.output);
  const s = parseInt(v.get('SEG'), 16) * 16;

  it('runs to its end', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('ALLOC')).toBe('ok');
  });

  it('3Fh: a buffer at DS:FFF0h runs on past the segment end in linear memory, not back to DS:0000', () => {
    expect(v.get('READ1')).toBe('0040');
    // (S:FFF0-FFFF were overwritten later by the FCB record read at S:FF80; the rest is here.)
    expect(Buffer.from(memAt(run.machine.mem, s + 0x10000, 0x30))).toEqual(Buffer.from(input.subarray(0x10, 0x40)));
    // The second read (at S:0008) and the fill decide S:0000-0007: still EEh.
    expect([...memAt(run.machine.mem, s, 8)]).toEqual(new Array(8).fill(0xee));
    // Past the 40h bytes the fill is untouched.
    expect(run.machine.mem[s + 0x10030]).toBe(0xee);
  });

  it('3Fh: FFFFh bytes at offset 8 are trimmed to the end of the normalised segment (FFF8h)', () => {
    expect(v.get('READ2')).toBe('FFF8');
  });

  it('40h: a buffer that crosses the segment end is written as it lies in linear memory', () => {
    expect(v.get('WRITE')).toBe('0040');
    expect(readFileSync(join(run.dir, 'OUT.DAT'))).toEqual(Buffer.from(input.subarray(0, 0x40)));
  });

  it('27h/28h: only the records that fit before the DTA segment end move, AL=02h', () => {
    expect(v.get('OPENFCB')).toBe('0F00');
    expect(v.get('BLKREAD')).toBe('0002');
    expect(v.get('BLKREADCX')).toBe('0001');
    expect(Buffer.from(memAt(run.machine.mem, s + 0xff80, 0x80))).toEqual(Buffer.from(input.subarray(0, 0x80)));
    expect(v.get('CREATEFCB')).toBe('1600');
    expect(v.get('BLKWRITE')).toBe('0002');
    expect(v.get('BLKWRITECX')).toBe('0001');
    expect(readFileSync(join(run.dir, 'OUT2.DAT'))).toEqual(Buffer.from(input.subarray(0, 128)));
  });
});

describe('a transfer into hooked memory', () => {
  it('calls the page hook of every page it touches first, as the CPU would (a VDD commits them)', () => {
    const { machine, dos } = prepare({ programs: {}, files: { 'IN.DAT': new Uint8Array(0x1800).fill(0x42) } });
    const cpu = machine.cpu;
    const calls: string[] = [];
    cpu.pageHooks[0xd0] = 1;
    cpu.pageHooks[0xd1] = 1;
    cpu.onPageHook = (lin, isWrite) => {
      calls.push(`${lin.toString(16)} ${isWrite ? 'w' : 'r'}`);
      cpu.pageHooks[lin >>> 12] = 0; // committed
    };
    cpu.pageHooksChanged();
    const handle = dos.files.openHandle('C:\\IN.DAT', { mode: 0 });
    expect(handle).toBeGreaterThanOrEqual(0);
    const sfn = dos.files.sfnOf(handle);
    expect(dos.files.read(sfn, 0xd0800, 0x1800)).toBe(0x1800);
    expect(calls).toEqual(['d0800 w', 'd1000 w']);
    expect(machine.mem[0xd1fff]).toBe(0x42);
  });
});
