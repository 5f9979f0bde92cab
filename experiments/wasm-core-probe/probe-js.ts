// The JavaScript side: vdm86's own CPU runs roms/bench/mixed.bin as the vdm86 command runs a
// program (a first slice of 1,000 instructions, the feedback warm-up, on-stack replacement off,
// then slices of 20,000), in a fresh process. Run: npx tsx experiments/wasm-core-probe/probe-js.ts
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Cpu } from '../../src/cpu/cpu';
import { IoPorts } from '../../src/cpu/bus';
import { warmUpFeedback } from '../../src/cpu/feedback-warmup';
import { WARM_UP_AFTER } from '../../src/machine';

const { report } = createRequire(import.meta.url)('./report.cjs');
const cpu = new Cpu(new IoPorts());
const ready = process.uptime() * 1000;
cpu.mem.set(readFileSync(new URL('../../roms/bench/mixed.bin', import.meta.url)), 0x10000);
cpu.cs = cpu.ds = cpu.es = cpu.ss = 0x1000;
cpu.ip = 0;
cpu.sp = 0xfffe;
cpu.flags = 0;
let total = cpu.run(WARM_UP_AFTER);
warmUpFeedback(cpu);
setFlagsFromString('--no-use-osr');
const marks: [number, number][] = [[process.uptime() * 1000, total]];
while (!cpu.halted) {
  total += cpu.run(20000);
  marks.push([process.uptime() * 1000, total]);
}
report('js', ready, marks, total, cpu.mem, [cpu.ax, cpu.cx, cpu.dx, cpu.bx, cpu.sp, cpu.bp, cpu.si, cpu.di]);
