// Type feedback for the run loop before V8 optimises it.
//
// V8 optimises cpu.ts's execute() (one large function) with the type feedback its bytecode has
// gathered so far. An instruction form the guest has not run yet has none, and the first time the
// optimised code reaches it V8 throws that code away ("insufficient type feedback"), runs the loop
// unoptimised again and later compiles it anew (150-300 ms of compiling on a 2-core machine each
// time). A real program keeps reaching new forms for its first million instructions or so: a
// CL 5.10 compile went through five such rounds and the C benchmark `cpuwork` through six,
// spending most of a cold run unoptimised.
//
// warmUpFeedback() runs every opcode (each group member with a register and a memory operand,
// the other ModRM forms with random addressing modes, the string instructions with and without
// REP, the segment overrides), each behind an instruction that leaves a lazy flag record of
// some kind, on the machine's own CPU inside Cpu.isolated(), which puts memory and every
// register back afterwards and keeps ports, BOPs, page hooks and the interrupt controller out of
// it. Then every site of the run loop, and of the functions it calls, has feedback when V8 first
// optimises them, and that compiled loop is the one the program keeps. It must be the machine's
// own Cpu object: a second one would widen the field types V8 recorded for the first.
//
// The loop's paths outside the CPU get their feedback too (runOutside): a hardware interrupt from
// a fresh controller of the machine's own kind (the machine hands over a way to make one), the
// single-step trap, both again during a resumed REP string, and a BOP the machine keeps for it
// that does nothing. Without them the first timer interrupt, or the first BOP, after V8 had
// compiled the loop threw the compiled loop away (the cold `cpuwork` run every time, one CL 5.10
// run in eight). With the compiled tier on, a loop of procedures runs through a tier of its own
// first (exerciseCompiledTier), so the loop's block paths are fed as well.
//
// Once per process, after the program has run long enough to pay for it (machine.ts): a program
// that exits at once never does. About 3,000 instructions, ~12 ms, mostly each site's first
// visit, which the program would otherwise pay as it went.
import type { Cpu } from './cpu';
import { IoPorts } from './bus';
import { REG, SEG } from './state';
import { FLAG } from './flags';
import { BOP_OPCODE } from './bop';

/** Where the test instructions are placed, and the one segment DS, ES and SS all are: every
 *  store an instruction can make lands in one of the two (INT and far CALL push on SS), so only
 *  these 128 KB are saved and put back (a 1 MB copy cost ~4 ms: fresh pages). */
const CODE_SEG = 0x1000;
const CODE_IP = 0x0100;
const DATA_SEG = 0x2000;
const WINDOW_FROM = CODE_SEG << 4;
const WINDOW_TO = (DATA_SEG << 4) + 0x10000;
/** The port whose OUT asks the CPU to stop (the path a BOP handler takes when it must wait). */
const STOP_PORT = 0x00e0;
/** Where every interrupt vector points while the interrupt forms run: an IRET. */
const HANDLER_IP = 0x0f00;
/** The interrupt vector table (256 far pointers at 0000:0000), saved and put back around them. */
const IVT_BYTES = 0x400;
const IRET = 0xcf;
const NOPS = [0x90, 0x90];
const REP_MOVSB = [0xf3, 0xa4, 0x90];

/** What the machine lends the warm-up for the loop's paths that reach outside the CPU. */
export interface WarmUpHooks {
  /** Attaches a fresh interrupt controller of the machine's own kind to the CPU (it becomes
   *  cpu.pic) with a request pending on it: the warm-up's hardware interrupt. */
  interrupt?: () => void;
  /** A BOP number whose handler does nothing, run through the CPU's own bopHandler: the loop's BOP
   *  path (a program that computes before its first DOS call reached it only after V8 had
   *  compiled the loop, which threw the compiled loop away). */
  bop?: number;
}

/** Opcodes whose ModRM reg field selects the operation. */
const GROUPS = [0x80, 0x81, 0x82, 0x83, 0xd0, 0xd1, 0xd2, 0xd3, 0xf6, 0xf7, 0xfe, 0xff];
const SEGMENT_PREFIXES = [0x26, 0x2e, 0x36, 0x3e];
/** Memory forms run behind each segment override. */
const OVERRIDDEN = [0x8b, 0x89, 0x8a, 0x88, 0x03, 0x3b, 0xa4, 0xac, 0xff, 0xc4, 0xa1, 0xa3];
/** Flag-setting instructions on registers other than CX and SP, one per kind of lazy flag record
 *  (flags.ts LAZY): ADD, ADC, SUB, SBB, logic, shifts, INC and DEC, bytes and words, CMP; and CLC
 *  (no record). */
