// The 8086's state and the primitives every instruction family shares: registers, lazy flags,
// memory and stack access with the 8086's address wrap, and the interrupt entry sequence.
// cpu.ts builds the public Cpu (and its run loop) on top of this class.
import type { IoBus } from './bus';
import { MEMORY_SIZE, ADDRESS_MASK } from './guest-memory';
import {
  FLAG,
  ARITH_FLAGS,
  FLAGS_DEFINED,
  FLAGS_FIXED_ONES,
  LAZY,
  PARITY,
  lazyCF,
  lazyOF,
  lazyFlags,
} from './flags';

/** General registers by their ModRM / opcode number. */
export const REG = { AX: 0, CX: 1, DX: 2, BX: 3, SP: 4, BP: 5, SI: 6, DI: 7 } as const;
/** Segment registers by their ModRM / prefix number. */
export const SEG = { ES: 0, CS: 1, SS: 2, DS: 3 } as const;
/** Byte index in the register file of 8-bit register n (AL CL DL BL AH CH DH BH), the file being
 *  eight little-endian words. */
export const REG8_INDEX = new Uint8Array([0, 2, 4, 6, 1, 3, 5, 7]);

// The word and byte views of the register file overlap (AL is the low byte of AX), which holds
// on a little-endian host only.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('vdm86 needs a little-endian host');

/** Layout of the CPU's one buffer: memory first, then the registers and the decode table the
 *  run loop indexes (byte offsets). */
export const SPACE = {
  REGS: 0x100000,
  SREGS: 0x100010,
  DECODE: 0x100100,
  SIZE: 0x100200,
} as const;

/** Interrupt shadows: what the instruction just executed holds off at the next boundary. */
export const SHADOW = {
  NONE: 0,
  /** After STI: INTR is not sampled until after the next instruction (8086 manual, STI). */
  INTR: 1,
  /** After a MOV or POP to a segment register: neither INTR nor the single-step trap is taken
   *  until after the next instruction, so SS:SP can be loaded as a pair. */
  ALL: 2,
} as const;

export class CpuState {
  /** Memory, the register file and the run loop's decode table in one buffer (see SPACE). */
  private readonly space = new ArrayBuffer(SPACE.SIZE);
  /** The whole space by bytes and by words, for the run loop. */
  readonly bytes = new Uint8Array(this.space);
  readonly words = new Uint16Array(this.space);
  /** 1 MiB physical memory; addresses wrap at 0xFFFFF. */
  readonly mem: Uint8Array = new Uint8Array(this.space, 0, MEMORY_SIZE);
  io: IoBus;

  /** AX CX DX BX SP BP SI DI. */
  readonly regs = new Uint16Array(this.space, SPACE.REGS, 8);
  /** The same storage as bytes: regs8[REG8_INDEX[n]] is 8-bit register n. */
  readonly regs8 = new Uint8Array(this.space, SPACE.REGS, 16);
  /** ES CS SS DS. */
  readonly sregs = new Uint16Array(this.space, SPACE.SREGS, 4);
  /** IP. The run loop keeps IP in a local and writes it back before anything outside the loop
   *  can look (callbacks, interrupt entry, return). */
  ipReg = 0;

  /** The flags word. While `lazyKind` is not NONE its arithmetic bits are stale (except CF
   *  after INC/DEC) and the lazy fields below hold the truth. */
  flagBits = FLAGS_FIXED_ONES;
  lazyKind = 0;
  lazyA = 0;
  lazyB = 0;
  /** The lazy result, sign-extended to 32 bits. */
  lazyR = 0;

  /** Page-granular memory hooks (4 KiB pages, 256 of them): when pageHooks[linear >>> 12] is
   *  nonzero, onPageHook(linear, isWrite) is called before the access, which then proceeds. */
  readonly pageHooks: Uint8Array = new Uint8Array(256);
  onPageHook: ((linear: number, isWrite: boolean) => void) | null = null;
  /** True when some page is hooked; memory accesses test only this on their fast path. */
  hooked = false;

  /** Set whenever the run loop must do more than fetch the next opcode: a pending trap,
   *  interrupt or shadow, a stop request, halt, page hooks, a changed IF/TF. */
  attention = true;
  /** SHADOW.*: what the instruction just executed holds off at the next boundary. */
  shadow = 0;
  /** Set by HLT until an interrupt is taken (Cpu.halted). */
  haltFlag = false;
  /** When a REP string instruction was left between iterations: the address of its last prefix,
   *  which the 8086 pushes if an interrupt is taken there (it resumes at that prefix, dropping
   *  any earlier ones). -1 otherwise. */
  repResumeIp = -1;
  /** Where that instruction starts (its first prefix), CS:IP. */
  repStartIp = 0;
  repStartCs = 0;

  constructor(io: IoBus) {
    this.io = io;
  }

  // ---- flags -------------------------------------------------------------------------------

  /** The FLAGS word as PUSHF pushes it; folds any lazy result into flagBits. */
  getFlags(): number {
    const k = this.lazyKind;
    if (k !== LAZY.NONE) {
      this.flagBits =
        (this.flagBits & ~ARITH_FLAGS) | lazyFlags(k, this.lazyA, this.lazyB, this.lazyR, this.flagBits);
      this.lazyKind = LAZY.NONE;
    }
    return this.flagBits;
  }

