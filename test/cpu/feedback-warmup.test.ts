// The run loop's warm-up (src/cpu/feedback-warmup.ts) runs some 2,300 instructions on the
// machine's own CPU between two slices of a real program. It must leave no trace: memory, every
// register and field of the run state as they were, and nothing outside the CPU called (ports,
// BOPs, page hooks, the interrupt controller). And a program it interrupts must end exactly as it
// does without it.
import { describe, it, expect } from 'vitest';
import { Cpu } from '../../src/cpu/cpu';
import { IoPorts } from '../../src/cpu/bus';
import { exerciseOpcodeTable, exerciseCompiledTier } from '../../src/cpu/feedback-warmup';
import { runGuest } from '../helpers/guest';

/** A CPU in the middle of something: random memory, registers, a lazy flag record, a pending
 *  interrupt line, a hooked page, a REP resume point, and spies on everything outside it. */
function busyCpu() {
  const calls: string[] = [];
  const io = new IoPorts();
  io.hook(0, 0xffff, {
    in8: (p) => (calls.push(`in ${p}`), 0),
    out8: (p) => void calls.push(`out ${p}`),
  });
  const cpu = new Cpu(io);
  let seed = 12345;
  for (let i = 0; i < cpu.mem.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    cpu.mem[i] = seed >>> 24;
  }
  for (let r = 0; r < 8; r++) cpu.regs[r] = 0x1111 * (r + 1);
  cpu.sregs.set([0x1234, 0x2345, 0x3456, 0x4567]);
  cpu.ip = 0x0abc;
  cpu.bopEnabled = true;
  cpu.bopHandler = { bop: (n) => void calls.push(`bop ${n}`) };
  cpu.pic = { acknowledge: () => (calls.push('ack'), 8) } as unknown as Cpu['pic'];
  cpu.onPageHook = (lin) => void calls.push(`hook ${lin}`);
  cpu.pageHooks[0x20] = 1;
  cpu.pageHooksChanged();
  cpu.intr = true;
  cpu.lazyKind = 6;
  cpu.lazyA = 5;
  cpu.lazyB = 9;
  cpu.lazyR = -4;
  cpu.repResumeIp = 0x0ab9;
  cpu.repStartIp = 0x0abc;
  cpu.repStartCs = 0x2345;
  cpu.instructions = 777;
  cpu.eaBase = 0x12340;
  cpu.eaOff = 0x22;
  cpu.eaLin = 0x12362;
  return { cpu, calls };
}

describe('feedback warm-up', () => {
  it('runs the whole opcode table and leaves the CPU, its memory and the world untouched', () => {
    const { cpu, calls } = busyCpu();
    const memory = cpu.bytes.slice();
    const fields = Object.entries(cpu);
    // The interrupt path runs with a controller of its own (the machine gives a fresh PIC), the
    // BOP path with the BOP the machine keeps for it (its handler does nothing).
    let acks = 0;
    const interrupt = () => {
      cpu.pic = { acknowledge: () => ((cpu.intr = false), acks++, 8) };
      cpu.intr = true;
    };
    const ran = exerciseOpcodeTable(cpu, { interrupt, bop: 0xf5 });
    // Every opcode and group member ran (with its flag-setting companion).
    // ~250 opcodes, 3 forms each (16 for the 12 groups), each behind a flag producer: 2,290,
    // after 256 pairs of NOPs.
    expect(ran).toBeGreaterThan(2000);
    // Nothing outside but the BOP lent to it: no port, page hook or the CPU's own controller.
    expect(calls).toEqual(['bop 245']);
    // One interrupt between two instructions, one between two iterations of a cut REP string.
    expect(acks).toBe(2);
    // Each field holds the very value it held (the typed arrays are the same views).
    const changed = Object.entries(cpu).filter(([k, v], i) => fields[i][0] !== k || !Object.is(fields[i][1], v));
    expect(changed).toEqual([]);
    expect(Object.keys(cpu).length).toBe(fields.length);
    expect(Buffer.compare(cpu.bytes, memory)).toBe(0);
    // The saved state is live again: the pending interrupt and the hooked page still act.
    expect(cpu.attention).toBe(true);
    expect(cpu.hooked).toBe(true);
  });

  it('runs the compiled tier\'s loop with a tier of its own and leaves the CPU, its tier and memory untouched', () => {
    const { cpu, calls } = busyCpu();
    cpu.setCompiledTier(true);
    const tier = cpu.compiledTier;
    const memory = cpu.bytes.slice();
    const fields = Object.entries(cpu);
    const ran = exerciseCompiledTier(cpu);
    // 20 passes of six calls, some 600 instructions to the HLT, with two tiers.
    expect(ran).toBeGreaterThan(1100);
    expect(calls).toEqual([]);
    const changed = Object.entries(cpu).filter(([k, v], i) => fields[i][0] !== k || !Object.is(fields[i][1], v));
    expect(changed).toEqual([]);
    expect(cpu.compiledTier).toBe(tier);
    expect(tier?.compiled).toBe(0);
    expect(Buffer.compare(cpu.bytes, memory)).toBe(0);
    expect(cpu.attention).toBe(true);
  });

  it('refuses to run inside run() (a BOP handler cannot warm up mid-instruction)', () => {
    const cpu = new Cpu(new IoPorts());
    cpu.mem.set([0xc4, 0xc4, 0x01], 0);
    cpu.cs = 0;
    cpu.ip = 0;
    cpu.bopEnabled = true;
    let error = '';
    cpu.bopHandler = {
      bop: () => {
        try {
          exerciseOpcodeTable(cpu);
        } catch (e) {
          error = (e as Error).message;
        }
      },
    };
    cpu.run(1);
    expect(error).toMatch(/inside run/);
  });

  it('a program interrupted by it ends as it would have (the machine warms up after one slice)', async () => {
    // 40,000+ instructions: the warm-up runs between the first slices of this program (or ran
    // already in this process, when it is a no-op); either way the result is the program's.
    // mov cx,20000; xor ax,ax; xor bx,bx; top: add ax,cx; adc bx,0; loop top
    // cmp bx,0BEBh; jne bad; cmp ax,0E910h; jne bad; mov ax,4C07h; int 21h
    // bad: mov ax,4C01h; int 21h        (AX:BX = 1 + 2 + ... + 20000 = 0BEBE910h)
    const code = [
      0xb9, 0x20, 0x4e, 0x31, 0xc0, 0x31, 0xdb, 0x01, 0xc8, 0x83, 0xd3, 0x00, 0xe2, 0xf9,
      0x81, 0xfb, 0xeb, 0x0b, 0x75, 0x0a, 0x3d, 0x10, 0xe9, 0x75, 0x05, 0xb8, 0x07, 0x4c, 0xcd, 0x21,
      0xb8, 0x01, 0x4c, 0xcd, 0x21,
    ];
    const r = await runGuest({ files: { 'SUM.COM': new Uint8Array(code) }, start: 'C:\\SUM.COM' });
    expect(r.machine.cpu.instructions).toBeGreaterThan(60000);
    expect(r.end.exitCode).toBe(7);
  });
});
