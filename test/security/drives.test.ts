// Issue 14: a drive can be mapped read-only ("C=DIR:ro"), and a run can be given a disk quota.
// On a read-only drive every change fails with error 5 (access denied, what DOS gives for a
// read-only network drive) and the host folder comes out untouched; under a quota writes come
// back short without an error once it is used up, as on a full DOS disk, and new entries fail.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, RunOptionError } from '../../src/index';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';
import { lines } from '../helpers/output';

afterAll(cleanupTemps);

function folder(): { dir: string; prog: string } {
  const dir = tempDir('vdm86-sec-');
  const progDir = tempDir('vdm86-sec-prog-');
  copyFileSync(join(ROOT, 'roms/tests/sec-drives.com'), join(progDir, 'PROG.COM'));
  return { dir, prog: join(progDir, 'PROG.COM') };
}

describe('a read-only drive', () => {
  it('can be read and not changed, through handles and FCBs', async () => {
    const { dir, prog } = folder();
    writeFileSync(join(dir, 'IN.TXT'), 'inside');
    mkdirSync(join(dir, 'SUB'));
    const mode = statSync(join(dir, 'IN.TXT')).mode;
    const r = await runProgram(prog, { drives: [`C=${dir}:ro`], args: ['R'] });
    expect(r.reason).toBe('exit');
    expect(lines(r.output)).toEqual([
      '3Ch create err 0005',
      '3Dh open read-write err 0005',
      '3Dh open read ok',
      '3Fh read 0006',
      '39h mkdir err 0005',
      '3Ah rmdir err 0005',
      '41h delete err 0005',
      '43h set attributes err 0005',
      '56h rename err 0005',
      '5Bh create new err 0005',
      '5Ah temp file err 0005',
      '6Ch create err 0005',
      'FCB 16h create 16FF',
      'FCB 0Fh open 0F00',
      'FCB 13h delete 13FF',
      'FCB 17h rename 17FF',
      '36h free clusters 0000',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['IN.TXT', 'SUB']);
    expect(readFileSync(join(dir, 'IN.TXT'), 'latin1')).toBe('inside');
    expect(statSync(join(dir, 'IN.TXT')).mode).toBe(mode);
  });

  it('is given as DIR:ro in every drive form', async () => {
    const { dir, prog } = folder();
    writeFileSync(join(dir, 'IN.TXT'), 'inside');
    mkdirSync(join(dir, 'SUB'));
    for (const drives of [{ C: `${dir}:ro` }, [{ letter: 'C', hostPath: dir, readOnly: true }]]) {
      const r = await runProgram(prog, { drives, args: ['R'] });
      expect(lines(r.output)[0]).toBe('3Ch create err 0005');
      expect(r.drives[0]).toMatchObject({ letter: 'C', readOnly: true });
    }
  });
});

describe('a disk quota', () => {
  it('gives short writes without an error once used up, then refuses new entries', async () => {
    const { dir, prog } = folder();
    const r = await runProgram(prog, { drives: { C: dir }, args: ['Q'], diskQuota: 4096 });
    expect(r.reason).toBe('exit');
    // 32 bytes for the new entry, then 4064 bytes of data: 4 x 1000 and 64
    expect(lines(r.output)).toEqual([
      '3Ch create ok',
      '40h write ok 03E8',
      '40h write ok 03E8',
      '40h write ok 03E8',
      '40h write ok 03E8',
      '40h write ok 0040',
      '40h write ok 0000',
      '3Ch create another err 0005',
      '39h mkdir err 0005',
      '36h free clusters 0000',
    ]);
    expect(statSync(join(dir, 'NEW.TXT')).size).toBe(4064);
    expect(readdirSync(dir)).toEqual(['NEW.TXT']);
  });

  it('must be a whole number of bytes', async () => {
    const { dir, prog } = folder();
    await expect(runProgram(prog, { drives: { C: dir }, diskQuota: -5 })).rejects.toThrow(RunOptionError);
  });
});
