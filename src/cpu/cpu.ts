// The 8086 CPU: the public API other layers code against (registers, flags, interrupts, BOP hook,
// page hooks, run/stop) and the run loop, a dense opcode switch over the state in state.ts.
// Behaviour is the 8086's own where later CPUs differ (see the instruction families' files).
import type { IoBus } from './bus';
import { CpuState, REG, SEG, REG8_INDEX, SHADOW } from './state';
import { FLAG, LAZY, sext8, sext16 } from './flags';
import { alu8, alu16, inc8, dec8, inc16, dec16, neg8, neg16, condition, ALU } from './alu';
import { shift } from './shift';
import { mul8, mul16, imul8, imul16, div8, div16, idiv8, idiv16 } from './muldiv';
import { daa, das, aaa, aas, aam, aad } from './bcd';
import { stringStep, isCompareString } from './string';

export { FLAG } from './flags';

/** What the CPU asks the interrupt controller when INTR is raised and IF=1. */
export interface InterruptController {
  /** INTA: returns the vector number of the highest-priority pending request. */
  acknowledge(): number;
}

const MASK = 0xfffff;

/** Opcodes followed by a ModRM byte. */
const HAS_MODRM = new Uint8Array(256);
for (let op = 0; op < 0x40; op++) if ((op & 7) < 4) HAS_MODRM[op] = 1;
for (let op = 0x80; op <= 0x8f; op++) HAS_MODRM[op] = 1;
for (const op of [0xc4, 0xc5, 0xc6, 0xc7, 0xd0, 0xd1, 0xd2, 0xd3, 0xf6, 0xf7, 0xfe, 0xff]) HAS_MODRM[op] = 1;
for (let op = 0xd8; op <= 0xdf; op++) HAS_MODRM[op] = 1;

/** Prefix bytes: 1-4 segment override ES CS SS DS (+1), 5 LOCK (F0h and its alias F1h),
 *  6 REPNE, 7 REP/REPE. */
const PREFIX = new Uint8Array(256);
PREFIX[0x26] = 1;
PREFIX[0x2e] = 2;
PREFIX[0x36] = 3;
PREFIX[0x3e] = 4;
PREFIX[0xf0] = 5;
PREFIX[0xf1] = 5;
PREFIX[0xf2] = 6;
PREFIX[0xf3] = 7;
const REPNE = 6;
const REPE = 7;

