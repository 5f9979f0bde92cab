// The DOS memory arena: the chain of Memory Control Blocks from FIRST_MCB_SEG to the top of
// conventional memory, kept only in guest memory (programs walk and patch it). Allocation follows
// MS-DOS 5: free neighbours are merged while searching, first/best/last fit strategies (21h/58h),
// a resize that cannot grow far enough leaves the block as large as possible, and a chain whose
// signatures are broken is reported as error 7 — never as a host exception.
import { rd8, rd16, wr8, wr16 } from '../cpu/guest-memory';
import { MCB, MCB_OWNER_FREE, MCB_TYPE_LAST, MCB_TYPE_MORE } from './layout';
import { FIRST_MCB_SEG } from './sysvars';
import { DOS_ERROR } from './errors';

/** INT 21h/58h allocation strategies (low bits); bits 6-7 select upper memory, which vdm86 lacks. */
export const STRATEGY = {
  FIRST_FIT: 0,
  BEST_FIT: 1,
  LAST_FIT: 2,
  FIT_MASK: 0x03,
  UMB_FIRST: 0x80,
  UMB_ONLY: 0x40,
} as const;

export interface McbInfo {
  /** Segment of the MCB itself; the block starts one paragraph later. */
  mcb: number;
  type: number;
  owner: number;
  size: number;
  name: string;
}

/** Thrown inside the arena when the chain is broken; turned into error 7 by the API below. */
class ChainBroken extends Error {}

export class MemoryArena {
  readonly first = FIRST_MCB_SEG;
  /** The paragraph just past conventional memory (A000h for 640 KiB). */
  readonly top: number;
  /** INT 21h/58h allocation strategy as last set (DOS 5 default: first fit). */
  strategy: number = STRATEGY.FIRST_FIT;
  /** After a failed allocate/resize with error 8: the largest size that would have fitted. */
  lastMaxAvailable = 0;

  constructor(
    private readonly mem: Uint8Array,
    memoryKB: number,
  ) {
    this.top = memoryKB * 64;
  }

  /** Writes one free 'Z' block covering the whole arena. */
  init(): void {
    this.writeMcb(this.first, MCB_TYPE_LAST, MCB_OWNER_FREE, this.top - this.first - 1);
  }

