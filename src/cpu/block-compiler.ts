// The compiled tier's translator: decodes a block of guest code at CS:IP and writes it as a
// JavaScript function (new Function) that does what the run loop in cpu.ts would do for those
// instructions, with the decoded fields (registers, displacements, immediates, next IPs) as
// constants and the lazy flags, the last effective address, the guest registers it uses
// (block-registers.ts) and scratch values in locals, so V8 folds what is known and drops flag
// records a later instruction overwrites unread.
//
// A block runs on past untaken conditional jumps (side exits), follows JMP, loops inside the
// function when it branches back to its own start, and ends at CALL (the procedure is a block
// of its own), RET, far transfers, JMP/CALL r/m. It holds every form whose effects are on
// registers, flags and memory: ALU, MOV (ES and DS too), LEA, LES/LDS, TEST, INC/DEC, NOT/NEG,
// MUL/IMUL, DIV/IDIV (a divide error leaves before the instruction), shifts and rotates,
// PUSH/POP (segment registers but SS and CS, r/m), XCHG, CBW/CWD, XLAT, LAHF/SAHF/PUSHF, the
// CF and DF instructions, string instructions, REP ones when all iterations fit the budget.
// Anything else (MOV/POP SS, POP CS, INT, IRET, IN/OUT, the BOP, HLT, CLI/STI, POPF, LOCK, the
// decimal adjusts, ESC) ends the block before it, and the interpreter runs it. A segment load
// is never the last instruction a block runs, so its interrupt shadow covers the next one
// inside the block, where nothing can interrupt. The compiled function
// - first compares the code bytes it was made from with memory (any writer, the CPU or a host
//   file read, may have changed them) and returns -1 when they differ;
// - after each store, leaves (after the instruction) if the store hit the block's own bytes, so
//   the next instruction is fetched again;
// - returns the number of instructions it ran, with cpu.ipReg the next IP.
import { lazyCF, lazyOF, lazyFlags, PARITY } from './flags';
import { shift } from './shift';
import { div8, div16, idiv8, idiv16 } from './muldiv';
import { repeatString } from './string';
import { registersInLocals, REGS_IN, REGS_OUT } from './block-registers';

/** What generated code may call besides the CPU's methods, by the names it uses. */
const HELPERS = { lazyCF, lazyOF, lazyFlags, PARITY, shift, div8, div16, idiv8, idiv16, repeatString };

/** The most instructions in one block. */
export const MAX_BLOCK_INSTRUCTIONS = 48;

/** A compiled block: runs from CS:IP = (cs, ip) and is keyed by its linear address. */
/** `room`: instructions the block may run (at least its count); a block that loops back to its
 *  own start runs its body again while a whole pass still fits. */
export type BlockFunction = (cpu: BlockCpu, b: Uint8Array, w: Uint16Array, d: Int32Array, room: number) => number;

/** What a compiled block reads and writes on the CPU besides its buffer. */
export interface BlockCpu {
  ipReg: number;
  flagBits: number;
  lazyKind: number;
  lazyA: number;
  lazyB: number;
  lazyR: number;
  eaBase: number;
  eaOff: number;
  eaLin: number;
  rd16(base: number, off: number): number;
  wr16(base: number, off: number, v: number): void;
}

export interface CompiledCode {
  /** The JavaScript function's source, for tests and debugging. */
  source: string;
  run: BlockFunction;
  /** Instructions in the block (it may run fewer when a store hits its own code). */
  count: number;
  /** The linear addresses of its code, as [start, end) pairs (it follows JMP), and those bytes
   *  as they were: the same bytes at the same CS:IP make the same block. */
  runs: number[];
  bytes: Uint8Array;
}

const R8 = (r: number): string => `b[${0x100000 + (((r & 3) << 1) | ((r >> 2) & 1))}]`;
const R16 = (r: number): string => `w[${0x80000 + r}]`;
const SREG = (s: number): string => `w[${0x80008 + s}]`;

// Flag expressions over the block's locals, as CpuState.cf()/zf()/sf()/of()/pf() compute them.
const CF = '(lk === 0 || lk >= 13 ? fb & 1 : lazyCF(lk, la, lb, lr))';
const ZF = '(lk !== 0 ? lr === 0 : (fb & 0x40) !== 0)';
const SF = '(lk !== 0 ? lr < 0 : (fb & 0x80) !== 0)';
const OF = '(lk === 0 ? (fb & 0x800) !== 0 : lazyOF(lk, la, lb, lr) !== 0)';
const PF = '(lk !== 0 ? PARITY[lr & 0xff] !== 0 : (fb & 4) !== 0)';

/** Folds a lazy result into fb (CpuState.getFlags), for the instructions that set or read
 *  the flags word itself. 0x8d5: the six arithmetic flags. */
const FOLD = 'if (lk !== 0) { fb = (fb & ~0x8d5) | lazyFlags(lk, la, lb, lr, fb); lk = 0; }';
/** The flags handed to and taken back from a helper that works on the CPU's fields. */
const SYNC_OUT = 'cpu.lazyKind = lk; cpu.lazyA = la; cpu.lazyB = lb; cpu.lazyR = lr; cpu.flagBits = fb;';
const SYNC_IN = 'lk = cpu.lazyKind; la = cpu.lazyA; lb = cpu.lazyB; lr = cpu.lazyR; fb = cpu.flagBits;';

