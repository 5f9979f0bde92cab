// The compiled tier against the interpreter: the same code run both ways must leave the same
// registers, flags, memory and instruction counts after every slice. Generated instruction
// streams (seeded) mix the forms a block holds with ones it ends before, segment overrides,
// stores into the code itself and jumps anywhere; hand-written programs cover a store into the
// instruction about to run, a store further into the running block, a jump into the middle of a
// compiled instruction, and code replaced from outside the CPU (as a file read or EXEC does).
import { describe, it, expect } from 'vitest';
import { Cpu } from '../../src/cpu/cpu';
import { IoPorts } from '../../src/cpu/bus';
import { compileBlock } from '../../src/cpu/block-compiler';

const CODE_SEG = 0x1000;
const DATA_SEG = 0x2000;
const STACK_SEG = 0x3000;

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Setup {
  code: number[];
  regs?: Partial<Record<'ax' | 'bx' | 'cx' | 'dx' | 'si' | 'di' | 'bp' | 'sp' | 'ds' | 'es' | 'ss', number>>;
  data?: Uint8Array;
  flags?: number;
}

function machine(s: Setup, tier: boolean, hot = 2): Cpu {
  const cpu = new Cpu(new IoPorts());
  if (tier) cpu.setCompiledTier(true, { hot });
  cpu.mem.set(s.code, CODE_SEG << 4);
  if (s.data) cpu.mem.set(s.data, DATA_SEG << 4);
  cpu.cs = CODE_SEG;
  cpu.ip = 0;
  cpu.ds = DATA_SEG;
  cpu.es = DATA_SEG;
  cpu.ss = STACK_SEG;
  cpu.sp = 0x1000;
  for (const [k, v] of Object.entries(s.regs ?? {})) cpu[k as 'ax'] = v;
  cpu.flags = s.flags ?? 0;
  return cpu;
}

function state(cpu: Cpu): string {
  const r = ['ax', 'bx', 'cx', 'dx', 'si', 'di', 'bp', 'sp', 'cs', 'ds', 'es', 'ss', 'ip', 'flags'] as const;
  return `${r.map((n) => `${n}=${cpu[n].toString(16)}`).join(' ')} n=${cpu.instructions} halted=${cpu.halted}`;
}

/** Runs the setup both ways in slices; returns the interpreter's CPU after checking they agree. */
function differential(s: Setup, slices: number[], hot = 2): { interp: Cpu; compiled: Cpu } {
  const interp = machine(s, false);
  const compiled = machine(s, true, hot);
  for (const budget of slices) {
    interp.run(budget);
    compiled.run(budget);
    expect(state(compiled)).toBe(state(interp));
  }
  let diff = -1;
  for (let i = 0; i < interp.mem.length; i++) {
    if (interp.mem[i] !== compiled.mem[i]) {
      diff = i;
      break;
    }
  }
  expect(diff, `first differing byte at ${diff.toString(16)}`).toBe(-1);
  return { interp, compiled };
}

