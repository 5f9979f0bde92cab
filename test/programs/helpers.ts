// Harness for the real-program workloads: a temp folder as drive C: holding programs from
// roms/programs (under the DOS names a test gives, in any subfolder) and data files, run with
// runProgram as the vdm86 command runs them (test/helpers/program-run.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOptions, RunResult } from '../../src/run';
import { ROOT, cleanupTemps, putFiles, tempDir } from '../helpers/folders';
import { dosText, driveFile, outputLines, programDrive, runOnDrive } from '../helpers/program-run';

export { cleanupTemps, tempDir, dosText };

/** The bytes of a built program, e.g. program('sort.com'). */
export function program(name: string): Buffer {
  return readFileSync(join(ROOT, 'roms/programs', name));
}

/** Writes files (host path relative to dir -> contents), creating folders. */
export const put = putFiles;

/** A fresh drive folder holding programs (host path -> roms/programs file) and files. */
export function drive(programs: Record<string, string>, files: Record<string, string | Uint8Array> = {}): string {
  return programDrive(Object.fromEntries(Object.entries(programs).map(([path, name]) => [path, `roms/programs/${name}`])), files);
}

/** Runs C:\<prog> (a path inside dir) with C: = dir and the current directory C:\ unless given. */
export function run(dir: string, prog: string, args: string[] = [], options: RunOptions = {}): Promise<RunResult> {
  return runOnDrive(dir, prog, args, { maxInstructions: 200_000_000, ...options });
}

/** The output as lines, CR LF removed, the last empty line dropped. */
export const outLines = outputLines;

export const read = driveFile;

/** The folder's entries, sorted (the host names). */
export function list(dir: string, sub = '.'): string[] {
  return readdirSync(join(dir, sub)).sort();
}
