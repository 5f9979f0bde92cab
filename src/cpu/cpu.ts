// The 8086 CPU: the public API other layers code against (registers, flags, interrupts, BOP hook,
// page hooks, run/stop) and the run loop, a dense opcode switch over the state in state.ts.
// The loop holds the instructions common in hot code; the rest go to secondary.ts. Behaviour is
// the 8086's own where later CPUs differ (see the instruction families' files).
import type { IoBus } from './bus';
import { CpuState, REG, SEG, SHADOW, SPACE } from './state';
import { FLAG, LAZY } from './flags';
import { condition } from './alu';
import { stringStep, repeatString } from './string';
import { executeSecondary, VECTOR } from './secondary';
import { BlockCache, type BlockCacheOptions } from './block-cache';

export { FLAG } from './flags';

/** What the CPU asks the interrupt controller when INTR is raised and IF=1. */
export interface InterruptController {
  /** INTA: returns the vector number of the highest-priority pending request. */
  acknowledge(): number;
}

/** Per-opcode decode class: 0 plain; MODRM followed by a ModRM byte; 16 + n a prefix (see
 *  PREFIX_*). One table lookup per opcode tells the loop both. */
const MODRM = 1;
const PREFIX_SEG = 16; // 16-19: segment override ES CS SS DS
const PREFIX_LOCK = 20; // F0h and its 8086 alias F1h
const PREFIX_REPNE = 21;
const PREFIX_REP = 22;
const DECODE = new Uint8Array(256);
for (let op = 0; op < 0x40; op++) if ((op & 7) < 4) DECODE[op] = MODRM;
for (let op = 0x80; op <= 0x8f; op++) DECODE[op] = MODRM;
for (const op of [0xc4, 0xc5, 0xc6, 0xc7, 0xd0, 0xd1, 0xd2, 0xd3, 0xf6, 0xf7, 0xfe, 0xff]) DECODE[op] = MODRM;
for (let op = 0xd8; op <= 0xdf; op++) DECODE[op] = MODRM;
DECODE[0x26] = PREFIX_SEG + SEG.ES;
DECODE[0x2e] = PREFIX_SEG + SEG.CS;
DECODE[0x36] = PREFIX_SEG + SEG.SS;
DECODE[0x3e] = PREFIX_SEG + SEG.DS;
DECODE[0xf0] = PREFIX_LOCK;
DECODE[0xf1] = PREFIX_LOCK;
DECODE[0xf2] = PREFIX_REPNE;
DECODE[0xf3] = PREFIX_REP;

// The compiled tier (block-compiler.ts, block-cache.ts), when switched on, runs hot straight-line
// code as JavaScript functions between two `limit` checks of this loop: a block runs only when no
// `attention` work is pending, no page is hooked and the whole block fits in the budget, so the
// trap, shadows, interrupts, page hooks and instruction counts stay this loop's. Blocks that
// follow one another run from BlockCache.run without coming back here: nothing a block does
// raises `attention`, and each one there must fit in what is left of the budget.
/** An IoBus that is never used; see the constructor. */
const NO_PORTS: IoBus = { in8: () => 0xff, out8: () => {}, in16: () => 0xffff, out16: () => {} };

/** What a BOP (C4 C4 nn) reaches: an object with a method rather than a closure, so that the run
 *  loop's call site has one target for every machine of a process (Machine.prototype.bop). With a
 *  closure per machine, V8 threw the optimised loop away at the second machine's first BOP
 *  ("wrong call target") and compiled it again: ~50 ms of every second run in one process (a
 *  test runner's, a library user's). */
export interface BopHandler {
  bop(n: number): void;
}

export class Cpu extends CpuState {
  // ---- registers -----------------------------------------------------------------------------
  get ax(): number { return this.regs[REG.AX]; } set ax(v: number) { this.regs[REG.AX] = v; }
  get bx(): number { return this.regs[REG.BX]; } set bx(v: number) { this.regs[REG.BX] = v; }
  get cx(): number { return this.regs[REG.CX]; } set cx(v: number) { this.regs[REG.CX] = v; }
  get dx(): number { return this.regs[REG.DX]; } set dx(v: number) { this.regs[REG.DX] = v; }
  get sp(): number { return this.regs[REG.SP]; } set sp(v: number) { this.regs[REG.SP] = v; }
  get bp(): number { return this.regs[REG.BP]; } set bp(v: number) { this.regs[REG.BP] = v; }
  get si(): number { return this.regs[REG.SI]; } set si(v: number) { this.regs[REG.SI] = v; }
  get di(): number { return this.regs[REG.DI]; } set di(v: number) { this.regs[REG.DI] = v; }
  get cs(): number { return this.sregs[SEG.CS]; } set cs(v: number) { this.sregs[SEG.CS] = v; }
  get ds(): number { return this.sregs[SEG.DS]; } set ds(v: number) { this.sregs[SEG.DS] = v; }
  get es(): number { return this.sregs[SEG.ES]; } set es(v: number) { this.sregs[SEG.ES] = v; }
  get ss(): number { return this.sregs[SEG.SS]; } set ss(v: number) { this.sregs[SEG.SS] = v; }
  get ip(): number { return this.ipReg; } set ip(v: number) { this.ipReg = v & 0xffff; }
  // 8-bit halves
  get al(): number { return this.regs8[0]; } set al(v: number) { this.regs8[0] = v; }
  get ah(): number { return this.regs8[1]; } set ah(v: number) { this.regs8[1] = v; }
  get cl(): number { return this.regs8[2]; } set cl(v: number) { this.regs8[2] = v; }
  get ch(): number { return this.regs8[3]; } set ch(v: number) { this.regs8[3] = v; }
  get dl(): number { return this.regs8[4]; } set dl(v: number) { this.regs8[4] = v; }
  get dh(): number { return this.regs8[5]; } set dh(v: number) { this.regs8[5] = v; }
  get bl(): number { return this.regs8[6]; } set bl(v: number) { this.regs8[6] = v; }
  get bh(): number { return this.regs8[7]; } set bh(v: number) { this.regs8[7] = v; }

