// Harness for the shell tests: a temp folder as drive C: holding guest programs and files, and a
// command line run through vdm86's own COMMAND.COM (Z:\COMMAND.COM /C ...) with the whole machine
// (drives and runs through test/helpers/program-run.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, type RunOptions, type RunResult } from '../../src/run';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';
import { dosText, outputLines, programDrive, runOnDrive } from '../helpers/program-run';

export { cleanupTemps, tempDir, ROOT, dosText };

/** Guest programs by DOS name -> file in the repository. */
export const PROGRAMS = {
  EXITCODE: 'roms/tests/bios-exit.com',
  HELLO: 'roms/demo/hello.com',
  SORT: 'roms/programs/sort.com',
  GREP: 'roms/programs/grep.com',
} as const;

/** A fresh drive folder with programs (DOS name -> repository path) and files. */
export const drive = programDrive;

/** Shell runs may be long (a batch file, several programs). */
const SHELL_MAX_INSTRUCTIONS = 400_000_000;

/** Runs one command line as `COMMAND /C` does, C: = dir, current directory C:\. */
export function shell(dir: string, command: string, options: RunOptions = {}): Promise<RunResult> {
  return runProgram('', { drives: { C: dir }, cwd: 'C:\\', hostCwd: dir, maxInstructions: SHELL_MAX_INSTRUCTIONS, ...options, command });
}

/** Runs a host program path (a .BAT goes through the shell) with C: = dir. */
export function runFile(dir: string, file: string, args: string[] = [], options: RunOptions = {}): Promise<RunResult> {
  return runOnDrive(dir, file, args, { maxInstructions: SHELL_MAX_INSTRUCTIONS, ...options });
}

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'latin1');
}

/** Output lines without their CR LF (the last empty line dropped). */
export const lines = outputLines;
