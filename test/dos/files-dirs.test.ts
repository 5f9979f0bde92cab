// Directories and directory entries through the whole machine (dos-files-dirs): mkdir/chdir/getcwd,
// find first/next with attribute matching, rename and move, delete, attributes (read-only is the
// host's write permission), a file's date and time (57h sets the host's mtime), rmdir refusals,
// truename, drives and free space.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

describe('directories and entries', () => {
  it('creates, lists, renames, deletes and dates entries as DOS does', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-dirs.com' });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'mkdir WORK ok',
      'mkdir WORK again err 0005',
      'mkdir in missing dir err 0003',
      'chdir WORK ok',
      'cwd \\WORK',
      'mkdir SUBDIR ok',
      'find *.* normal', // no directories, no hidden files, no . and ..
      '  A.TXT attr 0020 size 0003',
      '  B.TXT attr 0020 size 0003',
      '  C.DAT attr 0020 size 0003',
      '  end 0012',
      'find *.* all',
      '  . attr 0010 size 0000',
      '  .. attr 0010 size 0000',
      '  A.TXT attr 0020 size 0003',
      '  B.TXT attr 0020 size 0003',
      '  C.DAT attr 0020 size 0003',
      '  HID.TXT attr 0022 size 0003',
      '  SUBDIR attr 0010 size 0000',
      '  end 0012',
      'find *.TXT',
      '  A.TXT attr 0020 size 0003',
      '  B.TXT attr 0020 size 0003',
      '  end 0012',
      'find ?.DAT',
      '  C.DAT attr 0020 size 0003',
      '  end 0012',
      'find dirs only asked',
      '  SUBDIR attr 0010 size 0000',
      '  end 0012',
      'find NONE.*',
      '  end 0012',
      'rename A.TXT to SUBDIR\\MOVED.TXT ok',
      'rename onto existing err 0005',
      'rename missing err 0002',
      'delete B.TXT ok',
      'delete B.TXT again err 0002',
      'delete a directory err 0005',
      'set read-only ok',
      'attributes 0001',
      'set volume bit err 0005',
      'set archive ok',
      'attributes 0020',
      'SUBDIR attributes 0010',
      'set date ok',
      'time 645C',
      'date 1ECF',
      'rmdir not empty err 0005',
      'cwd \\WORK\\SUBDIR',
      'rmdir current err 0010',
      'chdir .. ok',
      'cwd \\WORK',
      'delete SUBDIR\\MOVED.TXT ok',
      'rmdir SUBDIR ok',
      'chdir \\ ok',
      'cwd \\',
      'rmdir WORK not empty err 0005',
      'truename ok',
      'C:\\WORK\\C.DAT',
      'current drive 0002',
      'drives 001A',
      'sectors per cluster 0040',
      'bytes per sector 0200',
      'free space E: FFFF',
      'getcwd E: err 000F',
      'media id ok',
      '  NO NAME    FAT16   ',
      'media id E: err 000F',
    ]);
    expect(readdirSync(join(run.dir, 'WORK')).sort()).toEqual(['C.DAT', 'HID.TXT']);
    const c = statSync(join(run.dir, 'WORK', 'C.DAT'));
    expect(c.mode & 0o200).not.toBe(0); // read-only was set, then cleared again
    const m = new Date(c.mtimeMs);
    expect([m.getFullYear(), m.getMonth() + 1, m.getDate(), m.getHours(), m.getMinutes(), m.getSeconds()]).toEqual([
      1995, 6, 15, 12, 34, 56,
    ]);
    expect(existsSync(join(run.dir, 'A.TXT'))).toBe(false);
  });
});
