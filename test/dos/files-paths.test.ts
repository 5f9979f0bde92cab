// DOS path resolution on its own (PathResolver over a drive table in a bare 1 MiB memory): current
// directories from the CDS, "." and "..", truncation, devices, and folder listings that are kept
// only while the host folder is unchanged.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, tempDir } from '../helpers/guest';
import { Drives } from '../../src/dos/drives';
import { PathResolver, folderListings, type ResolvedPath } from '../../src/dos/paths';
import { DOSMEM } from '../../src/dos/sysvars';

afterAll(cleanupTemps);

function resolver(dir: string) {
  const mem = new Uint8Array(0x100000);
  const drives = new Drives(mem, [{ letter: 'C', hostPath: dir }]);
  drives.init(DOSMEM.LOL);
  return { drives, paths: new PathResolver(drives, () => 2) };
}
function ok(r: ResolvedPath | number): ResolvedPath {
  if (typeof r === 'number') throw new Error(`DOS error ${r}`);
  return r;
}

describe('path resolution', () => {
  it('applies the current directory, "." and "..", and cuts names to 8.3', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'Src'));
    writeFileSync(join(dir, 'Src', 'main.c'), '');
    const { drives, paths } = resolver(dir);
    drives.setCurrentDirectory(2, ['SRC']);
    expect(ok(paths.resolve('MAIN.C')).dosPath).toBe('C:\\SRC\\MAIN.C');
    expect(ok(paths.resolve('main.c')).hostPath).toBe(join(drives.get(2)!.root, 'Src', 'main.c'));
    expect(ok(paths.resolve('..\\src\\.\\main.c')).stat?.kind).toBe('file');
    expect(ok(paths.resolve('C:NEWFILENAME.TEXT')).dosPath).toBe('C:\\SRC\\NEWFILEN.TEX');
    expect(ok(paths.resolve('C:NEWFILENAME.TEXT')).stat).toBeNull();
    expect(paths.resolve('..\\..')).toBe(5);
    expect(paths.resolve('NOPE\\X')).toBe(3);
    expect(paths.resolve('*.C')).toBe(2);
    expect(ok(paths.resolve('*.C', { wildcards: true })).fcbName).toBe('????????C  ');
    expect(ok(paths.resolve('\\src\\con.txt')).device?.name).toBe('CON');
    expect(paths.truename('main.c')).toBe('C:\\SRC\\MAIN.C');
    expect(paths.truename('\\x\\y\\*.*')).toBe('C:\\X\\Y\\????????.???');
  });

  it('notices host changes to a folder it has listed before', () => {
    const dir = tempDir();
    const { paths } = resolver(dir);
    // An old, settled folder is listed once and kept...
    const old = new Date(Date.now() - 60_000);
    utimesSync(dir, old, old);
    expect(ok(paths.resolve('A.TXT')).stat).toBeNull();
    // ...and listed again once the host changes it.
    writeFileSync(join(dir, 'a.txt'), 'a');
    expect(ok(paths.resolve('A.TXT')).stat?.kind).toBe('file');
    // A folder changed just now is never trusted from an earlier listing.
    writeFileSync(join(dir, 'b.txt'), 'b');
    expect(ok(paths.resolve('B.TXT')).stat?.kind).toBe('file');
  });

  it('keeps a listing once the folder has been still for 100 ms where times are fine, 2 s where coarse', () => {
    const listings = (dir: string) => {
      const { paths } = resolver(dir);
      const before = folderListings.count;
      ok(paths.resolve('A.TXT'));
      ok(paths.resolve('B.TXT'));
      return folderListings.count - before;
    };
    // Changed 300 ms ago, at a time no whole 10 ms (a fine-grained file system): listed once.
    const fine = tempDir();
    const t = (Date.now() - 300) / 1000 + 0.000123;
    utimesSync(fine, t, t);
    expect(listings(fine)).toBe(1);
    // Changed within the last 2 s at a whole second (FAT, HFS+): listed at every lookup, as a
    // change made right after a listing could keep that time.
    const coarse = tempDir();
    const whole = Math.floor(Date.now() / 1000) - (Date.now() % 1000 < 500 ? 1 : 0);
    utimesSync(coarse, whole, whole);
    expect(listings(coarse)).toBe(2);
  });
});
