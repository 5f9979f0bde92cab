// Whole-machine harness for the BIOS tests: copies guest programs from roms/tests into a temp
// folder that becomes drive C:, and runs one through runProgram (BIOS, DOS, console), so every
// check sees what a user of the library would see. Guest output in name=value lines is read
// with `values`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram, type RunOptions, type RunResult } from '../../src/run';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const ROMS_TESTS = join(ROOT, 'roms/tests');

const temps: string[] = [];

/** A fresh folder holding copies of the named roms/tests programs. */
export function programFolder(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vdm86-bios-'));
  temps.push(dir);
  for (const n of names) writeFileSync(join(dir, n), readFileSync(join(ROMS_TESTS, n)));
  return dir;
}

export function cleanupTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Runs roms/tests/<name> from a temp C: with a 20 s safety limit unless given. */
export async function runBios(name: string, options: RunOptions = {}): Promise<RunResult> {
  const dir = programFolder(name);
  return runProgram(join(dir, name), { hostCwd: dir, timeoutMs: 20000, ...options });
}

/** name=value pairs from output lines (values as strings). */
export function values(output: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^(\w+)=(\S*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}
