// The system ROM (roms/rom.asm) as the machine sees it: where it lives, its IVT image, and the
// table of internal entry points that TypeScript code hands to the guest as far pointers.
import { rdLin16 } from '../cpu/guest-memory';
import { ROM_IMAGE_PIECES, ROM_IMAGE_SIZE } from './rom-image';

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

let decoded: Uint8Array | null = null;

/** The 64 KiB ROM image. */
export function romImage(): Uint8Array {
  if (!decoded) {
    const img = new Uint8Array(ROM_IMAGE_SIZE);
    for (const piece of ROM_IMAGE_PIECES) {
      if (piece.length === 3) img.fill(piece[2], piece[0], piece[0] + piece[1]);
      else img.set(base64Bytes(piece[1]), piece[0]);
    }
    decoded = img;
  }
  return decoded;
}

function base64Bytes(text: string): Uint8Array {
  // Node's Buffer decodes base64 in one native call; elsewhere atob and a byte loop.
  if (typeof Buffer === 'function') return Buffer.from(text, 'base64');
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Copies the ROM to F0000h and its IVT image to 0000:0000. */
export function loadRom(mem: Uint8Array): void {
  const img = romImage();
  mem.set(img, ROM_LINEAR);
  mem.set(img.subarray(ROM_IVT_IMAGE, ROM_IVT_IMAGE + IVT_BYTES), 0);
}

/** The offset (in segment F000h) of an internal entry point. */
export function romEntry(mem: Uint8Array, entry: RomEntry): number {
  return rdLin16(mem, ROM_LINEAR + ROM_ENTRY_TABLE + entry * 2);
}