const PRODUCERS = [
  [0x00, 0xd8], [0x01, 0xd8], [0x10, 0xd8], [0x11, 0xd8], [0x28, 0xd8], [0x29, 0xd8], [0x18, 0xd8],
  [0x19, 0xd8], [0x20, 0xd8], [0x21, 0xd8], [0xd0, 0xe0], [0xd1, 0xe8], [0xfe, 0xc3], [0x43], [0x4b],
  [0xfe, 0xcb], [0x3c, 0x80], [0x3d, 0x00, 0x80], [0xf8],
];
const CMP8 = [0x3c, 0x80];
const CMP16 = [0x3d, 0x00, 0x80];
const NOP = [0x90];
/** NOPs run first. Measured on Node 20: without them the forms the table runs first (ADD, OR)
 *  still turned up without feedback in the first optimised loop, as if V8 had taken the loop's
 *  feedback before the table started; with them every form has it. */
const PRIMER_RUNS = 256;
/** Run a second time after the table. V8 gives a function its feedback vector only once it has
 *  run for a while (lazy feedback allocation), so the table's first visits of the helpers these
 *  reach (group3Byte/Word, stringStep, the XCHG family of secondary.ts, setFlags) recorded nothing:
 *  --trace-deopt showed four to six deoptimisations and recompiles of them in a CL 5.10 run. */
const SECOND_VISIT = [0x86, 0x87, 0x9d, 0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xcf, 0xf6, 0xf7];
/** LOOPNZ, LOOPZ, LOOP and JCXZ, run again with CX at 0, 1 and 2 so that each both jumps and
 *  falls through: the table's random CX (0-7) left JCXZ's jump untaken, and a loop compiled
 *  right after the warm-up was thrown away at a program's first JCXZ taken ("insufficient type
 *  feedback", seen in a CL 5.10 run). */
const COUNTED_JUMPS = [0xe0, 0xe1, 0xe2, 0xe3];
/** Instructions whose result depends on the flags: Jcc, ADC/SBB, LOOPZ/LOOPNZ, the BCD
 *  adjustments, PUSHF, LAHF, CMC. */
const FLAG_READERS = [
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
  0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0xe0, 0xe1, 0x27, 0x2f,
  0x37, 0x3f, 0x9c, 0x9f, 0xf5,
];

let warmed = false;

/** A small deterministic generator: the same forms, in the same order, in every process. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 16;
  };
}

/** Once per process: runs the opcode table through `cpu` (see the top of this file), and the
 *  compiled tier's paths when the CPU has it on. */
export function warmUpFeedback(cpu: Cpu, hooks: WarmUpHooks = {}): void {
  if (warmed) return;
  warmed = true;
  try {
    // The tier first: V8 may start optimising the run loop while the table runs, with the
    // feedback gathered by then.
    if (cpu.compiledTier !== null) exerciseCompiledTier(cpu);
    exerciseOpcodeTable(cpu, hooks);
  } catch {
    // Only V8 gains from the warm-up; a fault in it must not end the program's run (isolated()
    // has put the CPU back). The tests run exerciseOpcodeTable() itself, where it would show.
  }
}

/** Runs the table through `cpu` inside Cpu.isolated(): afterwards the CPU and its memory are as
 *  they were. Returns the instructions run. */
export function exerciseOpcodeTable(cpu: Cpu, hooks: WarmUpHooks = {}): number {
  const ports = new IoPorts();
  ports.hook(STOP_PORT, STOP_PORT, { in8: () => 0xff, out8: () => cpu.stop() });
  let ran = 0;
  cpu.isolated(ports, WINDOW_FROM, WINDOW_TO, () => {
    const before = cpu.instructions;
    runForms(cpu);
    runOutside(cpu, hooks);
    ran = cpu.instructions - before;
  });
  return ran;
}

/** The CPU reset, with CS:IP at the code and DS, ES and SS the data segment. */
function startAt(cpu: Cpu): void {
  cpu.reset();
  cpu.sregs[SEG.CS] = CODE_SEG;
  cpu.sregs[SEG.DS] = DATA_SEG;
  cpu.sregs[SEG.ES] = DATA_SEG;
  cpu.sregs[SEG.SS] = DATA_SEG;
  cpu.ip = CODE_IP;
}

/** `code` at CS:IP from a clean state with `flags` and CX = `cx`. */
function place(cpu: Cpu, flags: number, code: number[], cx: number): void {
  startAt(cpu);
  cpu.regs[REG.CX] = cx;
  cpu.regs[REG.SP] = 0xfff0;
  cpu.regs[REG.SI] = 0x1000;
  cpu.regs[REG.DI] = 0x2000;
  cpu.flags = flags;
  cpu.mem.set(code, (CODE_SEG << 4) + CODE_IP);
}

