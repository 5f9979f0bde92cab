// A process's Job File Table: one byte per handle holding the SFN (FFh = free), found through the
// PSP — its size at PSP+32h and a far pointer at PSP+34h (the built-in 20 bytes at PSP+18h until
// INT 21h/67h moves it to a block of its own). Read from guest memory on every use.
import { linear, rd16, wr16 } from '../cpu/guest-memory';
import { PSP, JFT_DEFAULT_SIZE, JFT_FREE } from './layout';

export class Jft {
  constructor(
    private readonly mem: Uint8Array,
    readonly psp: number,
  ) {}

  get size(): number {
    return rd16(this.mem, this.psp, PSP.JFT_SIZE);
  }

  /** Far pointer to the active table. */
  get pointer(): { seg: number; off: number } {
    return { off: rd16(this.mem, this.psp, PSP.JFT_POINTER), seg: rd16(this.mem, this.psp, PSP.JFT_POINTER + 2) };
  }

  /** True when the table is the built-in one at PSP:18h. */
  get inPsp(): boolean {
    const p = this.pointer;
    return linear(p.seg, p.off) === linear(this.psp, PSP.JFT);
  }

  /** Linear address of the table (for the VDD handle calls' ppJFT). */
  get address(): number {
    const p = this.pointer;
    return linear(p.seg, p.off);
  }

  /** The SFN behind a handle, or JFT_FREE when the handle is out of range or free. */
  get(handle: number): number {
    if (handle < 0 || handle >= this.size) return JFT_FREE;
    const p = this.pointer;
    return this.mem[linear(p.seg, p.off + handle)];
  }

  set(handle: number, sfn: number): void {
    if (handle < 0 || handle >= this.size) return;
    const p = this.pointer;
    this.mem[linear(p.seg, p.off + handle)] = sfn & 0xff;
  }

  /** The lowest free handle, or -1 (DOS hands out the lowest, which dup2-free code relies on). */
  firstFree(): number {
    const n = this.size;
    const p = this.pointer;
    for (let h = 0; h < n; h++) if (this.mem[linear(p.seg, p.off + h)] === JFT_FREE) return h;
    return -1;
  }

  /** Points the PSP at a table (and records its size). */
  relocate(seg: number, off: number, size: number): void {
    wr16(this.mem, this.psp, PSP.JFT_POINTER, off);
    wr16(this.mem, this.psp, PSP.JFT_POINTER + 2, seg);
    wr16(this.mem, this.psp, PSP.JFT_SIZE, size);
  }

  /** A fresh built-in table: 20 free handles at PSP:18h. */
  resetToPsp(): void {
    this.relocate(this.psp, PSP.JFT, JFT_DEFAULT_SIZE);
    for (let h = 0; h < JFT_DEFAULT_SIZE; h++) this.mem[linear(this.psp, PSP.JFT + h)] = JFT_FREE;
  }
}