  /** The FLAGS word as PUSHF would push it (8086: bits 12-15 and bit 1 read as 1). Setting it
   *  loads every flag, as POPF does. */
  get flags(): number { return this.getFlags(); }
  set flags(v: number) { this.setFlags(v); }
  getFlag(mask: number): boolean { return (this.getFlags() & mask) !== 0; }
  setFlag(mask: number, on: boolean): void {
    const f = this.getFlags();
    this.setFlags(on ? f | mask : f & ~mask);
  }

  /** The last effective address (see execute), handed to and from compiled blocks. */
  eaBase = 0;
  eaOff = 0;
  eaLin = 0;
  /** The compiled tier's blocks; null while it is off (the default). */
  private blockCache: BlockCache | null = null;

  /** Switches the compiled tier on or off. Off, every instruction is interpreted (as --trace
   *  needs); on, hot blocks run compiled with the same results. */
  setCompiledTier(on: boolean, options?: BlockCacheOptions): void {
    this.blockCache = on ? (options ? new BlockCache(options) : this.blockCache ?? new BlockCache()) : null;
    this.attention = true;
  }
  get compiledTier(): BlockCache | null {
    return this.blockCache;
  }

  /** Called for C4 C4 nn when bopEnabled; CS:IP already points past the three bytes. */
  bopHandler: BopHandler | null = null;
  bopEnabled = false;

  private intrLine = false;
  /** INTR line: the PIC raises it; the CPU samples it between instructions when IF=1. */
  get intr(): boolean { return this.intrLine; }
  set intr(v: boolean) {
    this.intrLine = v;
    if (v) this.attention = true;
  }
  pic: InterruptController | null = null;

  /** True after HLT until an interrupt is taken. run() returns at once while halted and no
   *  interrupt can be taken. */
  get halted(): boolean { return this.haltFlag; }
  set halted(v: boolean) {
    this.haltFlag = v;
    this.attention = true;
  }

  /** Call after changing pageHooks so the fast path knows whether to look. */
  pageHooksChanged(): void {
    let any = false;
    for (let i = 0; i < this.pageHooks.length; i++) if (this.pageHooks[i] !== 0) any = true;
    this.hooked = any;
    this.attention = true;
  }

  /** Instructions executed since construction (a REP string instruction counts once per iteration). */
  instructions = 0;

  private stopRequested = false;
  /** stopAll(): every run() in progress returns; cleared when the outermost one has. */
  private stopAllRequested = false;
  /** run() calls in progress (more than one inside a nested simulation). */
  private depth = 0;
  /** TF was set when the instruction now executing began: INT 1 follows it. */
  private trapArmed = false;

  constructor(io: IoBus) {
    super(io);
    this.bytes.set(DECODE, SPACE.DECODE);
    // isolated() swaps these fields for a while. Each is written a second time here, with
    // another value, so V8 never compiles the run loop with one as a constant: changed later,
    // that code would be thrown away and compiled again (measured: the warm-up cost the `sieve`
    // bench its first optimised loop, ~150 ms).
    this.io = NO_PORTS;
    this.io = io;
    this.bopEnabled = !this.bopEnabled;
    this.bopEnabled = !this.bopEnabled;
    this.hooked = !this.hooked;
    this.hooked = !this.hooked;
    this.intrLine = !this.intrLine;
    this.intrLine = !this.intrLine;
  }

  /** Performs the INT n sequence: push FLAGS, CS, IP; clear IF and TF; load CS:IP from the IVT. */
  interrupt(vector: number): void {
    this.enterInterrupt(vector);
    this.haltFlag = false;
    this.attention = true;
  }

  /** Asks run() to return after the current instruction. */
  stop(): void {
    this.stopRequested = true;
    this.attention = true;
  }

  /** Asks every run() in progress, nested ones and the runs they were called from, to return
   *  after the current instruction (e.g. when the machine ends inside a nested simulation). */
  stopAll(): void {
    if (this.depth > 0) this.stopAllRequested = true;
    this.attention = true;
  }

  /** Runs `work` with this CPU as a scratch machine, then puts everything back: the memory from
   *  linear `from` up to `to`, the registers, flags and every field of the run state. `work` must
   *  not store outside that memory (the caller keeps its segments inside it). Meanwhile IN/OUT
   *  go to `io`, C4 C4 is LES (no BOP), no page is hooked, no interrupt controller is asked and
   *  the compiled tier is off, so nothing outside the CPU sees what `work` runs. For
   *  feedback-warmup.ts, which must run this very object: a second Cpu would widen the field
   *  types V8 recorded for it and cost the optimised run loop a deoptimisation. Only between
   *  run() calls. */
  isolated(io: IoBus, from: number, to: number, work: () => void): void {
    if (this.depth > 0) throw new Error('Cpu.isolated: called inside run()');
    const memory = this.bytes.slice(from, to);
    const registers = this.bytes.slice(SPACE.REGS);
    const fields = Object.entries(this);
    this.io = io;
    this.bopEnabled = false;
    this.hooked = false;
    this.pic = null;
    this.intrLine = false;
    this.blockCache = null;
    try {
      work();
    } finally {
      this.bytes.set(memory, from);
      this.bytes.set(registers, SPACE.REGS);
      for (const [k, v] of fields) (this as Record<string, unknown>)[k] = v;
      this.attention = true;
    }
  }

