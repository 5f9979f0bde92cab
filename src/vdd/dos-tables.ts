// The PSP checks a VDD's handle calls make, read straight from guest memory (the truth,
// docs/DESIGN.md "DOS data structures"): the current PSP in the swappable data area, and whether
// a segment holds a PSP. The JFT and the SFT chain are walked by their one owner, dos/jft.ts and
// dos/sft.ts, by the kernel's rules.
import { rd16 } from '../cpu/guest-memory';
import { PSP, SDA } from '../dos/layout';
import { DOS_SEG, DOSMEM } from '../dos/sysvars';

/** The first two bytes of every PSP: INT 20h (CD 20). */
const PSP_SIGNATURE = 0x20cd;

/** The current PSP (SDA+10h), as INT 21h/51h would answer. */
export function currentPsp(mem: Uint8Array): number {
  return rd16(mem, DOS_SEG, DOSMEM.SDA + SDA.CURRENT_PSP);
}

/** True if `seg` plausibly holds a PSP: nonzero and starting with INT 20h, as DOS's own check does. */
export function isPsp(mem: Uint8Array, seg: number): boolean {
  return seg !== 0 && seg < 0xffff && rd16(mem, seg, PSP.INT20) === PSP_SIGNATURE;
}
