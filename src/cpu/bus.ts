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

/** Port 0000h-FFFFh dispatch table. An unhooked port reads FFh (open bus) and ignores writes.
 *  `hook` replaces any earlier handler on the same port (the last to hook wins, as NTVDM's
 *  VDDInstallIOHook does); `unhook` restores the handler that was there before. */
export class IoPorts implements IoBus {
  private readonly handlers: (PortHandler | null)[] = new Array(0x10000).fill(null);
  private readonly previous = new Map<number, (PortHandler | null)[]>();

  hook(first: number, last: number, handler: PortHandler): void {
    for (let p = first; p <= last; p++) {
      const port = p & 0xffff;
      let stack = this.previous.get(port);
      if (!stack) this.previous.set(port, (stack = []));
      stack.push(this.handlers[port]);
      this.handlers[port] = handler;
    }
  }

  /** Removes `handler` from the ports it hooked. Where it is the current handler, the one it
   *  displaced comes back; where a later hook displaced it, it leaves the chain, so it never
   *  comes back when that later hook goes. */
  unhook(first: number, last: number, handler: PortHandler): void {
    for (let p = first; p <= last; p++) {
      const port = p & 0xffff;
      const stack = this.previous.get(port);
      if (this.handlers[port] === handler) {
        this.handlers[port] = stack && stack.length ? (stack.pop() as PortHandler | null) : null;
      } else if (stack) {
        const i = stack.lastIndexOf(handler);
        if (i >= 0) stack.splice(i, 1);
      }
    }
  }

  handlerAt(port: number): PortHandler | null {
    return this.handlers[port & 0xffff];
  }

  in8(port: number): number {
    const h = this.handlers[port & 0xffff];
    return h ? h.in8(port & 0xffff) & 0xff : 0xff;
  }

  out8(port: number, value: number): void {
    const h = this.handlers[port & 0xffff];
    if (h) h.out8(port & 0xffff, value & 0xff);
  }

  in16(port: number): number {
    port &= 0xffff;
    const h = this.handlers[port];
    if (h && h.in16 && this.handlers[(port + 1) & 0xffff] === h) return h.in16(port) & 0xffff;
    return this.in8(port) | (this.in8(port + 1) << 8);
  }

  out16(port: number, value: number): void {
    port &= 0xffff;
    const h = this.handlers[port];
    if (h && h.out16 && this.handlers[(port + 1) & 0xffff] === h) {
      h.out16(port, value & 0xffff);
      return;
    }
    this.out8(port, value & 0xff);
    this.out8(port + 1, (value >>> 8) & 0xff);
  }
}
