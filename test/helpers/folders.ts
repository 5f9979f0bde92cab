// Host folders for whole-machine tests: temp folders that become DOS drives, filled with guest
// programs from the repository and data files; cleanupTemps (in afterAll) removes them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root. */
export const ROOT = new URL('../../', import.meta.url).pathname;

const temps: string[] = [];

/** A fresh temp folder (in the system temp folder unless base is given), removed by cleanupTemps. */
export function tempDir(prefix = 'vdm86-test-', base = tmpdir()): string {
  mkdirSync(base, { recursive: true });
  const d = mkdtempSync(join(base, prefix));
  temps.push(d);
  return d;
}

/** Removes every folder tempDir made so far. */
export function cleanupTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Writes files into dir (host path relative to dir -> contents), creating folders. */
export function putFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
}

/** Copies repository files into dir (name in dir -> path relative to the repository root). */
export function putFromRepo(dir: string, files: Record<string, string>): void {
  for (const [name, src] of Object.entries(files)) putFiles(dir, { [name]: readFileSync(join(ROOT, src)) });
}
