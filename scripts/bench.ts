// npm run bench [-- --runs N] [-- --only NAME]: two sections, after the whole-process lines
// (start-up and the toolchain: bench-process.ts), which run first, while this process is small.
// Bare CPU: the CPU-bound guest programs in roms/bench/*.bin on the CPU alone (no BIOS, no DOS):
// each raw .bin is loaded at 1000:0000 with CS=DS=ES=SS and run until it halts.
// Whole programs: the DOS programs in roms/bench/programs/ run through the whole machine as the
// vdm86 command runs them (runProgram: BIOS, DOS kernel, a temp folder as C:, headless, output
// captured); each run's exit code and output are checked, and the wall time includes building
// the machine and loading the program. Each is run once in a fresh process first ("cold", what
// one vdm86 command sees: V8 is still compiling the CPU loop), then N times in this one.
// Prints guest instructions, seconds and millions of instructions per second for each run (and
// the program's own rate, e.g. EXECs per second), then the cold run and the best run of each
// program. Exits 1 if a program did not do what it should.
import { readFileSync, readdirSync, existsSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Cpu } from '../src/cpu/cpu';
import { IoPorts } from '../src/cpu/bus';
import { runProgram } from '../src/run';
import { benchStartup, benchToolchain } from './bench-process';

const LOAD_SEGMENT = 0x1000;
/** Instructions per run() call: large, as the machine's slices would be. */
const SLICE = 1_000_000;
/** A program that has not halted after this many instructions is broken. */
const LIMIT = 2_000_000_000;

/** The bench programs, mixed first: its figure is the one the target is set for. */
const ORDER = ['mixed', 'string', 'calls'];

/** The whole-program benchmarks: the files copied to C:, the one started, what its run must
 *  print (every line must appear) for the figure to count, and the work it does for a rate of
 *  its own where MIPS says little. Each exits 0 when its own checks pass. */
interface ProgramBench {
  name: string;
  files: string[];
  expect: string[];
  work?: { amount: number; unit: string };
}
const PROGRAMS: ProgramBench[] = [
  // C (bcc): sieve and quicksort, printf.
  { name: 'cpuwork', files: ['cpuwork.com'], expect: ['sieve: 60 passes, 1899 primes', 'sort 12: 6000 keys', 'ok'] },
  // C (bcc): Weicker's Dhrystone 2.1 loop (records, strings, small procedures), 30,000 times.
  { name: 'dhry', files: ['dhry.com'], expect: ['dhry: 30000 loops', 'ok'], work: { amount: 30000, unit: 'Dhry' } },
  // C (bcc): the BYTE sieve, 200 passes.
  { name: 'sieve', files: ['sieve.com'], expect: ['sieve: 200 passes, 1899 primes', 'ok'] },
  // INT 21h handles: 1 MiB written and read back in 4 KiB chunks.
  { name: 'fileio', files: ['fileio.com'], expect: ['256 chunks, checksum 18070817'], work: { amount: 2, unit: 'MiB' } },
  // INT 21h/4B00h: a parent running a small child 50 times.
  { name: 'execloop', files: ['execloop.com', 'execkid.com'], expect: ['50 runs, return codes sum to 3825'], work: { amount: 50, unit: 'EXEC' } },
  // INT 21h/40h to the console: 4000 lines, 272,000 bytes, through the BIOS teletype.
  { name: 'typeout', files: ['typeout.com'], expect: ['typeout: 4000 lines written'], work: { amount: 0.272, unit: 'MB' } },
];

interface RunResult {
  instructions: number;
  seconds: number;
  /** The program's own rate, e.g. "3800 EXEC/s". */
  rate?: string;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(argValue('--runs') ?? 3);
/** Pairs of start-up runs (vdm86 empty.com, node -e 0). */
const startupPairs = Number(argValue('--startup-pairs') ?? 11);
const only = argValue('--only');
/** --compiled: every run with the compiled tier on. */
const compiled = process.argv.includes('--compiled');

/** roms/bench next to this script (scripts/) or to the bundle (dist/). */
function benchDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const d of [join(here, '..', 'roms', 'bench'), join(process.cwd(), 'roms', 'bench')]) {
    if (existsSync(d)) return resolve(d);
  }
  throw new Error('roms/bench not found');
}

function runBare(image: Uint8Array): RunResult {
  const cpu = new Cpu(new IoPorts());
  if (compiled) cpu.setCompiledTier(true);
  cpu.mem.set(image, LOAD_SEGMENT << 4);
  cpu.cs = cpu.ds = cpu.es = cpu.ss = LOAD_SEGMENT;
  cpu.ip = 0;
  cpu.sp = 0xfffe;
  cpu.flags = 0;
  const t0 = performance.now();
  let total = 0;
  while (!cpu.halted && total < LIMIT) total += cpu.run(SLICE);
  const seconds = (performance.now() - t0) / 1000;
  if (!cpu.halted) throw new Error(`did not halt within ${LIMIT} instructions`);
  return { instructions: total, seconds };
}

/** One run of a whole program in a fresh temp folder as C:; null (after saying why) if it
 *  did not exit 0 with the expected output. */
async function runWhole(dir: string, p: ProgramBench): Promise<RunResult | null> {
  const drive = mkdtempSync(join(tmpdir(), 'vdm86-bench-'));
  try {
    for (const f of p.files) copyFileSync(join(dir, f), join(drive, f));
    const t0 = performance.now();
    const r = await runProgram(join(drive, p.files[0]), { drives: { C: drive }, hostCwd: drive, screen: 'none', compiledTier: compiled });
    const seconds = (performance.now() - t0) / 1000;
    const missing = p.expect.filter((line) => !r.output.includes(line));
    if (r.reason !== 'exit' || r.exitCode !== 0 || missing.length) {
      console.log(`${p.name}: FAILED (${r.reason}, exit code ${r.exitCode}${r.message ? `, ${r.message}` : ''}${missing.length ? `, missing "${missing[0]}"` : ''})`);
      return null;
    }
    const rate = p.work ? `${(p.work.amount / seconds).toFixed(p.work.amount / seconds < 100 ? 2 : 0)} ${p.work.unit}/s` : undefined;
    return { instructions: r.instructions, seconds, rate };
  } finally {
    rmSync(drive, { recursive: true, force: true });
  }
}

