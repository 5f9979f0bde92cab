// The System File Table in guest memory: chained blocks reached from LoL+04h, entries in the
// NTVDM layout (layout.ts SFT). A system file number (SFN) counts entries along the chain, as
// DOS does; the chain is walked in memory every time, so what the guest sees is the truth. This
// file is the one owner of the chain: the kernel (SftChain), INT 2Fh/1216h-1220h and the VDD layer
// (vdd/handles.ts, vdd/walk.ts) all walk it and fill its entries here, by one set of rules for a
// chain a guest may have corrupted (docs/DESIGN.md "DOS data structures").
import { ADDRESS_MASK, linear, rd16, rdLin16, wrLin16, rdLin32, wrLin32 } from '../cpu/guest-memory';
import { JFT_FREE, LOL, SFT, SFT_BLOCK, SFT_INFO } from './layout';
import { Jft } from './jft';
import { DOS_SEG, DOSMEM, SFT1_ENTRIES, SFT2_ENTRIES, FCB_SFT_ENTRIES } from './sysvars';

/** Open-mode bit 15: the entry was opened through an FCB (DOS marks FCB opens this way). */
export const OPEN_MODE_FCB = 0x8000;
/** Open-mode bit 14 (from INT 21h/6Ch BX): commit every write. */
export const OPEN_MODE_AUTO_COMMIT = 0x4000;
/** Device-info bit 14 for files: the date and time were set (INT 21h/57h) and are kept at close. */
export const INFO_DATE_SET = 0x4000;
/** Device pointer of a host file (no device header), docs/DESIGN.md. */
export const NO_DEVICE = 0xffffffff;
// ---- the rules of the walk
/** The most blocks walked: a guest that loops the chain cannot hang the kernel. */
const MAX_SFT_BLOCKS = 255;
/** A JFT slot holds an 8-bit SFN and FFh (JFT_FREE) means free, so the last SFN is FEh: entries
 *  past it are never reached. */
const MAX_SFN = JFT_FREE - 1;
/** Offset FFFFh in a next pointer ends the chain. */
const END_OF_CHAIN = 0xffff;

/** One entry of the chain: its SFN and where its SFT.ENTRY_SIZE bytes live. */
export interface SftSlot {
  sfn: number;
  seg: number;
  /** The entry's offset: block offset + 6 + n * 3Bh, wrapping in the block's segment as DOS's
   *  16-bit arithmetic does. */
  off: number;
  linear: number;
}

/** A walk along the chain from LoL+04h by the rules above, one entry per next(), or straight to
 *  an entry by its number, a block at a time (seek). No callback and no object per entry: the
 *  kernel finds an entry on every handle call (a CL 5.10 run makes thousands) and walks the chain
 *  at every open, for the free entry and the sharing check. */
class SftWalk {
  /** The current entry: its SFN, segment and offset (valid after next() or seek() said true). */
  sfn = -1;
  seg = 0;
  off = 0;
  private blockSeg: number;
  private blockOff: number;
  /** The SFN of the current block's first entry, its entry count, and the next entry's index. */
  private first = 0;
  private count: number;
  private index = 0;
  private blocks = 0;

  constructor(private readonly mem: Uint8Array) {
    this.blockOff = rd16(mem, DOS_SEG, DOSMEM.LOL + LOL.FIRST_SFT);
    this.blockSeg = rd16(mem, DOS_SEG, DOSMEM.LOL + LOL.FIRST_SFT + 2);
    this.count = this.blockOff === END_OF_CHAIN ? 0 : rd16(mem, this.blockSeg, this.blockOff + SFT_BLOCK.COUNT);
  }

