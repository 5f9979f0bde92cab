// FCOPY.COM (roms/programs/fcopy.asm): a DOS 1.x style copier using only FCB calls — the PSP's
// parsed FCBs, search first/next with wildcards, open/create, sequential records across blocks,
// a random block write for the exact tail, close.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, drive, list, outLines, read, run, tempDir } from './helpers';

afterAll(cleanupTemps);

function bytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    b[i] = seed >>> 16;
  }
  return b;
}

describe('FCOPY', () => {
  it('copies every file a wildcard matches to names from a ? template, each with its exact size', async () => {
    const files = {
      'BIG.TXT': bytes(70_001, 1), // 546 full records over 5 blocks, then 113 bytes
      'EXACT.TXT': bytes(256, 2),
      'A.TXT': 'small\r\n',
      'EMPTY.TXT': '',
      'OTHER.DAT': 'not copied',
    };
    const dir = drive({ 'FCOPY.COM': 'fcopy.com' }, files);
    const r = await run(dir, 'FCOPY.COM', ['*.TXT', '*.BAK']);
    expect(r.exitCode).toBe(0);
    const lines = outLines(r.output);
    expect(lines.at(-1)).toBe('4 file(s) copied');
    expect(lines.slice(0, -1).sort()).toEqual(['A.TXT -> A.BAK', 'BIG.TXT -> BIG.BAK', 'EMPTY.TXT -> EMPTY.BAK', 'EXACT.TXT -> EXACT.BAK']);
    for (const name of ['BIG', 'EXACT', 'A', 'EMPTY']) expect(read(dir, `${name}.BAK`)).toEqual(read(dir, `${name}.TXT`));
    expect(existsSync(join(dir, 'OTHER.BAK'))).toBe(false);
  });

  it('copies one file to another drive, the drive letter coming through the parsed FCB', async () => {
    const dir = drive({ 'FCOPY.COM': 'fcopy.com' }, { 'REPORT.TXT': bytes(1000, 3) });
    const other = tempDir();
    const r = await run(dir, 'FCOPY.COM', ['REPORT.TXT', 'D:SAVED.TXT'], { drives: { C: dir, D: other } });
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual(['REPORT.TXT -> SAVED.TXT', '1 file(s) copied']);
    expect(list(other)).toEqual(['SAVED.TXT']);
    expect(read(other, 'SAVED.TXT')).toEqual(read(dir, 'REPORT.TXT'));
  });

  it('says so and exits 2 when nothing matches, 1 without two names', async () => {
    const dir = drive({ 'FCOPY.COM': 'fcopy.com' });
    const none = await run(dir, 'FCOPY.COM', ['*.XYZ', '*.BAK']);
    expect(none.exitCode).toBe(2);
    expect(outLines(none.output)).toEqual(['File not found']);
    const usage = await run(dir, 'FCOPY.COM', ['ONLY.TXT']);
    expect(usage.exitCode).toBe(1);
    expect(outLines(usage.output)).toEqual(['usage: FCOPY source dest']);
  });
});