/** The cold run: this script again in a fresh process (--cold NAME), which prints the result as JSON. */
function runCold(name: string): RunResult | null {
  const script = fileURLToPath(import.meta.url);
  // With the V8 flag the command sets once a run goes on (bin/cli.ts noOnStackReplacement), so
  // the cold run is what one vdm86 command sees.
  const args = [...process.execArgv, '--no-use-osr', script, '--cold', name, ...(compiled ? ['--compiled'] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  const last = out.trim().split('\n').pop() ?? '';
  if (!last.startsWith('{')) {
    console.log(out.trim());
    return null;
  }
  return JSON.parse(last) as RunResult;
}

function format(name: string, r: RunResult): string {
  const mips = r.instructions / r.seconds / 1e6;
  const line = `${name.padEnd(15)} ${String(r.instructions).padStart(12)} instr ${r.seconds.toFixed(3).padStart(8)} s ${mips.toFixed(1).padStart(8)} MIPS`;
  return r.rate ? `${line} ${r.rate.padStart(14)}` : line;
}

async function section(
  title: string,
  names: string[],
  once: (name: string) => RunResult | null | Promise<RunResult | null>,
  cold?: (name: string) => RunResult | null,
): Promise<[string, RunResult][]> {
  const best: [string, RunResult][] = [];
  if (!names.length) return best;
  console.log(`${title}:`);
  for (const name of names) {
    if (cold) {
      const r = cold(name);
      if (!r) {
        process.exitCode = 1;
        continue;
      }
      console.log(format(`${name} (cold)`, r));
      best.push([`${name} (cold)`, r]);
    }
    let top: RunResult | null = null;
    for (let i = 0; i < runs; i++) {
      const r = await once(name);
      if (!r) {
        process.exitCode = 1;
        break;
      }
      console.log(format(name, r));
      if (!top || r.seconds < top.seconds) top = r;
    }
    if (top) best.push([name, top]);
  }
  return best;
}

const dir = benchDir();
const programsDir = join(dir, 'programs');
const coldName = argValue('--cold');
if (coldName) {
  // Child of runCold: one run, the result as JSON on the last line.
  const p = PROGRAMS.find((q) => q.name === coldName);
  const r = p ? await runWhole(programsDir, p) : null;
  console.log(r ? JSON.stringify(r) : `no such program or it failed: ${coldName}`);
  process.exit(r ? 0 : 1);
}
const bareNames = readdirSync(dir)
  .filter((f) => f.endsWith('.bin'))
  .map((f) => f.slice(0, -4))
  .filter((n) => !only || n === only)
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
const wholeNames = PROGRAMS.map((p) => p.name).filter((n) => !only || n === only);

// Whole processes: start-up and the toolchain (the vdm86 command as a user runs it), first: the
// bench process is small then. Spawning a child forks this process, and after the in-process
// runs below it is large enough that the fork added ~50 ms to each toolchain process on the
// 2-core VM (363 ms in a whole bench against 314 ms with --only toolchain, the same hour).
const root = resolve(dir, '..', '..');
const vdm86 = join(root, 'bin', 'vdm86.js');
const processLines: string[] = [];
if (!only || only === 'startup') {
  const s = benchStartup(vdm86, join(programsDir, 'empty.com'), startupPairs);
  processLines.push(
    `startup         vdm86 empty.com ${s.vdm86.median.toFixed(1)} ms, node -e 0 ${s.node.median.toFixed(1)} ms: +${(s.vdm86.median - s.node.median).toFixed(1)} ms (medians of ${startupPairs} pairs)`,
  );
}
if (!only || only === 'toolchain') {
  const msdos = resolve(root, '..', 'shared', 'msdos');
  const toolchainRuns = Math.max(runs, 5);
  const t = benchToolchain(vdm86, msdos, toolchainRuns);
  processLines.push(
    t
      ? `toolchain       CL 5.10 compile + link hello.c, cold: ${t.median.toFixed(0)} ms (median of ${toolchainRuns} processes)`
      : `toolchain       skipped: ${msdos} is absent (MS-DOS 4.0 tools, see its ABOUT.md)`,
  );
}
if (processLines.length) console.log(`whole processes:\n${processLines.join('\n')}`);

const bare = await section('bare CPU', bareNames, (name) => runBare(readFileSync(join(dir, `${name}.bin`))));
const whole = await section(
  'whole programs (BIOS + DOS, headless; cold = the first run in a fresh process)',
  wholeNames,
  (name) => runWhole(programsDir, PROGRAMS.find((p) => p.name === name) as ProgramBench),
  runCold,
);

console.log(`cold, and best of ${runs}:`);
for (const [name, r] of [...bare, ...whole]) console.log(format(name, r));
const cpuworkCold = whole.find(([n]) => n === 'cpuwork (cold)')?.[1];
const cpuworkWarm = whole.find(([n]) => n === 'cpuwork')?.[1];
if (cpuworkCold && cpuworkWarm) {
  console.log(`cpuwork cold/warm time: ${(cpuworkCold.seconds / cpuworkWarm.seconds).toFixed(2)}x`);
}
for (const line of processLines) console.log(line);
