// Issue 14: options a caller gets wrong and hosts that are odd come back as clear errors, never as
// a run that does nothing, a TypeError, a misleading label or an "internal error".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, RunOptionError } from '../../src/index';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';
import { buildCli, runCli } from '../cli/helpers';

afterAll(cleanupTemps);

function hello(): { dir: string; path: string } {
  const dir = tempDir('vdm86-sec-');
  copyFileSync(join(ROOT, 'roms/tests/bios-exit.com'), join(dir, 'EXIT.COM'));
  return { dir, path: join(dir, 'EXIT.COM') };
}

describe('library options', () => {
  it('refuses NaN limits and arguments that are not strings', async () => {
    const { dir, path } = hello();
    await expect(runProgram(path, { hostCwd: dir, maxInstructions: NaN })).rejects.toThrow(/maxInstructions must be a number/);
    await expect(runProgram(path, { hostCwd: dir, timeoutMs: NaN })).rejects.toThrow(RunOptionError);
    await expect(runProgram(path, { hostCwd: dir, args: [1 as unknown as string] })).rejects.toThrow(/args must be an array of strings/);
    await expect(runProgram(path, { hostCwd: dir, args: 'x' as unknown as string[] })).rejects.toThrow(RunOptionError);
  });

  it('calls a 40 KB environment too large, not a bad program file', async () => {
    const { dir, path } = hello();
    await expect(runProgram(path, { hostCwd: dir, env: { BIG: 'x'.repeat(40_000) } })).rejects.toThrow(/environment too large/);
  });

  it('says a folder or a FIFO is not a program file', async () => {
    const { dir } = hello();
    mkdirSync(join(dir, 'SUB.COM'));
    const folder = await runProgram(join(dir, 'SUB.COM'), { hostCwd: dir });
    expect(folder.reason).toBe('bad-program');
    expect(folder.message).toMatch(/is a folder, not a program file/);
    try {
      execFileSync('mkfifo', [join(dir, 'PIPE.COM')]);
    } catch {
      return; // no mkfifo on this host
    }
    const fifo = await runProgram(join(dir, 'PIPE.COM'), { hostCwd: dir });
    expect(fifo.reason).toBe('bad-program');
    expect(fifo.message).toMatch(/not a regular file/);
  });

  it('reports a current folder it cannot use as an option error', async () => {
    const { path } = hello();
    await expect(runProgram(path, { hostCwd: '/nonexistent/caf\uFFFD' })).rejects.toThrow(/not valid UTF-8/);
  });
});

describe('the command', () => {
  let cli = '';
  beforeAll(async () => {
    cli = await buildCli();
  });

  it('refuses --result-json into a missing folder before running, and keeps the exit code otherwise', async () => {
    const { dir } = hello();
    const r = await runCli(cli, ['--result-json', 'nowhere/r.json', 'EXIT.COM', '7'], { cwd: dir });
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/--result-json: the folder .*nowhere does not exist/);
    const ok = await runCli(cli, ['--result-json', 'r.json', 'EXIT.COM', '7'], { cwd: dir });
    expect(ok.code).toBe(7);
    expect(existsSync(join(dir, 'r.json'))).toBe(true);
  });
});