  /** Moves to the next block; false at the end of the chain or of the blocks a walk follows. */
  private nextBlock(): boolean {
    if (this.blockOff === END_OF_CHAIN || ++this.blocks >= MAX_SFT_BLOCKS) return false;
    const mem = this.mem;
    const next = rd16(mem, this.blockSeg, this.blockOff + SFT_BLOCK.NEXT);
    this.blockSeg = rd16(mem, this.blockSeg, this.blockOff + SFT_BLOCK.NEXT + 2);
    this.blockOff = next;
    this.first += this.count;
    this.index = 0;
    this.count = next === END_OF_CHAIN ? 0 : rd16(mem, this.blockSeg, next + SFT_BLOCK.COUNT);
    return true;
  }

  /** Moves to the next entry; false when the chain (or the walk's limits) has ended. */
  next(): boolean {
    while (this.index >= this.count) if (!this.nextBlock()) return false;
    const sfn = this.first + this.index;
    if (sfn > MAX_SFN) return false;
    this.sfn = sfn;
    this.seg = this.blockSeg;
    this.off = (this.blockOff + SFT_BLOCK.ENTRIES + this.index * SFT.ENTRY_SIZE) & 0xffff;
    this.index++;
    return true;
  }

  /** On a new walk: moves to entry `sfn`, stepping over whole blocks before it; false when the
   *  chain has no such entry (or sfn is FFh). */
  seek(sfn: number): boolean {
    if (sfn < 0 || sfn > MAX_SFN) return false;
    while (sfn >= this.first + this.count) if (!this.nextBlock()) return false;
    this.index = sfn - this.first;
    return this.next();
  }

  slot(): SftSlot {
    return { sfn: this.sfn, seg: this.seg, off: this.off, linear: linear(this.seg, this.off) };
  }
}

/** The linear address of entry `sfn`, or -1 when the chain has no such entry (or sfn is FFh). */
export function sftLinear(mem: Uint8Array, sfn: number): number {
  const w = new SftWalk(mem);
  return w.seek(sfn) ? linear(w.seg, w.off) : -1;
}

/** Entry `sfn` of the chain, or null when the chain has no such entry (or sfn is FFh). */
export function sftSlot(mem: Uint8Array, sfn: number): SftSlot | null {
  const w = new SftWalk(mem);
  return w.seek(sfn) ? w.slot() : null;
}

/** Every entry of the chain, in SFN order. */
export function sftSlots(mem: Uint8Array): SftSlot[] {
  const slots: SftSlot[] = [];
  const w = new SftWalk(mem);
  while (w.next()) slots.push(w.slot());
  return slots;
}

/** The first entry whose reference count is 0, or null when all are in use. */
function freeSftSlot(mem: Uint8Array): SftSlot | null {
  const w = new SftWalk(mem);
  while (w.next()) if (rd16(mem, w.seg, w.off + SFT.REF_COUNT) === 0) return w.slot();
  return null;
}

/** Takes the first free entry for a new open: zeroed (the caller fills it); null when all are in
 *  use. The kernel's opens and VDDAllocateDosHandle both take entries this way. */
export function allocateSftEntry(mem: Uint8Array): SftSlot | null {
  const slot = freeSftSlot(mem);
  if (slot) for (let i = 0; i < SFT.ENTRY_SIZE; i++) mem[(slot.linear + i) & ADDRESS_MASK] = 0;
  return slot;
}

/** True if `address` (linear) is the start of an entry of the chain. */
export function isSftEntry(mem: Uint8Array, address: number): boolean {
  const w = new SftWalk(mem);
  while (w.next()) if (linear(w.seg, w.off) === address) return true;
  return false;
}

/** The SFT entry behind handle `h` of `psp`, or null when the handle is free or out of range. */
export function handleSftEntry(mem: Uint8Array, psp: number, h: number): SftSlot | null {
  const sfn = new Jft(mem, psp).get(h);
  if (sfn === JFT_FREE) return null;
  return sftSlot(mem, sfn);
}

/** What an entry describes when it is opened: one way to fill it, for the kernel's opens and the
 *  VDD's VDDAssociateNtHandle alike. */
