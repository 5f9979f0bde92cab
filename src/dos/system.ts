// INT 21h system functions of the kernel: the DTA (1Ah, 2Fh), interrupt vectors (25h, 35h),
// version (30h, 3306h), Ctrl-Break and boot drive (33h), InDOS (34h), switch character (37h),
// verify (2Eh, 54h), List of Lists (52h), extended error (59h, 5D0Ah), the SDA (5D06h), the DBCS
// table (63h), and the functions DOS 5 answers with AL=0 (18h, 1Dh, 1Eh, 20h: CP/M leftovers;
// 61h, 6Bh: reserved).
import { rd8, rd16, rd32, wr8, wr16 } from '../cpu/guest-memory';
import { SDA } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import { DOS_ERROR } from './errors';
import { BOOT_DRIVE, SDA_INTERNAL } from './sysdata';
import { COUNTRY_TABLES } from './country';
import { getVector, setVector } from './psp';
import type { Kernel } from './kernel';

const SDA_BASE = DOSMEM.SDA;
/** MS-DOS's OEM number in INT 21h/30h BH. */
const OEM_MICROSOFT = 0xff;
/** 5D06h: bytes of the SDA to swap while in DOS, and always. */
const SDA_SWAP_ALWAYS = 0x18;

/** The Data Parameter List of INT 21h/5D0Ah. */
const DPL = { AX: 0x00, BX: 0x02, CX: 0x04, DX: 0x06, SI: 0x08, DI: 0x0a, DS: 0x0c, ES: 0x0e } as const;

function sdaByte(dos: Kernel, off: number): number {
  return rd8(dos.mem, DOS_SEG, SDA_BASE + off);
}
function setSdaByte(dos: Kernel, off: number, v: number): void {
  wr8(dos.mem, DOS_SEG, SDA_BASE + off, v);
}

/** 1Ah: DTA = DS:DX. */
export function int21_1A(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  dos.setDta(cpu.ds, cpu.dx);
}

/** 2Fh: ES:BX = the DTA. */
export function int21_2F(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const d = dos.getDta();
  cpu.es = d.seg;
  cpu.bx = d.off;
}

/** 25h: vector AL = DS:DX. */
export function int21_25(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  setVector(dos.mem, cpu.al, cpu.ds, cpu.dx);
}

/** 35h: ES:BX = vector AL. */
export function int21_35(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const v = getVector(dos.mem, cpu.al);
  cpu.es = v.seg;
  cpu.bx = v.off;
}

/** 2Eh: verify flag = AL (0 off, 1 on). */
export function int21_2E(dos: Kernel): void {
  setSdaByte(dos, SDA_INTERNAL.VERIFY, dos.machine.cpu.al & 1);
}

/** 54h: AL = the verify flag. */
export function int21_54(dos: Kernel): void {
  dos.machine.cpu.al = sdaByte(dos, SDA_INTERNAL.VERIFY);
}

/** 30h: AL.AH = version; BH = OEM (AL=00h) or version flags (AL=01h: not in ROM, not in HMA);
 *  BL:CX = user serial number (none). */
export function int21_30(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const v = dos.version;
  const bh = cpu.al === 0x01 ? 0 : OEM_MICROSOFT;
  cpu.ax = (v.minor << 8) | v.major;
  cpu.bx = bh << 8;
  cpu.cx = 0;
}

/** 33h: Ctrl-Break checking (00h get, 01h set, 02h exchange), 05h boot drive, 06h true version. */
export function int21_33(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  switch (cpu.al) {
    case 0x00:
      cpu.dl = sdaByte(dos, SDA.BREAK_FLAG);
      return;
    case 0x01:
      setSdaByte(dos, SDA.BREAK_FLAG, cpu.dl & 1);
      return;
    case 0x02: {
      const old = sdaByte(dos, SDA.BREAK_FLAG);
      setSdaByte(dos, SDA.BREAK_FLAG, cpu.dl & 1);
      cpu.dl = old;
      return;
    }
    case 0x05:
      cpu.dl = BOOT_DRIVE;
      return;
    case 0x06: {
      // The true version, whatever 30h is made to say: revision 0, not in ROM or HMA.
      cpu.bl = 5;
      cpu.bh = 0;
      cpu.dl = 0;
      cpu.dh = 0;
      return;
    }
    default:
      cpu.al = 0xff;
  }
}