/** The run loop's paths to the world outside the CPU: the single-step trap and, given the
 *  hooks, a hardware interrupt (each into a handler that is an IRET) and a BOP. The vector table
 *  lies outside the window isolated() restores, so it is saved and put back here. */
function runOutside(cpu: Cpu, hooks: WarmUpHooks): void {
  const mem = cpu.mem;
  const ivt = mem.slice(0, IVT_BYTES);
  try {
    for (let v = 0; v < IVT_BYTES; v += 4) {
      mem[v] = HANDLER_IP & 0xff;
      mem[v + 1] = HANDLER_IP >> 8;
      mem[v + 2] = CODE_SEG & 0xff;
      mem[v + 3] = CODE_SEG >> 8;
    }
    mem[(CODE_SEG << 4) + HANDLER_IP] = IRET;
    place(cpu, FLAG.TF, NOPS, 0);
    cpu.run(4);
    // The trap and an interrupt between two iterations of a REP string instruction the budget
    // cut: each returns to its first prefix (the 8086's rule), a path of its own in the loop.
    place(cpu, FLAG.TF, REP_MOVSB, 8);
    cpu.run(2);
    cpu.run(6);
    if (hooks.interrupt) {
      place(cpu, FLAG.IF, NOPS, 0);
      hooks.interrupt();
      cpu.run(4);
      place(cpu, FLAG.IF, REP_MOVSB, 8);
      cpu.run(2);
      hooks.interrupt();
      cpu.run(6);
    }
    if (hooks.bop !== undefined) {
      place(cpu, 0, [BOP_OPCODE, BOP_OPCODE, hooks.bop & 0xff, 0x90], 0);
      cpu.bopEnabled = true;
      cpu.run(2);
    }
  } finally {
    mem.set(ivt, 0);
  }
}

/** A loop calling six procedures, for the compiled tier (with nasm's listing, at CODE_IP):
 *    mov cx,20 / L: call P1 ... call P6 / mov byte [cs:P6+1],1 / loop L / hlt
 *    P1: add ax,bx / ret          P2: sub ax,cx / push ax / pop bx / ret
 *    P3: mov [si+4],ax / inc word [si+4] / ret
 *    P4: xor dx,dx / mov bx,7 / div bx / ret
 *    P5: push cx / mov cx,3 / rep stosb / pop cx / ret
 *    P6: mov al,0 (the byte the loop changes, once) / shl ax,1 / ret
 *  Over a dozen blocks, run one after another, one found changed after the first pass. */
const TIER_LOOP = [
  0xb9, 0x14, 0x00, 0xe8, 0x18, 0x00, 0xe8, 0x18, 0x00, 0xe8, 0x1a, 0x00, 0xe8, 0x1e, 0x00, 0xe8, 0x23, 0x00, 0xe8, 0x28, 0x00,
  0x2e, 0xc6, 0x06, 0x3e, 0x01, 0x01, 0xe2, 0xe6, 0xf4, 0x01, 0xd8, 0xc3, 0x29, 0xc8, 0x50, 0x5b, 0xc3, 0x89, 0x44, 0x04, 0xff,
  0x44, 0x04, 0xc3, 0x31, 0xd2, 0xbb, 0x07, 0x00, 0xf7, 0xf3, 0xc3, 0x51, 0xb9, 0x03, 0x00, 0xf3, 0xaa, 0x59, 0xc3, 0xb0, 0x00,
  0xd1, 0xe0, 0xc3,
];
/** Slices TIER_LOOP runs in: some end inside a chain of blocks. */
const TIER_SLICES = [1, 5, 17, 40, 100, 250, 1000, 5000];

/** The compiled tier's side of the run loop (finding, compiling, running and chaining blocks,
 *  dropping one whose code changed) and its BlockCache: when V8 first optimised the loop without
 *  them, the optimised loop was thrown away at their first use ("insufficient type feedback"),
 *  and again when the block call it had inlined met a second block ("wrong call target"), each
 *  time compiling the large loop anew (~200 ms on a 2-core machine). Here the call sites meet
 *  more blocks than V8 inlines. Inside Cpu.isolated() with tiers of its own (see below); the
 *  blocks go into the shared table like any (found again only for the same bytes at the same
 *  CS:IP). Returns the instructions run. */
export function exerciseCompiledTier(cpu: Cpu): number {
  let ran = 0;
  cpu.isolated(new IoPorts(), WINDOW_FROM, WINDOW_TO, () => {
    cpu.mem.set(TIER_LOOP, (CODE_SEG << 4) + CODE_IP);
    // Twice: a tier that compiles at first sight, then one with the usual threshold, which finds
    // the first one's blocks at each address's first start (as a program run again does).
    for (const hot of [1, undefined]) {
      startAt(cpu);
      cpu.setCompiledTier(true, { hot });
      cpu.regs[REG.SP] = 0xfffe;
      for (let i = 0; !cpu.halted && i < 100; i++) ran += cpu.run(TIER_SLICES[i % TIER_SLICES.length]);
    }
  });
  return ran;
}

