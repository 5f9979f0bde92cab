// Whole programs from roms/ run twice through the whole machine, interpreted and with the
// compiled tier on: exit code, how the run ended, console output and the files left must agree.
// Programs whose output depends on the host clock (timer ticks, dates) are left out, and so is a
// run whose second interpreted run differs from its first. Real programs (CL 5.10, MASM, EXEPACK,
// SORT) go through both in test/real/compiled-differential.test.ts.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../src/run';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Read the host clock or wait on it. */
const CLOCK_BOUND = new Set(['bios-ticks.com', 'bios-midnight.com', 'bios-spin.com', 'dos-files-clock.com', 'dos-core-idle.com', 'bios-ports.com']);
const LIMIT = 1_000_000;
function programs(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).filter((f) => /\.(com|exe)$/.test(f) && !CLOCK_BOUND.has(f));
}

async function runIn(dir: string, name: string, compiledTier: boolean) {
  const drive = mkdtempSync(join(tmpdir(), 'vdm86-tier-'));
  try {
    for (const f of readdirSync(join(ROOT, dir))) if (statSync(join(ROOT, dir, f)).isFile()) copyFileSync(join(ROOT, dir, f), join(drive, f));
    const r = await runProgram(join(drive, name), {
      drives: { C: drive }, hostCwd: drive, screen: 'none', stdin: '', maxInstructions: LIMIT, timeoutMs: 20_000, compiledTier,
    });
    const files = readdirSync(drive).sort().map((f) => (statSync(join(drive, f)).isDirectory() ? `${f}/` : `${f}:${readFileSync(join(drive, f)).toString('base64')}`));
    return { reason: r.reason, exitCode: r.exitCode, output: r.output, files };
  } finally {
    rmSync(drive, { recursive: true, force: true });
  }
}

describe('whole programs: compiled tier against the interpreter', () => {
  for (const dir of ['roms/tests', 'roms/programs', 'roms/demo']) {
    it(`${dir}: every program ends the same way with the same output and files`, async () => {
      for (const name of programs(dir)) {
        const a = await runIn(dir, name, false);
        const b = await runIn(dir, name, true);
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          // A second interpreted run that differs too: the program follows the host clock (timer
          // ticks on a loaded machine), not a defect of the tier.
          const again = await runIn(dir, name, false);
          if (JSON.stringify(again) !== JSON.stringify(a)) continue;
          expect({ name, ...b }).toEqual({ name, ...a });
        }
      }
    }, 300_000);
  }
  it('the C benchmarks (cpuwork, dhry, sieve) print the same and exit 0', async () => {
    for (const name of ['cpuwork.com', 'dhry.com', 'sieve.com']) {
      const drive = mkdtempSync(join(tmpdir(), 'vdm86-tier-'));
      try {
        copyFileSync(join(ROOT, 'roms/bench/programs', name), join(drive, name));
        const opts = { drives: { C: drive }, hostCwd: drive, screen: 'none' as const };
        const a = await runProgram(join(drive, name), opts);
        const b = await runProgram(join(drive, name), { ...opts, compiledTier: true });
        expect(b.exitCode).toBe(0);
        expect({ name, out: b.output, code: b.exitCode }).toEqual({ name, out: a.output, code: a.exitCode });
      } finally {
        rmSync(drive, { recursive: true, force: true });
      }
    }
  }, 300_000);
});