export interface SftFill {
  mode: number;
  attribute: number;
  /** The device-information word. */
  info: number;
  /** The device header's offset in DOS_SEG; a host file has none (pointer FFFFFFFFh). */
  device?: number;
  when: { date: number; time: number };
  size: number;
  owner: number;
  /** The host handle id (dos.hostHandles), 0 for a device. */
  hostHandle: number;
  /** The 11-byte FCB-form name. */
  fcbName: string;
  /** The reference count (default 1, a fresh open). */
  references?: number;
}

/** Fills the entry at linear address `a`: one reference, position 0, and the given fields. */
export function fillSftEntry(mem: Uint8Array, a: number, e: SftFill): void {
  wrLin16(mem, a + SFT.REF_COUNT, e.references ?? 1);
  wrLin16(mem, a + SFT.OPEN_MODE, e.mode);
  mem[(a + SFT.ATTRIBUTE) & ADDRESS_MASK] = e.attribute & 0xff;
  wrLin16(mem, a + SFT.DEVICE_INFO, e.info);
  if (e.device !== undefined) {
    wrLin16(mem, a + SFT.DEVICE_POINTER, e.device);
    wrLin16(mem, a + SFT.DEVICE_POINTER + 2, DOS_SEG);
  } else wrLin32(mem, a + SFT.DEVICE_POINTER, NO_DEVICE);
  wrLin16(mem, a + SFT.DATE, e.when.date);
  wrLin16(mem, a + SFT.TIME, e.when.time);
  wrLin32(mem, a + SFT.SIZE, e.size);
  wrLin32(mem, a + SFT.POSITION, 0);
  wrLin16(mem, a + SFT.OWNER_PSP, e.owner);
  wrLin32(mem, a + SFT.HOST_HANDLE, e.hostHandle);
  for (let i = 0; i < 11; i++) mem[(a + SFT.NAME + i) & ADDRESS_MASK] = (e.fcbName.charCodeAt(i) || 0x20) & 0xff;
}

export class SftChain {
  constructor(
    private readonly mem: Uint8Array,
    private readonly lol: number, // offset of the LoL in DOS_SEG
  ) {}

  /** Writes the two handle SFT blocks and the FCB block, all entries free, and LoL+04h/1Ah. */
  init(): void {
    const writeBlock = (off: number, count: number, next: number) => {
      const a = linear(DOS_SEG, off);
      this.mem.fill(0, a, a + SFT_BLOCK.ENTRIES + count * SFT.ENTRY_SIZE);
      wrLin16(this.mem, a + SFT_BLOCK.NEXT, next < 0 ? 0xffff : next);
      wrLin16(this.mem, a + SFT_BLOCK.NEXT + 2, next < 0 ? 0xffff : DOS_SEG);
      wrLin16(this.mem, a + SFT_BLOCK.COUNT, count);
    };
    writeBlock(DOSMEM.SFT1, SFT1_ENTRIES, DOSMEM.SFT2);
    writeBlock(DOSMEM.SFT2, SFT2_ENTRIES, -1);
    writeBlock(DOSMEM.FCB_SFT, FCB_SFT_ENTRIES, -1);
    const lol = linear(DOS_SEG, this.lol);
    wrLin16(this.mem, lol + LOL.FIRST_SFT, DOSMEM.SFT1);
    wrLin16(this.mem, lol + LOL.FIRST_SFT + 2, DOS_SEG);
    wrLin16(this.mem, lol + LOL.FCB_SFT, DOSMEM.FCB_SFT);
    wrLin16(this.mem, lol + LOL.FCB_SFT + 2, DOS_SEG);
  }

  /** The linear address of entry `sfn`, or -1 when the chain has no such entry. */
  address(sfn: number): number {
    return sftLinear(this.mem, sfn);
  }

  /** Number of entries along the chain. */
  count(): number {
    return sftSlots(this.mem).length;
  }

  /** The first free entry (ref count 0), zeroed; or -1 when all are in use. */
  allocate(): number {
    return allocateSftEntry(this.mem)?.sfn ?? -1;
  }

