// TEE.COM (roms/programs/tee.c) copies what its handle reads of standard input get, byte for
// byte, to a file: the data a program reads from the console must not depend on when the host's
// input ends.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, drive, outLines, read, run } from './helpers';

afterAll(cleanupTemps);

/** Host input that ends at once, or only after the program has read the lines and waits again. */
function input(text: string, endLate: boolean): PassThrough {
  const s = new PassThrough();
  s.write(text);
  if (endLate) setTimeout(() => s.end(), 200);
  else s.end();
  return s;
}

describe('TEE', () => {
  for (const endLate of [false, true]) {
    it(`reads typed lines and then end of file, with no Ctrl-Z byte (input ending ${endLate ? 'while it waits' : 'at once'})`, async () => {
      const dir = drive({ 'TEE.COM': 'tee.com' });
      const r = await run(dir, 'TEE.COM', ['COPY.TXT'], { stdin: input('one\ntwo\n', endLate) });
      expect(r.exitCode).toBe(0);
      expect(read(dir, 'COPY.TXT').toString('latin1')).toBe('one\r\ntwo\r\n');
      // The echo of the typed lines, the program's copy of each, its report on standard error.
      expect(outLines(r.output)).toEqual(['one', 'one', 'two', 'two', 'TEE: 10 bytes']);
    });
  }

  it('ends a last line that has no newline, then reads end of file', async () => {
    const dir = drive({ 'TEE.COM': 'tee.com' });
    const r = await run(dir, 'TEE.COM', ['COPY.TXT'], { stdin: input('last', true) });
    expect(r.exitCode).toBe(0);
    expect(read(dir, 'COPY.TXT').toString('latin1')).toBe('last\r\n');
  });

  it('reads standard input redirected as a file: every byte as it is, no echo, written to standard output as a file', async () => {
    const dir = drive({ 'TEE.COM': 'tee.com' });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const out: Uint8Array[] = [];
    const r = await run(dir, 'TEE.COM', ['COPY.BIN'], { inputFile: bytes, outputFile: (d) => out.push(d) });
    expect(r.exitCode).toBe(0);
    expect(new Uint8Array(read(dir, 'COPY.BIN'))).toEqual(bytes);
    expect(new Uint8Array(Buffer.concat(out))).toEqual(bytes);
    // Only what went to the console (standard error) is on the screen.
    expect(outLines(r.output)).toEqual(['TEE: 256 bytes']);
  });

  it('exits 1 without a file name', async () => {
    const dir = drive({ 'TEE.COM': 'tee.com' });
    const r = await run(dir, 'TEE.COM', []);
    expect(r.exitCode).toBe(1);
    expect(outLines(r.output)).toEqual(['usage: TEE file']);
  });
});
