// Harness for the shell tests: a temp folder as drive C: holding guest programs and files, and a
// command line run through vdm86's own COMMAND.COM (Z:\COMMAND.COM /C ...) with the whole machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, type RunOptions, type RunResult } from '../../src/run';
import { ROOT, cleanupTemps, putFiles, tempDir } from '../helpers/folders';

export { cleanupTemps, tempDir, ROOT };

/** Guest programs by DOS name -> file in the repository. */
export const PROGRAMS = {
  EXITCODE: 'roms/tests/bios-exit.com',
  HELLO: 'roms/demo/hello.com',
  SORT: 'roms/programs/sort.com',
  GREP: 'roms/programs/grep.com',
} as const;

/** A fresh drive folder with programs (DOS name -> repository path) and files. */
export function drive(programs: Record<string, string>, files: Record<string, string | Uint8Array> = {}): string {
  const dir = tempDir();
  for (const [name, src] of Object.entries(programs)) putFiles(dir, { [name]: readFileSync(join(ROOT, src)) });
  putFiles(dir, files);
  return dir;
}

/** Text with DOS line ends. */
export function dosText(...lines: string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

/** Runs one command line as `COMMAND /C` does, C: = dir, current directory C:\. */
export function shell(dir: string, command: string, options: RunOptions = {}): Promise<RunResult> {
  return runProgram('', { drives: { C: dir }, cwd: 'C:\\', hostCwd: dir, maxInstructions: 400_000_000, ...options, command });
}

/** Runs a host program path (a .BAT goes through the shell) with C: = dir. */
export function runFile(dir: string, file: string, args: string[] = [], options: RunOptions = {}): Promise<RunResult> {
  return runProgram(join(dir, file), { drives: { C: dir }, cwd: 'C:\\', hostCwd: dir, maxInstructions: 400_000_000, ...options, args });
}

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'latin1');
}

/** Output lines without their CR LF (the last empty line dropped). */
export function lines(output: string): string[] {
  const l = output.split(/\r\n/);
  if (l[l.length - 1] === '') l.pop();
  return l;
}
