// The 8086 disassembler: decodes one instruction at CS:IP into Intel syntax as MS-DOS DEBUG's U
// command prints it (uppercase, bare hex, BYTE/WORD PTR only where no register implies the size).
// It serves --trace lines and fault messages only, so it favours clarity over speed.
import { BOP_OPCODE } from './bop';

export interface Disassembly {
  text: string;
  length: number;
}

const REG8 = ['AL', 'CL', 'DL', 'BL', 'AH', 'CH', 'DH', 'BH'];
const REG16 = ['AX', 'CX', 'DX', 'BX', 'SP', 'BP', 'SI', 'DI'];
/** 8Ch/8Eh look only at the low two bits of the reg field on the 8086: reg 4-7 alias ES, CS, SS, DS. */
const SREG = ['ES', 'CS', 'SS', 'DS'];
/** The eight ModRM r/m base/index combinations of 16-bit addressing. */
const EA_BASE = ['BX+SI', 'BX+DI', 'BP+SI', 'BP+DI', 'SI', 'DI', 'BP', 'BX'];
const ALU = ['ADD', 'OR', 'ADC', 'SBB', 'AND', 'SUB', 'XOR', 'CMP'];
/** D0-D3 by reg field; /6 is the undocumented 8086 slot that sets the operand to all ones
 *  ("SETMO"; with a CL count "SETMOC", which does so only when CL is nonzero). */
const SHIFT = ['ROL', 'ROR', 'RCL', 'RCR', 'SHL', 'SHR', 'SETMO', 'SAR'];
/** F6/F7 by reg field; /1 is an undocumented alias of TEST. */
const GROUP3 = ['TEST', 'TEST', 'NOT', 'NEG', 'MUL', 'IMUL', 'DIV', 'IDIV'];
/** FF by reg field (/7 is an alias of PUSH). FE /2-/7 run the same operations on a byte operand. */
const GROUP5 = ['INC', 'DEC', 'CALL', 'CALL FAR', 'JMP', 'JMP FAR', 'PUSH', 'PUSH'];
/** 70h-7Fh (and their 8086 aliases 60h-6Fh) in DEBUG's spelling. */
const JCC = ['JO', 'JNO', 'JB', 'JNB', 'JZ', 'JNZ', 'JBE', 'JA', 'JS', 'JNS', 'JPE', 'JPO', 'JL', 'JGE', 'JLE', 'JG'];

/** Prefix bytes. F1h is an undocumented alias of LOCK on the 8086. */
const PREFIX = {
  ES: 0x26,
  CS: 0x2e,
  SS: 0x36,
  DS: 0x3e,
  LOCK: 0xf0,
  LOCK_ALIAS: 0xf1,
  REPNE: 0xf2,
  REP: 0xf3,
} as const;

/** A BOP is LES with ModRM C4h (register operand) followed by the BOP number: C4 C4 nn. */
const BOP_MODRM = BOP_OPCODE;
/** BOP 58h (the VDD bridge) is followed by a sub-function byte (00 RegisterModule,
 *  01 UnRegisterModule, 02 DispatchCall) that its handler steps IP past. */
const BOP_VDD = 0x58;

/** AAM/AAD with this base are shown bare, as DEBUG does; other bases are shown as an operand. */
const BCD_DEFAULT_BASE = 0x0a;

const SEGMENT_SIZE = 0x10000;
const ADDRESS_MASK = 0xfffff;
/** formatInstruction shows at most this many bytes of an instruction (only runs of redundant
 *  prefixes make one longer than 8). */
const MAX_SHOWN_BYTES = 10;

function hex2(v: number): string {
  return (v & 0xff).toString(16).toUpperCase().padStart(2, '0');
}

