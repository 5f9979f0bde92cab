// The whole-process lines of npm run bench: what a user of the vdm86 command waits for, timed
// from outside (spawn to exit), the command's start-up included.
// - start-up: `vdm86 EMPTY.COM` (a program that exits at once) against a bare `node -e 0`,
//   run in turn (A B A B ...) so a drift of the machine's speed moves both; medians.
// - toolchain: Microsoft C 5.10 (CL, C1, C2, C3, LINK from ../shared/msdos/v4.0/src/TOOLS)
//   compiling and linking a small C program, each run a fresh process (cold); median. Skipped,
//   with a message, when ../shared/msdos is absent.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The C program the toolchain line compiles: a few functions, a loop, printf. */
const TOOLCHAIN_SOURCE = `#include <stdio.h>
#include <string.h>
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static void reverse(char *s) { int i, j; char t; for (i = 0, j = strlen(s) - 1; i < j; i++, j--) { t = s[i]; s[i] = s[j]; s[j] = t; } }
int main(void)
{
    char buf[32];
    int i, sum = 0;
    for (i = 0; i < 100; i++) sum += i * i;
    strcpy(buf, "toolchain");
    reverse(buf);
    printf("%s %d %d\\n", buf, sum, fib(15));
    return 0;
}
`;
// 328350 wraps to 670 in a 16-bit int.
const TOOLCHAIN_OUTPUT = 'niahcloot 670 610';
const TOOLCHAIN_FILES = ['CL.EXE', 'C1.EXE', 'C1L.EXE', 'C2.EXE', 'C3.EXE', 'LINK.EXE', 'CL.ERR', 'C1.ERR', 'C23.ERR'];

export interface ProcessTiming {
  /** Median wall milliseconds. */
  median: number;
  runs: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length & 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall milliseconds of one process, or throws with its output if it did not exit 0 with `expect` on stdout. */
function timeProcess(cmd: string, args: string[], cwd: string, expect?: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0 || (expect !== undefined && !r.stdout.includes(expect))) {
    throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status}): ${r.stdout}${r.stderr}`);
  }
  return ms;
}

/** vdm86 running empty.com against `node -e 0`, `pairs` times each, in turn. */
export function benchStartup(vdm86: string, emptyCom: string, pairs: number): { vdm86: ProcessTiming; node: ProcessTiming } {
  const a: number[] = [];
  const b: number[] = [];
  const cwd = tmpdir();
  // One of each first, not counted: the file cache.
  timeProcess(process.execPath, [vdm86, emptyCom], cwd);
  timeProcess(process.execPath, ['-e', '0'], cwd);
  for (let i = 0; i < pairs; i++) {
    a.push(timeProcess(process.execPath, [vdm86, emptyCom], cwd));
    b.push(timeProcess(process.execPath, ['-e', '0'], cwd));
  }
  return { vdm86: { median: median(a), runs: a }, node: { median: median(b), runs: b } };
}

/** CL 5.10 compiling and linking TOOLCHAIN_SOURCE, `runs` fresh processes; null when the
 *  toolchain is absent. The temp folder is C: with INCLUDE and LIB pointing into it. */
export function benchToolchain(vdm86: string, msdos: string, runs: number): ProcessTiming | null {
  const tools = join(msdos, 'v4.0', 'src', 'TOOLS');
  if (!existsSync(join(tools, 'CL.EXE'))) return null;
  const drive = mkdtempSync(join(tmpdir(), 'vdm86-bench-cl-'));
  try {
    for (const f of TOOLCHAIN_FILES) copyFileSync(join(tools, f), join(drive, f));
    cpSync(join(tools, 'BLD', 'INC'), join(drive, 'INC'), { recursive: true });
    cpSync(join(tools, 'BLD', 'LIB'), join(drive, 'LIB'), { recursive: true });
    writeFileSync(join(drive, 'HELLO.C'), TOOLCHAIN_SOURCE);
    const args = [vdm86, '-d', `C=${drive}`, '-e', 'INCLUDE=C:\\INC', '-e', 'LIB=C:\\LIB', '--screen', 'none', 'CL.EXE', 'HELLO.C'];
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const f of readdirSync(drive)) if (/^HELLO\.(OBJ|EXE)$/i.test(f)) rmSync(join(drive, f));
      times.push(timeProcess(process.execPath, args, drive));
      // The compiled program must run and print what it should.
      timeProcess(process.execPath, [vdm86, '-d', `C=${drive}`, 'HELLO.EXE'], drive, TOOLCHAIN_OUTPUT);
    }
    return { median: median(times), runs: times };
  } finally {
    rmSync(drive, { recursive: true, force: true });
  }
}