/** One element of a string instruction without REP (string.ts stringStep): source `src` (a
 *  segment register), destination ES:DI, step by DF; a store into the block leaves it. */
function stringOp(op: number, src: string, leave: string): string {
  const wide = (op & 1) !== 0;
  const step = `(fb & 0x400 ? ${wide ? -2 : -1} : ${wide ? 2 : 1})`;
  const si = `w[0x80006] = w[0x80006] + ${step};`;
  const di = `w[0x80007] = w[0x80007] + ${step};`;
  const srcByte = `b[((${src} << 4) + w[0x80006]) & 0xfffff]`;
  const srcWord = `cpu.rd16(${src} << 4, w[0x80006])`;
  const dst = 'ss = w[0x80008] << 4; v = w[0x80007]; a = (ss + v) & 0xfffff;';
  switch (op) {
    case 0xa4: return `x = ${srcByte}; ${dst} b[a] = x; ${si} ${di} if (SMC8(a)) ${leave}`;
    case 0xa5: return `x = ${srcWord}; ${dst} cpu.wr16(ss, v, x); ${si} ${di} if (v === 0xffff || a === 0xfffff || SMC16(a)) ${leave}`;
    case 0xa6: return `x = ${srcByte}; ${dst} y = b[a]; lk = 5; la = x; lb = y; lr = ((x - y) << 24) >> 24; ${si} ${di}`;
    case 0xa7: return `x = ${srcWord}; y = cpu.rd16(w[0x80008] << 4, w[0x80007]); lk = 6; la = x; lb = y; lr = ((x - y) << 16) >> 16; ${si} ${di}`;
    case 0xaa: return `${dst} b[a] = b[0x100000]; ${di} if (SMC8(a)) ${leave}`;
    case 0xab: return `${dst} cpu.wr16(ss, v, w[0x80000]); ${di} if (v === 0xffff || a === 0xfffff || SMC16(a)) ${leave}`;
    case 0xac: return `b[0x100000] = ${srcByte}; ${si}`;
    case 0xad: return `w[0x80000] = ${srcWord}; ${si}`;
    case 0xae: return `x = b[0x100000]; ${dst} y = b[a]; lk = 5; la = x; lb = y; lr = ((x - y) << 24) >> 24; ${di}`;
    default: return `x = w[0x80000]; y = cpu.rd16(w[0x80008] << 4, w[0x80007]); lk = 6; la = x; lb = y; lr = ((x - y) << 16) >> 16; ${di}`;
  }
}

/** The lazy kinds of the ALU operations (flags.ts LAZY), byte and word. */
const ALU_KIND8 = [1, 9, 3, 7, 9, 5, 9, 5];