function hex4(v: number): string {
  return (v & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** A sign-extended byte as DEBUG shows it: "+12", "-02". */
function signed8(v: number): string {
  return v < 0 ? `-${hex2(-v)}` : `+${hex2(v)}`;
}

/** Reads instruction bytes at CS:IP+n, wrapping within the segment and at 1 MiB. */
class Cursor {
  n = 0;
  private readonly base: number;

  constructor(
    private readonly mem: Uint8Array,
    cs: number,
    readonly ip: number,
  ) {
    this.base = (cs & 0xffff) << 4;
  }

  peek(): number {
    // `| 0` keeps a short buffer from yielding undefined: reads past its end see zero.
    return this.mem[(this.base + ((this.ip + this.n) & 0xffff)) & ADDRESS_MASK] | 0;
  }

  u8(): number {
    const b = this.peek();
    this.n++;
    return b;
  }

  s8(): number {
    const b = this.u8();
    return b < 0x80 ? b : b - 0x100;
  }

  u16(): number {
    const lo = this.u8();
    return lo | (this.u8() << 8);
  }
}

interface ModRM {
  mod: number;
  reg: number;
  rm: number;
  /** The memory operand without segment, e.g. "[BX+SI+12]"; null when mod = 3 (a register). */
  ea: string | null;
}

type PrefixKind = 'SEG' | 'LOCK' | 'REP';

/** One instruction being decoded: the byte cursor plus the prefixes seen before the opcode. */
class Decoder {
  readonly c: Cursor;
  /** Prefix kinds in the order of their last occurrence (the 8086 honours the last of each). */
  readonly prefixes: PrefixKind[] = [];
  seg: string | null = null;
  repByte = 0;
  /** True once a memory operand has shown the segment override, so it is not repeated up front. */
  segShown = false;

  constructor(mem: Uint8Array, cs: number, ip: number) {
    this.c = new Cursor(mem, cs, ip);
  }

  addPrefix(kind: PrefixKind): void {
    const at = this.prefixes.indexOf(kind);
    if (at >= 0) this.prefixes.splice(at, 1);
    this.prefixes.push(kind);
  }

  modrm(first = this.c.u8()): ModRM {
    const mod = first >> 6;
    const reg = (first >> 3) & 7;
    const rm = first & 7;
    let ea: string | null = null;
    if (mod === 0 && rm === 6) ea = `[${hex4(this.c.u16())}]`;
    else if (mod === 0) ea = `[${EA_BASE[rm]}]`;
    else if (mod === 1) ea = `[${EA_BASE[rm]}${signed8(this.c.s8())}]`;
    else if (mod === 2) ea = `[${EA_BASE[rm]}+${hex4(this.c.u16())}]`;
    return { mod, reg, rm, ea };
  }

  /** A memory operand with its size keyword (when asked for) and segment override. */
  mem(ea: string, size = ''): string {
    let seg = '';
    if (this.seg !== null) {
      seg = `${this.seg}:`;
      this.segShown = true;
    }
    return `${size}${seg}${ea}`;
  }

  /** The r/m operand; `sized` adds BYTE PTR / WORD PTR to a memory operand whose size no
   *  register operand implies. */
  rm(m: ModRM, wide: boolean, sized: boolean): string {
    if (m.ea === null) return (wide ? REG16 : REG8)[m.rm];
    return this.mem(m.ea, sized ? (wide ? 'WORD PTR ' : 'BYTE PTR ') : '');
  }

  imm(wide: boolean): string {
    return wide ? hex4(this.c.u16()) : hex2(this.c.u8());
  }

  /** Relative targets are shown as the absolute offset they reach, wrapping in the segment. */
  rel8(): string {
    const d = this.c.s8();
    return hex4(this.c.ip + this.c.n + d);
  }

  rel16(): string {
    const d = this.c.u16();
    return hex4(this.c.ip + this.c.n + d);
  }

  /** A direct far pointer (offset word, then segment word) as SEG:OFF. */
  far(): string {
    const off = this.c.u16();
    const seg = this.c.u16();
    return `${hex4(seg)}:${hex4(off)}`;
  }
}

/** ALU forms of 00h-3Dh by the low three opcode bits: Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / AX,Iv. */
function aluForm(d: Decoder, name: string, form: number): string {
  if (form === 4) return `${name} AL,${d.imm(false)}`;
  if (form === 5) return `${name} AX,${d.imm(true)}`;
  const wide = (form & 1) === 1;
  const m = d.modrm();
  const reg = (wide ? REG16 : REG8)[m.reg];
  return form < 2 ? `${name} ${d.rm(m, wide, false)},${reg}` : `${name} ${reg},${d.rm(m, wide, false)}`;
}

/** Decodes the opcode at the cursor (prefixes already consumed) to its text without prefixes. */
function decodeOpcode(d: Decoder, op: number): string {
  const c = d.c;
  if (op < 0x40) {
    const form = op & 7;
    if (form < 6) return aluForm(d, ALU[op >> 3], form);
    // x6/x7 columns: PUSH/POP of a segment register (0Fh is POP CS on the 8086), or the BCD adjusts.
    if (op < 0x20) return `${form === 6 ? 'PUSH' : 'POP'} ${SREG[op >> 3]}`;
    return ['DAA', 'DAS', 'AAA', 'AAS'][(op - 0x27) >> 3];
  }
  if (op < 0x48) return `INC ${REG16[op & 7]}`;
  if (op < 0x50) return `DEC ${REG16[op & 7]}`;
  if (op < 0x58) return `PUSH ${REG16[op & 7]}`;
  if (op < 0x60) return `POP ${REG16[op & 7]}`;
  // 60h-6Fh decode as 70h-7Fh on the 8086.
  if (op < 0x80) return `${JCC[op & 0xf]} ${d.rel8()}`;
  if (op === 0x90) return 'NOP';
  if (op > 0x90 && op < 0x98) return `XCHG AX,${REG16[op & 7]}`;
  if (op >= 0xb0 && op < 0xb8) return `MOV ${REG8[op & 7]},${d.imm(false)}`;
  if (op >= 0xb8 && op < 0xc0) return `MOV ${REG16[op & 7]},${d.imm(true)}`;
  if (op >= 0xd8 && op < 0xe0) {
    // ESC: the 8086 computes the effective address for a coprocessor and does nothing else.
    const m = d.modrm();
    return `ESC ${hex2(((op & 7) << 3) | m.reg)},${d.rm(m, true, false)}`;
  }

  switch (op) {
    case 0x80:
    case 0x81:
    case 0x82: // alias of 80h
    case 0x83: {
      const m = d.modrm();
      const wide = (op & 1) === 1;
      const imm = op === 0x83 ? signed8(c.s8()) : d.imm(op === 0x81);
      return `${ALU[m.reg]} ${d.rm(m, wide, true)},${imm}`;
    }
    case 0x84:
    case 0x85: {
      const wide = op === 0x85;
      const m = d.modrm();
      return `TEST ${d.rm(m, wide, false)},${(wide ? REG16 : REG8)[m.reg]}`;
    }
    case 0x86:
    case 0x87: {
      const wide = op === 0x87;
      const m = d.modrm();
      return `XCHG ${(wide ? REG16 : REG8)[m.reg]},${d.rm(m, wide, false)}`;
    }
    case 0x88:
    case 0x89:
    case 0x8a:
    case 0x8b:
      return aluForm(d, 'MOV', op & 3);
    case 0x8c: {
      const m = d.modrm();
      return `MOV ${d.rm(m, true, false)},${SREG[m.reg & 3]}`;
    }
    case 0x8d: {
      const m = d.modrm();
      return `LEA ${REG16[m.reg]},${d.rm(m, true, false)}`;
    }
    case 0x8e: {
      const m = d.modrm();
      return `MOV ${SREG[m.reg & 3]},${d.rm(m, true, false)}`;
    }
    case 0x8f: // the 8086 ignores the reg field: every form is POP
      return `POP ${d.rm(d.modrm(), true, false)}`;
    case 0x98:
      return 'CBW';
    case 0x99:
      return 'CWD';
    case 0x9a:
      return `CALL ${d.far()}`;
    case 0x9b:
      return 'WAIT';
    case 0x9c:
      return 'PUSHF';
    case 0x9d:
      return 'POPF';
    case 0x9e:
      return 'SAHF';
    case 0x9f:
      return 'LAHF';
    case 0xa0:
      return `MOV AL,${d.mem(`[${hex4(c.u16())}]`)}`;
    case 0xa1:
      return `MOV AX,${d.mem(`[${hex4(c.u16())}]`)}`;
    case 0xa2:
      return `MOV ${d.mem(`[${hex4(c.u16())}]`)},AL`;
    case 0xa3:
      return `MOV ${d.mem(`[${hex4(c.u16())}]`)},AX`;
    case 0xa4:
      return 'MOVSB';
    case 0xa5:
      return 'MOVSW';
    case 0xa6:
      return 'CMPSB';
    case 0xa7:
      return 'CMPSW';
    case 0xa8:
      return `TEST AL,${d.imm(false)}`;
    case 0xa9:
      return `TEST AX,${d.imm(true)}`;
    case 0xaa:
      return 'STOSB';
    case 0xab:
      return 'STOSW';
    case 0xac:
      return 'LODSB';
    case 0xad:
      return 'LODSW';
    case 0xae:
      return 'SCASB';
    case 0xaf:
      return 'SCASW';
    case 0xc0: // alias of C2h
    case 0xc2:
      return `RET ${d.imm(true)}`;
    case 0xc1: // alias of C3h
    case 0xc3:
      return 'RET';
    case 0xc4:
    case 0xc5: {
      const first = c.u8();
      if (op === BOP_OPCODE && first === BOP_MODRM) {
        const n = c.u8();
        if (n !== BOP_VDD) return `BOP ${hex2(n)}h`;
        return `BOP ${hex2(n)}h,${hex2(c.u8())}h`;
      }
      const m = d.modrm(first);
      return `${op === 0xc4 ? 'LES' : 'LDS'} ${REG16[m.reg]},${d.rm(m, true, false)}`;
    }
    case 0xc6:
    case 0xc7: {
      // The 8086 ignores the reg field: every form is MOV.
      const wide = op === 0xc7;
      const m = d.modrm();
      return `MOV ${d.rm(m, wide, true)},${d.imm(wide)}`;
    }
    case 0xc8: // alias of CAh
    case 0xca:
      return `RETF ${d.imm(true)}`;
    case 0xc9: // alias of CBh
    case 0xcb:
      return 'RETF';
    case 0xcc:
      return 'INT 3';
    case 0xcd:
      return `INT ${d.imm(false)}`;
    case 0xce:
      return 'INTO';
    case 0xcf:
      return 'IRET';
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3: {
      const wide = (op & 1) === 1;
      const byCl = op >= 0xd2;
      const m = d.modrm();
      const target = d.rm(m, wide, true);
      if (SHIFT[m.reg] === 'SETMO') return byCl ? `SETMOC ${target},CL` : `SETMO ${target}`;
      return `${SHIFT[m.reg]} ${target},${byCl ? 'CL' : '1'}`;
    }
    case 0xd4:
    case 0xd5: {
      const base = c.u8();
      const name = op === 0xd4 ? 'AAM' : 'AAD';
      return base === BCD_DEFAULT_BASE ? name : `${name} ${hex2(base)}`;
    }
    case 0xd6:
      return 'SALC';
    case 0xd7:
      return 'XLAT';
    case 0xe0:
      return `LOOPNZ ${d.rel8()}`;
    case 0xe1:
      return `LOOPZ ${d.rel8()}`;
    case 0xe2:
      return `LOOP ${d.rel8()}`;
    case 0xe3:
      return `JCXZ ${d.rel8()}`;
    case 0xe4:
      return `IN AL,${d.imm(false)}`;
    case 0xe5:
      return `IN AX,${d.imm(false)}`;
    case 0xe6:
      return `OUT ${d.imm(false)},AL`;
    case 0xe7:
      return `OUT ${d.imm(false)},AX`;
    case 0xe8:
      return `CALL ${d.rel16()}`;
    case 0xe9:
      return `JMP ${d.rel16()}`;
    case 0xea:
      return `JMP ${d.far()}`;
    case 0xeb:
      return `JMP ${d.rel8()}`;
    case 0xec:
      return 'IN AL,DX';
    case 0xed:
      return 'IN AX,DX';
    case 0xee:
      return 'OUT DX,AL';
    case 0xef:
      return 'OUT DX,AX';
    case 0xf4:
      return 'HLT';
    case 0xf5:
      return 'CMC';
    case 0xf6:
    case 0xf7: {
      const wide = op === 0xf7;
      const m = d.modrm();
      const target = d.rm(m, wide, true);
      return m.reg < 2 ? `TEST ${target},${d.imm(wide)}` : `${GROUP3[m.reg]} ${target}`;
    }
    case 0xf8:
      return 'CLC';
    case 0xf9:
      return 'STC';
    case 0xfa:
      return 'CLI';
    case 0xfb:
      return 'STI';
    case 0xfc:
      return 'CLD';
    case 0xfd:
      return 'STD';
    case 0xfe: {
      // INC/DEC are defined; /2-/7 are undefined but the 8086 runs the FF operation on a byte.
      const m = d.modrm();
      return `${GROUP5[m.reg]} ${d.rm(m, false, true)}`;
    }
    case 0xff: {
      const m = d.modrm();
      const name = GROUP5[m.reg];
      if (m.reg < 2) return `${name} ${d.rm(m, true, true)}`;
      if (m.reg === 3 || m.reg === 5) {
        // CALL FAR / JMP FAR [mem]: DEBUG's spelling of an indirect far transfer.
        const [verb] = name.split(' ');
        return m.ea === null ? `${verb} FAR ${REG16[m.rm]}` : `${verb} ${d.mem(m.ea, 'FAR ')}`;
      }
      return `${name} ${d.rm(m, true, false)}`;
    }
  }
  // Unreachable: every byte value is an instruction or a prefix on the 8086.
  return `DB ${hex2(op)}`;
}

function isPrefix(b: number): boolean {
  return (
    b === PREFIX.ES ||
    b === PREFIX.CS ||
    b === PREFIX.SS ||
    b === PREFIX.DS ||
    b === PREFIX.LOCK ||
    b === PREFIX.LOCK_ALIAS ||
    b === PREFIX.REPNE ||
    b === PREFIX.REP
  );
}

const SEG_BY_PREFIX: Record<number, string> = {
  [PREFIX.ES]: 'ES',
  [PREFIX.CS]: 'CS',
  [PREFIX.SS]: 'SS',
  [PREFIX.DS]: 'DS',
};

/** CMPS and SCAS test ZF, so F3h reads REPE there and REP on the other string instructions. */
function repName(repByte: number, op: number): string {
  if (repByte === PREFIX.REPNE) return 'REPNE';
  const comparesFlags = op === 0xa6 || op === 0xa7 || op === 0xae || op === 0xaf;
  return comparesFlags ? 'REPE' : 'REP';
}

/** Disassembles the instruction at cs:ip (reads mem with 1 MiB and segment wrap). */
export function disassemble(mem: Uint8Array, cs: number, ip: number): Disassembly {
  const d = new Decoder(mem, cs, ip & 0xffff);
  const c = d.c;
  // The 8086 takes any number of prefixes; stop only if an entire segment holds nothing else.
  while (c.n < SEGMENT_SIZE && isPrefix(c.peek())) {
    const b = c.u8();
    if (b === PREFIX.LOCK || b === PREFIX.LOCK_ALIAS) d.addPrefix('LOCK');
    else if (b === PREFIX.REPNE || b === PREFIX.REP) {
      d.repByte = b;
      d.addPrefix('REP');
    } else {
      d.seg = SEG_BY_PREFIX[b];
      d.addPrefix('SEG');
    }
  }
  const op = c.n < SEGMENT_SIZE ? c.u8() : -1;
  const body = op < 0 ? '' : decodeOpcode(d, op);

  const parts: string[] = [];
  for (const kind of d.prefixes) {
    if (kind === 'LOCK') parts.push('LOCK');
    else if (kind === 'REP') parts.push(repName(d.repByte, op));
    else if (!d.segShown) parts.push(`${d.seg}:`);
  }
  if (body !== '') parts.push(body);
  return { text: parts.join(' '), length: Math.min(c.n, SEGMENT_SIZE) };
}

/** "CS:IP  BYTES  TEXT" line, DEBUG's U-command style, e.g. "1234:0100  B409  MOV AH,09". */
export function formatInstruction(mem: Uint8Array, cs: number, ip: number): string {
  const { text, length } = disassemble(mem, cs, ip);
  const base = (cs & 0xffff) << 4;
  let bytes = '';
  const shown = Math.min(length, MAX_SHOWN_BYTES);
  for (let i = 0; i < shown; i++) bytes += hex2(mem[(base + ((ip + i) & 0xffff)) & ADDRESS_MASK] | 0);
  if (length > shown) bytes += '...';
  return `${hex4(cs)}:${hex4(ip)}  ${bytes}  ${text}`;
}