  /** Resets to the 8086 power-on state (CS=FFFFh, IP=0, flags clear). */
  reset(): void {
    this.regs.fill(0);
    this.sregs.fill(0);
    this.sregs[SEG.CS] = 0xffff;
    this.ipReg = 0;
    this.setFlags(0);
    this.shadow = SHADOW.NONE;
    this.trapArmed = false;
    this.repResumeIp = -1;
    this.haltFlag = false;
    this.attention = true;
  }

  /** Executes up to `budget` instructions; returns how many ran. Returns early when stop() is
   *  called (from a BOP or port handler) or when the CPU halts with no interrupt to take.
   *  Re-entrant: a callback may call run() again (simulate16); stop() ends the innermost run. */
  run(budget: number): number {
    const outerStop = this.stopRequested;
    this.stopRequested = false;
    this.attention = true;
    this.depth++;
    try {
      return budget > 0 ? this.execute(budget) : 0;
    } finally {
      this.stopRequested = outerStop;
      this.attention = true;
      if (--this.depth === 0) this.stopAllRequested = false;
    }
  }

  /** Work between two instructions, done only when `attention` is set: stop requests, the
   *  single-step trap, hardware interrupts, HLT, page hooks on code. Returns false when run()
   *  must return. ipReg holds the address of the next instruction. */
  private boundary(): boolean {
    this.attention = false;
    if (this.stopRequested || this.stopAllRequested) {
      this.attention = true;
      return false;
    }
    const shadow = this.shadow;
    if (shadow !== SHADOW.NONE) {
      this.shadow = SHADOW.NONE;
      this.attention = true; // look again once the shadow is over
    }
    let took = false;
    // Still between the iterations of the REP string instruction that left (CS:IP untouched
    // since): an interrupt taken now returns to its last prefix.
    const resumeIp = this.repResumeIp;
    const repResume = resumeIp >= 0 && this.ipReg === this.repStartIp && this.sregs[SEG.CS] === this.repStartCs;
    this.repResumeIp = -1;
    if (this.trapArmed) {
      this.trapArmed = false;
      if (shadow !== SHADOW.ALL) {
        if (repResume) this.ipReg = resumeIp;
        this.enterInterrupt(VECTOR.STEP);
        took = true;
      }
    }
    if (shadow === SHADOW.NONE && this.intrLine && this.flagBits & FLAG.IF && this.pic) {
      if (repResume && !took) this.ipReg = resumeIp;
      this.enterInterrupt(this.pic.acknowledge() & 0xff);
      took = true;
    }
    if (took) this.haltFlag = false;
    else if (this.haltFlag) {
      this.attention = true;
      return false;
    }
    if (this.flagBits & FLAG.TF) {
      this.trapArmed = true;
      this.attention = true;
    }
    if (this.hooked) {
      this.attention = true;
      this.touch(((this.sregs[SEG.CS] << 4) + this.ipReg) & 0xfffff, false);
    }
    return true;
  }