/** Compiles the block at CS:IP; null when its first instruction is not one a block holds. */
export function compileBlock(mem: Uint8Array, cs: number, startIp: number, maxInstructions = MAX_BLOCK_INSTRUCTIONS): CompiledCode | null {
  const csBase = cs << 4;
  const start = (csBase + startIp) & 0xfffff;
  let ip = startIp;
  let bad = false;
  /** The block's code as runs of linear addresses [start, end): it follows JMP. */
  const ranges: [number, number][] = [];
  let rangeStart = start;
  const inBlock = (target: number): boolean => {
    const lin = csBase + target;
    return (lin >= rangeStart && lin < csBase + ip) || ranges.some(([a, e]) => lin >= a && lin < e);
  };
  /** Continues decoding at `target` (a JMP followed); false when it is code already in
   *  the block or the block is full. */
  const follow = (target: number): boolean => {
    if (inBlock(target) || count + 1 >= maxInstructions) return false;
    ranges.push([rangeStart, csBase + ip]);
    ip = target;
    rangeStart = csBase + ip;
    return true;
  };
  // Fetch within the block: no IP wrap and no linear wrap inside a block.
  const fetch = (): number => {
    if (ip > 0xffff || csBase + ip > 0xfffff) {
      bad = true;
      return 0;
    }
    return mem[csBase + ip++];
  };
  const fetch16 = (): number => fetch() | (fetch() << 8);

  const body: string[] = [];
  let count = 0;
  let end = false;
  /** The lazy kind the code so far leaves, when known at compile time. */
  let kind: number | null = null;
  let hasEa = false;
  /** The last instruction compiled: where its code starts in `body`, its IP, whether it loads a
   *  segment register. */
  let lastStart = 0;
  let lastIp = startIp;
  let lastSegLoad = false;
  /** Exit after instruction `i`, at IP `next` (text inserted once the block's length is known). */
  const exit = (next: string, n: number): string => `{ EXIT_${n}(${next}) }`;
  /** The block's last instruction going to `target`: back to the top when it is the block's own
   *  start (a loop runs inside the function), else out. */
  let loops = false;
  const branch = (target: number, n: number): string => {
    if (target !== startIp) return exit(String(target), n);
    loops = true;
    return `{ BACK_${n} }`;
  };

  while (!end && count < maxInstructions) {
    const instrIp = ip;
    let ovr = -1;
    let op = fetch();
    let unsupported = false;
    /** REP prefix: 0, or F2h/F3h (with a string instruction only). */
    let repeat = 0;
    for (;;) {
      if (op === 0x26 || op === 0x2e || op === 0x36 || op === 0x3e) {
        ovr = (op >> 3) & 3;
        op = fetch();
      } else if ((op === 0xf2 || op === 0xf3) && count > 0) {
        repeat = op;
        op = fetch();
      } else if (op === 0xf0 || op === 0xf1 || op === 0xf2 || op === 0xf3) {
        unsupported = true;
        break;
      } else break;
    }
    if (repeat !== 0 && !((op >= 0xa4 && op <= 0xa7) || (op >= 0xaa && op <= 0xaf))) unsupported = true;
    const code: string[] = [];
    const n = count + 1;
    let segLoad = false;
    // ModRM and effective address.
    let modrm = 0;
    const hasModrm =
      (op < 0x40 && (op & 7) < 4) || (op >= 0x80 && op <= 0x8f) || op === 0xc4 || op === 0xc5 || op === 0xc6 || op === 0xc7 ||
      (op >= 0xd0 && op <= 0xd3) || op === 0xf6 || op === 0xf7 || op === 0xfe || op === 0xff;
    let mem8 = '';
    let mem16 = '';
    let isReg = false;
    if (!unsupported && hasModrm) {
      modrm = fetch();
      isReg = modrm >= 0xc0;
      if (!isReg) {
        let off: string;
        let seg = 3;
        switch (modrm & 7) {
          case 0: off = `${R16(3)} + ${R16(6)}`; break;
          case 1: off = `${R16(3)} + ${R16(7)}`; break;
          case 2: off = `${R16(5)} + ${R16(6)}`; seg = 2; break;
          case 3: off = `${R16(5)} + ${R16(7)}`; seg = 2; break;
          case 4: off = R16(6); break;
          case 5: off = R16(7); break;
          case 6:
            if (modrm < 0x40) off = String(fetch16());
            else {
              off = R16(5);
              seg = 2;
            }
            break;
          default: off = R16(3); break;
        }
        if (modrm >= 0x80) off = `${off} + ${fetch16()}`;
        else if (modrm >= 0x40) off = `${off} + ${(fetch() << 24) >> 24}`;
        code.push(`eo = (${off}) & 0xffff; eb = ${SREG(ovr >= 0 ? ovr : seg)} << 4; el = (eb + eo) & 0xfffff;`);
        hasEa = true;
        mem8 = 'b[el]';
        // A word at an even address is one access of the word view (an even address is never
        // offset FFFFh nor linear FFFFFh); an odd one goes through rd16, which wraps (short
        // code: V8 compiles each block's function, the less of it the sooner).
        mem16 = '((el & 1) === 0 ? w[el >> 1] : cpu.rd16(eb, eo))';
      }
    }
    const rm = modrm & 7;
    const reg = (modrm >> 3) & 7;
    /** Reads the r/m operand into `x`. */
    const readE8 = (): string => (isReg ? R8(rm) : mem8);
    const readE16 = (): string => (isReg ? R16(rm) : mem16);
    /** Stores `v` (a local) into the r/m operand, leaving the block if the store hit it. */
    const writeE8 = (v: string): string =>
      isReg ? `${R8(rm)} = ${v};` : `b[el] = ${v}; if (SMC8(el)) ${exit(String(ip & 0xffff), n)}`;
    const writeE16 = (v: string): string =>
      isReg
        ? `${R16(rm)} = ${v};`
        : `if ((el & 1) === 0) { w[el >> 1] = ${v}; if (SMC16(el)) ${exit(String(ip & 0xffff), n)} } else { cpu.wr16(eb, eo, ${v}); if (eo === 0xffff || el === 0xfffff || SMC16(el)) ${exit(String(ip & 0xffff), n)} }`;
    /** The ALU operation `a` on x and y into r, recording its flags. */
    const alu = (a: number, wide: boolean): string => {
      const m = wide ? '0xffff' : '0xff';
      const k = ALU_KIND8[a] + (wide ? 1 : 0);
      kind = k;
      const sx = wide ? '(r << 16) >> 16' : '(r << 24) >> 24';
      let e: string;
      switch (a) {
        case 0: e = `r = (x + y) & ${m};`; break;
        case 1: e = 'r = x | y;'; break;
        case 2: e = `r = (x + y + ${CF}) & ${m};`; break;
        case 3: e = `r = (x - y - ${CF}) & ${m};`; break;
        case 4: e = 'r = x & y;'; break;
        case 6: e = 'r = x ^ y;'; break;
        default: e = `r = (x - y) & ${m};`; break;
      }
      return `${e} lk = ${k}; la = x; lb = y; lr = ${sx};`;
    };
    /** INC/DEC keep CF: pin it in fb if the previous record defines it. */
    const pinCf = pinCarry(kind);
    const push = (v: string): string =>
      `sp = (w[0x80004] - 2) & 0xffff; w[0x80004] = sp; v = ${v}; ss = w[0x8000a] << 4; a = (ss + sp) & 0xfffff; ` +
      'if ((a & 1) === 0) w[a >> 1] = v; else cpu.wr16(ss, sp, v);';
    /** After a push that does not end the block: leave if it hit the block's code. */
    const pushCheck = (): string => `if (sp === 0xffff || a === 0xfffff || SMC16(a)) ${exit(String(ip & 0xffff), n)}`;
    const pop = 'sp = w[0x80004]; ss = w[0x8000a] << 4; a = (ss + sp) & 0xfffff; v = (a & 1) === 0 ? w[a >> 1] : cpu.rd16(ss, sp); w[0x80004] = sp + 2;';

    if (!unsupported) {
      if (op < 0x40 && (op & 7) < 6) {
        const a = op >> 3;
        switch (op & 7) {
          case 0: code.push(`x = ${readE8()}; y = ${R8(reg)}; ${alu(a, false)}`); if (a !== 7) code.push(writeE8('r')); break;
          case 1: code.push(`x = ${readE16()}; y = ${R16(reg)}; ${alu(a, true)}`); if (a !== 7) code.push(writeE16('r')); break;
          case 2: code.push(`x = ${R8(reg)}; y = ${readE8()}; ${alu(a, false)}`); if (a !== 7) code.push(`${R8(reg)} = r;`); break;
          case 3: code.push(`x = ${R16(reg)}; y = ${readE16()}; ${alu(a, true)}`); if (a !== 7) code.push(`${R16(reg)} = r;`); break;
          case 4: code.push(`x = ${R8(0)}; y = ${fetch()}; ${alu(a, false)}`); if (a !== 7) code.push(`${R8(0)} = r;`); break;
          default: code.push(`x = ${R16(0)}; y = ${fetch16()}; ${alu(a, true)}`); if (a !== 7) code.push(`${R16(0)} = r;`); break;
        }
      } else if (op === 0x80 || op === 0x82) {
        const a = reg;
        code.push(`x = ${readE8()}; y = ${fetch()}; ${alu(a, false)}`);
        if (a !== 7) code.push(writeE8('r'));
      } else if (op === 0x81 || op === 0x83) {
        const a = reg;
        const y = op === 0x81 ? fetch16() : ((fetch() << 24) >> 24) & 0xffff;
        code.push(`x = ${readE16()}; y = ${y}; ${alu(a, true)}`);
        if (a !== 7) code.push(writeE16('r'));
      } else if (op === 0x84 || op === 0xa8) {
        const y = op === 0x84 ? R8(reg) : String(fetch());
        code.push(`x = ${op === 0x84 ? readE8() : R8(0)}; y = ${y}; lk = 9; la = x; lb = y; lr = ((x & y) << 24) >> 24;`);
        kind = 9;
      } else if (op === 0x85 || op === 0xa9) {
        const y = op === 0x85 ? R16(reg) : String(fetch16());
        code.push(`x = ${op === 0x85 ? readE16() : R16(0)}; y = ${y}; lk = 10; la = x; lb = y; lr = ((x & y) << 16) >> 16;`);
        kind = 10;
      } else if (op === 0x88) code.push(`v = ${R8(reg)};`, writeE8('v'));
      else if (op === 0x89) code.push(`v = ${R16(reg)};`, writeE16('v'));
      else if (op === 0x8a) code.push(`${R8(reg)} = ${readE8()};`);
      else if (op === 0x8b) code.push(`${R16(reg)} = ${readE16()};`);
      else if (op === 0x8c) code.push(`v = ${SREG(reg & 3)};`, writeE16('v'));
      else if (op === 0x8d && !isReg) code.push(`${R16(reg)} = eo;`);
      else if (op === 0xc6) code.push(`v = ${fetch()};`, writeE8('v'));
      else if (op === 0xc7) code.push(`v = ${fetch16()};`, writeE16('v'));
      else if (op >= 0x40 && op <= 0x4f) {
        const inc = op < 0x48;
        code.push(pinCf, `x = ${R16(op & 7)}; r = (x ${inc ? '+' : '-'} 1) & 0xffff; ${R16(op & 7)} = r; lk = ${inc ? 14 : 16}; la = x; lb = 1; lr = (r << 16) >> 16;`);
        kind = inc ? 14 : 16;
      } else if ((op === 0xfe || op === 0xff) && reg < 2) {
        const wide = op === 0xff;
        const inc = reg === 0;
        const k = wide ? (inc ? 14 : 16) : inc ? 13 : 15;
        // The flags are recorded before the store, which may leave the block.
        code.push(pinCf, `x = ${wide ? readE16() : readE8()}; r = (x ${inc ? '+' : '-'} 1) & ${wide ? '0xffff' : '0xff'};`);
        code.push(`lk = ${k}; la = x; lb = 1; lr = ${wide ? '(r << 16) >> 16' : '(r << 24) >> 24'};`);
        code.push(wide ? writeE16('r') : writeE8('r'));
        kind = k;
      } else if (op >= 0x50 && op <= 0x57) code.push(push(R16(op & 7)), pushCheck());
      else if (op >= 0x58 && op <= 0x5f) code.push(pop, `${R16(op & 7)} = v;`);
      else if (op === 0x90) {
        // NOP
      } else if (op > 0x90 && op <= 0x97) code.push(`v = w[0x80000]; w[0x80000] = ${R16(op & 7)}; ${R16(op & 7)} = v;`);
      else if (op === 0x98) code.push('w[0x80000] = (b[0x100000] << 24) >> 24;');
      else if (op === 0x99) code.push('w[0x80002] = w[0x80000] & 0x8000 ? 0xffff : 0;');
      else if (op >= 0xa0 && op <= 0xa3) {
        // MOV AL/AX <-> [moffs]: the interpreter keeps these out of the last effective address.
        const off = fetch16();
        code.push(`ss = ${SREG(ovr >= 0 ? ovr : 3)} << 4; a = (ss + ${off}) & 0xfffff;`);
        if (op === 0xa0) code.push('b[0x100000] = b[a];');
        else if (op === 0xa1) code.push(`w[0x80000] = ${off} !== 0xffff && a !== 0xfffff ? b[a] | (b[a + 1] << 8) : cpu.rd16(ss, ${off});`);
        else if (op === 0xa2) code.push(`b[a] = b[0x100000]; if (SMC8(a)) ${exit(String(ip & 0xffff), n)}`);
        else {
          code.push(
            `v = w[0x80000]; if (${off} !== 0xffff && a !== 0xfffff) { b[a] = v; b[a + 1] = v >> 8; if (SMC16(a)) ${exit(String(ip & 0xffff), n)} } else { cpu.wr16(ss, ${off}, v); ${exit(String(ip & 0xffff), n)} }`,
          );
        }
      } else if (op >= 0xb0 && op <= 0xb7) code.push(`${R8(op & 7)} = ${fetch()};`);
      else if (op >= 0xb8 && op <= 0xbf) code.push(`${R16(op & 7)} = ${fetch16()};`);
      else if (op === 0xd1 && (modrm >= 0xe0 && modrm < 0xf0 || modrm >= 0xf8)) {
        // SHL / SHR / SAR r16, 1 inline, flags as shift.ts records them.
        const d = R16(modrm & 7);
        if (modrm < 0xe8) code.push(`v = ${d}; r = (v << 1) & 0xffff; la = v >>> 15; lb = ((v ^ r) & 0x8000) >>> 4;`);
        else if (modrm < 0xf0) code.push(`v = ${d}; r = v >>> 1; la = v & 1; lb = (v & 0x8000) >>> 4;`);
        else code.push(`v = ${d}; r = (v >>> 1) | (v & 0x8000); la = v & 1; lb = 0;`);
        code.push(`${d} = r; lk = 12; lr = (r << 16) >> 16;`);
        kind = 12;
      } else if ((op >= 0x60 && op <= 0x7f) || (op >= 0xe0 && op <= 0xe3) || op === 0xeb) {
        const d = (fetch() << 24) >> 24;
        const target = (ip + d) & 0xffff;
        let cond: string;
        if (op === 0xeb) cond = 'true';
        else if (op >= 0xe0) {
          if (op === 0xe3) cond = 'w[0x80001] === 0';
          else {
            code.push('w[0x80001] = (w[0x80001] - 1) & 0xffff;');
            cond = op === 0xe2 ? 'w[0x80001] !== 0' : `w[0x80001] !== 0 && ${ZF} === ${op === 0xe1}`;
          }
        } else cond = jccCondition(op & 0x0f, kind);
        if (op === 0xeb) {
          if (target === startIp || !follow(target)) {
            code.push(branch(target, n));
            end = true;
          }
        } else {
          // Taken: out (or back to the top); not taken: the block goes on.
          code.push(`if (${cond}) ${branch(target, n)}`);
        }
      } else if (op === 0xe9 || op === 0xe8) {
        const d = fetch16();
        const next = ip & 0xffff;
        const target = (ip + d) & 0xffff;
        if (op === 0xe8) {
          // CALL ends the block: the procedure is a block of its own, compiled once, rather
          // than a copy inlined into every caller's block (C code calls small procedures from
          // many places, and the copies made the tier compile several times the code).
          code.push(push(String(next)), exit(String(target), n));
          end = true;
        } else if (target === startIp || !follow(target)) {
          code.push(branch(target, n));
          end = true;
        }
      } else if (op >= 0xc0 && op <= 0xc3) {
        const k = op & 1 ? 0 : fetch16();
        code.push(pop.replace('w[0x80004] = sp + 2;', `w[0x80004] = sp + ${2 + k};`), exit('v', n));
        end = true;
      } else if (op === 0xff && (reg === 2 || reg === 4)) {
        code.push(`t = ${readE16()};`);
        if (reg === 2) code.push(push(String(ip & 0xffff)));
        code.push(exit('t', n));
        end = true;
      } else if (op === 0xff && (reg === 3 || reg === 5) && !isReg) {
        // CALL / JMP far [m]: the block's last instruction.
        code.push(`t = ${readE16()}; x = cpu.rd16(eb, (eo + 2) & 0xffff);`);
        if (reg === 3) code.push(push(String(cs)), push(String(ip & 0xffff)));
        code.push('w[0x80009] = x;', exit('t', n));
        end = true;
      } else if (op === 0x9d && count > 0) {
        // POPF, when it changes neither IF nor TF (else the block leaves before it and the
        // interpreter runs it: the run loop must look at interrupts and the trap again).
        code.push(
          'sp = w[0x80004]; ss = w[0x8000a] << 4; a = (ss + sp) & 0xfffff; v = sp !== 0xffff && a !== 0xfffff ? b[a] | (b[a + 1] << 8) : cpu.rd16(ss, sp);',
          `if (((fb ^ v) & 0x300) !== 0) ${exit(String(instrIp), n - 1)}`,
          'w[0x80004] = sp + 2; fb = (v & 0x0fd5) | 0xf002; lk = 0;',
        );
        kind = 0;
      } else if (op === 0xff && reg >= 6) {
        // PUSH Ev (reg 7 is an 8086 alias): the operand is read after SP moves (PUSH SP).
        code.push(push(readE16()), pushCheck());
      } else if (op === 0x8f) {
        // POP Ev: the operand's address was worked out before SP moves.
        code.push(pop, writeE16('v'));
      } else if (op === 0x06 || op === 0x0e || op === 0x16 || op === 0x1e) code.push(push(SREG((op >> 3) & 3)), pushCheck());
      else if (op === 0x07 || op === 0x1f) {
        code.push(pop, `${SREG((op >> 3) & 3)} = v;`);
        segLoad = true;
      } else if (op === 0x8e && ((reg & 3) === 0 || (reg & 3) === 3)) {
        code.push(`${SREG(reg & 3)} = ${readE16()};`);
        segLoad = true;
      } else if ((op === 0xc4 || op === 0xc5) && !isReg) {
        // LES/LDS (the register forms, and the BOP C4 C4, are left to the interpreter).
        code.push(`v = ${readE16()}; t = cpu.rd16(eb, (eo + 2) & 0xffff); ${R16(reg)} = v; ${SREG(op === 0xc4 ? 0 : 3)} = t;`);
      } else if (op === 0x86) {
        code.push(`v = ${readE8()}; t = ${R8(reg)}; ${R8(reg)} = v;`, writeE8('t'));
      } else if (op === 0x87) {
        code.push(`v = ${readE16()}; t = ${R16(reg)}; ${R16(reg)} = v;`, writeE16('t'));
      } else if (repeat !== 0) {
        // REP string instruction: all its iterations at once (string.ts repeatString; one
        // counted instruction each), when they and the rest of the block fit in the room left,
        // else the block leaves before it and the interpreter runs it (interruptible between
        // iterations). Not as a
        // block's first instruction. One that stores leaves the block after it, in case it
        // wrote over the block's code.
        code.push(
          `x = w[0x80001]; if (x !== 0) { if (done + BLOCK_COUNT - 1 + x > room) ${exit(String(instrIp), n - 1)}`,
          `${REGS_OUT} ${SYNC_OUT} y = repeatString(cpu, ${op}, ${SREG(ovr >= 0 ? ovr : 3)} << 4, ${repeat === 0xf3}, x); ${SYNC_IN} ${REGS_IN} done += y - 1; }`,
        );
        if (op === 0xa4 || op === 0xa5 || op === 0xaa || op === 0xab) {
          code.push(exit(String(ip & 0xffff), n));
          end = true;
        }
        kind = null;
      } else if ((op >= 0xa4 && op <= 0xa7) || (op >= 0xaa && op <= 0xaf)) {
        code.push(stringOp(op, SREG(ovr >= 0 ? ovr : 3), exit(String(ip & 0xffff), n)));
        if (op === 0xa6 || op === 0xae) kind = 5;
        else if (op === 0xa7 || op === 0xaf) kind = 6;
      } else if (op === 0xd7) code.push(`b[0x100000] = b[((${SREG(ovr >= 0 ? ovr : 3)} << 4) + ((w[0x80003] + b[0x100000]) & 0xffff)) & 0xfffff];`);
      else if (op === 0xfc) code.push('fb &= ~0x400;');
      else if (op === 0xfd) code.push('fb |= 0x400;');
      else if (op === 0xf8 || op === 0xf9 || op === 0xf5) {
        code.push(FOLD, op === 0xf8 ? 'fb &= ~1;' : op === 0xf9 ? 'fb |= 1;' : 'fb ^= 1;');
        kind = 0;
      } else if (op === 0x9c) {
        code.push(FOLD, push('fb'), pushCheck());
        kind = 0;
      } else if (op === 0x9f) {
        code.push(FOLD, 'b[0x100001] = fb & 0xff;');
        kind = 0;
      } else if (op === 0x9e) {
        code.push(FOLD, 'fb = (fb & 0xff00) | (b[0x100001] & 0xd5) | 0x02;');
        kind = 0;
      } else if ((op === 0xf6 || op === 0xf7) && reg < 6) {
        const wide = op === 0xf7;
        const m = wide ? '0xffff' : '0xff';
        const sx = wide ? '(r << 16) >> 16' : '(r << 24) >> 24';
        if (reg < 2) {
          const y = wide ? fetch16() : fetch();
          code.push(`x = ${wide ? readE16() : readE8()}; y = ${y}; r = x & y; lk = ${wide ? 10 : 9}; la = x; lb = y; lr = ${sx};`);
          kind = wide ? 10 : 9;
        } else if (reg === 2) {
          code.push(`r = ~${wide ? readE16() : readE8()} & ${m};`, wide ? writeE16('r') : writeE8('r'));
        } else if (reg === 3) {
          // NEG: flags as 0 - x.
          code.push(`x = ${wide ? readE16() : readE8()}; r = -x & ${m}; lk = ${wide ? 6 : 5}; la = 0; lb = x; lr = ${sx};`, wide ? writeE16('r') : writeE8('r'));
          kind = wide ? 6 : 5;
        } else {
          // MUL / IMUL: CF and OF eager (muldiv.ts), the other flags folded first.
          const v = wide ? readE16() : readE8();
          if (reg === 4 && wide) code.push(`r = w[0x80000] * ${v}; w[0x80000] = r; t = Math.floor(r / 0x10000); w[0x80002] = t; ${FOLD} fb = (fb & ~0x801) | (t !== 0 ? 0x801 : 0);`);
          else if (reg === 4) code.push(`r = b[0x100000] * ${v}; w[0x80000] = r; ${FOLD} fb = (fb & ~0x801) | (r > 0xff ? 0x801 : 0);`);
          else if (wide) code.push(`r = ((w[0x80000] << 16) >> 16) * ((${v} << 16) >> 16); w[0x80000] = r; w[0x80002] = r >> 16; ${FOLD} fb = (fb & ~0x801) | (r !== (r << 16) >> 16 ? 0x801 : 0);`);
          else code.push(`r = ((b[0x100000] << 24) >> 24) * ((${v} << 24) >> 24); w[0x80000] = r; ${FOLD} fb = (fb & ~0x801) | (r !== (r << 24) >> 24 ? 0x801 : 0);`);
          kind = 0;
        }
      } else if ((op === 0xf6 || op === 0xf7) && count > 0) {
        // DIV / IDIV through muldiv.ts. A divide error leaves the block before the instruction
        // (registers untouched; the flags it set are set again the same way), and the
        // interpreter raises the interrupt. Not as a block's first instruction, where leaving
        // before it would run nothing.
        const fn = `${reg === 6 ? 'div' : 'idiv'}${op === 0xf7 ? 16 : 8}`;
        code.push(`${REGS_OUT} ${SYNC_OUT} r = ${fn}(cpu, ${op === 0xf7 ? readE16() : readE8()}${reg === 7 ? ', false' : ''}) ? 1 : 0; ${SYNC_IN} ${REGS_IN} if (r === 0) ${exit(String(instrIp), n - 1)}`);
        kind = null;
      } else if (op >= 0xd0 && op <= 0xd3) {
        // The other shifts and rotates through shift.ts, with the flags handed over.
        const wide = (op & 1) !== 0;
        const count = op >= 0xd2 ? 'b[0x100002]' : '1';
        code.push(`${SYNC_OUT} r = shift(cpu, ${reg}, ${wide ? readE16() : readE8()}, ${count}, ${wide}); ${SYNC_IN}`, wide ? writeE16('r') : writeE8('r'));
        kind = null;
      } else if (op === 0x9a) {
        // CALL far: the block's last instruction.
        const off = fetch16();
        const seg = fetch16();
        code.push(push(String(cs)), push(String(ip & 0xffff)), `w[0x80009] = ${seg};`, exit(String(off), n));
        end = true;
      } else if (op === 0xea) {
        const off = fetch16();
        const seg = fetch16();
        code.push(`w[0x80009] = ${seg};`, exit(String(off), n));
        end = true;
      } else if (op >= 0xc8 && op <= 0xcb) {
        // RETF [imm] (C8h/C9h are 8086 aliases of CAh/CBh).
        const k = op & 1 ? 0 : fetch16();
        code.push(pop, 't = v;', pop, `w[0x80009] = v; w[0x80004] = (w[0x80004] + ${k}) & 0xffff;`, exit('t', n));
        end = true;
      } else unsupported = true;
    }
    if (unsupported || bad) {
      ip = instrIp;
      break;
    }
    lastStart = body.length;
    lastIp = instrIp;
    lastSegLoad = segLoad;
    body.push(`// ${instrIp.toString(16)}`, ...code);
    count = n;
  }
  // A segment load holds off interrupts and the trap for one instruction (the run loop's
  // shadow): one that would be the last to run keeps it out, so the next runs within the block.
  if (lastSegLoad && !end) {
    body.length = lastStart;
    ip = lastIp;
    count--;
  }
  if (count === 0) return null;
  const endIp = ip & 0xffff;
  ranges.push([rangeStart, csBase + ip]);
  const runs = ranges.filter(([a, e]) => e > a);
  // Verify the code bytes of every run: aligned double words (d, an Int32Array over the same
  // buffer) where four fit, words and bytes at the ends.
  const checks: string[] = [];
  for (const [first, stop] of runs) {
    let p = first;
    if (p & 1) {
      checks.push(`b[${p}] !== ${mem[p]}`);
      p++;
    }
    if (p & 2 && p + 1 < stop) {
      checks.push(`w[${p >> 1}] !== ${mem[p] | (mem[p + 1] << 8)}`);
      p += 2;
    }
    for (; p + 3 < stop; p += 4) checks.push(`d[${p >> 2}] !== ${mem[p] | (mem[p + 1] << 8) | (mem[p + 2] << 16) | (mem[p + 3] << 24)}`);
    for (; p + 1 < stop; p += 2) checks.push(`w[${p >> 1}] !== ${mem[p] | (mem[p + 1] << 8)}`);
    if (p < stop) checks.push(`b[${p}] !== ${mem[p]}`);
  }
  // A store hits the block when its byte (or either byte of a word) is in one of the runs.
  const smc8 = (x: string): string => runs.map(([a, e]) => `((${x} - ${a}) >>> 0) < ${e - a}`).join(' || ');
  const smc16 = (x: string): string => runs.map(([a, e]) => `((${x} + 1 - ${a}) >>> 0) < ${e - a + 1}`).join(' || ');
  // Blocks that neither read nor set a flag (moves, pushes, calls) leave the flag fields alone.
  const usesFlags = body.some((line) => /\b(?:lk|la|lb|lr|fb)\b/.test(line));
  const writeBack = (usesFlags ? 'cpu.lazyKind = lk; cpu.lazyA = la; cpu.lazyB = lb; cpu.lazyR = lr; cpu.flagBits = fb;' : '') +
    (hasEa ? ' cpu.eaBase = eb; cpu.eaOff = eo; cpu.eaLin = el;' : '');
  // Every exit sets the next IP and the instructions run and leaves the labelled block; one
  // write-back follows (the source stays short: V8 parses each block once, eagerly).
  let text = body.join('\n');
  text = text.replace(/EXIT_(\d+)\(([^)]*)\)/g, (_m, k: string, next: string) => `nip = ${next}; k = ${k}; break out;`);
  text = text.replace(/BACK_(\d+)/g, (_m, k: string) => `done += ${k}; if (done + ${count} <= room) continue; nip = ${startIp}; k = 0; break out;`);
  text = text.replace(/BLOCK_COUNT/g, String(count));
  text = text.replace(/SMC8\((\w+)\)/g, (_m, x: string) => `(${smc8(x)})`);
  text = text.replace(/SMC16\((\w+)\)/g, (_m, x: string) => `(${smc16(x)})`);
  if (!end) text += `\nnip = ${endIp}; k = ${count};`;
  const locals = registersInLocals(text);
  text = locals.body;
  const tail = `\n${writeBack} ${locals.store} cpu.ipReg = nip; return done + k;`;
  const source =
    `if (${checks.join(' || ')}) return -1;\n` +
    (locals.load !== '' ? `${locals.load}\n` : '') +
    (usesFlags ? 'let lk = cpu.lazyKind, la = cpu.lazyA, lb = cpu.lazyB, lr = cpu.lazyR, fb = cpu.flagBits;\n' : '') +
    (hasEa ? 'let eb = cpu.eaBase, eo = cpu.eaOff, el = cpu.eaLin;\n' : '') +
    'let x = 0, y = 0, r = 0, v = 0, t = 0, a = 0, sp = 0, ss = 0, done = 0, nip = 0, k = 0;\n' +
    (loops ? `for (;;) {\nout: {\n${text}\n}${tail}\n}` : `out: {\n${text}\n}${tail}`);
  const bytes: number[] = [];
  for (const [a, e] of runs) for (let p = a; p < e; p++) bytes.push(mem[p]);
  return { source, run: functionFor(`block_${cs.toString(16)}_${startIp.toString(16)}`, source), count, runs: runs.flat(), bytes: Uint8Array.from(bytes) };
}

