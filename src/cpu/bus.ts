// The I/O side of the 8086 bus: a port table the CPU calls for IN/OUT, which the hardware
// layer and VDDs hook. Memory is a plain 1 MiB Uint8Array owned by the CPU (see cpu.ts).

/** What the CPU calls for IN/OUT. Word accesses go through in16/out16 so a device may
 *  implement them natively; otherwise IoPorts splits them into two byte accesses (port, port+1),
 *  as the 8086 bus does for an odd port or an 8-bit device. */
export interface IoBus {
  in8(port: number): number;
  out8(port: number, value: number): void;
  in16(port: number): number;
  out16(port: number, value: number): void;
}

/** Handlers for one port. Byte handlers are required; word handlers are optional. */
export interface PortHandler {
  in8(port: number): number;
  out8(port: number, value: number): void;
  in16?(port: number): number;
  out16?(port: number, value: number): void;
}

/** Ports per page of the dispatch table. */
const PAGE_PORTS = 0x100;
/** The page every port of a page nobody hooked shares: the table starts as 256 references, where
 *  one array of 64 Ki handlers (512 KiB, filled with null) cost every start ~2 ms and, being a
 *  large young object, a scavenge. */
const UNHOOKED: readonly (PortHandler | null)[] = new Array<PortHandler | null>(PAGE_PORTS).fill(null);

/** Port 0000h-FFFFh dispatch table. An unhooked port reads FFh (open bus) and ignores writes.
 *  `hook` replaces any earlier handler on the same port (the last to hook wins, as NTVDM's
 *  VDDInstallIOHook does); `unhook` restores the handler that was there before. */
export class IoPorts implements IoBus {
  /** Handlers by port >> 8, then port & FFh; a page is copied from UNHOOKED at its first hook. */
  private readonly pages: (PortHandler | null)[][] = new Array<(PortHandler | null)[]>(0x10000 / PAGE_PORTS).fill(UNHOOKED as (PortHandler | null)[]);
  private readonly previous = new Map<number, (PortHandler | null)[]>();

  hook(first: number, last: number, handler: PortHandler): void {
    for (let p = first; p <= last; p++) {
      const port = p & 0xffff;
      let stack = this.previous.get(port);
      if (!stack) this.previous.set(port, (stack = []));
      stack.push(this.handler(port));
      this.set(port, handler);
    }
  }

  /** Removes `handler` from the ports it hooked. Where it is the current handler, the one it
   *  displaced comes back; where a later hook displaced it, it leaves the chain, so it never
   *  comes back when that later hook goes. */
  unhook(first: number, last: number, handler: PortHandler): void {
    for (let p = first; p <= last; p++) {
      const port = p & 0xffff;
      const stack = this.previous.get(port);
      if (this.handler(port) === handler) {
        this.set(port, stack && stack.length ? (stack.pop() as PortHandler | null) : null);
      } else if (stack) {
        const i = stack.lastIndexOf(handler);
        if (i >= 0) stack.splice(i, 1);
      }
    }
  }

  handlerAt(port: number): PortHandler | null {
    return this.handler(port & 0xffff);
  }

  /** The handler of `port` (0-FFFFh). */
  private handler(port: number): PortHandler | null {
    return this.pages[port >>> 8][port & 0xff];
  }

  private set(port: number, handler: PortHandler | null): void {
    let page = this.pages[port >>> 8];
    if (page === UNHOOKED) this.pages[port >>> 8] = page = UNHOOKED.slice();
    page[port & 0xff] = handler;
  }

  in8(port: number): number {
    const h = this.handler(port & 0xffff);
    return h ? h.in8(port & 0xffff) & 0xff : 0xff;
  }

  out8(port: number, value: number): void {
    const h = this.handler(port & 0xffff);
    if (h) h.out8(port & 0xffff, value & 0xff);
  }

  in16(port: number): number {
    port &= 0xffff;
    const h = this.handler(port);
    if (h && h.in16 && this.handler((port + 1) & 0xffff) === h) return h.in16(port) & 0xffff;
    return this.in8(port) | (this.in8(port + 1) << 8);
  }

  out16(port: number, value: number): void {
    port &= 0xffff;
    const h = this.handler(port);
    if (h && h.out16 && this.handler((port + 1) & 0xffff) === h) {
      h.out16(port, value & 0xffff);
      return;
    }
    this.out8(port, value & 0xff);
    this.out8(port + 1, (value >>> 8) & 0xff);
  }
}
