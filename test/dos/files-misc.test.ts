// The rest of the handle functions through the whole machine (dos-files-misc): 5Ah temporary
// files, 5Bh create new, 5Ch locks seen through a second open, 68h/6Ah commit, 6Ch extended
// open/create with each action, the no-inherit bit, and 0Eh with a missing drive.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

describe('temporary files, create new, locks, commit, extended open', () => {
  it('behaves as MS-DOS 5 with SHARE', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-misc.com' });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'temp file ok',
      '  prefix TMP\\',
      '  name length 0008',
      '  reopen ok 0005',
      'create new ok 0005',
      'create new again err 0050',
      'lock 4-7 ok',
      'lock 6-9 through B err 0021',
      'B reads 2-5 err 0021', // runs into A's lock
      'B reads 8-11 ok 0004',
      'A reads 4-7 ok 0004', // the owner may
      'unlock another range err 0021',
      'unlock through B err 0021',
      'unlock ok',
      'B reads 2-5 again ok 0004',
      'lock AL=2 err 0001',
      'commit 68h ok',
      'commit 6Ah ok',
      'commit closed handle err 0006',
      'ext create if missing ok 0005',
      '  action 0002',
      'ext fail if exists err 0050',
      'ext open ok 0005',
      '  action 0001',
      'ext replace ok 0005',
      '  action 0003',
      'ext missing, no create err 0002',
      'ext bad action err 0001',
      'ext AL=1 err 0001',
      'no-inherit info 1042',
      'current drive 0002',
    ]);
    const temps = readdirSync(join(run.dir, 'TMP'));
    expect(temps).toHaveLength(1);
    expect(temps[0]).toMatch(/^[0-9A-F]{8}$/);
    expect(readFileSync(join(run.dir, 'TMP', temps[0]), 'latin1')).toBe('TMP\\');
    expect(statSync(join(run.dir, 'NEW.DAT')).size).toBe(0); // replaced by 6Ch
    expect(statSync(join(run.dir, 'EXT.DAT')).size).toBe(0);
    expect(run.dos.hostHandles.size).toBe(0);
  });
});
