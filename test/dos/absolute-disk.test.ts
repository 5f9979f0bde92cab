// Absolute disk access (INT 25h/26h) on vdm86's drives, which are host folders: DOS sees them as
// redirected (network) drives, so there are no sectors to read, and the tools that ask first are
// told so (IOCTL 4409h: remote; 1Fh/32h: no DPB, "invalid or network drive"). MS-DOS 2.0's
// CHKDSK then stops by itself with "Invalid drive specification" instead of "Disk error reading
// FAT" and an endless Abort, Retry, Ignore.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BufferConsole, Machine } from '../../src/machine';
import { Dos } from '../../src/dos/dos';
import { ROOT, cleanupTemps, putFromRepo, putFiles, tempDir } from '../helpers/folders';
import { runGuest } from '../helpers/guest';
import { values } from '../helpers/output';

afterAll(cleanupTemps);

const DOS2 = '../shared/msdos/v2.0/bin';
const haveChkdsk = existsSync(join(ROOT, DOS2, 'CHKDSK.COM'));
if (!haveChkdsk) console.warn(`MS-DOS 2.0 CHKDSK check skipped: ${join(ROOT, DOS2)} is absent`);

describe('absolute disk access on a host-folder drive', () => {
  it('fails as on a network drive, and 4409h and 32h/1Fh say why', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-absdisk.com' });
    const v = values(run.output);
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect([v.get('READ'), v.get('READAX')]).toEqual(['0001', '0201']);
    expect([v.get('WRITE'), v.get('WRITEAX')]).toEqual(['0001', '0201']);
    expect(parseInt(v.get('REMOTE'), 16) & 0x1000).toBe(0x1000);
    expect(v.get('DPB32')).toBe('00FF');
    expect(v.get('DPB1F')).toBe('00FF');
  });

  it.skipIf(!haveChkdsk)('MS-DOS 2.0 CHKDSK ends by itself: "Invalid drive specification"', async () => {
    const dir = tempDir();
    putFromRepo(dir, { 'CHKDSK.COM': `${DOS2}/CHKDSK.COM` });
    putFiles(dir, { 'A.TXT': 'text' });
    const machine = new Machine();
    const console = machine.console as BufferConsole;
    console.ended = true;
    const dos = new Dos(machine, { drives: [{ letter: 'C', hostPath: dir }], cwd: 'C:\\', version: { major: 2, minor: 0 } });
    dos.start('C:\\CHKDSK.COM', []);
    const end = await machine.run({ maxInstructions: 5_000_000 });
    expect(end).toMatchObject({ reason: 'exit' });
    expect(console.text()).toMatch(/Invalid drive specification/);
    expect(console.text()).not.toMatch(/Abort, Retry, Ignore/);
  });
});
