// Whole programs from roms/ run twice through the whole machine, interpreted and with the
// compiled tier on: exit code, how the run ended, console output and the files left must agree.
// Programs whose output depends on the host clock (timer ticks, dates) are left out, and so is a
// run whose second interpreted run differs from its first.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, copyFileSync, mkdtempSync, rmSync, statSync, existsSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../src/run';
import type { Cpu } from '../../src/cpu/cpu';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Read the host clock or wait on it. */
const CLOCK_BOUND = new Set(['bios-ticks.com', 'bios-midnight.com', 'bios-spin.com', 'dos-files-clock.com', 'dos-core-idle.com', 'bios-ports.com']);
const LIMIT = 1_000_000;
/** Microsoft C 5.10 and LINK from ../shared/msdos (optional: the test says so and skips). */
const TOOLS = resolve(ROOT, '..', 'shared', 'msdos', 'v4.0', 'src', 'TOOLS');
const TOOL_FILES = ['CL.EXE', 'C1.EXE', 'C1L.EXE', 'C2.EXE', 'C3.EXE', 'LINK.EXE', 'CL.ERR', 'C1.ERR', 'C23.ERR'];
const haveTools = existsSync(join(TOOLS, 'CL.EXE'));
if (!haveTools) console.warn(`compiled tier on CL 5.10 skipped: ${TOOLS} is absent`);
const C_SOURCE = `#include <stdio.h>
#include <string.h>
struct rec { int key; char name[12]; };
static int cmp(const struct rec *a, const struct rec *b) { return a->key - b->key; }
int main(void)
{
    struct rec r[8], t;
    int i, j;
    long sum = 0;
    for (i = 0; i < 8; i++) { r[i].key = (i * 37) % 11; sprintf(r[i].name, "n%d", i); }
    for (i = 0; i < 8; i++) for (j = i + 1; j < 8; j++) if (cmp(&r[j], &r[i]) < 0) { t = r[i]; r[i] = r[j]; r[j] = t; }
    for (i = 0; i < 8; i++) { sum = sum * 3 + r[i].key; printf("%s ", r[i].name); }
    printf("%ld %d\\n", sum, (int)strlen("toolchain"));
    return 0;
}
`;

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
  it.skipIf(!haveTools)('CL 5.10 compiles and links byte-identical files with the tier, and the program runs', async () => {
    const results: string[] = [];
    for (const compiledTier of [false, true]) {
      const drive = mkdtempSync(join(tmpdir(), 'vdm86-tier-cl-'));
      try {
        for (const f of TOOL_FILES) copyFileSync(join(TOOLS, f), join(drive, f));
        cpSync(join(TOOLS, 'BLD', 'INC'), join(drive, 'INC'), { recursive: true });
        cpSync(join(TOOLS, 'BLD', 'LIB'), join(drive, 'LIB'), { recursive: true });
        writeFileSync(join(drive, 'SORT.C'), C_SOURCE);
        const opts = { drives: { C: drive }, hostCwd: drive, cwd: 'C:\\', screen: 'none' as const, clock: new Date(2001, 2, 3, 4, 5, 6), compiledTier };
        let cpu: Cpu | null = null;
        const cl = await runProgram(join(drive, 'CL.EXE'), {
          ...opts, args: ['SORT.C'], env: { INCLUDE: 'C:\\INC', LIB: 'C:\\LIB' },
          onMachine: (ctx) => { cpu = ctx.machine.cpu; },
        });
        expect(cl.exitCode, JSON.stringify(cl.output)).toBe(0);
        // The tier really ran compiled code in the compiler's passes.
        if (compiledTier) expect((cpu as Cpu | null)?.compiledTier?.compiled ?? 0).toBeGreaterThan(10);
        const run = await runProgram(join(drive, 'SORT.EXE'), opts);
        expect(run.output).toContain('n0 n3 n6 n1 n4 n7 n2 n5 1761 9');
        results.push(JSON.stringify({
          cl: cl.output, run: run.output,
          obj: readFileSync(join(drive, 'SORT.OBJ')).toString('base64'), exe: readFileSync(join(drive, 'SORT.EXE')).toString('base64'),
        }));
      } finally {
        rmSync(drive, { recursive: true, force: true });
      }
    }
    expect(results[1]).toBe(results[0]);
  }, 300_000);

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
