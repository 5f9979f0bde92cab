// Whole-machine harness for the BIOS tests: copies guest programs from roms/tests into a temp
// folder that becomes drive C:, and runs one through runProgram (BIOS, DOS, console), so every
// check sees what a user of the library would see. Guest output in name=value lines is read
// with `values`.
import { join } from 'node:path';
import { runProgram, type RunOptions, type RunResult } from '../../src/run';
import { ROOT, cleanupTemps, putFromRepo, tempDir } from '../helpers/folders';

export { ROOT, cleanupTemps };
export const ROMS_TESTS = join(ROOT, 'roms/tests');

/** A fresh folder holding copies of the named roms/tests programs. */
export function programFolder(...names: string[]): string {
  const dir = tempDir();
  putFromRepo(dir, Object.fromEntries(names.map((n) => [n, `roms/tests/${n}`])));
  return dir;
}

/** Runs roms/tests/<name> from a temp C: with a 20 s safety limit unless given. */
export async function runBios(name: string, options: RunOptions = {}): Promise<RunResult> {
  const dir = programFolder(name);
  return runProgram(join(dir, name), { hostCwd: dir, timeoutMs: 20000, ...options });
}

/** name=value pairs from output lines (values as strings). The BIOS programs print several
 *  lower-case name=value pairs on one line, so only a line that is one whole pair counts. */
export function values(output: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^(\w+)=(\S*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}