/** 34h: ES:BX -> the InDOS flag (the critical-error flag is the byte before it). */
export function int21_34(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  cpu.es = DOS_SEG;
  cpu.bx = SDA_BASE + SDA.INDOS;
}

/** 37h: 00h get / 01h set the switch character (DL), 02h/03h /DEV availability; AL = FFh for
 *  other subfunctions. */
export function int21_37(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  switch (cpu.al) {
    case 0x00:
      cpu.dl = sdaByte(dos, SDA_INTERNAL.SWITCH_CHAR);
      cpu.al = 0;
      return;
    case 0x01:
      setSdaByte(dos, SDA_INTERNAL.SWITCH_CHAR, cpu.dl);
      cpu.al = 0;
      return;
    case 0x02:
      cpu.dl = 0xff; // devices are available both with and without \DEV\
      cpu.al = 0;
      return;
    case 0x03:
      cpu.al = 0;
      return;
    default:
      cpu.al = 0xff;
  }
}

/** 52h: ES:BX -> the List of Lists (the first MCB's segment is the word before it). */
export function int21_52(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  cpu.es = DOS_SEG;
  cpu.bx = DOSMEM.LOL;
}

/** 59h: the extended error of the last failing call: AX code, BH class, BL action, CH locus,
 *  ES:DI the pointer DOS recorded (volume label for error 22h). */
export function int21_59(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const e = dos.getExtendedError();
  const ptr = rd32(dos.mem, DOS_SEG, SDA_BASE + SDA.ERROR_POINTER);
  cpu.ax = e.code;
  cpu.bh = e.cls;
  cpu.bl = e.action;
  cpu.ch = e.locus;
  cpu.di = ptr & 0xffff;
  cpu.es = ptr >>> 16;
  dos.ok();
}

/** 5Dh: 06h gets the SDA (DS:SI, CX swap-in-DOS size, DX swap-always size); 0Ah sets the
 *  extended error from the DPL at DS:DX. The network/server subfunctions are not supported. */
export function int21_5D(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  switch (cpu.al) {
    case 0x06:
      cpu.ds = DOS_SEG;
      cpu.si = SDA_BASE;
      cpu.cx = SDA.SIZE;
      cpu.dx = SDA_SWAP_ALWAYS;
      return dos.ok();
    case 0x0a: {
      const at = (o: number) => rd16(mem, cpu.ds, cpu.dx + o);
      const bx = at(DPL.BX);
      const cx = at(DPL.CX);
      dos.setExtendedError(at(DPL.AX), bx >>> 8, bx & 0xff, cx >>> 8);
      wr16(mem, DOS_SEG, SDA_BASE + SDA.ERROR_POINTER, at(DPL.DI));
      wr16(mem, DOS_SEG, SDA_BASE + SDA.ERROR_POINTER + 2, at(DPL.ES));
      return dos.ok();
    }
    default:
      return dos.fail(DOS_ERROR.INVALID_FUNCTION);
  }
}

/** 63h: 00h DS:SI -> the DBCS lead-byte table (empty for code page 437); 01h set / 02h get
 *  (DL) the interim console flag. */
export function int21_63(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  switch (cpu.al) {
    case 0x00:
      cpu.ds = DOS_SEG;
      cpu.si = COUNTRY_TABLES.DBCS + 2; // the ranges themselves; the word 0000h ends them
      cpu.al = 0;
      return dos.ok();
    case 0x01:
      cpu.al = 0;
      return dos.ok();
    case 0x02:
      cpu.dl = 0;
      cpu.al = 0;
      return dos.ok();
    default:
      cpu.al = 0xff;
      return dos.fail(DOS_ERROR.INVALID_FUNCTION);
  }
}

/** 18h, 1Dh, 1Eh, 20h, 61h, 6Bh: CP/M leftovers and reserved numbers; DOS 5 returns AL = 0. */
export function nullFunction(dos: Kernel): void {
  dos.machine.cpu.al = 0;
}