/** The vectors the CPU raises itself. */
const VECTOR = { DIVIDE: 0, STEP: 1, BREAKPOINT: 3, OVERFLOW: 4 } as const;

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

  /** Called for C4 C4 nn when bopEnabled; CS:IP already points past the three bytes. */
  onBop: ((n: number) => void) | null = null;
  bopEnabled = false;

  private intrLine = false;
  /** INTR line: the PIC raises it; the CPU samples it between instructions when IF=1. */
  get intr(): boolean { return this.intrLine; }
  set intr(v: boolean) {
    this.intrLine = v;
    if (v) this.attention = true;
  }
  pic: InterruptController | null = null;

  private haltedState = false;
  /** True after HLT until an interrupt is taken. run() returns at once while halted and no
   *  interrupt can be taken. */
  get halted(): boolean { return this.haltedState; }
  set halted(v: boolean) {
    this.haltedState = v;
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
  /** TF was set when the instruction now executing began: INT 1 follows it. */
  private trapArmed = false;
  /** When a REP string instruction was left between iterations: the address of its last prefix,
   *  which the 8086 pushes if an interrupt is taken there (it resumes at that prefix, dropping
   *  any earlier ones). -1 otherwise. */
  private repResumeIp = -1;

  constructor(io: IoBus) {
    super(io);
  }

  /** Performs the INT n sequence: push FLAGS, CS, IP; clear IF and TF; load CS:IP from the IVT. */
  interrupt(vector: number): void {
    this.enterInterrupt(vector);
    this.haltedState = false;
    this.attention = true;
  }

  /** Asks run() to return after the current instruction. */
  stop(): void {
    this.stopRequested = true;
    this.attention = true;
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
    this.haltedState = false;
    this.attention = true;
  }

  /** Executes up to `budget` instructions; returns how many ran. Returns early when stop() is
   *  called (from a BOP or port handler) or when the CPU halts with no interrupt to take.
   *  Re-entrant: a callback may call run() again (simulate16); stop() ends the innermost run. */
  run(budget: number): number {
    const outerStop = this.stopRequested;
    this.stopRequested = false;
    this.attention = true;
    try {
      return budget > 0 ? this.execute(budget) : 0;
    } finally {
      this.stopRequested = outerStop;
      this.attention = true;
    }
  }

  /** Work between two instructions, done only when `attention` is set: stop requests, the
   *  single-step trap, hardware interrupts, HLT, page hooks on code. Returns false when run()
   *  must return. ipReg holds the address of the next instruction. */
  private boundary(): boolean {
    this.attention = false;
    if (this.stopRequested) {
      this.attention = true;
      return false;
    }
    const shadow = this.shadow;
    if (shadow !== SHADOW.NONE) {
      this.shadow = SHADOW.NONE;
      this.attention = true; // look again once the shadow is over
    }
    let took = false;
    if (this.trapArmed) {
      this.trapArmed = false;
      if (shadow !== SHADOW.ALL) {
        if (this.repResumeIp >= 0) this.ipReg = this.repResumeIp;
        this.enterInterrupt(VECTOR.STEP);
        took = true;
      }
    }
    if (shadow === SHADOW.NONE && this.intrLine && this.flagBits & FLAG.IF && this.pic) {
      if (this.repResumeIp >= 0 && !took) this.ipReg = this.repResumeIp;
      this.enterInterrupt(this.pic.acknowledge() & 0xff);
      took = true;
    }
    this.repResumeIp = -1;
    if (took) this.haltedState = false;
    else if (this.haltedState) {
      this.attention = true;
      return false;
    }
    if (this.flagBits & FLAG.TF) {
      this.trapArmed = true;
      this.attention = true;
    }
    if (this.hooked) {
      this.attention = true;
      this.touch(((this.sregs[SEG.CS] << 4) + this.ipReg) & MASK, false);
    }
    return true;
  }

  /** The run loop. IP and the code segment base live in locals; they are written back to
   *  ipReg before anything that may look at them (callbacks, interrupts) and read again after. */
  private execute(budget: number): number {
    const mem = this.mem;
    const r = this.regs;
    const r8 = this.regs8;
    const s = this.sregs;
    let ip = this.ipReg;
    let csBase = s[SEG.CS] << 4;
    let n = 0;
    let counted = 0;
    // The last effective address. The 8086 keeps it in an internal register, and LEA, LES, LDS
    // with a register operand (undefined forms) use whatever it holds.
    let eaBase = 0;
    let eaOff = 0;

    main: while (n < budget) {
      if (this.attention) {
        this.ipReg = ip;
        this.instructions += n - counted;
        counted = n;
        const go = this.boundary();
        ip = this.ipReg;
        csBase = s[SEG.CS] << 4;
        if (!go) break;
      }
      const start = ip;
      let ovr = -1;
      let rep = 0;
      let op = mem[(csBase + ip) & MASK];
      ip = (ip + 1) & 0xffff;
      while (PREFIX[op] !== 0) {
        const p = PREFIX[op];
        if (p <= 4) ovr = p - 1;
        else if (p >= REPNE) rep = p;
        op = mem[(csBase + ip) & MASK];
        ip = (ip + 1) & 0xffff;
      }
      let modrm = 0;
      if (HAS_MODRM[op] !== 0) {
        modrm = mem[(csBase + ip) & MASK];
        ip = (ip + 1) & 0xffff;
        if (modrm < 0xc0) {
          let off: number;
          let seg: number = SEG.DS;
          switch (modrm & 7) {
            case 0: off = r[REG.BX] + r[REG.SI]; break;
            case 1: off = r[REG.BX] + r[REG.DI]; break;
            case 2: off = r[REG.BP] + r[REG.SI]; seg = SEG.SS; break;
            case 3: off = r[REG.BP] + r[REG.DI]; seg = SEG.SS; break;
            case 4: off = r[REG.SI]; break;
            case 5: off = r[REG.DI]; break;
            case 6:
              if (modrm < 0x40) {
                off = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
                ip = (ip + 2) & 0xffff;
              } else {
                off = r[REG.BP];
                seg = SEG.SS;
              }
              break;
            default: off = r[REG.BX]; break;
          }
          if (modrm >= 0x80) {
            off += mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
            ip = (ip + 2) & 0xffff;
          } else if (modrm >= 0x40) {
            off += (mem[(csBase + ip) & MASK] << 24) >> 24;
            ip = (ip + 1) & 0xffff;
          }
          eaOff = off & 0xffff;
          eaBase = s[ovr >= 0 ? ovr : seg] << 4;
        }
      }

      switch (op) {
        // ---- ALU: ADD OR ADC SBB AND SUB XOR CMP -------------------------------------------
        case 0x00: case 0x08: case 0x10: case 0x18: case 0x20: case 0x28: case 0x30: case 0x38: {
          // op Eb, Gb
          const g = r8[REG8_INDEX[(modrm >> 3) & 7]];
          const a = (op >> 3) & 7;
          if (modrm >= 0xc0) {
            const d = REG8_INDEX[modrm & 7];
            const v = alu8(this, a, r8[d], g);
            if (a !== ALU.CMP) r8[d] = v;
          } else {
            const lin = (eaBase + eaOff) & MASK;
            const v = alu8(this, a, this.rd8(lin), g);
            if (a !== ALU.CMP) this.wr8(lin, v);
          }
          break;
        }
        case 0x01: case 0x09: case 0x11: case 0x19: case 0x21: case 0x29: case 0x31: case 0x39: {
          // op Ev, Gv
          const g = r[(modrm >> 3) & 7];
          const a = (op >> 3) & 7;
          if (modrm >= 0xc0) {
            const d = modrm & 7;
            const v = alu16(this, a, r[d], g);
            if (a !== ALU.CMP) r[d] = v;
          } else {
            const v = alu16(this, a, this.rd16(eaBase, eaOff), g);
            if (a !== ALU.CMP) this.wr16(eaBase, eaOff, v);
          }
          break;
        }
        case 0x02: case 0x0a: case 0x12: case 0x1a: case 0x22: case 0x2a: case 0x32: case 0x3a: {
          // op Gb, Eb
          const d = REG8_INDEX[(modrm >> 3) & 7];
          const e = modrm >= 0xc0 ? r8[REG8_INDEX[modrm & 7]] : this.rd8((eaBase + eaOff) & MASK);
          const a = (op >> 3) & 7;
          const v = alu8(this, a, r8[d], e);
          if (a !== ALU.CMP) r8[d] = v;
          break;
        }
        case 0x03: case 0x0b: case 0x13: case 0x1b: case 0x23: case 0x2b: case 0x33: case 0x3b: {
          // op Gv, Ev
          const d = (modrm >> 3) & 7;
          const e = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
          const a = (op >> 3) & 7;
          const v = alu16(this, a, r[d], e);
          if (a !== ALU.CMP) r[d] = v;
          break;
        }
        case 0x04: case 0x0c: case 0x14: case 0x1c: case 0x24: case 0x2c: case 0x34: case 0x3c: {
          // op AL, Ib
          const b = mem[(csBase + ip) & MASK];
          ip = (ip + 1) & 0xffff;
          const a = (op >> 3) & 7;
          const v = alu8(this, a, r8[0], b);
          if (a !== ALU.CMP) r8[0] = v;
          break;
        }
        case 0x05: case 0x0d: case 0x15: case 0x1d: case 0x25: case 0x2d: case 0x35: case 0x3d: {
          // op AX, Iv
          const b = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = (ip + 2) & 0xffff;
          const a = (op >> 3) & 7;
          const v = alu16(this, a, r[REG.AX], b);
          if (a !== ALU.CMP) r[REG.AX] = v;
          break;
        }

        // ---- segment register push/pop, POP CS ---------------------------------------------
        case 0x06: case 0x0e: case 0x16: case 0x1e:
          this.push(s[(op >> 3) & 3]);
          break;
        case 0x07: case 0x0f: case 0x17: case 0x1f: {
          // 0Fh is POP CS on the 8086. A segment load holds off interrupts and the trap for
          // one instruction.
          const sr = (op >> 3) & 3;
          s[sr] = this.pop();
          if (sr === SEG.CS) csBase = s[SEG.CS] << 4;
          this.shadow = SHADOW.ALL;
          this.attention = true;
          break;
        }

        // ---- decimal adjust ----------------------------------------------------------------
        case 0x27: daa(this); break;
        case 0x2f: das(this); break;
        case 0x37: aaa(this); break;
        case 0x3f: aas(this); break;

        // ---- INC/DEC/PUSH/POP r16 ----------------------------------------------------------
        case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47:
          r[op & 7] = inc16(this, r[op & 7]);
          break;
        case 0x48: case 0x49: case 0x4a: case 0x4b: case 0x4c: case 0x4d: case 0x4e: case 0x4f:
          r[op & 7] = dec16(this, r[op & 7]);
          break;
        case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57: {
          // PUSH SP pushes the value SP has after the decrement (8086).
          const sp = (r[REG.SP] - 2) & 0xffff;
          r[REG.SP] = sp;
          this.wr16(s[SEG.SS] << 4, sp, r[op & 7]);
          break;
        }
        case 0x58: case 0x59: case 0x5a: case 0x5b: case 0x5c: case 0x5d: case 0x5e: case 0x5f:
          r[op & 7] = this.pop();
          break;

        // ---- Jcc (60h-6Fh are 8086 aliases of 70h-7Fh) --------------------------------------
        case 0x60: case 0x61: case 0x62: case 0x63: case 0x64: case 0x65: case 0x66: case 0x67:
        case 0x68: case 0x69: case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: case 0x6f:
        case 0x70: case 0x71: case 0x72: case 0x73: case 0x76: case 0x77:
        case 0x78: case 0x79: case 0x7a: case 0x7b: case 0x7c: case 0x7d: case 0x7e: case 0x7f: {
          const d = (mem[(csBase + ip) & MASK] << 24) >> 24;
          ip = (ip + 1) & 0xffff;
          if (condition(this, op & 0x0f)) ip = (ip + d) & 0xffff;
          break;
        }
        case 0x74: case 0x75: {
          // JZ / JNZ, the commonest pair, without the general condition decoder.
          const d = (mem[(csBase + ip) & MASK] << 24) >> 24;
          ip = (ip + 1) & 0xffff;
          const z = this.lazyKind !== LAZY.NONE ? this.lazyR === 0 : (this.flagBits & FLAG.ZF) !== 0;
          if (z === (op === 0x74)) ip = (ip + d) & 0xffff;
          break;
        }

        // ---- group 1: ALU Eb/Ev, immediate -------------------------------------------------
        case 0x80: case 0x82: {
          const b = mem[(csBase + ip) & MASK];
          ip = (ip + 1) & 0xffff;
          const a = (modrm >> 3) & 7;
          if (modrm >= 0xc0) {
            const d = REG8_INDEX[modrm & 7];
            const v = alu8(this, a, r8[d], b);
            if (a !== ALU.CMP) r8[d] = v;
          } else {
            const lin = (eaBase + eaOff) & MASK;
            const v = alu8(this, a, this.rd8(lin), b);
            if (a !== ALU.CMP) this.wr8(lin, v);
          }
          break;
        }
        case 0x81: case 0x83: {
          let b: number;
          if (op === 0x81) {
            b = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
            ip = (ip + 2) & 0xffff;
          } else {
            b = ((mem[(csBase + ip) & MASK] << 24) >> 24) & 0xffff;
            ip = (ip + 1) & 0xffff;
          }
          const a = (modrm >> 3) & 7;
          if (modrm >= 0xc0) {
            const d = modrm & 7;
            const v = alu16(this, a, r[d], b);
            if (a !== ALU.CMP) r[d] = v;
          } else {
            const v = alu16(this, a, this.rd16(eaBase, eaOff), b);
            if (a !== ALU.CMP) this.wr16(eaBase, eaOff, v);
          }
          break;
        }

        // ---- TEST, XCHG, MOV r/m -----------------------------------------------------------
        case 0x84: {
          const e = modrm >= 0xc0 ? r8[REG8_INDEX[modrm & 7]] : this.rd8((eaBase + eaOff) & MASK);
          alu8(this, ALU.AND, e, r8[REG8_INDEX[(modrm >> 3) & 7]]);
          break;
        }
        case 0x85: {
          const e = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
          alu16(this, ALU.AND, e, r[(modrm >> 3) & 7]);
          break;
        }
        case 0x86: {
          const g = REG8_INDEX[(modrm >> 3) & 7];
          if (modrm >= 0xc0) {
            const d = REG8_INDEX[modrm & 7];
            const t = r8[d];
            r8[d] = r8[g];
            r8[g] = t;
          } else {
            const lin = (eaBase + eaOff) & MASK;
            const t = this.rd8(lin);
            this.wr8(lin, r8[g]);
            r8[g] = t;
          }
          break;
        }
        case 0x87: {
          const g = (modrm >> 3) & 7;
          if (modrm >= 0xc0) {
            const d = modrm & 7;
            const t = r[d];
            r[d] = r[g];
            r[g] = t;
          } else {
            const t = this.rd16(eaBase, eaOff);
            this.wr16(eaBase, eaOff, r[g]);
            r[g] = t;
          }
          break;
        }
        case 0x88: {
          const v = r8[REG8_INDEX[(modrm >> 3) & 7]];
          if (modrm >= 0xc0) r8[REG8_INDEX[modrm & 7]] = v;
          else this.wr8((eaBase + eaOff) & MASK, v);
          break;
        }
        case 0x89: {
          const v = r[(modrm >> 3) & 7];
          if (modrm >= 0xc0) r[modrm & 7] = v;
          else this.wr16(eaBase, eaOff, v);
          break;
        }
        case 0x8a:
          r8[REG8_INDEX[(modrm >> 3) & 7]] =
            modrm >= 0xc0 ? r8[REG8_INDEX[modrm & 7]] : this.rd8((eaBase + eaOff) & MASK);
          break;
        case 0x8b:
          r[(modrm >> 3) & 7] = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
          break;
        case 0x8c: {
          // MOV Ev, Sreg; reg 4-7 alias ES CS SS DS on the 8086.
          const v = s[(modrm >> 3) & 3];
          if (modrm >= 0xc0) r[modrm & 7] = v;
          else this.wr16(eaBase, eaOff, v);
          break;
        }
        case 0x8d:
          // LEA; with a register operand the 8086 delivers the last effective address.
          r[(modrm >> 3) & 7] = eaOff;
          break;
        case 0x8e: {
          // MOV Sreg, Ev (reg 1 loads CS on the 8086; reg 4-7 alias 0-3).
          const sr = (modrm >> 3) & 3;
          s[sr] = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
          if (sr === SEG.CS) csBase = s[SEG.CS] << 4;
          this.shadow = SHADOW.ALL;
          this.attention = true;
          break;
        }
        case 0x8f: {
          // POP Ev (every reg value acts as reg 0 on the 8086). The operand's address was
          // computed before SP moves.
          const v = this.pop();
          if (modrm >= 0xc0) r[modrm & 7] = v;
          else this.wr16(eaBase, eaOff, v);
          break;
        }

        // ---- XCHG AX, CBW, CWD, far CALL, WAIT, flags -------------------------------------
        case 0x90:
          break;
        case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: {
          const t = r[REG.AX];
          r[REG.AX] = r[op & 7];
          r[op & 7] = t;
          break;
        }
        case 0x98:
          r[REG.AX] = sext8(r8[0]);
          break;
        case 0x99:
          r[REG.DX] = r[REG.AX] & 0x8000 ? 0xffff : 0;
          break;
        case 0x9a: {
          const off = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          const seg = mem[(csBase + ((ip + 2) & 0xffff)) & MASK] | (mem[(csBase + ((ip + 3) & 0xffff)) & MASK] << 8);
          ip = (ip + 4) & 0xffff;
          this.push(s[SEG.CS]);
          this.push(ip);
          s[SEG.CS] = seg;
          csBase = seg << 4;
          ip = off;
          break;
        }
        case 0x9b:
          // WAIT: no coprocessor, so TEST is never asserted busy.
          break;
        case 0x9c:
          this.push(this.getFlags());
          break;
        case 0x9d:
          this.setFlags(this.pop());
          break;
        case 0x9e: {
          // SAHF: SF ZF AF PF CF from AH.
          const f = this.getFlags();
          this.flagBits = (f & 0xff00) | (r8[1] & 0xd5) | 0x02;
          break;
        }
        case 0x9f:
          r8[1] = this.getFlags() & 0xff;
          break;

        // ---- MOV AL/AX <-> moffs -----------------------------------------------------------
        case 0xa0: case 0xa1: case 0xa2: case 0xa3: {
          const off = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = (ip + 2) & 0xffff;
          const base = s[ovr >= 0 ? ovr : SEG.DS] << 4;
          if (op === 0xa0) r8[0] = this.rd8((base + off) & MASK);
          else if (op === 0xa1) r[REG.AX] = this.rd16(base, off);
          else if (op === 0xa2) this.wr8((base + off) & MASK, r8[0]);
          else this.wr16(base, off, r[REG.AX]);
          break;
        }

        // ---- string instructions -----------------------------------------------------------
        case 0xa4: case 0xa5: case 0xa6: case 0xa7: case 0xaa: case 0xab: case 0xac: case 0xad: case 0xae: case 0xaf: {
          const src = s[ovr >= 0 ? ovr : SEG.DS] << 4;
          if (rep === 0) {
            stringStep(this, op, src);
            break;
          }
          let cx = r[REG.CX];
          if (cx === 0) break;
          const compare = isCompareString(op);
          for (;;) {
            stringStep(this, op, src);
            cx = (cx - 1) & 0xffff;
            r[REG.CX] = cx;
            if (cx === 0) break;
            if (compare && this.zf() !== (rep === REPE)) break;
            n++; // one more iteration done; the last is counted with the instruction
            if (n >= budget || this.attention) {
              // Leave between iterations: resume at the first prefix, or, if an interrupt is
              // taken here, at the last prefix as the 8086 does.
              this.repResumeIp = (ip - 2) & 0xffff;
              ip = start;
              continue main;
            }
          }
          break;
        }
        case 0xa8: {
          const b = mem[(csBase + ip) & MASK];
          ip = (ip + 1) & 0xffff;
          alu8(this, ALU.AND, r8[0], b);
          break;
        }
        case 0xa9: {
          const b = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = (ip + 2) & 0xffff;
          alu16(this, ALU.AND, r[REG.AX], b);
          break;
        }

        // ---- MOV r, imm --------------------------------------------------------------------
        case 0xb0: case 0xb1: case 0xb2: case 0xb3: case 0xb4: case 0xb5: case 0xb6: case 0xb7:
          r8[REG8_INDEX[op & 7]] = mem[(csBase + ip) & MASK];
          ip = (ip + 1) & 0xffff;
          break;
        case 0xb8: case 0xb9: case 0xba: case 0xbb: case 0xbc: case 0xbd: case 0xbe: case 0xbf:
          r[op & 7] = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = (ip + 2) & 0xffff;
          break;

        // ---- RET / RETF (C0h/C1h and C8h/C9h are 8086 aliases) ------------------------------
        case 0xc0: case 0xc2: {
          const k = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = this.pop();
          r[REG.SP] += k;
          break;
        }
        case 0xc1: case 0xc3:
          ip = this.pop();
          break;
        case 0xc8: case 0xca: {
          const k = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = this.pop();
          s[SEG.CS] = this.pop();
          csBase = s[SEG.CS] << 4;
          r[REG.SP] += k;
          break;
        }
        case 0xc9: case 0xcb:
          ip = this.pop();
          s[SEG.CS] = this.pop();
          csBase = s[SEG.CS] << 4;
          break;

        // ---- LES / LDS (and the BOP) -------------------------------------------------------
        case 0xc4: case 0xc5: {
          if (op === 0xc4 && modrm === 0xc4 && this.bopEnabled && this.onBop) {
            // BOP nn: C4 C4 nn. The handler sees CS:IP past the three bytes and may change
            // anything, call interrupt(), run() (nested) or stop().
            const nn = mem[(csBase + ip) & MASK];
            ip = (ip + 1) & 0xffff;
            this.ipReg = ip;
            this.instructions += n + 1 - counted;
            counted = n + 1;
            this.onBop(nn);
            ip = this.ipReg;
            csBase = s[SEG.CS] << 4;
            this.attention = true;
            break;
          }
          // A register operand (undefined) reads through the last effective address.
          r[(modrm >> 3) & 7] = this.rd16(eaBase, eaOff);
          s[op === 0xc4 ? SEG.ES : SEG.DS] = this.rd16(eaBase, (eaOff + 2) & 0xffff);
          break;
        }

        // ---- MOV r/m, imm (every reg value acts as reg 0 on the 8086) -----------------------
        case 0xc6: {
          const b = mem[(csBase + ip) & MASK];
          ip = (ip + 1) & 0xffff;
          if (modrm >= 0xc0) r8[REG8_INDEX[modrm & 7]] = b;
          else this.wr8((eaBase + eaOff) & MASK, b);
          break;
        }
        case 0xc7: {
          const w = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = (ip + 2) & 0xffff;
          if (modrm >= 0xc0) r[modrm & 7] = w;
          else this.wr16(eaBase, eaOff, w);
          break;
        }

        // ---- software interrupts and IRET -------------------------------------------------
        case 0xcc:
          this.ipReg = ip;
          this.enterInterrupt(VECTOR.BREAKPOINT);
          ip = this.ipReg;
          csBase = s[SEG.CS] << 4;
          break;
        case 0xcd: {
          const v = mem[(csBase + ip) & MASK];
          this.ipReg = (ip + 1) & 0xffff;
          this.enterInterrupt(v);
          ip = this.ipReg;
          csBase = s[SEG.CS] << 4;
          break;
        }
        case 0xce:
          if (this.of()) {
            this.ipReg = ip;
            this.enterInterrupt(VECTOR.OVERFLOW);
            ip = this.ipReg;
            csBase = s[SEG.CS] << 4;
          }
          break;
        case 0xcf:
          ip = this.pop();
          s[SEG.CS] = this.pop();
          csBase = s[SEG.CS] << 4;
          this.setFlags(this.pop());
          break;

        // ---- group 2: shifts and rotates ---------------------------------------------------
        case 0xd0: case 0xd1: case 0xd2: case 0xd3: {
          const wide = (op & 1) !== 0;
          const count = op >= 0xd2 ? r8[2] : 1;
          const a = (modrm >> 3) & 7;
          if (modrm >= 0xc0) {
            if (wide) r[modrm & 7] = shift(this, a, r[modrm & 7], count, true);
            else {
              const d = REG8_INDEX[modrm & 7];
              r8[d] = shift(this, a, r8[d], count, false);
            }
          } else if (wide) {
            this.wr16(eaBase, eaOff, shift(this, a, this.rd16(eaBase, eaOff), count, true));
          } else {
            const lin = (eaBase + eaOff) & MASK;
            this.wr8(lin, shift(this, a, this.rd8(lin), count, false));
          }
          break;
        }

        // ---- AAM, AAD, SALC, XLAT, ESC -----------------------------------------------------
        case 0xd4: {
          const b = mem[(csBase + ip) & MASK];
          ip = (ip + 1) & 0xffff;
          if (!aam(this, b)) {
            this.ipReg = ip;
            this.enterInterrupt(VECTOR.DIVIDE);
            ip = this.ipReg;
            csBase = s[SEG.CS] << 4;
          }
          break;
        }
        case 0xd5: {
          const b = mem[(csBase + ip) & MASK];
          ip = (ip + 1) & 0xffff;
          aad(this, b);
          break;
        }
        case 0xd6:
          // SALC (undocumented): AL = CF ? FFh : 00h.
          r8[0] = this.cf() ? 0xff : 0;
          break;
        case 0xd7: {
          const base = s[ovr >= 0 ? ovr : SEG.DS] << 4;
          r8[0] = this.rd8((base + ((r[REG.BX] + r8[0]) & 0xffff)) & MASK);
          break;
        }
        case 0xd8: case 0xd9: case 0xda: case 0xdb: case 0xdc: case 0xdd: case 0xde: case 0xdf:
          // ESC: the ModRM (and displacement) is decoded for a coprocessor; nothing else.
          break;

        // ---- LOOP, JCXZ ---------------------------------------------------------------------
        case 0xe0: case 0xe1: case 0xe2: {
          const d = (mem[(csBase + ip) & MASK] << 24) >> 24;
          ip = (ip + 1) & 0xffff;
          const cx = (r[REG.CX] - 1) & 0xffff;
          r[REG.CX] = cx;
          if (cx !== 0 && (op === 0xe2 || this.zf() === (op === 0xe1))) ip = (ip + d) & 0xffff;
          break;
        }
        case 0xe3: {
          const d = (mem[(csBase + ip) & MASK] << 24) >> 24;
          ip = (ip + 1) & 0xffff;
          if (r[REG.CX] === 0) ip = (ip + d) & 0xffff;
          break;
        }

        // ---- IN / OUT (port handlers may change any register) -----------------------------
        case 0xe4: case 0xe5: case 0xe6: case 0xe7: case 0xec: case 0xed: case 0xee: case 0xef: {
          let port: number;
          if (op < 0xe8) {
            port = mem[(csBase + ip) & MASK];
            ip = (ip + 1) & 0xffff;
          } else port = r[REG.DX];
          this.ipReg = ip;
          this.instructions += n + 1 - counted;
          counted = n + 1;
          switch (op & 3) {
            case 0: r8[0] = this.io.in8(port); break;
            case 1: r[REG.AX] = this.io.in16(port); break;
            case 2: this.io.out8(port, r8[0]); break;
            default: this.io.out16(port, r[REG.AX]); break;
          }
          ip = this.ipReg;
          csBase = s[SEG.CS] << 4;
          this.attention = true;
          break;
        }

        // ---- CALL, JMP ----------------------------------------------------------------------
        case 0xe8: {
          const d = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = (ip + 2) & 0xffff;
          this.push(ip);
          ip = (ip + d) & 0xffff;
          break;
        }
        case 0xe9: {
          const d = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          ip = (ip + 2 + d) & 0xffff;
          break;
        }
        case 0xea: {
          const off = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
          const seg = mem[(csBase + ((ip + 2) & 0xffff)) & MASK] | (mem[(csBase + ((ip + 3) & 0xffff)) & MASK] << 8);
          s[SEG.CS] = seg;
          csBase = seg << 4;
          ip = off;
          break;
        }
        case 0xeb: {
          const d = (mem[(csBase + ip) & MASK] << 24) >> 24;
          ip = (ip + 1 + d) & 0xffff;
          break;
        }

        // ---- HLT, flag instructions ---------------------------------------------------------
        case 0xf4:
          this.haltedState = true;
          this.attention = true;
          break;
        case 0xf5:
          this.flagBits = this.getFlags() ^ FLAG.CF;
          break;
        case 0xf8:
          this.flagBits = this.getFlags() & ~FLAG.CF;
          break;
        case 0xf9:
          this.flagBits = this.getFlags() | FLAG.CF;
          break;
        case 0xfa:
          this.flagBits &= ~FLAG.IF;
          break;
        case 0xfb:
          // STI: a pending interrupt is recognised only after the next instruction.
          this.flagBits |= FLAG.IF;
          if (this.shadow === SHADOW.NONE) this.shadow = SHADOW.INTR;
          this.attention = true;
          break;
        case 0xfc:
          this.flagBits &= ~FLAG.DF;
          break;
        case 0xfd:
          this.flagBits |= FLAG.DF;
          break;

        // ---- group 3: TEST NOT NEG MUL IMUL DIV IDIV ---------------------------------------
        case 0xf6: {
          const a = (modrm >> 3) & 7;
          const lin = (eaBase + eaOff) & MASK;
          const v = modrm >= 0xc0 ? r8[REG8_INDEX[modrm & 7]] : this.rd8(lin);
          switch (a) {
            case 0: case 1: {
              // TEST Eb, Ib (reg 1 is an 8086 alias)
              const b = mem[(csBase + ip) & MASK];
              ip = (ip + 1) & 0xffff;
              alu8(this, ALU.AND, v, b);
              break;
            }
            case 2:
            case 3: {
              const res = a === 2 ? ~v & 0xff : neg8(this, v);
              if (modrm >= 0xc0) r8[REG8_INDEX[modrm & 7]] = res;
              else this.wr8(lin, res);
              break;
            }
            case 4: mul8(this, v); break;
            case 5: imul8(this, v, rep !== 0); break;
            default:
              if (!(a === 6 ? div8(this, v) : idiv8(this, v, rep !== 0))) {
                this.ipReg = ip;
                this.enterInterrupt(VECTOR.DIVIDE);
                ip = this.ipReg;
                csBase = s[SEG.CS] << 4;
              }
              break;
          }
          break;
        }
        case 0xf7: {
          const a = (modrm >> 3) & 7;
          const v = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
          switch (a) {
            case 0: case 1: {
              const b = mem[(csBase + ip) & MASK] | (mem[(csBase + ((ip + 1) & 0xffff)) & MASK] << 8);
              ip = (ip + 2) & 0xffff;
              alu16(this, ALU.AND, v, b);
              break;
            }
            case 2:
            case 3: {
              const res = a === 2 ? ~v & 0xffff : neg16(this, v);
              if (modrm >= 0xc0) r[modrm & 7] = res;
              else this.wr16(eaBase, eaOff, res);
              break;
            }
            case 4: mul16(this, v); break;
            case 5: imul16(this, v, rep !== 0); break;
            default:
              if (!(a === 6 ? div16(this, v) : idiv16(this, v, rep !== 0))) {
                this.ipReg = ip;
                this.enterInterrupt(VECTOR.DIVIDE);
                ip = this.ipReg;
                csBase = s[SEG.CS] << 4;
              }
              break;
          }
          break;
        }

        // ---- group 4 (FEh) and group 5 (FFh) -------------------------------------------------
        case 0xfe: {
          const a = (modrm >> 3) & 7;
          if (a < 2) {
            const lin = (eaBase + eaOff) & MASK;
            const v = modrm >= 0xc0 ? r8[REG8_INDEX[modrm & 7]] : this.rd8(lin);
            const res = a === 0 ? inc8(this, v) : dec8(this, v);
            if (modrm >= 0xc0) r8[REG8_INDEX[modrm & 7]] = res;
            else this.wr8(lin, res);
            break;
          }
          // FE /2-/7 are undefined; vdm86 runs them as their FFh counterparts.
          this.ipReg = ip;
          this.group5(a, modrm, eaBase, eaOff);
          ip = this.ipReg;
          csBase = s[SEG.CS] << 4;
          break;
        }
        case 0xff: {
          const a = (modrm >> 3) & 7;
          switch (a) {
            case 0:
            case 1: {
              const v = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
              const res = a === 0 ? inc16(this, v) : dec16(this, v);
              if (modrm >= 0xc0) r[modrm & 7] = res;
              else this.wr16(eaBase, eaOff, res);
              break;
            }
            case 2: {
              const t = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
              this.push(ip);
              ip = t;
              break;
            }
            case 4:
              ip = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
              break;
            default:
              this.ipReg = ip;
              this.group5(a, modrm, eaBase, eaOff);
              ip = this.ipReg;
              csBase = s[SEG.CS] << 4;
              break;
          }
          break;
        }

        default:
          // Unreachable: every byte is an 8086 instruction or prefix.
          break;
      }
      n++;
    }
    this.ipReg = ip;
    this.instructions += n - counted;
    return n;
  }

  /** Group 5 (FFh) forms outside the hot path: far CALL/JMP through memory and PUSH Ev
   *  (reg 7 is an 8086 alias of PUSH). ipReg holds the address of the next instruction. */
  private group5(a: number, modrm: number, eaBase: number, eaOff: number): void {
    const r = this.regs;
    const s = this.sregs;
    switch (a) {
      case 2: {
        const t = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
        this.push(this.ipReg);
        this.ipReg = t;
        break;
      }
      case 4:
        this.ipReg = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
        break;
      case 3:
      case 5: {
        // A register operand (undefined) reads through the last effective address.
        const off = this.rd16(eaBase, eaOff);
        const seg = this.rd16(eaBase, (eaOff + 2) & 0xffff);
        if (a === 3) {
          this.push(s[SEG.CS]);
          this.push(this.ipReg);
        }
        s[SEG.CS] = seg;
        this.ipReg = off;
        break;
      }
      default: {
        // PUSH Ev. For PUSH SP the 8086 pushes the decremented SP.
        const sp = (r[REG.SP] - 2) & 0xffff;
        r[REG.SP] = sp;
        const v = modrm >= 0xc0 ? r[modrm & 7] : this.rd16(eaBase, eaOff);
        this.wr16(s[SEG.SS] << 4, sp, v);
        break;
      }
    }
  }
}
