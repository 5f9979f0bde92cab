// Where the DOS kernel's data lives in low guest memory (docs/DESIGN.md "Memory map"): one DOS data
// segment holding the List of Lists, the device chain, the swappable data area, the CDS, the
// DPBs, the country tables and the SFT blocks; the MCB arena starts right after it.
import { SFT, SFT_BLOCK, CDS, LOL } from './layout';

export const DOS_SEG = 0x0070;

/** Offsets within DOS_SEG. */
export const DOSMEM = {
  /** List of Lists; its first-MCB word sits at LOL + LOL.FIRST_MCB. */
  LOL: 0x0040,
  /** Character device headers chained after NUL (which lives inside the LoL). */
  DEVICES: 0x00c0,
  DEVICES_END: 0x0200,
  SDA: 0x0200,
  CDS: 0x0400,
  DPB: 0x0d00,
  DPB_SIZE: 0x21,
  TABLES: 0x1100, // country info, upper-case and filename tables (INT 21h/38h, 65h)
  TABLES_END: 0x1300,
  SFT1: 0x1300, // first SFT block: 5 entries
  SFT2: 0x1430, // second SFT block: 115 entries
  FCB_SFT: 0x2ec0, // FCB SFT block: 4 entries
  END: 0x3000,
} as const;

export const SFT1_ENTRIES = 5;
export const SFT2_ENTRIES = 115;
export const FCB_SFT_ENTRIES = 4;
/** Total system file numbers (SFNs 0..SFT_TOTAL-1) in the handle SFT chain. */
export const SFT_TOTAL = SFT1_ENTRIES + SFT2_ENTRIES;
export const LASTDRIVE = 26;

/** The first MCB: the paragraph right after the DOS data segment. */
export const FIRST_MCB_SEG = DOS_SEG + (DOSMEM.END >>> 4);

// Compile-time sanity of the map (cheap, runs once at import).
const sft1End = DOSMEM.SFT1 + SFT_BLOCK.ENTRIES + SFT1_ENTRIES * SFT.ENTRY_SIZE;
const sft2End = DOSMEM.SFT2 + SFT_BLOCK.ENTRIES + SFT2_ENTRIES * SFT.ENTRY_SIZE;
const fcbEnd = DOSMEM.FCB_SFT + SFT_BLOCK.ENTRIES + FCB_SFT_ENTRIES * SFT.ENTRY_SIZE;
if (
  DOSMEM.LOL + LOL.SIZE > DOSMEM.DEVICES ||
  DOSMEM.CDS + LASTDRIVE * CDS.ENTRY_SIZE > DOSMEM.DPB ||
  DOSMEM.DPB + LASTDRIVE * DOSMEM.DPB_SIZE > DOSMEM.TABLES ||
  sft1End > DOSMEM.SFT2 ||
  sft2End > DOSMEM.FCB_SFT ||
  fcbEnd > DOSMEM.END
) {
  throw new Error('DOS memory map overlaps');
}
