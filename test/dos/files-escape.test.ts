// Nothing outside a drive's host folder is reachable (DESIGN.md "Host files and drives"): `..` past
// the root and symbolic links that lead outside give error 5, and links that stay inside the drive
// work. A path that looks like a host absolute path ("/etc/passwd") is a DOS path rooted on the
// drive ('/' is a separator like '\'): not found there (3). The outside folder comes out untouched.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest, tempDir } from '../helpers/guest';

afterAll(cleanupTemps);

describe('escape attempts', () => {
  it('refuses ..\\..\\, host absolute paths and links out of the drive; allows links inside', async () => {
    const outside = tempDir('vdm86-outside-');
    writeFileSync(join(outside, 'SECRET.TXT'), 'secret');
    const run = await runGuest({
      program: 'roms/tests/dos-files-escape.com',
      files: { 'SUB/IN.TXT': 'inside' },
      setup: (dir) => {
        symlinkSync(outside, join(dir, 'OUT'));
        symlinkSync(join(outside, 'SECRET.TXT'), join(dir, 'LINK.TXT'));
        symlinkSync(join(outside, 'MISSING.TXT'), join(dir, 'DANGLE.TXT'));
        symlinkSync(join(dir, 'SUB'), join(dir, 'INLINK'));
      },
    });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'dotdot twice err 0005',
      'root dotdot err 0005',
      'drive dotdot err 0005',
      'host absolute err 0003',
      'host absolute dir err 0003',
      'link dir out err 0005',
      'link file out err 0005',
      'unmapped drive err 0003',
      'link inside ok 0005',
      'sub dotdot inside ok 0005',
      'create in link dir err 0005',
      'create through dangling link err 0005',
      'mkdir above root err 0005',
      'chdir link out err 0005',
      'chdir above root err 0005',
      'delete through link err 0005',
      'attributes through link err 0005',
      'find in link dir err 0005',
      'truename above root err 0005',
      // the root listing hides OUT, LINK.TXT and DANGLE.TXT; INLINK stays inside and shows
      'found INLINK',
      'found PROG.COM',
      'found SUB',
    ]);
    expect(readdirSync(outside)).toEqual(['SECRET.TXT']);
    expect(readFileSync(join(outside, 'SECRET.TXT'), 'latin1')).toBe('secret');
    expect(existsSync(join(run.dir, '..', 'ESCAPED'))).toBe(false);
  });

  it('a drive mapped to a folder reached through a link is still confined to that folder', async () => {
    const real = tempDir('vdm86-real-');
    mkdirSync(join(real, 'D'));
    writeFileSync(join(real, 'D', 'X.TXT'), 'x');
    const linkParent = tempDir('vdm86-linkparent-');
    symlinkSync(join(real, 'D'), join(linkParent, 'DRIVE'));
    const run = await runGuest({
      program: 'roms/tests/dos-files-escape.com',
      drives: { D: join(linkParent, 'DRIVE') },
      maxInstructions: 1,
    });
    const r = run.dos.files.paths.resolve('D:\\X.TXT');
    expect(typeof r).toBe('object');
    expect(run.dos.files.paths.resolve('D:\\..\\D\\X.TXT')).toBe(5);
  });
});
