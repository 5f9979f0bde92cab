// The FCB functions and INT 21h/29h through the whole machine (dos-files-fcb): create, sequential
// and random record I/O with partial records, block I/O, truncation, file size, rename, search
// (normal and extended FCB) and delete; the host file is checked byte by byte.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

describe('FCB functions', () => {
  it('parses names and does record I/O, rename, search and delete', async () => {
    const run = await runGuest({
      program: 'roms/tests/dos-files-fcb.com',
      files: { 'OLD.TXT': 'old contents' },
      setup: (dir) => mkdirSync(join(dir, 'ADIR')),
    });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'parse 1 AL 0000 drive 0003 name HELLO   TXT rest  rest',
      'parse 2 AL 0001 drive 0000 name ????????C   rest ',
      'parse 3 AL 00FF drive 0018 name FOO         rest ',
      'parse 4 AL 0000 drive 0018 name README  DOC rest ', // drive and extension kept (AL=0Eh)
      'parse 5 AL 0000 drive 0000 name FILE    EXT rest ',
      'parse 6 AL 0000 drive 0000 name VERYLONGTEX rest +more',
      'AL 0000', // create
      'AL 0000', // write A record
      'AL 0000', // write B record
      'AL 0000', // close
      'AL 0000', // open
      'size 0100',
      'record size 0080',
      'block 0000',
      'AL 0000',
      'first byte 0041',
      'AL 0000',
      'first byte 0042',
      'AL 0001', // end of file
      'current record 0002',
      'AL 0000', // random read of record 1
      'first byte 0042',
      'AL 0000', // random write of record 3 (100 bytes)
      'size 0190',
      'random from current 0005',
      'AL 0003', // block read: a partial last record
      'records 0004',
      'random after 0004',
      'bytes 300/399 4343',
      'padding 0000',
      'AL 0000', // block write of 0 records truncates
      'size 0100',
      'AL 0000', // close
      'AL 0000', // file size
      'records of 100 0003',
      'AL 0000', // rename
      'AL 0000',
      '  found RENAMED DAT',
      'AL 00FF',
      'AL 0000',
      '  extended found ADIR        attr 0010',
      'AL 0000', // delete DEL?.??? (DEL1.DAT, DEL2.TMP)
      'AL 00FF', // nothing left to delete
      'AL 00FF', // open of a missing file
      'AL 0000', // open OLD.TXT
      'AL 0000',
      'old cont',
      'AL 0003',
      'ents\u0000\u0000\u0000\u0000',
    ]);
    expect(existsSync(join(run.dir, 'NEWFILE.DAT'))).toBe(false);
    expect(readFileSync(join(run.dir, 'RENAMED.DAT'), 'latin1')).toBe('A'.repeat(128) + 'B'.repeat(128));
    expect(existsSync(join(run.dir, 'DEL1.DAT'))).toBe(false);
    expect(existsSync(join(run.dir, 'DEL2.TMP'))).toBe(false);
    expect(readFileSync(join(run.dir, 'OLD.TXT'), 'latin1')).toBe('old contents');
    expect(run.dos.hostHandles.size).toBe(0);
  });
});
