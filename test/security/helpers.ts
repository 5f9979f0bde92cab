// A sandbox for the security tests: a temp folder whose subfolder "drive" is C:, with bait files
// beside it (SECRET.TXT, VICTIM.TXT, KEEPDIR\, CHILD.COM) that no guest may read, change, find
// or run, and a snapshot of everything outside the drive to compare after the run.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MachineEnd } from '../../src/machine';
import type { Dos } from '../../src/dos/dos';
import { tempDir } from '../helpers/folders';
import { runGuest } from '../helpers/guest';

export interface Sandbox {
  base: string;
  drive: string;
}

export function sandbox(): Sandbox {
  const base = tempDir('vdm86-sec-');
  const drive = join(base, 'drive');
  mkdirSync(drive);
  writeFileSync(join(base, 'SECRET.TXT'), 'secret');
  writeFileSync(join(base, 'VICTIM.TXT'), 'victim');
  mkdirSync(join(base, 'KEEPDIR'));
  // A .COM that would print ESCAPED if it ever ran: MOV DX,109h / MOV AH,9 / INT 21h / RET; text.
  writeFileSync(join(base, 'CHILD.COM'), Buffer.from([0xba, 0x09, 0x01, 0xb4, 0x09, 0xcd, 0x21, 0xc3, 0x90, ...Buffer.from('ESCAPED$')]));
  return { base, drive };
}

/** Every entry outside the drive folder (path -> size and mode), to compare before and after. */
export function outsideSnapshot(s: Sandbox): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (p === s.drive) continue;
      const st = statSync(p);
      const rel = relative(s.base, p);
      out[rel] = st.isDirectory() ? `dir ${st.mode & 0o777}` : `${readFileSync(p, 'latin1')} ${st.mode & 0o777}`;
      if (st.isDirectory()) walk(p);
    }
  };
  walk(s.base);
  return out;
}

export interface SandboxRun {
  end: MachineEnd;
  output: string;
  dos: Dos;
}

/** Runs a program from roms/ as C:\PROG.COM in the sandbox's drive (the kernel-level harness,
 *  test/helpers/guest.ts, on the sandbox's folder). */
export async function runInSandbox(s: Sandbox, program: string, maxInstructions = 5_000_000): Promise<SandboxRun> {
  const { end, output, dos } = await runGuest({ dir: s.drive, program, maxInstructions });
  return { end, output, dos };
}
