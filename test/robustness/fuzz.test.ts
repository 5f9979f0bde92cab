// Robustness: "the host process never dies of an uncaught exception because of what a guest did".
// A few hundred seeded hostile .COM programs (test/robustness/guest-fuzz.ts) run through the whole
// machine; every run must end with a documented reason, a fault must read as a guest fault (not a
// host bug caught on its way out), and nothing may appear outside the folder that is drive C:.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram, type RunOptions, type RunResult } from '../../src/run';
import { cleanupTemps, putFiles, tempDir } from '../helpers/folders';
import { fuzzCase } from './guest-fuzz';

afterAll(cleanupTemps);

const FIRST_SEED = 0x5eed0001;
const PROGRAMS = 300;
/** Seeds that once broke the host, kept as regression cases whatever PROGRAMS becomes. */
const REGRESSION_SEEDS: number[] = [];

const LIMITS = { maxInstructions: 100_000, timeoutMs: 250 };

/** The reasons a run of an existing, loadable .COM can end with ('not-found' and 'bad-program'
 *  cannot happen; 'stopped' needs a signal or a VDD, neither given). */
const REASONS = ['exit', 'fault', 'instruction-limit', 'timeout', 'input-exhausted'];

/** Fault messages a guest legitimately earns (src/bios/system.ts, src/dos/process.ts): an unhandled
 *  BOP or INT 6, a divide error before DOS hooks INT 0, INT 18h or a jump into ROM BASIC, a reboot, a destroyed MCB chain
 *  on termination. Anything else (notably "DOS kernel: ..." from a caught host exception) is a bug. */
const GUEST_FAULTS = [
  /^BOP [0-9A-F]{2}h at [0-9A-F]{4}:[0-9A-F]{4} has no handler$/,
  /^INT 6 \(invalid opcode\) raised at [0-9A-F]{4}:[0-9A-F]{4}$/,
  /^divide error \(the instruction before [0-9A-F]{4}:[0-9A-F]{4}\)$/,
  /^the program called INT 18h \(ROM BASIC\), which vdm86 does not have$/,
  /^ROM BASIC is not present: the program jumped into F600:0000-7FFF, where the IBM PC's ROM BASIC would be$/,
  /^the program rebooted the machine \(.+\)$/,
  /^Memory allocation error: the MCB chain is destroyed$/,
];
const HOST_BUG = /TypeError|RangeError|ReferenceError|SyntaxError|undefined|null|NaN|Cannot read properties|is not a function|is not iterable|Maximum call stack|\n\s+at |DOS kernel:| threw:/;

/** C: for one case: a fresh folder inside `parent`, holding the program and its garbage files. */
function stage(parent: string, seed: number): string {
  const drive = join(parent, 'C');
  rmSync(drive, { recursive: true, force: true });
  mkdirSync(drive);
  const c = fuzzCase(seed);
  putFiles(drive, { ...c.files, 'FUZZ.COM': c.program });
  return drive;
}

async function runCase(parent: string, seed: number, extra: RunOptions = {}): Promise<RunResult> {
  const drive = stage(parent, seed);
  return runProgram(join(drive, 'FUZZ.COM'), { drives: { C: drive }, hostCwd: drive, stdin: '', ...LIMITS, ...extra });
}

/** What is wrong with one run, or null. */
function verdict(r: RunResult, parentListing: string[]): string | null {
  if (!REASONS.includes(r.reason)) return `reason ${r.reason}: ${r.message}`;
  if (r.reason === 'exit' ? !(r.exitCode >= 0 && r.exitCode <= 255) : r.exitCode !== -1) return `exit code ${r.exitCode} with reason ${r.reason}`;
  if (r.reason === 'fault') {
    const m = r.message ?? '';
    if (HOST_BUG.test(m) || !GUEST_FAULTS.some((p) => p.test(m))) return `fault that is not a guest fault: ${m}`;
  }
  if (parentListing.join() !== 'C') return `files outside drive C: ${parentListing.join(', ')}`;
  return null;
}

describe('hostile guest programs never break the host', () => {
  const seeds = [...REGRESSION_SEEDS, ...Array.from({ length: PROGRAMS }, (_, i) => FIRST_SEED + i)];

  it(`${seeds.length} seeded programs end with a documented reason and stay inside C:`, async () => {
    const parent = tempDir('vdm86-fuzz-');
    const failures: string[] = [];
    const reasons = new Map<string, number>();
    for (const seed of seeds) {
      let problem: string | null;
      try {
        const r = await runCase(parent, seed);
        reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
        problem = verdict(r, readdirSync(parent));
      } catch (err) {
        problem = `runProgram rejected: ${err instanceof Error ? err.stack : String(err)}`;
      }
      if (problem) failures.push(`seed ${seed.toString(16)}h: ${problem}`);
    }
    expect(failures).toEqual([]);
    if (process.env.VDM86_FUZZ_STATS) console.log(Object.fromEntries(reasons));
    // The mix is only worth running if the programs reach their calls and exits, not only limits.
    expect(reasons.get('exit') ?? 0).toBeGreaterThan(seeds.length / 10);
  });

  it('the check itself sees a host exception: an INT 21h handler that throws fails the verdict', async () => {
    const parent = tempDir('vdm86-fuzz-');
    const broken: RunOptions = {
      onStart: ({ machine }) =>
        machine.bops.set(0x21, () => {
          (undefined as unknown as { x: number }).x = 1;
        }),
    };
    const r = await runCase(parent, FIRST_SEED, broken);
    expect(r.reason).toBe('fault');
    expect(verdict(r, readdirSync(parent))).toMatch(/^fault that is not a guest fault: Cannot set properties of undefined/);
  });
});
