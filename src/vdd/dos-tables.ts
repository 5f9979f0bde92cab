// The DOS tables a VDD touches, read straight from guest memory (the truth, DESIGN.md "DOS data
// structures"): the current PSP in the swappable data area, a PSP's JFT (size at PSP+32h, far
// pointer at PSP+34h) and the SFT chain that starts at List of Lists+04h.
import { linear, rd16, rd8, wr8 } from '../cpu/guest-memory';
import { LOL, PSP, SDA, SFT, SFT_BLOCK, JFT_FREE } from '../dos/layout';
import { DOS_SEG, DOSMEM } from '../dos/sysvars';

/** The first two bytes of every PSP: INT 20h (CD 20). */
const PSP_SIGNATURE = 0x20cd;
/** A JFT slot holds an 8-bit SFN and FFh means free, so no SFN can be FFh or above. */
const MAX_SFN = 0xfe;
/** Guard against a guest that corrupted the chain into a loop. */
const MAX_SFT_BLOCKS = 64;
/** Offset FFFFh in a block's next pointer ends the chain. */
const END_OF_CHAIN = 0xffff;

export interface JftView {
  /** Number of slots (PSP+32h). */
  size: number;
  /** Where the active JFT lives (PSP+34h): PSP:18h, or a block of its own after INT 21h/67h. */
  seg: number;
  off: number;
  linear: number;
}

export interface SftSlot {
  sfn: number;
  /** Where the 3Bh-byte entry lives, as seg:off and linear. */
  seg: number;
  off: number;
  linear: number;
}

/** The current PSP (SDA+10h), as INT 21h/51h would answer. */
export function currentPsp(mem: Uint8Array): number {
  return rd16(mem, DOS_SEG, DOSMEM.SDA + SDA.CURRENT_PSP);
}

/** True if `seg` plausibly holds a PSP: nonzero and starting with INT 20h, as DOS's own check does. */
export function isPsp(mem: Uint8Array, seg: number): boolean {
  return seg !== 0 && seg < 0xffff && rd16(mem, seg, PSP.INT20) === PSP_SIGNATURE;
}

export function jftOf(mem: Uint8Array, psp: number): JftView {
  const size = rd16(mem, psp, PSP.JFT_SIZE);
  const off = rd16(mem, psp, PSP.JFT_POINTER);
  const seg = rd16(mem, psp, PSP.JFT_POINTER + 2);
  return { size, seg, off, linear: linear(seg, off) };
}

/** The SFN in JFT slot `handle`, or JFT_FREE. */
export function jftEntry(mem: Uint8Array, jft: JftView, handle: number): number {
  return rd8(mem, jft.seg, jft.off + handle);
}

export function setJftEntry(mem: Uint8Array, jft: JftView, handle: number, sfn: number): void {
  wr8(mem, jft.seg, jft.off + handle, sfn);
}

/** Every entry of the handle SFT chain (List of Lists+04h), in SFN order. A chain that loops or
 *  runs past FEh entries is cut there rather than followed forever. */
export function sftSlots(mem: Uint8Array): SftSlot[] {
  const slots: SftSlot[] = [];
  let off = rd16(mem, DOS_SEG, DOSMEM.LOL + LOL.FIRST_SFT);
  let seg = rd16(mem, DOS_SEG, DOSMEM.LOL + LOL.FIRST_SFT + 2);
  for (let block = 0; block < MAX_SFT_BLOCKS && off !== END_OF_CHAIN; block++) {
    const count = rd16(mem, seg, off + SFT_BLOCK.COUNT);
    for (let i = 0; i < count; i++) {
      if (slots.length > MAX_SFN) return slots;
      const entryOff = (off + SFT_BLOCK.ENTRIES + i * SFT.ENTRY_SIZE) & 0xffff;
      slots.push({ sfn: slots.length, seg, off: entryOff, linear: linear(seg, entryOff) });
    }
    const nextOff = rd16(mem, seg, off + SFT_BLOCK.NEXT);
    seg = rd16(mem, seg, off + SFT_BLOCK.NEXT + 2);
    off = nextOff;
  }
  return slots;
}

/** Linear address of the SFT entry for `sfn`, or -1 when the chain has no such entry. */
export function sftEntryAddress(mem: Uint8Array, sfn: number): number {
  if (sfn === JFT_FREE) return -1;
  const slot = sftSlots(mem)[sfn];
  return slot ? slot.linear : -1;
}

/** True if `address` is the start of an entry in the handle SFT chain. */
export function isSftEntry(mem: Uint8Array, address: number): boolean {
  return sftSlots(mem).some((s) => s.linear === address);
}
