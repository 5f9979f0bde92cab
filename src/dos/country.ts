// Country-dependent information for the United States, code page 437, as MS-DOS 5 reports it:
// INT 21h/38h (country info), 65h (extended country info and its tables, upper-casing, yes/no),
// 66h (global code page). The tables live in the DOS data segment because 65h hands out pointers.
import { rd8, copyFromSegment, wr8, wr16, copyToSegment } from '../cpu/guest-memory';
import { ROM_ENTRY, ROM_SEGMENT, romEntry } from '../bios/rom';
import { DOS_SEG, DOSMEM } from './sysvars';
import { DOS_ERROR } from './errors';
import type { Kernel } from './kernel';

const COUNTRY_USA = 1;
const CODE_PAGE = 437;

/** Where each table sits in DOS_SEG (inside DOSMEM.TABLES .. TABLES_END). */
export const COUNTRY_TABLES = {
  COUNTRY_INFO: DOSMEM.TABLES, // 34 bytes (the INT 21h/38h buffer)
  UPPERCASE: DOSMEM.TABLES + 0x22, // word 80h + 128 bytes (chars 80h-FFh); also the filename table
  TERMINATORS: DOSMEM.TABLES + 0xa4, // word size + table
  DBCS: DOSMEM.TABLES + 0xbe, // word 0: no double-byte ranges
  COLLATING: DOSMEM.TABLES + 0xc2, // word 100h + 256 bytes
} as const;
const COUNTRY_INFO_SIZE = 0x22;
const T = COUNTRY_TABLES;

/** INT 21h/38h country info layout (DOS 3+). */
const CI = {
  DATE_FORMAT: 0x00, // 0 = USA m d y
  CURRENCY: 0x02, // 5 bytes ASCIIZ
  THOUSANDS: 0x07,
  DECIMAL: 0x09,
  DATE_SEP: 0x0b,
  TIME_SEP: 0x0d,
  CURRENCY_FORMAT: 0x0f,
  DIGITS: 0x10,
  TIME_FORMAT: 0x11, // bit 0: 24-hour clock
  CASE_MAP: 0x12, // far pointer to the case-map routine
  LIST_SEP: 0x16,
} as const;

/** Code page 437's upper case for 80h-FFh (the accented letters), as the US table maps them. */
const UPPER_437: Readonly<Record<number, number>> = {
  0x81: 0x9a, 0x82: 0x90, 0x83: 0x41, 0x84: 0x8e, 0x85: 0x41, 0x86: 0x8f, 0x87: 0x80, 0x88: 0x45,
  0x89: 0x45, 0x8a: 0x45, 0x8b: 0x49, 0x8c: 0x49, 0x8d: 0x49, 0x91: 0x92, 0x93: 0x4f, 0x94: 0x99,
  0x95: 0x4f, 0x96: 0x55, 0x97: 0x55, 0x98: 0x59, 0xa0: 0x41, 0xa1: 0x49, 0xa2: 0x4f, 0xa3: 0x55,
  0xa4: 0xa5,
};

function upper437(c: number): number {
  return UPPER_437[c] ?? c;
}

/** DOS's upper-casing of one character (country-dependent, INT 21h/6520h). */
export function upperChar(c: number): number {
  c &= 0xff;
  if (c >= 0x61 && c <= 0x7a) return c - 0x20;
  if (c >= 0x80) return upper437(c);
  return c;
}

const TERMINATOR_CHARS = '."/\\[]:|<>+=;,';

export function writeCountryTables(mem: Uint8Array): void {
  const ci = T.COUNTRY_INFO;
  wr16(mem, DOS_SEG, ci + CI.DATE_FORMAT, 0);
  copyToSegment(mem, DOS_SEG, ci + CI.CURRENCY, [0x24, 0, 0, 0, 0]);
  copyToSegment(mem, DOS_SEG, ci + CI.THOUSANDS, [0x2c, 0]);
  copyToSegment(mem, DOS_SEG, ci + CI.DECIMAL, [0x2e, 0]);
  copyToSegment(mem, DOS_SEG, ci + CI.DATE_SEP, [0x2d, 0]);
  copyToSegment(mem, DOS_SEG, ci + CI.TIME_SEP, [0x3a, 0]);
  wr8(mem, DOS_SEG, ci + CI.CURRENCY_FORMAT, 0);
  wr8(mem, DOS_SEG, ci + CI.DIGITS, 2);
  wr8(mem, DOS_SEG, ci + CI.TIME_FORMAT, 0);
  // The case-map routine: a bare RETF (characters 80h-FFh come back unchanged through it).
  wr16(mem, DOS_SEG, ci + CI.CASE_MAP, romEntry(mem, ROM_ENTRY.RETF));
  wr16(mem, DOS_SEG, ci + CI.CASE_MAP + 2, ROM_SEGMENT);
  copyToSegment(mem, DOS_SEG, ci + CI.LIST_SEP, [0x2c, 0]);

  wr16(mem, DOS_SEG, T.UPPERCASE, 0x80);
  for (let i = 0; i < 0x80; i++) wr8(mem, DOS_SEG, T.UPPERCASE + 2 + i, upper437(0x80 + i));

  // Filename terminator table (65h/05h): ??, lowest and highest permitted char, ??, excluded range
  // 00h-20h, ??, then the characters that end a name.
  const term = [0x01, 0x00, 0xff, 0x00, 0x00, 0x20, 0x02, TERMINATOR_CHARS.length];
  for (const ch of TERMINATOR_CHARS) term.push(ch.charCodeAt(0));
  wr16(mem, DOS_SEG, T.TERMINATORS, term.length);
  copyToSegment(mem, DOS_SEG, T.TERMINATORS + 2, term);

  wr16(mem, DOS_SEG, T.DBCS, 0); // no ranges (65h/07h form: length, then the ranges)
  wr16(mem, DOS_SEG, T.DBCS + 2, 0); // the 0000h that ends the list 63h points at

  // Collating sequence: letters sort without regard to case or accent.
  wr16(mem, DOS_SEG, T.COLLATING, 0x100);
  for (let i = 0; i < 0x100; i++) wr8(mem, DOS_SEG, T.COLLATING + 2 + i, upperChar(i));
  if (T.COLLATING + 2 + 0x100 > DOSMEM.TABLES_END) throw new Error('country tables overflow');
}

