// The folder a case runs in: a fresh temp folder with a copy of each mapped drive (C: empty unless
// mapped), the case's files laid down, and, under a fixed clock, every file and folder dated at
// the clock's start — so the guest never sees host file times, host files it should not, or the
// leftovers of another run, and the case's own folders are never written to.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute, basename, dirname } from 'node:path';
import { stringToCp437 } from '../host/cp437';
import type { TestCase } from './case';

export interface Sandbox {
  root: string;
  /** Drive letters to their folders inside the sandbox. */
  drives: Record<string, string>;
  /** The program: a host path inside the sandbox, or the case's DOS path. */
  program: string;
  /** The host path of a DOS path (L:\A\B) inside the sandbox; null for an unmapped drive. */
  hostPathOf(dosPath: string): string | null;
  remove(): void;
}

/** `path` inside `folder` (or equal to it). */
function inside(folder: string, path: string): boolean {
  const r = relative(folder, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** Dates every entry under `root` (children first, then the folder) at `when`. */
function dateTree(root: string, when: Date): void {
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) dateTree(p, when);
    else utimesSync(p, when, when);
  }
  utimesSync(root, when, when);
}

export function makeSandbox(tc: TestCase, clock: Date | 'host'): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'vdm86-case-'));
  try {
    const drives: Record<string, string> = {};
    for (const [letter, folder] of Object.entries(tc.drives)) {
      const copy = join(root, letter);
      if (!existsSync(folder)) throw new Error(`drive ${letter}: folder ${folder} does not exist`);
      cpSync(folder, copy, { recursive: true, dereference: true });
      drives[letter] = copy;
    }
    if (!drives.C) {
      drives.C = join(root, 'C');
      mkdirSync(drives.C);
    }
    const hostPathOf = (dosPath: string): string | null => {
      const folder = drives[dosPath[0].toUpperCase()];
      if (!folder || dosPath[1] !== ':') return null;
      const parts = dosPath.slice(2).split('\\').filter(Boolean);
      return join(folder, ...parts);
    };
    let program = tc.program;
    if (!/^[A-Za-z]:[\\/]/.test(program)) {
      // A host program inside a mapped folder runs from its copy; any other is copied to C:\.
      const owner = Object.entries(tc.drives).find(([, folder]) => inside(folder, program));
      if (owner) program = join(drives[owner[0]], relative(owner[1], program));
      else {
        if (!existsSync(program)) throw new Error(`program ${program} does not exist`);
        const copy = join(drives.C, basename(program));
        copyFileSync(program, copy);
        program = copy;
      }
    }
    for (const [dosPath, content] of Object.entries(tc.files)) {
      const target = hostPathOf(dosPath);
      if (!target) throw new Error(`files: ${dosPath} is on a drive the case does not map`);
      mkdirSync(dirname(target), { recursive: true });
      if ('text' in content) writeFileSync(target, stringToCp437(content.text));
      else copyFileSync(content.from, target);
    }
    if (clock !== 'host') dateTree(root, clock);
    return { root, drives, program, hostPathOf, remove: () => rmSync(root, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