/** A random instruction of the forms blocks hold (mostly) or end before. */
function randomInstruction(r: () => number): number[] {
  const byte = () => Math.floor(r() * 256);
  // ModRM with any mod; registers BX/SI/DI/BP point into the data segment or the code.
  const modrm = (reg = Math.floor(r() * 8)) => {
    const mod = Math.floor(r() * 4);
    const rm = Math.floor(r() * 8);
    const m = (mod << 6) | (reg << 3) | rm;
    const out = [m];
    if (mod === 1) out.push(byte());
    else if (mod === 2 || (mod === 0 && rm === 6)) out.push(byte(), byte());
    return out;
  };
  const prefix = r() < 0.15 ? [[0x26, 0x2e, 0x36, 0x3e][Math.floor(r() * 4)]] : [];
  const k = Math.floor(r() * 38);
  switch (k) {
    case 0: case 1: case 2: {
      // ALU r/m forms (00-03 + 8*op), AL/AX imm forms
      const op = Math.floor(r() * 8) * 8 + Math.floor(r() * 6);
      if ((op & 7) === 4) return [op, byte()];
      if ((op & 7) === 5) return [op, byte(), byte()];
      return [...prefix, op, ...modrm()];
    }
    case 3: return [...prefix, 0x80 + Math.floor(r() * 4), ...modrm(), byte(), ...(r() < 0.5 ? [byte()] : [])].slice(0, 7);
    case 4: return [...prefix, 0x88 + Math.floor(r() * 4), ...modrm()];
    case 5: return [...prefix, 0x8d, ...modrm()];
    case 6: return [0xb0 + Math.floor(r() * 16), byte(), byte()].slice(0, 2 + (r() < 0.5 ? 1 : 0));
    case 7: return [0x40 + Math.floor(r() * 16)];
    case 8: return [0x50 + Math.floor(r() * 8)];
    case 9: return [0x58 + Math.floor(r() * 8)];
    case 10: return [0x70 + Math.floor(r() * 16), Math.floor(r() * 40) - 20 & 0xff];
    case 11: return [[0xe2, 0xe3, 0xe0, 0xe1, 0xeb][Math.floor(r() * 5)], Math.floor(r() * 40) - 30 & 0xff];
    case 12: return [...prefix, 0x84 + Math.floor(r() * 2), ...modrm()];
    case 13: return [0xa8 + Math.floor(r() * 2), byte(), byte()];
    case 14: return [...prefix, 0xfe + Math.floor(r() * 2), ...modrm(Math.floor(r() * 2))];
    case 15: return [0xd1, 0xe0 + Math.floor(r() * 16)];
    case 16: return [0x90 + Math.floor(r() * 10)];
    case 17: return [...prefix, 0xa0 + Math.floor(r() * 4), byte(), byte() & 0x0f];
    case 18: return [...prefix, 0xc6 + Math.floor(r() * 2), ...modrm(0), byte(), byte()];
    case 19: return [0xe8, Math.floor(r() * 64) - 32 & 0xff, 0x00 - (r() < 0.5 ? 0 : 1) & 0xff];
    case 20: return [[0xc3, 0xc2, 0xc3][Math.floor(r() * 3)], 2, 0];
    case 21: return [...prefix, 0xff, ...modrm([2, 4, 0, 1][Math.floor(r() * 4)])];
    case 22: return [...prefix, 0x8c, ...modrm(Math.floor(r() * 4))];
    // String instructions without REP (blocks hold them) and with (the interpreter runs them).
    case 23: return [...prefix, [0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf][Math.floor(r() * 10)]];
    case 24: return [...(r() < 0.3 ? [0xf2 + Math.floor(r() * 2)] : []), ...prefix, 0xa4 + Math.floor(r() * 12)].filter((x) => x !== 0xa8 && x !== 0xa9);
    // Segment register pushes and pops, MOV to ES/DS (and SS, left to the interpreter), LES/LDS.
    case 25: return [[0x06, 0x0e, 0x16, 0x1e, 0x07, 0x1f, 0x07, 0x1f][Math.floor(r() * 8)]];
    case 26: return [...prefix, 0x8e, ...modrm([0, 3, 4, 7, 2][Math.floor(r() * 5)])];
    case 27: {
      const m = modrm();
      if (m[0] >= 0xc0 && r() < 0.8) m[0] &= 0x3f; // mostly the memory forms
      return [...prefix, 0xc4 + Math.floor(r() * 2), ...m];
    }
    // PUSH/POP r/m, XCHG r/m.
    case 28: return [...prefix, 0xff, ...modrm(6 + Math.floor(r() * 2))];
    case 29: return [...prefix, 0x8f, ...modrm()];
    case 30: return [...prefix, 0x86 + Math.floor(r() * 2), ...modrm()];
    // Shifts and rotates, every form.
    case 31: return [...prefix, 0xd0 + Math.floor(r() * 4), ...modrm()];
    // Group 3: TEST, NOT, NEG, MUL, IMUL (blocks) and DIV, IDIV (the interpreter).
    case 32: {
      const g = Math.floor(r() * 8);
      const wide = r() < 0.5;
      return [...prefix, 0xf6 + (wide ? 1 : 0), ...modrm(g), ...(g < 2 ? (wide ? [byte(), byte()] : [byte()]) : [])];
    }
    // Flag instructions, PUSHF, LAHF/SAHF, XLAT.
    case 33: return [...prefix, [0xf8, 0xf9, 0xf5, 0xfc, 0xfd, 0x9c, 0x9e, 0x9f, 0xd7][Math.floor(r() * 9)]];
    // Far transfers within the code segment (RETF now and then, to wherever the stack says).
    case 34: return [0x9a + (r() < 0.5 ? 0x50 : 0), Math.floor(r() * 0x600) & 0xff, Math.floor(r() * 6), CODE_SEG & 0xff, CODE_SEG >> 8];
    case 35: return r() < 0.2 ? [[0xcb, 0xca, 0xc9][Math.floor(r() * 3)], 2, 0] : [0x90];
    // Forms blocks end before: POPF, CLI/STI, DIV, INT 3 (a vector at 0 sends it back to the code).
    default: return [[0xfa, 0xfb, 0xf7, 0xcc][Math.floor(r() * 4)], 0xf0];
  }
}