  /** Loads every flag, as POPF does. */
  setFlags(v: number): void {
    const old = this.flagBits;
    this.flagBits = (v & FLAGS_DEFINED) | FLAGS_FIXED_ONES;
    this.lazyKind = LAZY.NONE;
    // A change of IF or TF: the run loop must look at interrupts and the trap again.
    if ((old ^ v) & (FLAG.IF | FLAG.TF)) this.attention = true;
  }

  cf(): number {
    const k = this.lazyKind;
    if (k === LAZY.NONE || k >= LAZY.INC8) return this.flagBits & FLAG.CF;
    return lazyCF(k, this.lazyA, this.lazyB, this.lazyR);
  }
  zf(): boolean {
    return this.lazyKind !== LAZY.NONE ? this.lazyR === 0 : (this.flagBits & FLAG.ZF) !== 0;
  }
  sf(): boolean {
    return this.lazyKind !== LAZY.NONE ? this.lazyR < 0 : (this.flagBits & FLAG.SF) !== 0;
  }
  pf(): boolean {
    return this.lazyKind !== LAZY.NONE ? PARITY[this.lazyR & 0xff] !== 0 : (this.flagBits & FLAG.PF) !== 0;
  }
  of(): boolean {
    const k = this.lazyKind;
    if (k === LAZY.NONE) return (this.flagBits & FLAG.OF) !== 0;
    return lazyOF(k, this.lazyA, this.lazyB, this.lazyR) !== 0;
  }

  /** Replaces the arithmetic flags in `mask` with those in `bits` (an eagerly computed result). */
  setArith(mask: number, bits: number): void {
    const f = this.getFlags();
    this.flagBits = (f & ~mask) | (bits & mask);
  }

  /** Records a lazy result. INC and DEC first pin down CF, which they leave unchanged. */
  lazy(kind: number, a: number, b: number, r: number): void {
    if (kind >= LAZY.INC8) {
      const k = this.lazyKind;
      if (k !== LAZY.NONE && k < LAZY.INC8) {
        this.flagBits = (this.flagBits & ~FLAG.CF) | lazyCF(k, this.lazyA, this.lazyB, this.lazyR);
      }
    }
    this.lazyKind = kind;
    this.lazyA = a;
    this.lazyB = b;
    this.lazyR = r;
  }

  // ---- memory ------------------------------------------------------------------------------

  /** Calls the page hook for `lin` if its page is hooked. */
  touch(lin: number, isWrite: boolean): void {
    if (this.pageHooks[lin >>> 12] !== 0 && this.onPageHook) this.onPageHook(lin, isWrite);
  }

  /** Byte at a linear address (already wrapped to 20 bits). */
  rd8(lin: number): number {
    if (this.hooked) this.touch(lin, false);
    return this.mem[lin];
  }

  wr8(lin: number, v: number): void {
    if (this.hooked) this.touch(lin, true);
    this.mem[lin] = v;
  }

  /** Word at base+off (base = segment << 4, off 16 bits). The high byte comes from offset
   *  off+1 within the segment (so offset FFFFh wraps to 0) and addresses wrap at 1 MiB. */
  rd16(base: number, off: number): number {
    const a = (base + off) & ADDRESS_MASK;
    if (off !== 0xffff && a !== ADDRESS_MASK && !this.hooked) return this.mem[a] | (this.mem[a + 1] << 8);
    return this.rd8(a) | (this.rd8((base + ((off + 1) & 0xffff)) & ADDRESS_MASK) << 8);
  }

  wr16(base: number, off: number, v: number): void {
    const a = (base + off) & ADDRESS_MASK;
    if (off !== 0xffff && a !== ADDRESS_MASK && !this.hooked) {
      this.mem[a] = v;
      this.mem[a + 1] = v >>> 8;
      return;
    }
    this.wr8(a, v & 0xff);
    this.wr8((base + ((off + 1) & 0xffff)) & ADDRESS_MASK, (v >>> 8) & 0xff);
  }

  push(v: number): void {
    const sp = (this.regs[REG.SP] - 2) & 0xffff;
    this.regs[REG.SP] = sp;
    this.wr16(this.sregs[SEG.SS] << 4, sp, v);
  }

  pop(): number {
    const sp = this.regs[REG.SP];
    const v = this.rd16(this.sregs[SEG.SS] << 4, sp);
    this.regs[REG.SP] = sp + 2;
    return v;
  }

  // ---- interrupts --------------------------------------------------------------------------

  /** The 8086 interrupt sequence, returning to ipReg: push FLAGS, clear IF and TF, push CS and
   *  IP, load CS:IP from the vector table. */
  enterInterrupt(vector: number): void {
    const f = this.getFlags();
    this.push(f);
    this.flagBits = f & ~(FLAG.IF | FLAG.TF);
    this.push(this.sregs[SEG.CS]);
    this.push(this.ipReg);
    const v = (vector & 0xff) * 4;
    this.ipReg = this.rd16(0, v);
    this.sregs[SEG.CS] = this.rd16(0, v + 2);
  }
}
