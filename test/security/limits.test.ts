// Issue 14: every resource a guest can make the host spend is bounded by a documented limit.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, RunOptionError, DEFAULT_CAPTURE_LIMIT } from '../../src/index';
import { OutputCapture } from '../../src/host/stream';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';

afterAll(cleanupTemps);

/** A program from roms/ copied into a fresh folder (C:). */
function program(rel: string, name = 'PROG.COM'): { dir: string; path: string } {
  const dir = tempDir('vdm86-sec-');
  copyFileSync(join(ROOT, rel), join(dir, name));
  return { dir, path: join(dir, name) };
}

describe('captured output', () => {
  it('keeps the last maxOutputBytes bytes and counts the rest', async () => {
    const { path } = program('roms/tests/sec-flood.com');
    const r = await runProgram(path, { maxOutputBytes: 1000 });
    expect(r.reason).toBe('exit');
    expect(r.outputBytes.length).toBe(1000);
    expect(r.output.length).toBe(1000);
    expect(r.output.endsWith('THE END\r\n')).toBe(true);
    expect(r.outputDropped).toBe(100_000 + 9 - 1000);
  });

  it('keeps everything under the default limit of 16 MiB', async () => {
    expect(DEFAULT_CAPTURE_LIMIT).toBe(16 * 1024 * 1024);
    const { path } = program('roms/tests/sec-flood.com');
    const r = await runProgram(path);
    expect(r.outputBytes.length).toBe(100_009);
    expect(r.outputDropped).toBe(0);
  });

  it('refuses a limit that is not a whole number of bytes', async () => {
    const { path } = program('roms/tests/sec-flood.com');
    await expect(runProgram(path, { maxOutputBytes: -1 })).rejects.toThrow(RunOptionError);
    await expect(runProgram(path, { maxOutputBytes: NaN })).rejects.toThrow(RunOptionError);
  });

  it('stores bytes in chunks and cuts across chunk edges exactly', () => {
    const c = new OutputCapture(70_000);
    for (let i = 0; i < 300_000; i++) c.push(i & 0xff);
    const b = c.bytes();
    expect(b.length).toBe(70_000);
    expect(c.dropped).toBe(230_000);
    expect(b[0]).toBe(230_000 & 0xff);
    expect(b[b.length - 1]).toBe(299_999 & 0xff);
    const none = new OutputCapture(0);
    none.push(1);
    expect(none.bytes().length).toBe(0);
    expect(none.dropped).toBe(1);
  });
});
