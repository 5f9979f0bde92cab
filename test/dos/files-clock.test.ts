// The DOS clock (moved by INT 21h/2Bh) as the file side uses it: the CLOCK$ record, the date of a
// file written while the clock was moved (57h while open, and the host's mtime after close).
import { afterAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';
import { hex4 } from '../helpers/output';

afterAll(cleanupTemps);

describe('DOS clock', () => {
  it('dates CLOCK$ and written files by the DOS date', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-clock.com' });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    const days = (Date.UTC(1991, 2, 4) - Date.UTC(1980, 0, 1)) / 86400000;
    const date = ((1991 - 1980) << 9) | (3 << 5) | 4;
    expect(lines(run.output)).toEqual([
      'clock read ok 0006',
      `days since 1980 ${hex4(days)}`,
      `date while open ${hex4(date)}`,
      `date after close ${hex4(date)}`,
    ]);
    const m = new Date(statSync(join(run.dir, 'STAMP.TXT')).mtimeMs);
    expect([m.getFullYear(), m.getMonth() + 1, m.getDate()]).toEqual([1991, 3, 4]);
  });
});
