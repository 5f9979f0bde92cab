// The kernel's part of the DOS data segment: the List of Lists fields FileSystem.init does not write,
// the swappable data area, the MCB arena, and the CP/M entry at 0000:00C0. Also the SDA-internal
// scratch areas the kernel uses (DOS keeps such buffers in its own data too).
import { wr8, wr16, wr32, fillSegment } from '../cpu/guest-memory';
import { BOP_OPCODE } from '../cpu/bop';
import { ROM_ENTRY, ROM_SEGMENT, romEntry } from '../bios/rom';
import { LOL, PSP, SDA } from './layout';
import { DOS_SEG, DOSMEM, FIRST_MCB_SEG } from './sysvars';
import type { Kernel } from './kernel';
import { writeCountryTables } from './country';

/** Offsets inside the SDA (DOS_SEG:DOSMEM.SDA + ...) past the documented fields, for the kernel's
 *  own use. Programs that swap the SDA swap these too, as with DOS's internal buffers. */
export const SDA_INTERNAL = {
  /** A fake IRET frame (IP, CS, FLAGS) for INT 21h functions the kernel calls itself. */
  SCRATCH_FRAME: 0x100,
  /** A small buffer for those calls (one character of INT 21h/02h sent to a redirected handle...). */
  SCRATCH_BUFFER: 0x108,
  SCRATCH_BUFFER_SIZE: 0x80,
  /** Byte: write verification (INT 21h/2Eh, 54h). */
  VERIFY: 0x188,
  /** Byte: the switch character (INT 21h/3700h, 3701h), '/' by default. */
  SWITCH_CHAR: 0x189,
} as const;

/** Small code stubs of the kernel in DOS_SEG (below the List of Lists, which starts at 40h):
 *  vectors DOS takes over point here. */
const DOS_STUBS = {
  /** INT 1Bh (Ctrl-Break from the BIOS): BOP 1Bh; IRET. */
  CTRL_BREAK: 0x0000,
} as const;
const IRET_OPCODE = 0xcf;
const JMP_FAR_OPCODE = 0xea;
const INT_CTRL_BREAK = 0x1b;
/** The drive DOS "booted" from (1 = A:): C:, for LoL+43h and INT 21h/3305h. */
export const BOOT_DRIVE = 3;

/** The linear address where DOS puts the CP/M entry jump: INT 30h's vector slot. The far call at
 *  PSP+05h targets an address that wraps around 1 MiB to exactly here, as in MS-DOS. */
const CPM_JUMP_LINEAR = 0x000c0;

/** The far call at PSP+05h for a process with `paras` paragraphs from its PSP to the top of its
 *  memory: CP/M programs read the offset (PSP+06h) as their segment size. DOS 5 gives FEF0h for a
 *  full 64 KiB (CALL F01D:FEF0) and picks the segment so seg:off wraps around 1 MiB to 0000:00C0. */
export function cpmCallTarget(paras: number): { seg: number; off: number } {
  const p = Math.max(0x11, Math.min(paras, 0x1000));
  const off = p * 16 - 0x110;
  const seg = ((0x100000 + CPM_JUMP_LINEAR + 0x110 - p * 16) >>> 4) & 0xffff;
  return { seg, off };
}

export function setupSystemData(dos: Kernel): void {
  const mem = dos.mem;
  const lol = DOSMEM.LOL;
  fillSegment(mem, DOS_SEG, 0, DOSMEM.END, 0);

  // List of Lists: the parts that are not files, drives or devices.
  wr16(mem, DOS_SEG, lol + LOL.FIRST_MCB, FIRST_MCB_SEG);
  wr16(mem, DOS_SEG, lol + LOL.MAX_SECTOR_SIZE, 512);
  wr32(mem, DOS_SEG, lol + LOL.BUFFER_INFO, 0xffffffff); // no disk buffers
  wr16(mem, DOS_SEG, lol + LOL.PROTECTED_FCBS, 0);
  wr8(mem, DOS_SEG, lol + LOL.JOINED_DRIVES, 0);
  wr32(mem, DOS_SEG, lol + LOL.SETVER_LIST, 0);
  wr16(mem, DOS_SEG, lol + LOL.BUFFERS_X, 15);
  wr16(mem, DOS_SEG, lol + LOL.BUFFERS_Y, 0);
  wr8(mem, DOS_SEG, lol + LOL.BOOT_DRIVE, BOOT_DRIVE);
  wr8(mem, DOS_SEG, lol + LOL.CPU_386, 0); // an 8086
  wr16(mem, DOS_SEG, lol + LOL.EXTENDED_MEMORY_KB, 0);

  // SDA: no process yet; the DTA defaults to a harmless place until the first PSP exists.
  const sda = DOSMEM.SDA;
  wr16(mem, DOS_SEG, sda + SDA.CURRENT_PSP, 0);
  wr16(mem, DOS_SEG, sda + SDA.CURRENT_DTA, PSP.DEFAULT_DTA);
  wr16(mem, DOS_SEG, sda + SDA.CURRENT_DTA + 2, 0);
  wr8(mem, DOS_SEG, sda + SDA.CURRENT_DRIVE, 2);
  wr8(mem, DOS_SEG, sda + SDA.BREAK_FLAG, 0);
  wr8(mem, DOS_SEG, sda + SDA_INTERNAL.VERIFY, 0);
  wr8(mem, DOS_SEG, sda + SDA_INTERNAL.SWITCH_CHAR, 0x2f);
  // No error pointer recorded yet.
  wr32(mem, DOS_SEG, sda + SDA.ERROR_POINTER, 0);

  writeCountryTables(mem);

  // The CP/M entry: JMP FAR F000:cpm_entry at 0000:00C0 (over INT 30h's vector and part of 31h's).
  const jmp = CPM_JUMP_LINEAR;
  wr8(mem, 0, jmp, JMP_FAR_OPCODE);
  wr16(mem, 0, jmp + 1, romEntry(mem, ROM_ENTRY.CPM_ENTRY));
  wr16(mem, 0, jmp + 3, ROM_SEGMENT);

  // Ctrl-Break: the BIOS calls INT 1Bh; the kernel's handler makes the console read it as Ctrl-C,
  // as the CON driver of MS-DOS does.
  const stub = DOS_STUBS.CTRL_BREAK;
  wr8(mem, DOS_SEG, stub, BOP_OPCODE);
  wr8(mem, DOS_SEG, stub + 1, BOP_OPCODE);
  wr8(mem, DOS_SEG, stub + 2, INT_CTRL_BREAK); // the BOP number is the interrupt's
  wr8(mem, DOS_SEG, stub + 3, IRET_OPCODE);
  wr16(mem, 0, INT_CTRL_BREAK * 4, stub); // its vector: offset, then segment
  wr16(mem, 0, INT_CTRL_BREAK * 4 + 2, DOS_SEG);

  dos.memory.init();
}