/** INT 21h/38h: AL=00h (or the country code) gets the 34-byte info at DS:DX, BX = country code;
 *  DX=FFFFh sets the country (only the USA is known). */
export function int21_38(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const code = cpu.al === 0xff ? cpu.bx : cpu.al;
  if (cpu.dx === 0xffff) {
    // Set country: only the one vdm86 knows.
    if (code === 0 || code === COUNTRY_USA) return dos.ok();
    return dos.fail(DOS_ERROR.FILE_NOT_FOUND);
  }
  if (code !== 0 && code !== COUNTRY_USA) return dos.fail(DOS_ERROR.FILE_NOT_FOUND);
  copyToSegment(dos.mem, cpu.ds, cpu.dx, copyFromSegment(dos.mem, DOS_SEG, T.COUNTRY_INFO, COUNTRY_INFO_SIZE));
  cpu.bx = COUNTRY_USA;
  dos.ok();
}

/** INT 21h/65h: extended country information (DOS 3.3+) and the 20h-23h character functions (DOS 4+). */
export function int21_65(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const al = cpu.al;
  if (al >= 0x01 && al <= 0x07) {
    if ((cpu.bx !== 0xffff && cpu.bx !== CODE_PAGE) || (cpu.dx !== 0xffff && cpu.dx !== COUNTRY_USA && cpu.dx !== 0)) {
      return dos.fail(DOS_ERROR.FILE_NOT_FOUND);
    }
    let reply: number[];
    if (al === 0x01) {
      // Info ID, size of what follows, country, code page, then the 38h info.
      reply = [0x01];
      pushWord(reply, 4 + COUNTRY_INFO_SIZE);
      pushWord(reply, COUNTRY_USA);
      pushWord(reply, CODE_PAGE);
      reply.push(...copyFromSegment(mem, DOS_SEG, T.COUNTRY_INFO, COUNTRY_INFO_SIZE));
    } else {
      const table: Record<number, number> = {
        0x02: T.UPPERCASE,
        0x04: T.UPPERCASE, // the filename upper-case table is the same for code page 437
        0x05: T.TERMINATORS,
        0x06: T.COLLATING,
        0x07: T.DBCS,
      };
      const off = table[al];
      if (off === undefined) return dos.fail(DOS_ERROR.INVALID_FUNCTION);
      reply = [al];
      pushWord(reply, off);
      pushWord(reply, DOS_SEG);
    }
    if (cpu.cx < 5) return dos.fail(DOS_ERROR.INVALID_FUNCTION);
    const n = Math.min(reply.length, cpu.cx);
    copyToSegment(mem, cpu.es, cpu.di, reply.slice(0, n));
    cpu.cx = n;
    return dos.ok();
  }
  switch (al) {
    case 0x20: // upper-case the character in DL
      cpu.dl = upperChar(cpu.dl);
      return dos.ok();
    case 0x21: // upper-case CX bytes at DS:DX
      for (let i = 0; i < cpu.cx; i++) wr8(mem, cpu.ds, cpu.dx + i, upperChar(rd8(mem, cpu.ds, cpu.dx + i)));
      return dos.ok();
    case 0x22: // upper-case the ASCIIZ string at DS:DX
      for (let i = 0; i < 0x10000; i++) {
        const c = rd8(mem, cpu.ds, cpu.dx + i);
        if (c === 0) break;
        wr8(mem, cpu.ds, cpu.dx + i, upperChar(c));
      }
      return dos.ok();
    case 0x23: {
      // Yes/no check of DL: AX = 0 no, 1 yes, 2 neither.
      const c = upperChar(cpu.dl);
      cpu.ax = c === 0x59 ? 1 : c === 0x4e ? 0 : 2;
      return dos.ok();
    }
    default:
      return dos.fail(DOS_ERROR.INVALID_FUNCTION);
  }
}

/** INT 21h/66h: 01h gets the global code page (BX active, DX system), 02h sets it (437 only). */
export function int21_66(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  if (cpu.al === 0x01) {
    cpu.bx = CODE_PAGE;
    cpu.dx = CODE_PAGE;
    return dos.ok();
  }
  if (cpu.al === 0x02) {
    if (cpu.bx === CODE_PAGE) return dos.ok();
    return dos.fail(DOS_ERROR.FILE_NOT_FOUND);
  }
  dos.fail(DOS_ERROR.INVALID_FUNCTION);
}

function pushWord(out: number[], v: number): void {
  out.push(v & 0xff, (v >>> 8) & 0xff);
}