function runForms(cpu: Cpu): void {
  const mem = cpu.mem;
  const rnd = generator(0x8086);
  const base = (CODE_SEG << 4) + CODE_IP;
  /** One instruction from a random state (TF clear, CX small for REP and LOOP), behind
   *  `producer`. */
  const one = (producer: number[], bytes: number[], cx: number, dx = rnd(), budget = 2): void => {
    startAt(cpu);
    for (let r = 0; r < 8; r++) cpu.regs[r] = rnd();
    cpu.regs[REG.CX] = cx;
    cpu.regs[REG.DX] = dx;
    cpu.regs[REG.SP] = 0x8000 | (rnd() & 0x7ffe);
    // IF now and then (no interrupt can come: isolated() took the controller away), so that
    // setFlags sees IF change while the table runs.
    cpu.flags = rnd() & (0x08d5 | FLAG.IF);
    let at = base;
    for (let i = 0; i < producer.length; i++) mem[at++] = producer[i];
    for (let i = 0; i < bytes.length; i++) mem[at++] = bytes[i];
    cpu.run(budget);
  };
  /** Behind a random flag producer, so the flags the instruction reads are a lazy record. */
  const test = (bytes: number[], cx: number): void => one(PRODUCERS[rnd() % PRODUCERS.length], bytes, cx);
  /** The instruction being made: `lead` bytes and then five random ones (ModRM displacement and
   *  immediates). One array, refilled: some 3,000 fresh ones were most of what the warm-up
   *  allocated (~0.6 MB a process). */
  const code: number[] = [];
  const withOperands = (n: number, b0: number, b1 = 0, b2 = 0): number[] => {
    code.length = 0;
    code.push(b0);
    if (n > 1) code.push(b1);
    if (n > 2) code.push(b2);
    for (let i = 0; i < 5; i++) code.push(rnd() & 0xff);
    return code;
  };
  /** `op`'s forms: a group's reg field picks the operation, so each member with a register and a
   *  memory operand; elsewhere it names a register, so one register and two memory forms, with
   *  random mod and r/m (over the whole table every addressing form comes up). */
  const forms = (op: number): void => {
    const group = GROUPS.includes(op);
    for (let i = 0; i < (group ? 16 : 3); i++) {
      const reg = group ? i >> 1 : rnd() & 7;
      const mod = i & 1 ? 3 : rnd() % 3;
      test(withOperands(2, op, (mod << 6) | (reg << 3) | (rnd() & 7)), rnd() & 7);
    }
  };

  for (let i = 0; i < PRIMER_RUNS; i++) one(NOP, NOP, 0);
  for (let op = 0; op < 0x100; op++) {
    // Prefixes run in front of other instructions below.
    if (SEGMENT_PREFIXES.includes(op) || (op >= 0xf0 && op <= 0xf3)) continue;
    forms(op);
  }
  for (const op of SECOND_VISIT) forms(op);
  for (const op of COUNTED_JUMPS) {
    for (let cx = 0; cx < 3; cx++) test(withOperands(2, op, rnd() & 0xff), cx);
  }
  // Twice, for the same reason as SECOND_VISIT (repeatFast's cut-by-the-budget exit).
  const repForm: number[] = [0, 0];
  for (let pass = 0; pass < 2; pass++) {
    for (const prefix of [0xf3, 0xf2]) {
      for (let op = 0xa4; op <= 0xaf; op++) {
        repForm[0] = prefix;
        repForm[1] = op;
        test(repForm, 0);
        test(repForm, 1 + (rnd() & 7));
      }
    }
  }
  for (const ovr of SEGMENT_PREFIXES) {
    for (const op of OVERRIDDEN) test(withOperands(3, ovr, op, rnd() & 0xc7), 3);
  }
  // Instructions that read the flags behind a byte and a word compare (the run loop's Jcc reads
  // those records directly) and two other records at random (flags.ts works out the rest).
  for (const op of FLAG_READERS) {
    for (const producer of [CMP8, CMP16, PRODUCERS[rnd() % PRODUCERS.length], PRODUCERS[rnd() % PRODUCERS.length]]) {
      one(producer, withOperands(2, op, rnd() & 0xff), 1 + (rnd() & 7));
    }
  }
  // A stop request between instructions (OUT DX,AL to the stop port): run() returns early.
  one(NOP, [0xee, 0x90], 0, STOP_PORT, 3);
}
