// A failing FCB call records its error for INT 21h/59h (DOS's FCB_Ret_Err): after 13h delete,
// 0Fh open or 17h rename of a missing file, 59h gives error 2 with the class, action and locus
// a handle call gets for the same error, not the error of the call before (DOS 4's DEL and REN
// said "Path not found" from a stale one).
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, runGuest } from '../helpers/guest';
import { values } from '../helpers/output';

afterAll(cleanupTemps);

describe('FCB calls and the extended error', () => {
  it('13h, 0Fh and 17h on a missing file: AL=FFh and 59h = error 2, as for 3Dh', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-fcberr.com' });
    const v = values(run.output);
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('HANDLE_AX')).toBe('0002');
    for (const key of ['DEL', 'OPEN', 'REN']) {
      expect(v.get(`${key}_AL`), key).toBe('00FF');
      expect(v.get(`${key}_AX`), key).toBe('0002');
      expect(v.get(`${key}_BX`), key).toBe(v.get('HANDLE_BX'));
      expect(v.get(`${key}_CH`), key).toBe(v.get('HANDLE_CH'));
    }
    // Not found (class 8), on a block device (locus 2).
    expect(v.get('HANDLE_BX').slice(0, 2)).toBe('08');
    expect(v.get('HANDLE_CH')).toBe('0002');
  });
});
