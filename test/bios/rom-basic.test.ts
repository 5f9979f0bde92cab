// A jump into ROM BASIC (F600:0000-7FFF), which vdm86 does not have: the run ends at once as a guest
// fault saying so, whether a program of ours jumps there or BASICA/BASIC of MS-DOS 1.25 do (they
// are extensions of the IBM PC's ROM BASIC and start by calling into it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram } from '../../src/run';
import { ROOT, cleanupTemps, runBios } from './helpers';
import { putFromRepo, tempDir } from '../helpers/folders';

afterAll(cleanupTemps);

const ROM_BASIC = /^ROM BASIC is not present: the program jumped into F600:0000-7FFF/;
const DOS125 = '../shared/msdos/v1.25/bin';
const haveDos125 = existsSync(join(ROOT, DOS125, 'BASICA.COM'));
if (!haveDos125) console.warn(`MS-DOS 1.25 BASICA check skipped: ${join(ROOT, DOS125)} is absent`);

describe('ROM BASIC', () => {
  it('a JMP FAR F600:0000 ends the run as a guest fault naming ROM BASIC', async () => {
    const r = await runBios('bios-rombasic.com', { maxInstructions: 1_000_000 });
    expect(r.reason).toBe('fault');
    expect(r.message).toMatch(ROM_BASIC);
    expect(r.output).toBe('before\r\n');
    // At once: a few instructions after the jump, not a million zeros later.
    expect(r.instructions).toBeLessThan(10_000);
  });

  describe.skipIf(!haveDos125)('MS-DOS 1.25', () => {
    for (const name of ['BASICA.COM', 'BASIC.COM']) {
      it(`${name} ends at once with the reason`, async () => {
        const dir = tempDir();
        putFromRepo(dir, { [name]: `${DOS125}/${name}` });
        const r = await runProgram(join(dir, name), { hostCwd: dir, maxInstructions: 5_000_000, timeoutMs: 20000 });
        expect(r.reason).toBe('fault');
        expect(r.message).toMatch(ROM_BASIC);
      });
    }
  });
});
