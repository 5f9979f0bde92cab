// The WebAssembly probe: core.wasm (built from core.ts) runs roms/bench/mixed.bin in slices of
// 20,000 instructions in a fresh process. Run: node experiments/wasm-core-probe/probe-wasm.cjs
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { report } = require('./report.cjs');

const t0 = process.uptime() * 1000;
const module_ = new WebAssembly.Module(readFileSync(join(__dirname, 'core.wasm')));
const { run, setIp, isHalted, memory } = new WebAssembly.Instance(module_, { env: { abort() { throw new Error('abort'); } } }).exports;
const ready = process.uptime() * 1000;
const mem = new Uint8Array(memory.buffer);
mem.set(readFileSync(join(__dirname, '..', '..', 'roms', 'bench', 'mixed.bin')), 0x10000);
const regs = new Uint16Array(memory.buffer, 0x100000, 12); // AX CX DX BX SP BP SI DI, ES CS SS DS
regs[4] = 0xfffe;
regs[8] = regs[9] = regs[10] = regs[11] = 0x1000;
setIp(0);
const marks = [];
let total = 0;
while (!isHalted()) {
  total += run(20000);
  marks.push([process.uptime() * 1000, total]);
}
if (isHalted() !== 1) throw new Error('the probe met an instruction it does not know');
console.log(`wasm: module compiled and instantiated in ${(ready - t0).toFixed(1)} ms`);
report('wasm', ready, marks, total, mem, regs);
