// CON through a handle (dos-files-con): raw mode returns exactly the bytes asked for, waiting for
// keys that arrive while the program runs, without echo; cooked mode returns an echoed line.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

describe('CON reads', () => {
  it('raw reads wait for every byte; cooked reads return a line', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-con.com', trickle: 'ab\rcdxy\r' });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'raw ok',
      'raw read ok 0005',
      '61 62 0D 63 64 ', // no echo in raw mode
      'cooked ok',
      'xy', // the echo of the cooked line
      'cooked read ok 0004',
      '78 79 0D 0A ',
      'read at end of input ok 0000',
    ]);
  });
});