  // ------------------------------------------------------------------ raw MCB access
  type(mcb: number): number {
    return rd8(this.mem, mcb, MCB.TYPE);
  }
  owner(mcb: number): number {
    return rd16(this.mem, mcb, MCB.OWNER);
  }
  size(mcb: number): number {
    return rd16(this.mem, mcb, MCB.SIZE);
  }
  setOwner(mcb: number, owner: number): void {
    wr16(this.mem, mcb, MCB.OWNER, owner);
  }
  /** The 8-byte owner name (DOS 4+): blank-free, zero padded. */
  setName(mcb: number, name: string): void {
    for (let i = 0; i < 8; i++) wr8(this.mem, mcb, MCB.NAME + i, i < name.length ? name.charCodeAt(i) : 0);
  }
  name(mcb: number): string {
    let s = '';
    for (let i = 0; i < 8; i++) {
      const c = rd8(this.mem, mcb, MCB.NAME + i);
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    return s;
  }
  private writeMcb(mcb: number, type: number, owner: number, size: number): void {
    wr8(this.mem, mcb, MCB.TYPE, type);
    wr16(this.mem, mcb, MCB.OWNER, owner);
    wr16(this.mem, mcb, MCB.SIZE, size);
  }
  private isSignature(mcb: number): boolean {
    const t = this.type(mcb);
    return t === MCB_TYPE_MORE || t === MCB_TYPE_LAST;
  }

  // ------------------------------------------------------------------ walking
  /** The MCB after `mcb`, or -1 after the last; throws ChainBroken on a bad signature. */
  private next(mcb: number): number {
    if (this.type(mcb) === MCB_TYPE_LAST) return -1;
    const n = mcb + this.size(mcb) + 1;
    if (n > 0xffff || n >= this.top || !this.isSignature(n)) throw new ChainBroken();
    return n;
  }

  /** Every block of the chain, or DOS error 7 when the chain is broken. */
  blocks(): McbInfo[] | number {
    try {
      const out: McbInfo[] = [];
      if (!this.isSignature(this.first)) throw new ChainBroken();
      for (let m = this.first; m !== -1; m = this.next(m)) {
        out.push({ mcb: m, type: this.type(m), owner: this.owner(m), size: this.size(m), name: this.name(m) });
      }
      return out;
    } catch (e) {
      if (e instanceof ChainBroken) return DOS_ERROR.MCB_DESTROYED;
      throw e;
    }
  }

  /** Merges the free blocks that follow `mcb` into it, which keeps `owner` (free while searching,
   *  the block's own owner when a resize absorbs its free neighbours). */
  private coalesce(mcb: number, owner = MCB_OWNER_FREE): void {
    for (;;) {
      if (this.type(mcb) === MCB_TYPE_LAST) return;
      const n = this.next(mcb);
      if (this.owner(n) !== MCB_OWNER_FREE) return;
      this.writeMcb(mcb, this.type(n), owner, this.size(mcb) + this.size(n) + 1);
    }
  }

  /** Walks the whole chain merging free neighbours, as DOS does before it searches. */
  private coalesceAll(): void {
    if (!this.isSignature(this.first)) throw new ChainBroken();
    for (let m = this.first; m !== -1; m = this.next(m)) {
      if (this.owner(m) === MCB_OWNER_FREE) this.coalesce(m);
    }
  }

  /** Splits `mcb` so it is exactly `paras` long; the rest becomes a free block after it. */
  private split(mcb: number, paras: number): void {
    const size = this.size(mcb);
    if (size <= paras) return;
    const rest = mcb + 1 + paras;
    this.writeMcb(rest, this.type(mcb), MCB_OWNER_FREE, size - paras - 1);
    this.writeMcb(mcb, MCB_TYPE_MORE, this.owner(mcb), paras);
  }

  // ------------------------------------------------------------------ the API (INT 21h/48h, 49h, 4Ah)
  /** The size of the largest free block (after merging), or -7. */
  largestFree(): number {
    try {
      this.coalesceAll();
      let best = 0;
      for (let m = this.first; m !== -1; m = this.next(m)) {
        if (this.owner(m) === MCB_OWNER_FREE && this.size(m) > best) best = this.size(m);
      }
      return best;
    } catch (e) {
      if (e instanceof ChainBroken) return -DOS_ERROR.MCB_DESTROYED;
      throw e;
    }
  }

  /** Allocates `paras` paragraphs for `owner` with the current strategy. Returns the block's
   *  segment (after its MCB), or -8 (lastMaxAvailable = largest free) or -7. */
  allocate(paras: number, owner: number, strategy = this.strategy): number {
    try {
      this.coalesceAll();
      const fit = strategy & STRATEGY.FIT_MASK;
      let chosen = -1;
      let largest = 0;
      for (let m = this.first; m !== -1; m = this.next(m)) {
        if (this.owner(m) !== MCB_OWNER_FREE) continue;
        const size = this.size(m);
        if (size > largest) largest = size;
        if (size < paras) continue;
        if (chosen === -1) chosen = m;
        else if (fit === STRATEGY.BEST_FIT && size < this.size(chosen)) chosen = m;
        else if (fit === STRATEGY.LAST_FIT) chosen = m;
        if (fit === STRATEGY.FIRST_FIT) break;
      }
      if (chosen === -1) {
        this.lastMaxAvailable = largest;
        return -DOS_ERROR.INSUFFICIENT_MEMORY;
      }
      const size = this.size(chosen);
      if (fit === STRATEGY.LAST_FIT && size > paras) {
        // Last fit takes the top of the block; the bottom stays free under the old MCB.
        const type = this.type(chosen);
        const top = chosen + size - paras;
        this.writeMcb(chosen, MCB_TYPE_MORE, MCB_OWNER_FREE, size - paras - 1);
        this.writeMcb(top, type, owner, paras);
        return top + 1;
      }
      this.split(chosen, paras);
      this.setOwner(chosen, owner);
      return chosen + 1;
    } catch (e) {
      if (e instanceof ChainBroken) return -DOS_ERROR.MCB_DESTROYED;
      throw e;
    }
  }

  /** Frees the block at `seg`. 0, or -9 when seg-1 is not an MCB. Like DOS, free blocks are
   *  merged only by the next search. */
  free(seg: number): number {
    const mcb = (seg - 1) & 0xffff;
    if (!this.isSignature(mcb)) return -DOS_ERROR.INVALID_BLOCK;
    this.setOwner(mcb, MCB_OWNER_FREE);
    return 0;
  }

  /** Resizes the block at `seg` to `paras` for `owner` (DOS gives the block to the process that
   *  resizes it). 0, or -7 (seg-1 is not an MCB, or the chain is broken: DOS reports both as a
   *  trashed arena), or -8 when it cannot grow that far: then, as DOS 2.1-6 do, the free blocks
   *  that follow stay merged into it, and lastMaxAvailable says how large it can be. */
  resize(seg: number, paras: number, owner = this.owner((seg - 1) & 0xffff)): number {
    const mcb = (seg - 1) & 0xffff;
    if (!this.isSignature(mcb)) return -DOS_ERROR.MCB_DESTROYED;
    try {
      this.coalesce(mcb, this.owner(mcb));
      const size = this.size(mcb);
      if (paras > size) {
        this.lastMaxAvailable = size;
        return -DOS_ERROR.INSUFFICIENT_MEMORY;
      }
      this.split(mcb, paras);
      this.setOwner(mcb, owner);
      return 0;
    } catch (e) {
      if (e instanceof ChainBroken) return -DOS_ERROR.MCB_DESTROYED;
      throw e;
    }
  }

  /** Whether `strategy` is a value INT 21h/5801h accepts (DOS 5: fit 0-2, optionally with 40h/80h). */
  static validStrategy(strategy: number): boolean {
    const fit = strategy & ~(STRATEGY.UMB_FIRST | STRATEGY.UMB_ONLY);
    return strategy <= 0xff && fit <= STRATEGY.LAST_FIT && (strategy & 0xc0) !== 0xc0;
  }

  /** Frees every block owned by `owner` (process termination). 0 or -7. */
  freeOwnedBy(owner: number): number {
    const list = this.blocks();
    if (typeof list === 'number') return -list;
    for (const b of list) if (b.owner === owner) this.setOwner(b.mcb, MCB_OWNER_FREE);
    return 0;
  }
}
