// Harness for the real-program workloads: a temp folder as drive C: holding programs from
// roms/programs (under the DOS names a test gives, in any subfolder) and data files, run with
// runProgram as the vdm86 command runs them (BIOS, DOS, console captured).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, type RunOptions, type RunResult } from '../../src/run';
import { ROOT, cleanupTemps, putFiles, tempDir } from '../helpers/folders';

export { cleanupTemps, tempDir };

/** The bytes of a built program, e.g. program('sort.com'). */
export function program(name: string): Buffer {
  return readFileSync(join(ROOT, 'roms/programs', name));
}

/** Writes files (host path relative to dir -> contents), creating folders. */
export const put = putFiles;

/** A fresh drive folder holding programs (host path -> roms/programs file) and files. */
export function drive(programs: Record<string, string>, files: Record<string, string | Uint8Array> = {}): string {
  const dir = tempDir();
  for (const [path, name] of Object.entries(programs)) put(dir, { [path]: program(name) });
  put(dir, files);
  return dir;
}

/** Runs C:\<prog> (a path inside dir) with C: = dir and the current directory C:\ unless given. */
export function run(dir: string, prog: string, args: string[] = [], options: RunOptions = {}): Promise<RunResult> {
  return runProgram(join(dir, prog), {
    drives: { C: dir },
    cwd: 'C:\\',
    maxInstructions: 200_000_000,
    ...options,
    args,
  });
}

/** The output as lines, CR LF removed, the last empty line dropped. */
export function outLines(output: string): string[] {
  const lines = output.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Text with DOS line ends. */
export function dosText(...lines: string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

export function read(dir: string, path: string): Buffer {
  return readFileSync(join(dir, path));
}

/** The folder's entries, sorted (the host names). */
export function list(dir: string, sub = '.'): string[] {
  return readdirSync(join(dir, sub)).sort();
}
