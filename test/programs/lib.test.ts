// LIB.COM (roms/programs/lib.c), a librarian with a linker's file habits: 67h for more handles
// and 25 modules open at once, seeks from the end and back, a header patched after the fact,
// temporary files (5Ah) removed, the result renamed into place (56h) and the old one kept as
// .BAK, or copied when the temp directory is on another drive.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, dosText, drive, list, outLines, put, read, run, tempDir } from './helpers';

afterAll(cleanupTemps);

interface Module {
  name: string;
  code: Buffer;
  symbols: [string, number][];
}

function modules(count: number): Module[] {
  const out: Module[] = [];
  for (let i = 1; i <= count; i++) {
    const code = Buffer.alloc(30 + i * 3);
    for (let k = 0; k < code.length; k++) code[k] = (i * 7 + k * 13) & 0xff;
    out.push({ name: `M${String(i).padStart(2, '0')}.OBJ`, code, symbols: [[`S${i}_A`, 0], [`S${i}_B`, i]] });
  }
  return out;
}

function moduleFile(m: Module): Buffer {
  const head = Buffer.from([0x4d, 0x4f, 0x44, 0x1a, 0, 0, 0, 0]);
  head.writeUInt16LE(m.code.length, 4);
  head.writeUInt16LE(m.symbols.length, 6);
  const syms = m.symbols.map(([n, off]) => {
    const b = Buffer.alloc(10, 0x20);
    b.write(n, 0, 'latin1');
    b.writeUInt16LE(off, 8);
    return b;
  });
  return Buffer.concat([head, m.code, ...syms]);
}

/** The library lib.c documents, computed independently. */
function library(mods: Module[]): Buffer {
  const codes: Buffer[] = [];
  const dict: Buffer[] = [];
  let at = 16;
  let sum = 0;
  mods.forEach((m, i) => {
    for (const [n, off] of m.symbols) {
      const rec = Buffer.alloc(12, 0x20);
      rec.write(n, 0, 'latin1');
      rec.writeUInt16LE(i, 8);
      rec.writeUInt16LE(at + off, 10);
      dict.push(rec);
    }
    codes.push(m.code);
    for (const b of m.code) sum = (sum + b) & 0xffff;
    at += m.code.length;
  });
  const header = Buffer.alloc(16);
  header.write('LIB\x1a', 0, 'latin1');
  header.writeUInt16LE(mods.length, 4);
  header.writeUInt16LE(dict.length, 6);
  header.writeUInt16LE(at, 8);
  header.writeUInt16LE(sum, 10);
  header.writeUInt32LE(at + dict.length * 12, 12);
  return Buffer.concat([header, ...codes, ...dict]);
}

function workspace(mods: Module[], extra: Record<string, string | Buffer> = {}): string {
  const files: Record<string, string | Buffer> = { 'MODS.LST': dosText(...mods.map((m) => m.name)), ...extra };
  for (const m of mods) files[m.name] = moduleFile(m);
  return drive({ 'LIB.COM': 'lib.com' }, files);
}

const MODS = modules(25);
const everythingBut = (dir: string, ...more: string[]) => list(dir).filter((n) => !/^M\d\d\.OBJ$/.test(n) && !more.includes(n));

describe('LIB', () => {
  it('builds a library from 25 modules open at once, byte for byte, leaving no temporary file', async () => {
    const dir = workspace(MODS);
    const r = await run(dir, 'LIB.COM', ['DEMO.LIB', '@MODS.LST']);
    const expected = library(MODS);
    expect(outLines(r.output)).toEqual([`LIB: 25 modules, 50 symbols, ${expected.length} bytes`]);
    expect(r.exitCode).toBe(0);
    expect(read(dir, 'DEMO.LIB')).toEqual(expected);
    expect(everythingBut(dir)).toEqual(['DEMO.LIB', 'LIB.COM', 'MODS.LST']);
  });

  it('keeps the old library as .BAK and takes temporary files from %TMP%', async () => {
    const dir = workspace(MODS, { 'DEMO.LIB': 'the old library', 'DEMO.BAK': 'an older one', 'TMP/KEEP.ME': 'x' });
    const r = await run(dir, 'LIB.COM', ['DEMO.LIB', 'M01.OBJ', 'M02.OBJ', 'M03.OBJ'], { env: { TMP: 'C:\\TMP' } });
    expect(r.exitCode).toBe(0);
    expect(read(dir, 'DEMO.LIB')).toEqual(library(MODS.slice(0, 3)));
    expect(read(dir, 'DEMO.BAK').toString()).toBe('the old library');
    expect(list(dir, 'TMP')).toEqual(['KEEP.ME']);
  });

  it('copies the result when the temporary directory is on another drive (rename: error 11h)', async () => {
    const dir = workspace(MODS);
    const other = tempDir();
    const r = await run(dir, 'LIB.COM', ['DEMO.LIB', '@MODS.LST'], { drives: { C: dir, T: other }, env: { TMP: 'T:\\' } });
    expect(r.exitCode).toBe(0);
    expect(read(dir, 'DEMO.LIB')).toEqual(library(MODS));
    expect(list(other)).toEqual([]);
  });

  it('runs out of handles at the 16th module without 67h (error 4) and cleans up', async () => {
    const dir = workspace(MODS, { 'DEMO.LIB': 'the old library' });
    const r = await run(dir, 'LIB.COM', ['/H:0', 'DEMO.LIB', '@MODS.LST']);
    expect(r.exitCode).toBe(2);
    expect(outLines(r.output)).toEqual(['LIB: cannot open M16.OBJ (error 4)']);
    expect(read(dir, 'DEMO.LIB').toString()).toBe('the old library');
    expect(everythingBut(dir)).toEqual(['DEMO.LIB', 'LIB.COM', 'MODS.LST']);
  });

  it('refuses a duplicate symbol (exit 3), removing both temporary files and keeping the old library', async () => {
    const dup = modules(4);
    dup[3].symbols[1] = ['S2_A', 1];
    const dir = workspace(dup, { 'DEMO.LIB': 'the old library' });
    const r = await run(dir, 'LIB.COM', ['DEMO.LIB', '@MODS.LST']);
    expect(r.exitCode).toBe(3);
    expect(outLines(r.output)).toEqual(['LIB: S2_A     is in M02.OBJ and M04.OBJ']);
    expect(read(dir, 'DEMO.LIB').toString()).toBe('the old library');
    expect(everythingBut(dir)).toEqual(['DEMO.LIB', 'LIB.COM', 'MODS.LST']);
    expect(existsSync(join(dir, 'DEMO.BAK'))).toBe(false);
  });
});
