// npm run bench [-- --runs N] [-- --only NAME]: runs the CPU-bound guest programs in roms/bench/
// on the bare CPU (no BIOS, no DOS): each raw .bin is loaded at 1000:0000 with CS=DS=ES=SS and
// run until it halts. Prints guest instructions, seconds and millions of instructions per
// second for each run, then the best run of each program.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { Cpu } from '../src/cpu/cpu';
import { IoPorts } from '../src/cpu/bus';

const LOAD_SEGMENT = 0x1000;
/** Instructions per run() call: large, as the machine's slices would be. */
const SLICE = 1_000_000;
/** A program that has not halted after this many instructions is broken. */
const LIMIT = 2_000_000_000;

/** The bench programs, mixed first: its figure is the one the target is set for. */
const ORDER = ['mixed', 'string', 'calls'];

interface RunResult {
  instructions: number;
  seconds: number;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** roms/bench next to this script (scripts/) or to the bundle (dist/). */
function benchDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const d of [join(here, '..', 'roms', 'bench'), join(process.cwd(), 'roms', 'bench')]) {
    if (existsSync(d)) return resolve(d);
  }
  throw new Error('roms/bench not found');
}

function runOnce(image: Uint8Array): RunResult {
  const cpu = new Cpu(new IoPorts());
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

function format(name: string, r: RunResult): string {
  const mips = r.instructions / r.seconds / 1e6;
  return `${name.padEnd(8)} ${String(r.instructions).padStart(12)} instr ${r.seconds.toFixed(3).padStart(8)} s ${mips.toFixed(1).padStart(8)} MIPS`;
}

const dir = benchDir();
const runs = Number(argValue('--runs') ?? 3);
const only = argValue('--only');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bin'))
  .map((f) => f.slice(0, -4))
  .filter((n) => !only || n === only)
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));

const best: [string, RunResult][] = [];
for (const name of names) {
  const image = readFileSync(join(dir, `${name}.bin`));
  let top: RunResult | null = null;
  for (let i = 0; i < runs; i++) {
    const r = runOnce(image);
    console.log(format(name, r));
    if (!top || r.seconds < top.seconds) top = r;
  }
  if (top) best.push([name, top]);
}
console.log(`best of ${runs}:`);
for (const [name, r] of best) console.log(format(name, r));