describe('compiled tier against the interpreter', () => {
  it('generated instruction streams leave the same state after every slice', () => {
    let blocks = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed);
      const code: number[] = [];
      while (code.length < 1500) code.push(...randomInstruction(r));
      // A loop around it all, so blocks turn hot: jump back to the start.
      code.push(0xe9, ...[(-code.length - 3) & 0xff, ((-code.length - 3) >> 8) & 0xff]);
      const data = new Uint8Array(0x10000);
      for (let i = 0; i < data.length; i++) data[i] = Math.floor(r() * 256);
      const ds = seed % 3 === 0 ? CODE_SEG : DATA_SEG; // a third store into their own code
      const regs = { ax: Math.floor(r() * 0x10000), bx: Math.floor(r() * 0x800), cx: Math.floor(r() * 64), dx: Math.floor(r() * 0x10000),
        si: Math.floor(r() * 0x800), di: Math.floor(r() * 0x800), bp: Math.floor(r() * 0x800), ds };
      // TF clear (with TF every instruction is interpreted; a test of its own covers it).
      const { compiled } = differential({ code, data, regs, flags: Math.floor(r() * 0x10000) & 0x0ed5 & ~0x100 }, [1, 7, 100, 1000, ...Array.from({ length: 40 }, (_, i) => 9 + i), 5000, 20000, 3, 50000]);
      blocks += compiled.compiledTier?.compiled ?? 0;
    }
    expect(blocks).toBeGreaterThan(100);
  }, 180_000);

  it('a store into the instruction about to run is seen at once', () => {
    // mov cx,20 / L: mov [cs:0009],cl / mov al,FFh (its immediate patched) / add ah,al / loop L / hlt
    const code = [0xb9, 20, 0, 0x2e, 0x88, 0x0e, 0x09, 0x00, 0xb0, 0xff, 0x00, 0xc4, 0xe2, 0xf5, 0xf4];
    const { interp, compiled } = differential({ code }, [1000], 1);
    expect(interp.ah).toBe(210 & 0xff); // 20 + 19 + ... + 1
    expect(interp.halted).toBe(true);
    expect(compiled.compiledTier?.compiled).toBeGreaterThan(0);
  });

  it('a store further into the running block is seen when the block gets there', () => {
    // mov cx,20 / L: mov [cs:000C],cl / inc bx / inc bx / mov dl,FFh (patched) / add dh,dl / loop L / hlt
    const code = [0xb9, 20, 0, 0x2e, 0x88, 0x0e, 0x0c, 0x00, 0x43, 0x43, 0x90, 0xb2, 0xff, 0x00, 0xd6, 0xe2, 0xf2, 0xf4];
    const { interp } = differential({ code }, [1000], 1);
    expect(interp.dh).toBe(210);
    expect(interp.bx).toBe(40);
  });

  it('a jump into the middle of a compiled instruction runs the bytes found there', () => {
    // mov dx,3 / A: mov cx,5 / B: mov ax,9040h / add bx,ax / loop B / dec dx / jz END / mov cx,5 / jmp B+1 (inc ax; nop) / END: hlt
    const code = [0xba, 3, 0, 0xb9, 5, 0, 0xb8, 0x40, 0x90, 0x01, 0xc3, 0xe2, 0xf9, 0x4a, 0x74, 0x05, 0xb9, 5, 0, 0xeb, 0xf2, 0xf4];
    const { interp, compiled } = differential({ code }, [1, 2, 3, 500], 1);
    expect(interp.halted).toBe(true);
    // 5 x 9040h, then twice (inc ax: 9041h, then 4 x 9040h).
    expect(interp.bx).toBe((5 * 0x9040 + 2 * (0x9041 + 4 * 0x9040)) & 0xffff);
    expect(compiled.compiledTier?.compiled).toBeGreaterThan(2);
  });

  it('code replaced from outside the CPU (a file read, an overlay) never runs stale', () => {
    // L: add ax,1 / jmp L ... then the add becomes add ax,0100h.
    const first = [0x05, 0x01, 0x00, 0xeb, 0xfb];
    const second = [0x05, 0x00, 0x01, 0xeb, 0xfb];
    const interp = machine({ code: first }, false);
    const compiled = machine({ code: first }, true, 1);
    for (const cpu of [interp, compiled]) {
      cpu.run(1000);
      cpu.mem.set(second, CODE_SEG << 4);
      cpu.run(1000);
    }
    expect(state(compiled)).toBe(state(interp));
    expect(interp.ax).toBe((500 + 500 * 0x100) & 0xffff);
  });

  it('machines in one process share blocks only where the code bytes are the same', () => {
    // L: add ax,1 / jmp L, then add ax,0100h at the same CS:IP in a second machine, then the
    // first code again in a third (which finds the first machine's block).
    const first = [0x05, 0x01, 0x00, 0xeb, 0xfb];
    const second = [0x05, 0x00, 0x01, 0xeb, 0xfb];
    for (const [code, ax] of [[first, 500], [second, 500 * 0x100], [first, 500]] as const) {
      const { interp, compiled } = differential({ code }, [1000], 2);
      expect(interp.ax).toBe(ax & 0xffff);
      // One block, found or made once: a stale one taken would be found stale, dropped and
      // taken again until the address is given up.
      expect(compiled.compiledTier?.compiled).toBe(1);
    }
  });

  it('a register a block changes holds 16 bits for the next instruction in the block', () => {
    // mov cx,30 / L: mov ax,cx / mov bx,9001h / mul bx / add si,ax / add di,dx / imul bx /
    // add si,ax / adc di,dx / mov sp,FFFEh / pop ax / pop bx (SP wraps to 0, then 2) /
    // add si,sp / add si,ax / add si,bx / mov al,cl / neg al / cbw / add di,ax / loop L / hlt:
    // products wider than a word, a stack pointer past FFFFh, a byte register under a word one.
    const code = [0xb9, 0x1e, 0x00, 0x89, 0xc8, 0xbb, 0x01, 0x90, 0xf7, 0xe3, 0x01, 0xc6, 0x01, 0xd7, 0xf7, 0xeb, 0x01, 0xc6,
      0x11, 0xd7, 0xbc, 0xfe, 0xff, 0x58, 0x5b, 0x01, 0xe6, 0x01, 0xc6, 0x01, 0xde, 0x88, 0xc8, 0xf6, 0xd8, 0x98, 0x01, 0xc7,
      0xe2, 0xdb, 0xf4];
    const data = new Uint8Array(0x10000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 13 + 5) & 0xff;
    const { interp, compiled } = differential({ code, data, regs: { ss: DATA_SEG } }, [1, 30, 1000], 1);
    expect(interp.halted).toBe(true);
    expect(interp.sp).toBe(2);
    expect(compiled.compiledTier?.compiled).toBeGreaterThan(0);
  });

  it('blocks end before forms they do not hold and never cross a BOP', () => {
    // inc ax / inc ax / BOP 01 (C4 C4 01) / inc ax
    const c = compileBlock(new Uint8Array([0x40, 0x40, 0xc4, 0xc4, 0x01, 0x40]), 0, 0);
    expect(c?.count).toBe(2);
    // INT 21h, IN, CLI, STI, POPF, MOV SS, a REP string: no block at all.
    for (const bytes of [[0xcd, 0x21], [0xe4, 0x60], [0xfa], [0xfb], [0x9d], [0x8e, 0xd0], [0xf3, 0xa4]]) {
      expect(compileBlock(new Uint8Array(bytes), 0, 0)).toBeNull();
    }
  });

  it('a segment load is never the last instruction a block runs (its interrupt shadow stays the loop\'s)', () => {
    // pop ds / cli: the pop would end the block, so no block; pop ds / inc ax / cli: both.
    expect(compileBlock(new Uint8Array([0x1f, 0xfa]), 0, 0)).toBeNull();
    expect(compileBlock(new Uint8Array([0x8e, 0xc0, 0xfa]), 0, 0)).toBeNull();
    expect(compileBlock(new Uint8Array([0x1f, 0x40, 0xfa]), 0, 0)?.count).toBe(2);
    expect(compileBlock(new Uint8Array([0x40, 0x07, 0xfa]), 0, 0)?.count).toBe(1);
    // The block limit falls just after a segment load: it is left out.
    expect(compileBlock(new Uint8Array([0x40, 0x1e, 0x1f, 0x40]), 0, 0, 3)?.count).toBe(2);
    // A segment load followed by a transfer stays: the transfer runs in its shadow.
    expect(compileBlock(new Uint8Array([0x1f, 0xeb, 0xfd]), 0, 0)?.count).toBe(2);
  });

  it('segment loads, LES/LDS, string moves and far calls in blocks agree with the interpreter', () => {
    // A loop over: push ds / pop es / mov ax,ds / mov ds,ax / les di,[si] / lds si,[si+4] (DS:SI
    // -> a table of far pointers back to the data segment) / movsw / stosb / lodsw / cmpsb /
    // mov ds,ax (reload) / call far to a procedure (neg ax / not bx / mul cx / retf) / loop.
    const code = [
      0xb9, 50, 0, // mov cx,50
      0xbe, 0x00, 0x01, // L: mov si,0100h
      0x1e, 0x07, 0x8c, 0xd8, 0x8e, 0xd8, // push ds / pop es / mov ax,ds / mov ds,ax
      0x8c, 0xc2, 0x01, 0xd3, // mov dx,es / add bx,dx
      0xc4, 0x3c, 0xc5, 0x74, 0x04, // les di,[si] / lds si,[si+4]
      0xa5, 0xaa, 0xad, 0xa6, // movsw / stosb / lodsw / cmpsb
      // Everything into BX: pushf / pop dx / add bx,dx / add bx,ax / adc bx,di / adc bx,si /
      // mov dx,es / add bx,dx / mov dx,ds / add bx,dx
      0x9c, 0x5a, 0x01, 0xd3, 0x01, 0xc3, 0x11, 0xfb, 0x11, 0xf3, 0x8c, 0xc2, 0x01, 0xd3, 0x8c, 0xda, 0x01, 0xd3,
      0xb8, DATA_SEG & 0xff, DATA_SEG >> 8, 0x8e, 0xd8, 0x8e, 0xc0, // mov ax,DATA_SEG / mov ds,ax / mov es,ax
      0x9a, 0x40, 0x00, CODE_SEG & 0xff, CODE_SEG >> 8, // call far CODE_SEG:0040
      0xe2, 0xca, // loop L
      0xf4,
    ];
    while (code.length < 0x40) code.push(0x90);
    // neg ax / rol bx,1 / mul cx / pushf / pop ax / add bx,ax / xchg ax,dx / retf
    code.push(0xf7, 0xd8, 0xd1, 0xc3, 0xf7, 0xe1, 0x9c, 0x58, 0x01, 0xc3, 0x92, 0xcb);
    const data = new Uint8Array(0x10000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + 3) & 0xff;
    // [0100h]: far pointer 2000:0200 (ES:DI); [0104h]: 2000:0300 (DS:SI).
    data.set([0x00, 0x02, DATA_SEG & 0xff, DATA_SEG >> 8, 0x00, 0x03, DATA_SEG & 0xff, DATA_SEG >> 8], 0x100);
    const { interp, compiled } = differential({ code, data, regs: { bx: 0x1234 } }, [1, 5, 13, 100, 2000], 2);
    expect(interp.halted).toBe(true);
    expect(compiled.compiledTier?.compiled).toBeGreaterThan(2);
  });

  it('REP string instructions in blocks count every iteration and agree with the interpreter', () => {
    // mov bp,30 / L: mov si,100h / mov di,200h / mov cx,bp / and cx,7 / rep movsb / mov si,100h /
    // mov di,180h / mov cx,bp / repe cmpsb / pushf / pop ax / add bx,ax / add bx,cx / mov al,41h /
    // mov cx,bp / repne scasb / add bx,cx / add bx,di / dec bp / jnz L / hlt
    const code = [0xbd, 30, 0, 0xbe, 0x00, 0x01, 0xbf, 0x00, 0x02, 0x89, 0xe9, 0x83, 0xe1, 0x07, 0xf3, 0xa4, 0xbe, 0x00, 0x01,
      0xbf, 0x80, 0x01, 0x89, 0xe9, 0xf3, 0xa6, 0x9c, 0x58, 0x01, 0xc3, 0x01, 0xcb, 0xb0, 0x41, 0x89, 0xe9, 0xf2, 0xae, 0x01, 0xcb,
      0x01, 0xfb, 0x4d, 0x75, 0xd6, 0xf4];
    const data = new Uint8Array(0x10000);
    const r = rng(7);
    for (let i = 0; i < data.length; i++) data[i] = Math.floor(r() * 256);
    data.copyWithin(0x180, 0x100, 0x10c); // REPE CMPSB matches 12 bytes, then differs
    data[0x195] = 0x41; // REPNE SCASB finds 41h after a few bytes
    for (const slices of [[1, 10, 50, 100, 1000, 5000], [...Array.from({ length: 80 }, (_, i) => 5 + ((i * 7) % 23)), 5000]]) {
      const { interp, compiled } = differential({ code, data, regs: { bx: 0x1234 } }, slices, 2);
      expect(interp.halted).toBe(true);
      expect(compiled.compiledTier?.compiled).toBeGreaterThan(0);
    }
  });

  it('POPF in blocks: one that changes IF or TF is left to the interpreter', () => {
    // mov cx,32 or 64 / L: pushf / pop ax / xor ax,0801h / mov dl,cl / shr dl,1 (3x) / mov dh,dl /
    // shr dh,1 / xor dl,dh / and dl,3 / and ah,FCh / or ah,dl (TF = CX bit 3 ^ bit 4, IF = bit 4:
    // passes where only one of them changes) / push ax / popf / adc bx,cx / jno M / inc bp /
    // M: loop L / hlt; the trap handler at 0000:0400 counts in DI.
    for (const passes of [32, 64]) {
    const code = [0xb9, passes, 0, 0x9c, 0x58, 0x35, 0x01, 0x08, 0x88, 0xca, 0xd0, 0xea, 0xd0, 0xea, 0xd0, 0xea, 0x88, 0xd6, 0xd0, 0xee,
      0x30, 0xf2, 0x80, 0xe2, 0x03, 0x80, 0xe4, 0xfc, 0x08, 0xd4, 0x50, 0x9d, 0x11, 0xcb, 0x71, 0x01, 0x45, 0xe2, 0xdc, 0xf4];
    const interp = machine({ code }, false);
    const compiled = machine({ code }, true, 2);
    for (const c of [interp, compiled]) {
      c.mem.set([0x00, 0x04, 0x00, 0x00], 4);
      c.mem.set([0x47, 0xcf], 0x400);
      // A hardware interrupt raised before every slice, taken once IF allows (inc si / iret).
      c.mem.set([0x20, 0x04, 0x00, 0x00], 8 * 4);
      c.mem.set([0x46, 0xcf], 0x420);
      c.pic = { acknowledge: () => { c.intr = false; return 8; } };
    }
    for (const budget of [1, 9, 30, 13, 17, ...Array.from({ length: 120 }, (_, i) => 7 + ((i * 13) % 50)), 100, 1000, 5000]) {
      for (const c of [interp, compiled]) {
        c.intr = true;
        c.run(budget);
      }
      expect(state(compiled)).toBe(state(interp));
    }
    expect(interp.halted).toBe(true);
    expect(interp.di).toBeGreaterThan(10); // single-stepped while TF was on
    expect(interp.si).toBeGreaterThan(5); // interrupts taken while IF was on
    expect(compiled.compiledTier?.compiled).toBeGreaterThan(0);
    }
  });

  it('an interrupt waiting for IF is taken right after the POPF that sets it', () => {
    // mov cx,32 / L: pushf / pop ax / or ax,0200h / push ax / popf / inc bx / cli / loop L / hlt;
    // the interrupt handler at 0000:0420 counts in SI.
    const code = [0xb9, 32, 0, 0x9c, 0x58, 0x0d, 0x00, 0x02, 0x50, 0x9d, 0x43, 0xfa, 0xe2, 0xf5, 0xf4];
    const interp = machine({ code }, false);
    const compiled = machine({ code }, true, 2);
    for (const c of [interp, compiled]) {
      c.mem.set([0x20, 0x04, 0x00, 0x00], 8 * 4);
      c.mem.set([0x46, 0xcf], 0x420);
      c.pic = { acknowledge: () => { c.intr = false; return 8; } };
    }
    for (const budget of Array.from({ length: 40 }, (_, i) => 10 + i)) {
      for (const c of [interp, compiled]) {
        c.intr = true;
        c.run(budget);
      }
      expect(state(compiled)).toBe(state(interp));
    }
    expect(interp.halted).toBe(true);
    expect(interp.si).toBeGreaterThan(10);
  });

  it('DIV and IDIV in blocks: a divide error leaves the block and is raised by the interpreter', () => {
    // L: mov ax,cx / or ah,F0h / mov bl,cl / and bl,3 / xor dx,dx / xor bh,bh / div bx (BX = 0
    // every 4th pass) / add si,ax / add si,dx / mov ax,cx / neg ax / cwd / idiv bl / add si,ax /
    // loop L / hlt; the divide error handler at 0000:0400 counts in DI (inc di / iret).
    const code = [0xb9, 40, 0, 0x89, 0xc8, 0x80, 0xcc, 0xf0, 0x88, 0xcb, 0x80, 0xe3, 0x03, 0x31, 0xd2, 0x30, 0xff, 0xf7, 0xf3,
      0x01, 0xc6, 0x01, 0xd6, 0x89, 0xc8, 0xf7, 0xd8, 0x99, 0xf6, 0xfb, 0x01, 0xc6, 0xe2, 0xe1, 0xf4];
    const interp = machine({ code }, false);
    const compiled = machine({ code }, true, 2);
    for (const c of [interp, compiled]) {
      c.mem.set([0x00, 0x04, 0x00, 0x00], 0);
      c.mem.set([0x47, 0xcf], 0x400);
    }
    for (const budget of [1, 9, 30, 100, 1000]) {
      interp.run(budget);
      compiled.run(budget);
      expect(state(compiled)).toBe(state(interp));
    }
    expect(interp.halted).toBe(true);
    expect(interp.di).toBeGreaterThanOrEqual(20); // at least the 10 passes with BL = 0, in DIV and in IDIV
    expect(compiled.compiledTier?.compiled).toBeGreaterThan(0);
  });

  it('a store into a block the running one chains to is seen when the chain gets there', () => {
    // mov cx,40 / L: mov [cs:P+1],cl / call P / loop L / hlt / P: mov al,FFh (patched) / add ah,al /
    // inc bx / ret: the block at L ends at the call and goes straight on to P's block, whose
    // code it has just changed.
    const code = [0xb9, 40, 0, 0x2e, 0x88, 0x0e, 0x0f, 0x00, 0xe8, 0x03, 0x00, 0xe2, 0xf6, 0xf4, 0xb0, 0xff, 0x00, 0xc4, 0x43, 0xc3];
    for (const hot of [1, 2, 5]) {
      const { interp, compiled } = differential({ code }, [3, 1000], hot);
      expect(interp.ah).toBe(820 & 0xff); // 40 + 39 + ... + 1
      expect(interp.bx).toBe(40);
      expect(compiled.compiledTier?.compiled).toBeGreaterThan(2);
    }
  });

  it('chained blocks stop at the budget and let interrupts requested between slices in', () => {
    // Recursive Fibonacci: mov cx,6 / O: push cx / mov ax,9 / push ax / call fib / add dx,ax /
    // pop cx / loop O / hlt, fib as calls.asm has it (near calls, BP frame, RET 2): blocks that
    // end in calls and returns, run one after another. An interrupt (inc si / iret at 0000:0420)
    // is requested before every slice, with IF set.
    const code = [0xb9, 0x06, 0x00, 0x51, 0xb8, 0x09, 0x00, 0x50, 0xe8, 0x06, 0x00, 0x01, 0xc2, 0x59, 0xe2, 0xf3,
      0xf4, 0x55, 0x89, 0xe5, 0x53, 0x8b, 0x46, 0x04, 0x83, 0xf8, 0x02, 0x72, 0x13, 0x48, 0x50, 0xe8,
      0xef, 0xff, 0x89, 0xc3, 0x8b, 0x46, 0x04, 0x83, 0xe8, 0x02, 0x50, 0xe8, 0xe3, 0xff, 0x01, 0xd8,
      0x5b, 0x5d, 0xc2, 0x02, 0x00];
    const interp = machine({ code, flags: 0x200 }, false);
    const compiled = machine({ code, flags: 0x200 }, true, 2);
    for (const c of [interp, compiled]) {
      c.mem.set([0x20, 0x04, 0x00, 0x00], 8 * 4);
      c.mem.set([0x46, 0xcf], 0x420);
      c.pic = { acknowledge: () => { c.intr = false; return 8; } };
    }
    let slices = 0;
    while (!interp.halted) {
      const budget = 20 + ((slices * 37) % 400);
      for (const c of [interp, compiled]) {
        c.intr = true;
        c.run(budget);
      }
      expect(state(compiled)).toBe(state(interp));
      slices++;
    }
    expect(interp.dx).toBe(6 * 34);
    expect(interp.si).toBe(slices);
    expect(compiled.compiledTier?.compiled).toBeGreaterThan(4);
  });

  it('with TF set every instruction is interpreted and single-stepped as before', () => {
    // A step handler at 0000:0400 counting traps in SI: inc si / iret.
    const cpu = machine({ code: [0x40, 0x40, 0x40, 0x40, 0xeb, 0xfa] }, true, 1);
    const plain = machine({ code: [0x40, 0x40, 0x40, 0x40, 0xeb, 0xfa] }, false);
    for (const c of [cpu, plain]) {
      c.mem.set([0x00, 0x04, 0x00, 0x00], 4); // vector 1 -> 0000:0400
      c.mem.set([0x46, 0xcf], 0x400);
      c.flags = 0x0100;
      c.run(200);
    }
    expect(state(cpu)).toBe(state(plain));
    expect(cpu.si).toBeGreaterThan(50);
  });
});
