// Issue 14: a guest that rewrites the CDS (through LoL+16h), the LoL's CDS pointer and the SFT's
// name fields gains nothing. The kernel keeps each drive's current directory itself (the CDS only
// mirrors it), so every file function still works inside the drive, and the host folder around
// the drive comes out exactly as it went in.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { cleanupTemps } from '../helpers/folders';
import { lines } from '../helpers/output';
import { outsideSnapshot, runInSandbox, sandbox } from './helpers';

afterAll(cleanupTemps);

describe('a guest that tampers with DOS data', () => {
  it('cannot reach outside the drive through the CDS, the LoL or the SFT names', async () => {
    const s = sandbox();
    const before = outsideSnapshot(s);
    const run = await runInSandbox(s, 'roms/tests/sec-tamper.com');
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    const out = lines(run.output);
    expect(out.join('\n')).not.toContain('ESCAPED');
    expect(outsideSnapshot(s)).toEqual(before);
    // Every round: the outside names are not found, creations land inside the drive.
    for (const round of [1, 2, 3, 4]) {
      const at = out.indexOf(`round ${round}`);
      const part = out.slice(at + 1, at + 24);
      expect(part).toContain('3Dh open SECRET.TXT err 0002');
      expect(part).toContain('3Ah rmdir KEEPDIR err 0003');
      expect(part).toContain('3Bh chdir KEEPDIR err 0003');
      expect(part).toContain('41h delete VICTIM.TXT err 0002');
      expect(part).toContain('43h read-only VICTIM.TXT err 0002');
      expect(part).toContain('56h rename VICTIM.TXT err 0002');
      expect(part).toContain('6Ch open SECRET.TXT err 0002');
      expect(part).toContain('4Eh find SECRET.TXT err 0012');
      expect(part).toContain('4Eh find KEEPDIR err 0012');
      expect(part).toContain('FCB 0Fh open SECRET.TXT 0FFF');
      expect(part).toContain('FCB 13h delete VICTIM.TXT 13FF');
      expect(part).toContain('FCB 17h rename VICTIM.TXT 17FF');
      expect(part).toContain('4Bh exec CHILD.COM err 0002');
      expect(part).toContain('60h gives C:\\X');
      expect(part).toContain('47h gives \\');
    }
    // The first round, whole: what a tampered CDS would have sent outside lands in the root.
    expect(out.slice(0, 25)).toEqual([
      'round 1',
      '3Ch create A1.TXT ok',
      '3Dh open SECRET.TXT err 0002',
      '39h mkdir D1 ok',
      '3Ah rmdir KEEPDIR err 0003',
      '3Bh chdir KEEPDIR err 0003',
      '41h delete VICTIM.TXT err 0002',
      '43h read-only VICTIM.TXT err 0002',
      '56h rename VICTIM.TXT err 0002',
      '56h rename A1.TXT to MOVED.TXT ok',
      '5Ah temp file ok',
      '5Bh create new A2.TXT ok',
      '6Ch open/create A3.TXT ok',
      '6Ch open SECRET.TXT err 0002',
      '4Eh find SECRET.TXT err 0012',
      '4Eh find KEEPDIR err 0012',
      'FCB 0Fh open SECRET.TXT 0FFF',
      'FCB 13h delete VICTIM.TXT 13FF',
      'FCB 16h create A4.TXT 1600',
      'FCB 17h rename VICTIM.TXT 17FF',
      '4Bh exec CHILD.COM err 0002',
      '60h truename X ok',
      '60h gives C:\\X',
      '47h gives \\',
      'round 2',
    ]);
    expect(readdirSync(s.drive).sort()).toEqual(expect.arrayContaining(['A1.TXT', 'A2.TXT', 'A3.TXT', 'A4.TXT', 'D1', 'MOVED.TXT', 'PROG.COM']));
  });
});