  /** The run loop. IP, the code segment base and whether pages are hooked live in locals; IP
   *  is written back to ipReg before anything that may look at it (callbacks, interrupts, the
   *  secondary executor) and read again after.
   *
   *  Written for V8 (each choice measured): one byte view `b` and one word view `w` over the
   *  CPU's single buffer instead of five typed arrays; numeric literals instead of module
   *  constants (a module constant costs a context load and a check per use); the lazy-flag
   *  stores of the ALU instructions inline. The literals:
   *    b[a], a < 100000h   memory
   *    w[80000h + n]       general register n (AX CX DX BX SP BP SI DI), = regs[n]
   *    w[80008h + n]       segment register n (ES CS SS DS), = sregs[n]
   *    b[100000h + i]      byte i of the register file, = regs8[i]; byte register n (AL CL DL
   *                        BL AH CH DH BH) is i = ((n & 3) << 1) | (n >> 2)
   *    b[100100h + op]     DECODE[op]: 0 plain, 1 ModRM follows, 16-19 segment prefix ES CS SS
   *                        DS, 20 LOCK, 21 REPNE, 22 REP
   *    lazyKind values     LAZY.* (flags.ts)
   *  A check at the end of this file keeps the names and the literals in step. */
  private execute(budget: number): number {
    const b = this.bytes;
    const w = this.words;
    let ip = this.ipReg;
    let csBase = w[0x80009] << 4;
    let hooked = this.hooked;
    let n = 0;
    let counted = 0;
    // The last effective address. The 8086 keeps it in an internal register, and LEA, LES, LDS
    // with a register operand (undefined forms) use whatever it holds.
    let eaBase = 0;
    let eaOff = 0;
    let eaLin = 0;
    // The loop looks beyond the next opcode when n reaches `limit`: the budget, or 0 while
    // `attention` is set. Attention can only be raised by this loop or by what it calls, so
    // every such site below lowers `limit` (one local compare per instruction, not a field load).
    let limit = 0;
    const blocks = this.blockCache;

    main: for (;;) {
      if (n >= limit) {
        // Every exit passes here, so the write-back has type feedback before the optimiser
        // compiles the loop (code only reached after the loop would deoptimise it).
        this.ipReg = ip;
        this.instructions += n - counted;
        counted = n;
        if (n >= budget) break;
        if (this.attention) {
          const go = this.boundary();
          ip = this.ipReg;
          csBase = w[0x80009] << 4;
          hooked = this.hooked;
          if (!go) break;
        }
        limit = this.attention ? 0 : budget;
      }
      if (blocks !== null && !hooked) {
        const lin = (csBase + ip) & 0xfffff;
        const blk = blocks.at(lin, ip, b, w[0x80009]);
        if (blk !== null && n + blk.count <= limit) {
          this.eaBase = eaBase;
          this.eaOff = eaOff;
          this.eaLin = eaLin;
          const k = blocks.run(blk, this, b, w, limit - n);
          if (k > 0) {
            n += k;
            ip = this.ipReg;
            csBase = w[0x80009] << 4;
            eaBase = this.eaBase;
            eaOff = this.eaOff;
            eaLin = this.eaLin;
            continue main;
          }
          blocks.drop(lin);
        }
      }
      const start = ip;
      let ovr = -1;
      let rep = 0;
      let op = b[(csBase + ip) & 0xfffff];
      ip = (ip + 1) & 0xffff;
      let kind = b[0x100100 + op];
      let modrm = 0;
      if (kind !== 0) {
        while (kind >= 16) {
          if (kind < 20) ovr = kind - 16;
          else if (kind > 20) rep = kind;
          op = b[(csBase + ip) & 0xfffff];
          ip = (ip + 1) & 0xffff;
          kind = b[0x100100 + op];
        }
        if (kind === 1) {
          modrm = b[(csBase + ip) & 0xfffff];
          ip = (ip + 1) & 0xffff;
          if (modrm < 0xc0) {
            let off: number;
            let seg = 3; // DS
            switch (modrm & 7) {
              case 0: off = w[0x80003] + w[0x80006]; break;
              case 1: off = w[0x80003] + w[0x80007]; break;
              case 2: off = w[0x80005] + w[0x80006]; seg = 2; break;
              case 3: off = w[0x80005] + w[0x80007]; seg = 2; break;
              case 4: off = w[0x80006]; break;
              case 5: off = w[0x80007]; break;
              case 6:
                if (modrm < 0x40) {
                  off = b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
                  ip = (ip + 2) & 0xffff;
                } else {
                  off = w[0x80005];
                  seg = 2;
                }
                break;
              default: off = w[0x80003]; break;
            }
            if (modrm >= 0x80) {
              off += b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
              ip = (ip + 2) & 0xffff;
            } else if (modrm >= 0x40) {
              off += (b[(csBase + ip) & 0xfffff] << 24) >> 24;
              ip = (ip + 1) & 0xffff;
            }
            eaOff = off & 0xffff;
            eaBase = w[0x80008 + (ovr >= 0 ? ovr : seg)] << 4;
            eaLin = (eaBase + eaOff) & 0xfffff;
          }
        }
      }

      switch (op) {
        // ---- ALU: ADD OR ADC SBB AND SUB XOR CMP, and TEST ---------------------------------
        // One case per width: the form (r/m,reg / reg,r/m / accumulator,imm / group 1 r/m,imm /
        // TEST) only fetches the operands and says where the result goes, and one copy of the
        // operation follows. One copy instead of one per form keeps the loop small, and V8
        // compiles a smaller loop sooner: a short toolchain run spends its first 100 ms waiting
        // for that compile. The operation records its flags lazily (flags.ts) as kind, operands
        // and sign-extended result; ADC and SBB read CF before the record is replaced; CMP (7)
        // and TEST (8) store nothing. The kinds are LAZY.* as literals (checked at the end of
        // this file). The two widths stay two cases, alike in shape: one case for both, testing
        // the width at each step, ran ALU-bound code ~18 % slower.
        case 0x00: case 0x08: case 0x10: case 0x18: case 0x20: case 0x28: case 0x30: case 0x38:
        case 0x02: case 0x0a: case 0x12: case 0x1a: case 0x22: case 0x2a: case 0x32: case 0x3a:
        case 0x04: case 0x0c: case 0x14: case 0x1c: case 0x24: case 0x2c: case 0x34: case 0x3c:
        case 0x80: case 0x82: case 0x84: case 0xa8: {
          let a: number;
          let x: number;
          let y: number;
          let d: number; // the result's register in b, or -1: the memory operand
          if ((op & 0xc7) === 0x04 || op === 0xa8) {
            // op AL, Ib; TEST AL, Ib
            a = op === 0xa8 ? 8 : op >> 3;
            d = 0x100000;
            x = b[0x100000];
            y = b[(csBase + ip) & 0xfffff];
            ip = (ip + 1) & 0xffff;
          } else {
            d = modrm >= 0xc0 ? 0x100000 + (((modrm & 3) << 1) | ((modrm >> 2) & 1)) : -1;
            const e = d >= 0 ? b[d] : hooked ? this.rd8(eaLin) : b[eaLin];
            if (op >= 0x80 && op !== 0x84) {
              // group 1: op Eb, Ib (82h is an 8086 alias)
              a = (modrm >> 3) & 7;
              x = e;
              y = b[(csBase + ip) & 0xfffff];
              ip = (ip + 1) & 0xffff;
            } else {
              const g = (modrm >> 3) & 7;
              const gi = 0x100000 + (((g & 3) << 1) | (g >> 2));
              if (op & 2) {
                // op Gb, Eb
                a = op >> 3;
                d = gi;
                x = b[gi];
                y = e;
              } else {
                // op Eb, Gb; TEST Eb, Gb
                a = op === 0x84 ? 8 : op >> 3;
                x = e;
                y = b[gi];
              }
            }
          }
          let res: number;
          switch (a) {
            case 0: res = (x + y) & 0xff; this.lazyKind = 1; break;
            case 1: res = x | y; this.lazyKind = 9; break;
            case 2: res = (x + y + this.cf()) & 0xff; this.lazyKind = 3; break;
            case 3: res = (x - y - this.cf()) & 0xff; this.lazyKind = 7; break;
            case 5: case 7: res = (x - y) & 0xff; this.lazyKind = 5; break;
            case 6: res = x ^ y; this.lazyKind = 9; break;
            default: res = x & y; this.lazyKind = 9; break; // AND, TEST
          }
          this.lazyA = x;
          this.lazyB = y;
          this.lazyR = (res << 24) >> 24;
          if (a < 7) {
            if (d >= 0) b[d] = res;
            else if (hooked) this.wr8(eaLin, res);
            else b[eaLin] = res;
          }
          break;
        }
        case 0x01: case 0x09: case 0x11: case 0x19: case 0x21: case 0x29: case 0x31: case 0x39:
        case 0x03: case 0x0b: case 0x13: case 0x1b: case 0x23: case 0x2b: case 0x33: case 0x3b:
        case 0x05: case 0x0d: case 0x15: case 0x1d: case 0x25: case 0x2d: case 0x35: case 0x3d:
        case 0x81: case 0x83: case 0x85: case 0xa9: {
          let a: number;
          let x: number;
          let y: number;
          let d: number; // the result's register in w, or -1: the memory operand
          if ((op & 0xc7) === 0x05 || op === 0xa9) {
            // op AX, Iv; TEST AX, Iv
            a = op === 0xa9 ? 8 : op >> 3;
            d = 0x80000;
            x = w[0x80000];
            y = b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
            ip = (ip + 2) & 0xffff;
          } else {
            d = modrm >= 0xc0 ? 0x80000 + (modrm & 7) : -1;
            const e =
              d >= 0
                ? w[d]
                : !hooked && eaOff !== 0xffff && eaLin !== 0xfffff
                  ? b[eaLin] | (b[eaLin + 1] << 8)
                  : this.rd16(eaBase, eaOff);
            if (op >= 0x80 && op !== 0x85) {
              // group 1: op Ev, Iv / op Ev, Ib sign-extended
              a = (modrm >> 3) & 7;
              x = e;
              y = b[(csBase + ip) & 0xfffff];
              ip = (ip + 1) & 0xffff;
              if (op === 0x81) {
                y |= b[(csBase + ip) & 0xfffff] << 8;
                ip = (ip + 1) & 0xffff;
              } else y = ((y << 24) >> 24) & 0xffff;
            } else {
              const gi = 0x80000 + ((modrm >> 3) & 7);
              if (op & 2) {
                // op Gv, Ev
                a = op >> 3;
                d = gi;
                x = w[gi];
                y = e;
              } else {
                // op Ev, Gv; TEST Ev, Gv
                a = op === 0x85 ? 8 : op >> 3;
                x = e;
                y = w[gi];
              }
            }
          }
          let res: number;
          switch (a) {
            case 0: res = (x + y) & 0xffff; this.lazyKind = 2; break;
            case 1: res = x | y; this.lazyKind = 10; break;
            case 2: res = (x + y + this.cf()) & 0xffff; this.lazyKind = 4; break;
            case 3: res = (x - y - this.cf()) & 0xffff; this.lazyKind = 8; break;
            case 5: case 7: res = (x - y) & 0xffff; this.lazyKind = 6; break;
            case 6: res = x ^ y; this.lazyKind = 10; break;
            default: res = x & y; this.lazyKind = 10; break; // AND, TEST
          }
          this.lazyA = x;
          this.lazyB = y;
          this.lazyR = (res << 16) >> 16;
          if (a < 7) {
            if (d >= 0) w[d] = res;
            else if (!hooked && eaOff !== 0xffff && eaLin !== 0xfffff) {
              b[eaLin] = res;
              b[eaLin + 1] = res >> 8;
            } else this.wr16(eaBase, eaOff, res);
          }
          break;
        }

        // ---- segment register push/pop, POP CS ---------------------------------------------
        case 0x06: case 0x0e: case 0x16: case 0x1e:
          this.push(w[0x80008 + ((op >> 3) & 3)]);
          break;
        case 0x07: case 0x0f: case 0x17: case 0x1f: {
          // 0Fh is POP CS on the 8086. A segment load holds off interrupts and the trap for
          // one instruction.
          const sr = (op >> 3) & 3;
          w[0x80008 + (sr)] = this.pop();
          csBase = w[0x80009] << 4;
          this.shadow = SHADOW.ALL;
          this.attention = true;
          limit = 0;
          break;
        }

        // ---- INC/DEC/PUSH/POP r16 ----------------------------------------------------------
        case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47:
        case 0x48: case 0x49: case 0x4a: case 0x4b: case 0x4c: case 0x4d: case 0x4e: case 0x4f: {
          // INC and DEC keep CF: pin it in flagBits if the previous record defines it (after
          // CMP or SUB, the commonest, it is the borrow).
          const k = this.lazyKind;
          if (k !== 0 && k < 13) {
            this.flagBits = (this.flagBits & ~1) | (k === 5 || k === 6 ? (this.lazyA < this.lazyB ? 1 : 0) : this.cf());
          }
          const v = w[0x80000 + (op & 7)];
          const res = (op < 0x48 ? v + 1 : v - 1) & 0xffff;
          w[0x80000 + (op & 7)] = res;
          this.lazyKind = op < 0x48 ? 14 : 16;
          this.lazyA = v;
          this.lazyB = 1;
          this.lazyR = (res << 16) >> 16;
          break;
        }
        case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57: {
          // PUSH SP pushes the value SP has after the decrement (8086).
          const sp = (w[0x80004] - 2) & 0xffff;
          w[0x80004] = sp;
          const v = w[0x80000 + (op & 7)];
          const ss = w[0x8000a] << 4;
          const a = (ss + sp) & 0xfffff;
          if (!hooked && sp !== 0xffff && a !== 0xfffff) {
            b[a] = v;
            b[a + 1] = v >> 8;
          } else this.wr16(ss, sp, v);
          break;
        }
        case 0x58: case 0x59: case 0x5a: case 0x5b: case 0x5c: case 0x5d: case 0x5e: case 0x5f: {
          const sp = w[0x80004];
          const ss = w[0x8000a] << 4;
          const a = (ss + sp) & 0xfffff;
          const v = !hooked && sp !== 0xffff && a !== 0xfffff ? b[a] | (b[a + 1] << 8) : this.rd16(ss, sp);
          w[0x80004] = sp + 2;
          w[0x80000 + (op & 7)] = v;
          break;
        }

        // ---- Jcc (60h-6Fh are 8086 aliases of 70h-7Fh) --------------------------------------
        case 0x60: case 0x61: case 0x62: case 0x63: case 0x64: case 0x65: case 0x66: case 0x67:
        case 0x68: case 0x69: case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: case 0x6f:
        case 0x70: case 0x71: case 0x72: case 0x73: case 0x74: case 0x75: case 0x76: case 0x77:
        case 0x78: case 0x79: case 0x7a: case 0x7b: case 0x7c: case 0x7d: case 0x7e: case 0x7f: {
          const d = (b[(csBase + ip) & 0xfffff] << 24) >> 24;
          ip = (ip + 1) & 0xffff;
          const cc = op & 0x0f;
          const k = this.lazyKind;
          let t: boolean;
          if (cc === 4 || cc === 5) {
            // JZ / JNZ, the commonest pair, straight from the lazy result.
            t = k !== 0 ? this.lazyR === 0 : (this.flagBits & 0x40) !== 0;
          } else if (k === 5 || k === 6) {
            // After CMP or SUB of x - y each condition but O and P is a comparison of the
            // operands: CF is x < y unsigned, SF ^ OF is x < y signed (compared as the top bits
            // of an int32, shifted up by 24 or 16).
            const x = this.lazyA;
            const y = this.lazyB;
            const s = k === 5 ? 24 : 16;
            switch (cc >> 1) {
              case 1: t = x < y; break; // B
              case 3: t = x <= y; break; // BE
              case 4: t = this.lazyR < 0; break; // S
              case 6: t = x << s < y << s; break; // L
              case 7: t = x << s <= y << s; break; // LE
              default: t = condition(this, cc & 0x0e); break; // O, P
            }
          } else {
            t = condition(this, cc & 0x0e);
          }
          if (cc & 1) t = !t;
          if (t) ip = (ip + d) & 0xffff;
          break;
        }

        // ---- MOV r/m (XCHG r/m, rare in compiled code, is secondary.ts's: default below) ----
        case 0x88: {
          const g = (modrm >> 3) & 7;
          const v = b[0x100000 + (((g & 3) << 1) | (g >> 2))];
          if (modrm >= 0xc0) b[0x100000 + (((modrm & 3) << 1) | ((modrm >> 2) & 1))] = v;
          else if (hooked) this.wr8(eaLin, v);
          else b[eaLin] = v;
          break;
        }
        case 0x89: {
          const v = w[0x80000 + ((modrm >> 3) & 7)];
          if (modrm >= 0xc0) w[0x80000 + (modrm & 7)] = v;
          else if (!hooked && eaOff !== 0xffff && eaLin !== 0xfffff) {
            b[eaLin] = v;
            b[eaLin + 1] = v >> 8;
          } else this.wr16(eaBase, eaOff, v);
          break;
        }
        case 0x8a: {
          const g = (modrm >> 3) & 7;
          b[0x100000 + (((g & 3) << 1) | (g >> 2))] =
            modrm >= 0xc0 ? b[0x100000 + (((modrm & 3) << 1) | ((modrm >> 2) & 1))] : hooked ? this.rd8(eaLin) : b[eaLin];
          break;
        }
        case 0x8b:
          w[0x80000 + ((modrm >> 3) & 7)] =
            modrm >= 0xc0
              ? w[0x80000 + (modrm & 7)]
              : !hooked && eaOff !== 0xffff && eaLin !== 0xfffff
                ? b[eaLin] | (b[eaLin + 1] << 8)
                : this.rd16(eaBase, eaOff);
          break;
        case 0x8c: {
          // MOV Ev, Sreg; reg 4-7 alias ES CS SS DS on the 8086.
          const v = w[0x80008 + ((modrm >> 3) & 3)];
          if (modrm >= 0xc0) w[0x80000 + (modrm & 7)] = v;
          else this.wr16(eaBase, eaOff, v);
          break;
        }
        case 0x8d:
          // LEA; with a register operand the 8086 delivers the last effective address.
          w[0x80000 + ((modrm >> 3) & 7)] = eaOff;
          break;
        case 0x8e: {
          // MOV Sreg, Ev (reg 1 loads CS on the 8086; reg 4-7 alias 0-3). Holds off interrupts
          // and the trap for one instruction.
          w[0x80008 + ((modrm >> 3) & 3)] = modrm >= 0xc0 ? w[0x80000 + (modrm & 7)] : this.rd16(eaBase, eaOff);
          csBase = w[0x80009] << 4;
          this.shadow = SHADOW.ALL;
          this.attention = true;
          limit = 0;
          break;
        }
        case 0x8f: {
          // POP Ev (every reg value acts as reg 0 on the 8086). The operand's address was
          // computed before SP moves.
          const v = this.pop();
          if (modrm >= 0xc0) w[0x80000 + (modrm & 7)] = v;
          else this.wr16(eaBase, eaOff, v);
          break;
        }

        // ---- XCHG AX, CBW, CWD ---------------------------------------------------------------
        case 0x90:
          break;
        case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: {
          const t = w[0x80000];
          w[0x80000] = w[0x80000 + (op & 7)];
          w[0x80000 + (op & 7)] = t;
          break;
        }
        case 0x98:
          w[0x80000] = (b[0x100000] << 24) >> 24;
          break;
        case 0x99:
          w[0x80002] = w[0x80000] & 0x8000 ? 0xffff : 0;
          break;

        // ---- MOV AL/AX <-> moffs -----------------------------------------------------------
        case 0xa0: case 0xa1: case 0xa2: case 0xa3: {
          const off = b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
          ip = (ip + 2) & 0xffff;
          const base = w[0x80008 + (ovr >= 0 ? ovr : 3)] << 4;
          if (op === 0xa0) b[0x100000] = this.rd8((base + off) & 0xfffff);
          else if (op === 0xa1) w[0x80000] = this.rd16(base, off);
          else if (op === 0xa2) this.wr8((base + off) & 0xfffff, b[0x100000]);
          else this.wr16(base, off, w[0x80000]);
          break;
        }

        // ---- string instructions -----------------------------------------------------------
        case 0xa4: case 0xa5: case 0xa6: case 0xa7: case 0xaa: case 0xab: case 0xac: case 0xad: case 0xae: case 0xaf: {
          const src = w[0x80008 + (ovr >= 0 ? ovr : 3)] << 4;
          if (rep === 0) {
            stringStep(this, op, src);
            break;
          }
          if (w[0x80001] === 0) break;
          const done = repeatString(this, op, src, rep === 22, budget - n);
          if (done > 0) {
            n += done - 1; // the last iteration is counted with the instruction below
            break;
          }
          // Left between iterations: resume at the first prefix, or, if an interrupt is taken
          // here, at the last prefix as the 8086 does.
          n -= done;
          this.repResumeIp = (ip - 2) & 0xffff;
          this.repStartIp = start;
          this.repStartCs = w[0x80009];
          ip = start;
          continue main;
        }

        // ---- MOV r, imm --------------------------------------------------------------------
        case 0xb0: case 0xb1: case 0xb2: case 0xb3: case 0xb4: case 0xb5: case 0xb6: case 0xb7:
          b[0x100000 + (((op & 3) << 1) | ((op >> 2) & 1))] = b[(csBase + ip) & 0xfffff];
          ip = (ip + 1) & 0xffff;
          break;
        case 0xb8: case 0xb9: case 0xba: case 0xbb: case 0xbc: case 0xbd: case 0xbe: case 0xbf:
          w[0x80000 + (op & 7)] = b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
          ip = (ip + 2) & 0xffff;
          break;

        // ---- RET (C0h/C1h are 8086 aliases of C2h/C3h) -------------------------------------
        case 0xc0: case 0xc1: case 0xc2: case 0xc3: {
          const k = op & 1 ? 0 : b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
          const sp = w[0x80004];
          const ss = w[0x8000a] << 4;
          const a = (ss + sp) & 0xfffff;
          ip = !hooked && sp !== 0xffff && a !== 0xfffff ? b[a] | (b[a + 1] << 8) : this.rd16(ss, sp);
          w[0x80004] = sp + 2 + k;
          break;
        }

        // ---- MOV r/m, imm (every reg value acts as reg 0 on the 8086) -----------------------
        case 0xc6: {
          const v = b[(csBase + ip) & 0xfffff];
          ip = (ip + 1) & 0xffff;
          if (modrm >= 0xc0) b[0x100000 + (((modrm & 3) << 1) | ((modrm >> 2) & 1))] = v;
          else this.wr8(eaLin, v);
          break;
        }
        case 0xc7: {
          const v = b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
          ip = (ip + 2) & 0xffff;
          if (modrm >= 0xc0) w[0x80000 + (modrm & 7)] = v;
          else this.wr16(eaBase, eaOff, v);
          break;
        }

        // ---- group 2: shifts and rotates ---------------------------------------------------
        case 0xd1:
          if (modrm >= 0xe0 && modrm < 0xf0) {
            // SHL / SHR r16, 1 inline (the common shifts in compiled code). Flags as shift.ts
            // records them: CF the bit shifted out, OF from the top bits, SZP from the result.
            const d = 0x80000 + (modrm & 7);
            const v = w[d];
            let res: number;
            if (modrm < 0xe8) {
              res = (v << 1) & 0xffff;
              this.lazyA = v >>> 15;
              this.lazyB = ((v ^ res) & 0x8000) >>> 4; // OF = top bit of result ^ CF
            } else {
              res = v >>> 1;
              this.lazyA = v & 1;
              this.lazyB = (v & 0x8000) >>> 4; // OF = the operand's top bit
            }
            w[d] = res;
            this.lazyKind = 12;
            this.lazyR = (res << 16) >> 16;
            break;
          }
        // falls through
        case 0xd0: case 0xd2: case 0xd3:
          // The other shifts and rotates: secondary.ts.
          this.ipReg = ip;
          executeSecondary(this, op, modrm, eaBase, eaOff, ovr, rep);
          ip = this.ipReg;
          if (this.attention) limit = 0;
          break;

        // ---- LOOP, JCXZ, JMP, CALL ------------------------------------------------------------
        case 0xe0: case 0xe1: case 0xe2: {
          const d = (b[(csBase + ip) & 0xfffff] << 24) >> 24;
          ip = (ip + 1) & 0xffff;
          const cx = (w[0x80001] - 1) & 0xffff;
          w[0x80001] = cx;
          if (cx !== 0 && (op === 0xe2 || this.zf() === (op === 0xe1))) ip = (ip + d) & 0xffff;
          break;
        }
        case 0xe3: {
          const d = (b[(csBase + ip) & 0xfffff] << 24) >> 24;
          ip = (ip + 1) & 0xffff;
          if (w[0x80001] === 0) ip = (ip + d) & 0xffff;
          break;
        }
        case 0xe8: {
          const d = b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
          ip = (ip + 2) & 0xffff;
          const sp = (w[0x80004] - 2) & 0xffff;
          w[0x80004] = sp;
          const ss = w[0x8000a] << 4;
          const a = (ss + sp) & 0xfffff;
          if (!hooked && sp !== 0xffff && a !== 0xfffff) {
            b[a] = ip;
            b[a + 1] = ip >> 8;
          } else this.wr16(ss, sp, ip);
          ip = (ip + d) & 0xffff;
          break;
        }
        case 0xe9: {
          const d = b[(csBase + ip) & 0xfffff] | (b[(csBase + ((ip + 1) & 0xffff)) & 0xfffff] << 8);
          ip = (ip + 2 + d) & 0xffff;
          break;
        }
        case 0xeb: {
          const d = (b[(csBase + ip) & 0xfffff] << 24) >> 24;
          ip = (ip + 1 + d) & 0xffff;
          break;
        }

        // ---- IN / OUT (port handlers may change any register) -----------------------------
        case 0xe4: case 0xe5: case 0xe6: case 0xe7: case 0xec: case 0xed: case 0xee: case 0xef:
          // The instruction is counted before the port handler runs (it may read the count or
          // stop the run); the transfer itself is in secondary.ts.
          this.ipReg = ip;
          this.instructions += n + 1 - counted;
          counted = n + 1;
          executeSecondary(this, op, modrm, eaBase, eaOff, ovr, rep);
          ip = this.ipReg;
          csBase = w[0x80009] << 4;
          this.attention = true;
          limit = 0;
          break;

        // ---- the BOP, and LES/LDS --------------------------------------------------------------
        case 0xc4:
          if (modrm === 0xc4 && this.bopEnabled && this.bopHandler) {
            // BOP nn: C4 C4 nn. The handler sees CS:IP past the three bytes and may change
            // anything, call interrupt(), run() (nested) or stop().
            const nn = b[(csBase + ip) & 0xfffff];
            ip = (ip + 1) & 0xffff;
            this.ipReg = ip;
            this.instructions += n + 1 - counted;
            counted = n + 1;
            this.bopHandler.bop(nn);
            ip = this.ipReg;
            csBase = w[0x80009] << 4;
            this.attention = true;
            limit = 0;
            break;
          }
          this.ipReg = ip;
          executeSecondary(this, op, modrm, eaBase, eaOff, ovr, rep);
          ip = this.ipReg;
          if (this.attention) limit = 0;
          break;

        // ---- group 5: INC/DEC, near CALL/JMP here; PUSH, the far forms and group 4 (FEh) in
        // secondary.ts --------------------------------------------------------------------
        case 0xff: {
          const a = (modrm >> 3) & 7;
          if (a === 0 || a === 1) {
            const k = this.lazyKind;
            if (k !== 0 && k < 13) this.flagBits = (this.flagBits & ~1) | this.cf();
            const v = modrm >= 0xc0 ? w[0x80000 + (modrm & 7)] : this.rd16(eaBase, eaOff);
            const res = (a === 0 ? v + 1 : v - 1) & 0xffff;
            if (modrm >= 0xc0) w[0x80000 + (modrm & 7)] = res;
            else this.wr16(eaBase, eaOff, res);
            this.lazyKind = a === 0 ? 14 : 16;
            this.lazyA = v;
            this.lazyB = 1;
            this.lazyR = (res << 16) >> 16;
          } else if (a === 2) {
            const t = modrm >= 0xc0 ? w[0x80000 + (modrm & 7)] : this.rd16(eaBase, eaOff);
            this.push(ip);
            ip = t;
          } else if (a === 4) {
            ip = modrm >= 0xc0 ? w[0x80000 + (modrm & 7)] : this.rd16(eaBase, eaOff);
          } else {
            this.ipReg = ip;
            executeSecondary(this, op, modrm, eaBase, eaOff, ovr, rep);
            ip = this.ipReg;
            if (this.attention) limit = 0;
            csBase = w[0x80009] << 4;
          }
          break;
        }

        default:
          // Everything else: far transfers, INT/IRET, flag instructions, HLT, group 3, XCHG r/m,
          // BCD...
          this.ipReg = ip;
          executeSecondary(this, op, modrm, eaBase, eaOff, ovr, rep);
          ip = this.ipReg;
          if (this.attention) limit = 0;
          csBase = w[0x80009] << 4;
          break;
      }
      n++;
    }
    return n;
  }
}