/** Functions made so far, by their source: the same code at the same address (a program run
 *  again, another machine in the same process, a block dropped and compiled again) reuses the
 *  function V8 has already compiled and optimised. Bounded; cleared when full. */
const made = new Map<string, BlockFunction>();
const MAX_MADE = 8192;

function functionFor(name: string, source: string): BlockFunction {
  const key = `${name}\n${source}`;
  let fn = made.get(key);
  if (fn === undefined) {
    if (made.size >= MAX_MADE) made.clear();
    // Parenthesised, the function is compiled at once rather than pre-parsed and parsed again.
    const make = new Function(...Object.keys(HELPERS), `return (function ${name}(cpu, b, w, d, room) {\n${source}\n});`);
    fn = make(...Object.values(HELPERS)) as BlockFunction;
    made.set(key, fn);
  }
  return fn;
}

/** INC/DEC keep CF: the code that pins it in fb when the previous record defines it, for the
 *  record's kind when known at compile time (flags.ts lazyCF, specialised). */
function pinCarry(kind: number | null): string {
  if (kind === null) return 'if (lk !== 0 && lk < 13) fb = (fb & ~1) | lazyCF(lk, la, lb, lr);';
  switch (kind) {
    case 0: case 13: case 14: case 15: case 16: return '';
    case 1: return 'fb = (fb & ~1) | ((la + lb) >>> 8);';
    case 2: return 'fb = (fb & ~1) | ((la + lb) >>> 16);';
    case 5: case 6: return 'fb = (fb & ~1) | (la < lb ? 1 : 0);';
    case 9: case 10: return 'fb &= ~1;';
    case 11: case 12: return 'fb = (fb & ~1) | la;';
    default: return `fb = (fb & ~1) | lazyCF(${kind}, la, lb, lr);`;
  }
}

/** The condition of Jcc `cc` over the locals; after CMP/SUB (kind known) the operand compares
 *  the run loop uses. */
function jccCondition(cc: number, kind: number | null): string {
  let t: string;
  const sub = kind === 5 || kind === 6;
  const s = kind === 5 ? 24 : 16;
  switch (cc >> 1) {
    case 0: t = OF; break;
    case 1: t = sub ? 'la < lb' : `${CF} !== 0`; break;
    case 2: t = ZF; break;
    case 3: t = sub ? 'la <= lb' : `(${CF} !== 0 || ${ZF})`; break;
    case 4: t = SF; break;
    case 5: t = PF; break;
    case 6: t = sub ? `la << ${s} < lb << ${s}` : `${SF} !== ${OF}`; break;
    default: t = sub ? `la << ${s} <= lb << ${s}` : `(${ZF} || ${SF} !== ${OF})`; break;
  }
  return cc & 1 ? `!(${t})` : t;
}
