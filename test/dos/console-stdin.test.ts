// Standard input as a redirected file (runProgram's stdinMode 'file', the vdm86 command's default
// on a pipe): what the character functions (01h, 0Ah) read from it, LF alone read as CR LF, the
// echo on standard output, INT 16h taking its keys from the same bytes, a stream that arrives in
// pieces, and programs that keep reading after the end (the input-exhausted verdict).
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram, type RunOptions } from '../../src/run';
import { cleanupTemps, putFromRepo, tempDir } from '../helpers/folders';

afterAll(cleanupTemps);

interface StdinRun {
  code: number;
  reason: string;
  /** The screen's stream: what DOS-STDIN.COM reported through the BIOS teletype. */
  screen: string;
  /** Handle 1's bytes (the echo DOS gives), as latin1 text. */
  stdout: string;
}

async function stdinRun(mode: string, stdin: RunOptions['stdin'], options: RunOptions = {}): Promise<StdinRun> {
  const dir = tempDir();
  putFromRepo(dir, { 'STDIN.COM': 'roms/tests/dos-stdin.com' });
  const out: Buffer[] = [];
  const r = await runProgram(`${dir}/STDIN.COM`, {
    drives: { C: dir },
    args: [mode],
    stdin,
    stdinMode: 'file',
    stdoutMode: 'file',
    stdout: { write: (chunk) => out.push(Buffer.from(chunk)) },
    maxInstructions: 50_000_000,
    ...options,
  });
  return { code: r.exitCode, reason: r.reason, screen: r.output, stdout: Buffer.concat(out).toString('latin1') };
}

describe('0Ah and 01h reading a redirected standard input', () => {
  it('0Ah takes CR, CR LF and LF alone as line ends and echoes each line to standard output', async () => {
    const r = await stdinRun('L', 'one\r\ntwo\nthree\n\x01x\x08y\n\ntoolongline\n');
    expect(r.reason).toBe('exit');
    expect(r.screen).toBe(
      ['LINE=6F6E65', 'LINE=74776F', 'LINE=7468726565', 'LINE=0179', 'LINE=', 'LINE=746F6F6C6F6E676C', 'LINE=1A', ''].join('\r\n'),
    );
    // DOS's line editor over the file: control characters as ^X, BS takes one back, a full
    // buffer beeps; at the end the empty line is a Ctrl-Z.
    expect(r.stdout).toBe('one\rtwo\rthree\r^Ax\b \by\r\rtoolongl\x07\x07\x07\r^Z\r');
    expect(r.code).toBe(7);
  });

  it('01h reads a LF alone as CR LF, and echoes every byte', async () => {
    const r = await stdinRun('C', 'ab\ncd\r\ne');
    expect(r.screen).toBe(['C=61', 'C=62', 'C=0D', 'C=0A', 'C=63', 'C=64', 'C=0D', 'C=0A', 'C=65', 'C=1A', ''].join('\r\n'));
    expect(r.stdout).toBe('ab\r\ncd\r\ne\x1a');
    expect(r.code).toBe(10);
  });

  it('INT 16h takes its keys from the same input, in turn with 0Ah and 3Fh', async () => {
    const r = await stdinRun('K', 'kline\r\nmrest');
    expect(r.screen).toBe(['KEY=256B', 'LINE=6C696E65', 'KEY=326D', 'READ=72657374', ''].join('\r\n'));
    expect(r.stdout).toBe('line\r');
    // A line end typed at the keyboard is Enter; the LF of a CR LF that 0Ah ended is not a key.
    const enter = await stdinRun('K', 'k\n\nrest');
    expect(enter.screen).toBe(['KEY=256B', 'LINE=', 'KEY=1C0D', 'READ=72657374', ''].join('\r\n'));
  });

  it('reads a stream as it arrives: a line split across pieces waits for the rest', async () => {
    const input = new PassThrough();
    const pieces = ['on', 'e\ntw', 'o\r', '\n\x1a\n'];
    const feed = async () => {
      for (const p of pieces) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        input.write(p);
      }
      input.end();
    };
    const [r] = await Promise.all([stdinRun('L', input), feed()]);
    expect(r.screen).toBe(['LINE=6F6E65', 'LINE=74776F', 'LINE=1A', ''].join('\r\n'));
    expect(r.stdout).toBe('one\rtwo\r^Z\r');
    expect(r.code).toBe(3);
  });
});

describe('reading on after the end of standard input', () => {
  it('3Fh on handle 0 at its end, for ever: input exhausted', async () => {
    const r = await stdinRun('E', 'abc', { maxInstructions: 20_000_000 });
    expect(r.screen).toBe('EOF\r\n');
    expect(r.reason).toBe('input-exhausted');
  });

  it('3Fh on a closed handle 0 after the end (error 6), for ever: input exhausted', async () => {
    const r = await stdinRun('X', 'abc', { maxInstructions: 20_000_000 });
    expect(r.screen).toBe('EOF\r\n');
    expect(r.reason).toBe('input-exhausted');
  });

  it('the same with stdin typed at the console', async () => {
    const r = await stdinRun('X', 'abc\r', { stdinMode: 'console', stdoutMode: 'console', maxInstructions: 20_000_000 });
    expect(r.reason).toBe('input-exhausted');
    expect(r.screen).toBe('abc\r\nEOF\r\n');
  });
});