  /** Every entry in use, as (sfn, address): a list made now, so the caller may close entries
   *  as it goes. */
  inUse(): [number, number][] {
    const mem = this.mem;
    const used: [number, number][] = [];
    const w = new SftWalk(mem);
    while (w.next()) {
      const a = linear(w.seg, w.off);
      if (rdLin16(mem, a + SFT.REF_COUNT) !== 0) used.push([w.sfn, a]);
    }
    return used;
  }

  // ---- field accessors (entry given by linear address)
  refCount(a: number): number {
    return rdLin16(this.mem, a + SFT.REF_COUNT);
  }
  setRefCount(a: number, v: number): void {
    wrLin16(this.mem, a + SFT.REF_COUNT, v);
  }
  openMode(a: number): number {
    return rdLin16(this.mem, a + SFT.OPEN_MODE);
  }
  setOpenMode(a: number, v: number): void {
    wrLin16(this.mem, a + SFT.OPEN_MODE, v);
  }
  attribute(a: number): number {
    return this.mem[a + SFT.ATTRIBUTE];
  }
  setAttribute(a: number, v: number): void {
    this.mem[a + SFT.ATTRIBUTE] = v & 0xff;
  }
  info(a: number): number {
    return rdLin16(this.mem, a + SFT.DEVICE_INFO);
  }
  setInfo(a: number, v: number): void {
    wrLin16(this.mem, a + SFT.DEVICE_INFO, v);
  }
  isDevice(a: number): boolean {
    return (this.info(a) & SFT_INFO.IS_DEVICE) !== 0;
  }
  devicePointer(a: number): number {
    return rdLin32(this.mem, a + SFT.DEVICE_POINTER);
  }
  setDevicePointer(a: number, seg: number, off: number): void {
    wrLin16(this.mem, a + SFT.DEVICE_POINTER, off);
    wrLin16(this.mem, a + SFT.DEVICE_POINTER + 2, seg);
  }
  setNoDevice(a: number): void {
    wrLin32(this.mem, a + SFT.DEVICE_POINTER, NO_DEVICE);
  }
  time(a: number): number {
    return rdLin16(this.mem, a + SFT.TIME);
  }
  date(a: number): number {
    return rdLin16(this.mem, a + SFT.DATE);
  }
  setDateTime(a: number, date: number, time: number): void {
    wrLin16(this.mem, a + SFT.DATE, date);
    wrLin16(this.mem, a + SFT.TIME, time);
  }
  size(a: number): number {
    return rdLin32(this.mem, a + SFT.SIZE);
  }
  setSize(a: number, v: number): void {
    wrLin32(this.mem, a + SFT.SIZE, v);
  }
  position(a: number): number {
    return rdLin32(this.mem, a + SFT.POSITION);
  }
  setPosition(a: number, v: number): void {
    wrLin32(this.mem, a + SFT.POSITION, v);
  }
  ownerPsp(a: number): number {
    return rdLin16(this.mem, a + SFT.OWNER_PSP);
  }
  setOwnerPsp(a: number, v: number): void {
    wrLin16(this.mem, a + SFT.OWNER_PSP, v);
  }
  hostHandle(a: number): number {
    return rdLin32(this.mem, a + SFT.HOST_HANDLE);
  }
  setHostHandle(a: number, id: number): void {
    wrLin32(this.mem, a + SFT.HOST_HANDLE, id);
  }
  /** The 11-byte FCB-form name. */
  name(a: number): string {
    let s = '';
    for (let i = 0; i < 11; i++) s += String.fromCharCode(this.mem[a + SFT.NAME + i]);
    return s;
  }
  setName(a: number, fcbName: string): void {
    for (let i = 0; i < 11; i++) this.mem[a + SFT.NAME + i] = (fcbName.charCodeAt(i) || 0x20) & 0xff;
  }
}
