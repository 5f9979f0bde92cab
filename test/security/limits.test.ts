// Issue 14: every resource a guest can make the host spend is bounded by a documented limit.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, openSync, closeSync, writeSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('program files larger than memory', () => {
  it('are refused with error 8 without being read; overlay data after an EXE is never loaded', async () => {
    const { dir, path } = program('roms/tests/sec-bigexec.com');
    const sparse = (name: string, head: Uint8Array) => {
      const fd = openSync(join(dir, name), 'w');
      writeSync(fd, head);
      ftruncateSync(fd, 1_900_000_000);
      closeSync(fd);
    };
    sparse('BIG.COM', new Uint8Array([0xc3]));
    const mz = new Uint8Array(0x20);
    mz.set([0x4d, 0x5a, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x02, 0x00]); // 65535 pages, 2-paragraph header
    sparse('BIG.EXE', mz);
    const exe = readFileSync(join(ROOT, 'roms/tests/dos-core-exe.exe'));
    writeFileSync(join(dir, 'HUGEOVL.EXE'), Buffer.concat([exe, Buffer.alloc(3 * 1024 * 1024, 0x90)]));
    const r = await runProgram(path, { drives: { C: dir }, maxInstructions: 10_000_000 });
    expect(r.reason).toBe('exit');
    expect(r.output).toContain('exec BIG.COM err 0008');
    expect(r.output).toContain('exec BIG.EXE err 0008');
    expect(r.output).toContain('exec HUGEOVL.EXE ok');
  });

  it('as the program to run, come back as bad-program with a clear message', async () => {
    const { dir } = program('roms/tests/sec-bigexec.com');
    const fd = openSync(join(dir, 'BIG.COM'), 'w');
    ftruncateSync(fd, 1_900_000_000);
    closeSync(fd);
    const r = await runProgram(join(dir, 'BIG.COM'));
    expect(r.reason).toBe('bad-program');
    expect(r.message).toMatch(/cannot fit in memory/);
  });
});
