// A DOS tool written in C (roms/tests/dos-files-filter.c, bcc -ansi -Md) running through the whole
// machine: stdio reading and writing host files, lseek, a second handle, unlink, and the exit code.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

describe('a C text filter', () => {
  it('reads its input file, writes the output file and exits with the line count', async () => {
    const run = await runGuest({
      program: 'roms/tests/dos-files-filter.com',
      name: 'FILTER.COM',
      files: { 'in.txt': 'alpha\r\nbeta\r\ngamma\r\n' },
      args: ['in.txt', 'OUT.TXT'],
    });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 3 });
    const expected = '1: ALPHA\r\n2: BETA\r\n3: GAMMA\r\n';
    expect(readFileSync(join(run.dir, 'OUT.TXT'), 'latin1')).toBe(expected);
    expect(lines(run.output)).toEqual([
      `OUT.TXT is ${expected.length} bytes`,
      'at 3: ALPHA',
      'unlink 0',
      'reopen -1',
    ]);
    expect(existsSync(join(run.dir, 'SCRATCH.TMP'))).toBe(false);
  });

  it('fails cleanly on a missing input', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-filter.com', name: 'FILTER.COM', args: ['nothere.txt', 'OUT.TXT'] });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 254 });
    expect(lines(run.output)).toEqual(['cannot open nothere.txt']);
  });
});
