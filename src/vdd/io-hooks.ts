// VDDInstallIOHook / VDDDeInstallIOHook over the machine's port table. As in NTVDM the byte
// handlers are required and the word and string handlers optional: a word access without a word
// handler becomes two byte accesses (port, then port+1, low byte first, as the 8086 bus splits
// it), and a string transfer without a string handler becomes one byte or word access per element.
// The last VDD to hook a port wins; unhooking gives the port back to whoever had it before.
import type { IoPorts, PortHandler } from '../cpu/bus';
import { ADDRESS_MASK } from '../cpu/guest-memory';

export interface VddPortRange {
  first: number;
  last: number;
}

/** VDD_IO_HANDLERS, camel-cased. String handlers get a live view of the guest buffer. */
export interface VddIoHandlers {
  inb(port: number): number;
  outb(port: number, value: number): void;
  inw?(port: number): number;
  outw?(port: number, value: number): void;
  /** INSB: fill `buffer` (count bytes of guest memory) from the port. */
  insb?(port: number, buffer: Uint8Array, count: number): void;
  /** INSW: fill `buffer` (count words, little-endian) from the port. */
  insw?(port: number, buffer: Uint8Array, count: number): void;
  outsb?(port: number, buffer: Uint8Array, count: number): void;
  outsw?(port: number, buffer: Uint8Array, count: number): void;
}

/** One VDD's handler on the port table: what the CPU calls for IN/OUT, plus the string entry
 *  points a string I/O instruction would use. The 8086 has no INS/OUTS (opcodes 6Ch-6Fh are
 *  conditional-jump aliases on it), so vdm86's CPU never issues them; `stringIn`/`stringOut`
 *  below are the door for anything that transfers blocks through a port. */
export class VddPortHandler implements PortHandler {
  readonly in16?: (port: number) => number;
  readonly out16?: (port: number, value: number) => void;

  constructor(readonly handlers: VddIoHandlers) {
    const h = handlers;
    // Left undefined when absent: IoPorts then splits the word into two byte accesses.
    if (h.inw) this.in16 = (port) => h.inw!(port) & 0xffff;
    if (h.outw) this.out16 = (port, value) => h.outw!(port, value & 0xffff);
  }

  in8(port: number): number {
    return this.handlers.inb(port) & 0xff;
  }

  out8(port: number, value: number): void {
    this.handlers.outb(port, value & 0xff);
  }

  /** INSB/INSW: `count` elements of `width` bytes from `port` into guest memory at `address`. */
  stringIn(io: IoPorts, mem: Uint8Array, port: number, address: number, count: number, width: 1 | 2): void {
    const h = this.handlers;
    const native = width === 1 ? h.insb : h.insw;
    if (native && !crossesTop(address, count * width)) {
      native.call(h, port, mem.subarray(address, address + count * width), count);
      return;
    }
    elementsIn(io, mem, port, address, count, width);
  }

  /** OUTSB/OUTSW: `count` elements of `width` bytes from guest memory at `address` to `port`. */
  stringOut(io: IoPorts, mem: Uint8Array, port: number, address: number, count: number, width: 1 | 2): void {
    const h = this.handlers;
    const native = width === 1 ? h.outsb : h.outsw;
    if (native && !crossesTop(address, count * width)) {
      native.call(h, port, mem.subarray(address, address + count * width), count);
      return;
    }
    elementsOut(io, mem, port, address, count, width);
  }
}

function crossesTop(address: number, length: number): boolean {
  return address < 0 || address + length > ADDRESS_MASK + 1;
}

/** A string transfer through `port` as a string I/O instruction would do it: the VDD's string
 *  handler when the port's owner has one, else element by element through the port table. */
export function portStringIn(io: IoPorts, mem: Uint8Array, port: number, address: number, count: number, width: 1 | 2): void {
  const h = io.handlerAt(port);
  if (h instanceof VddPortHandler) h.stringIn(io, mem, port, address, count, width);
  else elementsIn(io, mem, port, address, count, width);
}

export function portStringOut(io: IoPorts, mem: Uint8Array, port: number, address: number, count: number, width: 1 | 2): void {
  const h = io.handlerAt(port);
  if (h instanceof VddPortHandler) h.stringOut(io, mem, port, address, count, width);
  else elementsOut(io, mem, port, address, count, width);
}

/** The fallback: one IN per element, through the port table (so a missing word handler splits
 *  again into byte accesses). */
function elementsIn(io: IoPorts, mem: Uint8Array, port: number, address: number, count: number, width: 1 | 2): void {
  for (let i = 0; i < count; i++) {
    const a = address + i * width;
    if (width === 1) mem[a & ADDRESS_MASK] = io.in8(port);
    else {
      const v = io.in16(port);
      mem[a & ADDRESS_MASK] = v & 0xff;
      mem[(a + 1) & ADDRESS_MASK] = v >>> 8;
    }
  }
}

function elementsOut(io: IoPorts, mem: Uint8Array, port: number, address: number, count: number, width: 1 | 2): void {
  for (let i = 0; i < count; i++) {
    const a = address + i * width;
    if (width === 1) io.out8(port, mem[a & ADDRESS_MASK]);
    else io.out16(port, mem[a & ADDRESS_MASK] | (mem[(a + 1) & ADDRESS_MASK] << 8));
  }
}

/** The I/O hooks of one VDD: which handler object sits on which ranges. */
export class IoHookSet {
  private readonly installed: { range: VddPortRange; handler: VddPortHandler }[] = [];

  constructor(private readonly io: IoPorts) {}

  /** True while this VDD has hooks in (NTVDM: one set of I/O hooks per VDD at a time). */
  get active(): boolean {
    return this.installed.length > 0;
  }

  /** '' when installed, else why not. */
  install(ranges: VddPortRange[], handlers: VddIoHandlers): string {
    if (this.active) return 'this VDD has a set of I/O hooks installed already (one set per VDD: pass every range in one call, or deInstallIOHook first)';
    if (typeof handlers?.inb !== 'function' || typeof handlers?.outb !== 'function') return 'the handlers need inb and outb functions';
    if (ranges.length === 0) return 'no port range given';
    for (const r of ranges) {
      if (!validRange(r)) return `${JSON.stringify(r)} is not a port range { first, last } within 0-FFFFh with first <= last`;
    }
    const handler = new VddPortHandler(handlers);
    for (const r of ranges) {
      this.io.hook(r.first, r.last, handler);
      this.installed.push({ range: { first: r.first, last: r.last }, handler });
    }
    return '';
  }

  /** Removes this VDD's hooks from every port in `ranges`. */
  deinstall(ranges: VddPortRange[]): void {
    for (const r of ranges) {
      if (!validRange(r)) continue;
      for (const entry of this.installed) {
        const first = Math.max(r.first, entry.range.first);
        const last = Math.min(r.last, entry.range.last);
        if (first <= last) this.io.unhook(first, last, entry.handler);
      }
    }
    // What is left of each installed range stays hooked; a fully unhooked VDD may install again.
    for (let i = this.installed.length - 1; i >= 0; i--) {
      const e = this.installed[i].range;
      if (ranges.some((r) => validRange(r) && r.first <= e.first && r.last >= e.last)) this.installed.splice(i, 1);
    }
  }

  deinstallAll(): void {
    for (const e of this.installed.splice(0)) this.io.unhook(e.range.first, e.range.last, e.handler);
  }
}

function validRange(r: VddPortRange): boolean {
  return (
    Number.isInteger(r?.first) && Number.isInteger(r?.last) && r.first >= 0 && r.last <= 0xffff && r.first <= r.last
  );
}
