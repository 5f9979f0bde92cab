// The SFT chain's walking rules (src/dos/sft.ts) on chains a guest may have built or broken:
// finding an entry by its number (sftLinear, one step per block) must give the entry the walk
// from the List of Lists reaches (SftWalk, one step per entry), on the kernel's own chain and on
// chains with an empty block, an entry range wrapping in its segment, a loop, and more entries
// than an SFN can number.
import { describe, expect, it } from 'vitest';
import { linear, wr16 } from '../../src/cpu/guest-memory';
import { LOL, SFT, SFT_BLOCK } from '../../src/dos/layout';
import { DOS_SEG, DOSMEM } from '../../src/dos/sysvars';
import { SftChain, sftLinear, sftSlot, sftSlots } from '../../src/dos/sft';

function kernelChain(): Uint8Array {
  const mem = new Uint8Array(0x100000);
  new SftChain(mem, DOSMEM.LOL).init();
  return mem;
}

/** Points LoL+04h at seg:off. */
function firstBlock(mem: Uint8Array, seg: number, off: number): void {
  wr16(mem, DOS_SEG, DOSMEM.LOL + LOL.FIRST_SFT, off);
  wr16(mem, DOS_SEG, DOSMEM.LOL + LOL.FIRST_SFT + 2, seg);
}

/** A block at seg:off with `count` entries, followed by nextSeg:nextOff (offset FFFFh ends). */
function block(mem: Uint8Array, seg: number, off: number, count: number, nextSeg: number, nextOff: number): void {
  wr16(mem, seg, off + SFT_BLOCK.NEXT, nextOff);
  wr16(mem, seg, off + SFT_BLOCK.NEXT + 2, nextSeg);
  wr16(mem, seg, off + SFT_BLOCK.COUNT, count);
}

/** Every SFN 0-FFh looked up both ways agrees; returns how many the walk reached. */
function agree(mem: Uint8Array): number {
  const walked = sftSlots(mem);
  for (let sfn = 0; sfn <= 0xff; sfn++) {
    const slot = walked[sfn];
    expect(sftLinear(mem, sfn), `SFN ${sfn}`).toBe(slot ? slot.linear : -1);
    expect(sftSlot(mem, sfn), `SFN ${sfn}`).toEqual(slot ?? null);
  }
  return walked.length;
}

describe('the SFT chain', () => {
  it("finds every entry of the kernel's chain where the walk does", () => {
    const mem = kernelChain();
    expect(agree(mem)).toBe(5 + 115);
    expect(sftLinear(mem, 5)).toBe(linear(DOS_SEG, DOSMEM.SFT2 + SFT_BLOCK.ENTRIES));
  });

  it('steps over an empty block, wraps an entry range in its segment and stops at FFh entries', () => {
    const mem = kernelChain();
    firstBlock(mem, 0x2000, 0x0000);
    block(mem, 0x2000, 0x0000, 0, 0x3000, 0xfff0); // empty
    block(mem, 0x3000, 0xfff0, 3, 0x4000, 0x0000); // entries from FFF6h wrap to 0031h...
    block(mem, 0x4000, 0x0000, 0x1000, 0xffff, 0xffff); // more entries than an SFN can number
    expect(sftLinear(mem, 1)).toBe(linear(0x3000, (0xfff0 + SFT_BLOCK.ENTRIES + SFT.ENTRY_SIZE) & 0xffff));
    expect(agree(mem)).toBe(0xff);
    expect(sftLinear(mem, 0xff)).toBe(-1);
  });

  it('ends a walk round a chain that loops', () => {
    const mem = kernelChain();
    firstBlock(mem, 0x2000, 0x0100);
    block(mem, 0x2000, 0x0100, 1, 0x2000, 0x0100); // a block that points to itself
    expect(agree(mem)).toBe(255); // one entry a block, 255 blocks followed
  });

  it('lists the entries in use for the kernel', () => {
    const mem = kernelChain();
    const chain = new SftChain(mem, DOSMEM.LOL);
    const a = chain.address(7);
    chain.setRefCount(a, 2);
    chain.setRefCount(chain.address(0), 1);
    expect(chain.inUse()).toEqual([
      [0, chain.address(0)],
      [7, a],
    ]);
  });
});
