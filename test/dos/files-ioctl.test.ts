// IOCTL (INT 21h/44h) and the character devices through the whole machine (dos-files-ioctl):
// device-information words of the standard handles, files and devices; raw/cooked CON; status
// calls; drive queries; NUL, CLOCK$, CON and PRN opened by name, in \DEV and in any directory.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';
import { linear, rd16 } from '../../src/cpu/guest-memory';
import { DEVHDR, LOL } from '../../src/dos/layout';
import { DOS_SEG, DOSMEM } from '../../src/dos/sysvars';

afterAll(cleanupTemps);

describe('IOCTL and devices', () => {
  it('answers IOCTL on handles and drives, and does device I/O', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-ioctl.com', files: { 'SUB/A.TXT': 'a' } });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'stdin ok',
      '  info 80D3',
      'stdout ok',
      '  info 80D3',
      'stderr ok',
      '  info 80D3',
      'stdaux ok',
      '  info 80C0',
      'stdprn ok',
      '  info A0C0',
      'closed handle err 0006',
      'new file ok',
      '  info 0042', // drive C: (2), not written yet
      'written file ok',
      '  info 0002',
      'input status at end ok',
      '  status 0000',
      'input status at 0 00FF',
      'output status 00FF',
      'set info on a file err 0001',
      'remote handle ok',
      '  dx 0002',
      'set raw ok',
      'stdout raw ok',
      '  info 80F3',
      'set with DH err 000D',
      'set cooked ok',
      'control read err 0001',
      'stdin status 00FF', // input has ended: a read returns at once
      'removable C ok 0001',
      'removable E err 000F',
      'remote drive ok',
      '  dx 1000', // remote: a host folder is a redirected drive to DOS (no sectors: INT 25h fails)
      'drive map ok',
      '  al 0000',
      'generic block err 0001',
      'open NUL ok 0005',
      'NUL ok',
      '  info 8084',
      'write NUL ok 0007',
      'read NUL ok 0000',
      'open clock device ok 0005',
      'clock device ok',
      '  info 80C8',
      'read clock device ok 0006',
      'open \\DEV\\CON ok 0005',
      'via CON',
      'write CON ok 0009',
      'open SUB\\NUL.TXT ok 0005',
      'open NOSUB\\NUL err 0003',
      'open PRN ok 0005',
      'PRN ok',
      '  info A0C0',
    ]);
  });

  it('keeps the device chain in guest memory: NUL in the List of Lists, then CON ... CLOCK$', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-ioctl.com', maxInstructions: 1 });
    const mem = run.machine.mem;
    const names: string[] = [];
    let seg = DOS_SEG;
    let off = DOSMEM.LOL + LOL.NUL_DEVICE;
    while (off !== 0xffff && names.length < 20) {
      const a = linear(seg, off);
      names.push(String.fromCharCode(...mem.subarray(a + DEVHDR.NAME, a + DEVHDR.NAME + 8)).trimEnd());
      const next = rd16(mem, seg, off + DEVHDR.NEXT);
      seg = rd16(mem, seg, off + DEVHDR.NEXT + 2);
      off = next;
    }
    expect(names).toEqual(['NUL', 'CON', 'AUX', 'PRN', 'CLOCK$', 'COM1', 'LPT1']);
    const con = rd16(mem, DOS_SEG, DOSMEM.LOL + LOL.CON_DEVICE);
    expect(String.fromCharCode(...mem.subarray(linear(DOS_SEG, con + DEVHDR.NAME), linear(DOS_SEG, con + DEVHDR.NAME) + 3))).toBe('CON');
    const clock = rd16(mem, DOS_SEG, DOSMEM.LOL + LOL.CLOCK_DEVICE);
    expect(rd16(mem, DOS_SEG, clock + DEVHDR.ATTRIBUTE)).toBe(0x8008);
  });
});
