// The System File Table in guest memory: chained blocks reached from LoL+04h, entries in the
// NTVDM layout (layout.ts SFT). A system file number (SFN) counts entries along the chain, as
// DOS does; the chain is walked in memory every time, so what the guest sees is the truth.
import { linear, rdLin16, wrLin16, rdLin32, wrLin32 } from '../cpu/guest-memory';
import { LOL, SFT, SFT_BLOCK, SFT_INFO } from './layout';
import { DOS_SEG, DOSMEM, SFT1_ENTRIES, SFT2_ENTRIES, FCB_SFT_ENTRIES } from './sysvars';

/** Open-mode bit 15: the entry was opened through an FCB (DOS marks FCB opens this way). */
export const OPEN_MODE_FCB = 0x8000;
/** Open-mode bit 14 (from INT 21h/6Ch BX): commit every write. */
export const OPEN_MODE_AUTO_COMMIT = 0x4000;
/** Device-info bit 14 for files: the date and time were set (INT 21h/57h) and are kept at close. */
export const INFO_DATE_SET = 0x4000;
/** Device pointer of a host file (no device header), DESIGN.md. */
export const NO_DEVICE = 0xffffffff;
/** The most blocks, and entries, vdm86 walks: a guest that loops the chain cannot hang the kernel,
 *  and an SFN is a byte in the JFT anyway. */
const MAX_WALK = 255;

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
    if (sfn < 0) return -1;
    let a = this.firstBlock();
    let base = 0;
    for (let blocks = 0; blocks < MAX_WALK && a >= 0; blocks++) {
      const count = rdLin16(this.mem, a + SFT_BLOCK.COUNT);
      if (sfn < base + count) return a + SFT_BLOCK.ENTRIES + (sfn - base) * SFT.ENTRY_SIZE;
      base += count;
      a = this.nextBlock(a);
    }
    return -1;
  }

  /** Number of entries along the chain. */
  count(): number {
    let a = this.firstBlock();
    let n = 0;
    for (let blocks = 0; blocks < MAX_WALK && a >= 0; blocks++) {
      n += rdLin16(this.mem, a + SFT_BLOCK.COUNT);
      a = this.nextBlock(a);
    }
    return Math.min(n, MAX_WALK);
  }

  private firstBlock(): number {
    const lol = linear(DOS_SEG, this.lol);
    const off = rdLin16(this.mem, lol + LOL.FIRST_SFT);
    if (off === 0xffff) return -1;
    return linear(rdLin16(this.mem, lol + LOL.FIRST_SFT + 2), off);
  }

  private nextBlock(a: number): number {
    const off = rdLin16(this.mem, a + SFT_BLOCK.NEXT);
    if (off === 0xffff) return -1;
    return linear(rdLin16(this.mem, a + SFT_BLOCK.NEXT + 2), off);
  }

  /** The first free entry (ref count 0), zeroed; or -1 when all are in use. */
  allocate(): number {
    const n = this.count();
    for (let sfn = 0; sfn < n; sfn++) {
      const a = this.address(sfn);
      if (rdLin16(this.mem, a + SFT.REF_COUNT) === 0) {
        this.mem.fill(0, a, a + SFT.ENTRY_SIZE);
        return sfn;
      }
    }
    return -1;
  }

  /** Every entry in use, as (sfn, address). */
  *inUse(): Generator<[number, number]> {
    const n = this.count();
    for (let sfn = 0; sfn < n; sfn++) {
      const a = this.address(sfn);
      if (rdLin16(this.mem, a + SFT.REF_COUNT) !== 0) yield [sfn, a];
    }
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