// The run loop writes lazy kinds, register numbers, buffer offsets and decode classes as
// literals; they must match the names.
if (
  MODRM !== 1 || PREFIX_SEG !== 16 || PREFIX_LOCK !== 20 || PREFIX_REPNE !== 21 || PREFIX_REP !== 22 ||
  LAZY.ADD8 !== 1 || LAZY.ADD16 !== 2 || LAZY.ADC8 !== 3 || LAZY.ADC16 !== 4 || LAZY.SBB8 !== 7 || LAZY.SUB8 !== 5 || LAZY.SUB16 !== 6 ||
  LAZY.SBB16 !== 8 || LAZY.LOGIC8 !== 9 || LAZY.LOGIC16 !== 10 || LAZY.SHIFT16 !== 12 || LAZY.INC8 !== 13 ||
  LAZY.INC16 !== 14 || LAZY.DEC8 !== 15 || LAZY.DEC16 !== 16 ||
  REG.CX !== 1 || REG.DX !== 2 || REG.BX !== 3 || REG.SP !== 4 || REG.BP !== 5 || REG.SI !== 6 ||
  REG.DI !== 7 || SEG.CS !== 1 || SEG.SS !== 2 || SEG.DS !== 3 ||
  SPACE.REGS !== 0x100000 || SPACE.SREGS !== 0x100010 || SPACE.DECODE !== 0x100100
) {
  throw new Error('cpu.ts: literal register or lazy-flag numbers out of step');
}
