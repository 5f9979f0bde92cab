// The system ROM (roms/rom.asm) as the machine sees it: where it lives, its IVT image, and the
// table of internal entry points that TypeScript code hands to the guest as far pointers.
import { rdLin16 } from '../cpu/guest-memory';
import { ROM_IMAGE_PIECES } from './rom-image';

export const ROM_SEGMENT = 0xf000;
export const ROM_LINEAR = 0xf0000;
/** F000:0000: 256 far pointers copied to the IVT at start. */
export const ROM_IVT_IMAGE = 0x0000;
/** The interrupt vector table at 0000:0000: 256 far pointers. */
export const IVT_BYTES = 256 * 4;
/** F000:0400: word offsets of the entry points below. */
export const ROM_ENTRY_TABLE = 0x0400;

/** Index into the entry table (keep in step with entry_table in roms/rom.asm). */
export const ROM_ENTRY = {
  DEV_STRATEGY: 0,
  DEV_INTERRUPT: 1,
  ROOT_TERMINATE: 2,
  IRET: 3,
  UNSIMULATE: 4,
  CONFIG_TABLE: 5,
  RETF: 6,
  CPM_ENTRY: 7,
} as const;
export type RomEntry = (typeof ROM_ENTRY)[keyof typeof ROM_ENTRY];

/** Puts the ROM into a new machine's memory (all zeros): its pieces where they go, the runs of one
 *  byte filled, the zero stretches left alone (their pages are never touched: a start-up pays
 *  ~11 us for each page of fresh memory it touches on the VMs the bench runs on), and the IVT
 *  image copied to 0000:0000. */
export function loadRom(mem: Uint8Array): void {
  for (const piece of ROM_IMAGE_PIECES) {
    if (piece.length === 3) mem.fill(piece[2], ROM_LINEAR + piece[0], ROM_LINEAR + piece[0] + piece[1]);
    else mem.set(base64Bytes(piece[1]), ROM_LINEAR + piece[0]);
  }
  mem.copyWithin(0, ROM_LINEAR + ROM_IVT_IMAGE, ROM_LINEAR + ROM_IVT_IMAGE + IVT_BYTES);
}

function base64Bytes(text: string): Uint8Array {
  // Node's Buffer decodes base64 in one native call; elsewhere atob and a byte loop.
  if (typeof Buffer === 'function') return Buffer.from(text, 'base64');
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The offset (in segment F000h) of an internal entry point. */
export function romEntry(mem: Uint8Array, entry: RomEntry): number {
  return rdLin16(mem, ROM_LINEAR + ROM_ENTRY_TABLE + entry * 2);
}
