// The one runProgram-level harness for guest programs: a temp folder that becomes drive C:,
// holding programs copied from the repository and the test's data files, and a program in it run
// through the whole runProgram (BIOS, DOS, console captured) as the vdm86 command runs it. Output,
// the exit and the files left in the folder are checked by the tests. (guest.ts is the
// kernel-level harness: a Machine and the DOS kernel, without runProgram.) Each test folder keeps
// only what is its own on top: test/real's staging from ../shared/msdos, test/bios's virtual clock,
// test/shell's command lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, type RunOptions, type RunResult } from '../../src/run';
import { putFiles, putFromRepo, tempDir } from './folders';

/** A fresh drive folder holding `programs` (host path in the drive -> path relative to the
 *  repository root) and data `files` (host path -> contents). */
export function programDrive(
  programs: Record<string, string>,
  files: Record<string, string | Uint8Array> = {},
  prefix?: string,
): string {
  const dir = tempDir(prefix);
  putFromRepo(dir, programs);
  putFiles(dir, files);
  return dir;
}

/** Runs `prog` (a host path inside dir) through runProgram with C: = dir, C:\ as the current
 *  directory and dir as the host's current folder; `options` may override any of these. */
export function runOnDrive(dir: string, prog: string, args: string[] = [], options: RunOptions = {}): Promise<RunResult> {
  return runProgram(join(dir, prog), { drives: { C: dir }, cwd: 'C:\\', hostCwd: dir, ...options, args });
}

/** Output as lines without their line ends (CR LF or LF), the last empty line dropped. */
export function outputLines(output: string): string[] {
  const l = output.split(/\r?\n/);
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Text with DOS line ends. */
export function dosText(...lines: string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

/** A host file of the drive, as bytes. */
export function driveFile(dir: string, path: string): Buffer {
  return readFileSync(join(dir, path));
}
