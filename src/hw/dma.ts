// The 8237A DMA controller of the PC/XT: four 8-bit channels at ports 00h-0Fh, with the page
// registers at 81h-87h (ch2 81h, ch3 82h, ch1 83h, ch0 87h, as the IBM PC technical reference
// wires them) giving address bits 16-19. vdm86 has no bus master of its own: a VDD's device
// transfers through a channel with VDDRequestDMA (src/vdd), which moves bytes between guest memory
// and the device's buffer as the channel is programmed, the way NTVDM's virtual DMA does.
// Implemented: base/current address and count with the byte-pointer flip-flop, mode (transfer
// type, auto-initialization, address decrement), single and all-mask writes, request register,
// status (terminal count and request bits; reading clears TC), master clear, clear mask.
// Memory-to-memory transfers (command register bit 0, channels 0-1) are not performed; the
// command register is kept for reads of the status only.
import type { IoPorts, PortHandler } from '../cpu/bus';

export const DMA_CHANNELS = 4;
/** Port of channel n's address register (its count register is the next port). */
export const DMA_ADDRESS_PORT = (channel: number): number => channel * 2;
export const DMA_PORT = {
  STATUS_COMMAND: 0x08,
  REQUEST: 0x09,
  SINGLE_MASK: 0x0a,
  MODE: 0x0b,
  CLEAR_FLIP_FLOP: 0x0c,
  MASTER_CLEAR: 0x0d,
  CLEAR_MASK: 0x0e,
  ALL_MASK: 0x0f,
} as const;
/** Page register port of each channel (PC/XT). */
export const DMA_PAGE_PORT = [0x87, 0x83, 0x81, 0x82] as const;
const PAGE_FIRST = 0x81;
const PAGE_LAST = 0x87;

/** Mode register fields (bits 0-1 select the channel). */
export const DMA_MODE = {
  TRANSFER_MASK: 0x0c,
  VERIFY: 0x00,
  /** "Write": device to memory (an I/O read, e.g. a disk read into memory). */
  WRITE: 0x04,
  /** "Read": memory to device. */
  READ: 0x08,
  AUTO_INIT: 0x10,
  DECREMENT: 0x20,
} as const;

/** One channel as the 8237 holds it. */
export interface DmaChannel {
  baseAddress: number;
  baseCount: number;
  /** The current address (16 bits; the page register supplies bits 16-19). */
  address: number;
  /** The current count: bytes left minus one (FFFFh once the transfer reached terminal count). */
  count: number;
  page: number;
  mode: number;
  masked: boolean;
}

export class Dma8237 implements PortHandler {
  readonly channels: DmaChannel[] = Array.from({ length: DMA_CHANNELS }, () => ({
    baseAddress: 0,
    baseCount: 0,
    address: 0,
    count: 0,
    page: 0,
    mode: 0,
    masked: true,
  }));
  /** Status register: bits 0-3 terminal count reached, bits 4-7 requests pending. */
  status = 0;
  command = 0;
  private flipFlop = false;
  private temporary = 0;
  /** Bytes of 84h-86h (unused page register slots; they read back what was written). */
  private readonly spare = new Uint8Array(PAGE_LAST - PAGE_FIRST + 1);

  attach(io: IoPorts): void {
    io.hook(0x00, DMA_PORT.ALL_MASK, this);
    io.hook(PAGE_FIRST, PAGE_LAST, this);
  }

  in8(port: number): number {
    if (port >= PAGE_FIRST) {
      const ch = DMA_PAGE_PORT.indexOf(port as (typeof DMA_PAGE_PORT)[number]);
      return ch >= 0 ? this.channels[ch].page : this.spare[port - PAGE_FIRST];
    }
    if (port < DMA_PORT.STATUS_COMMAND) {
      const c = this.channels[port >> 1];
      const value = port & 1 ? c.count : c.address;
      return this.toggle() ? value >>> 8 : value & 0xff;
    }
    if (port === DMA_PORT.STATUS_COMMAND) {
      const s = this.status;
      this.status &= 0xf0; // reading the status clears the terminal count bits
      return s;
    }
    if (port === DMA_PORT.MASTER_CLEAR) return this.temporary;
    return 0xff;
  }

  out8(port: number, value: number): void {
    if (port >= PAGE_FIRST) {
      const ch = DMA_PAGE_PORT.indexOf(port as (typeof DMA_PAGE_PORT)[number]);
      if (ch >= 0) this.channels[ch].page = value & 0x0f;
      else this.spare[port - PAGE_FIRST] = value;
      return;
    }
    if (port < DMA_PORT.STATUS_COMMAND) {
      // Writing an address or count sets the base and the current register together.
      const c = this.channels[port >> 1];
      const high = this.toggle();
      if (port & 1) c.baseCount = c.count = high ? (c.baseCount & 0xff) | (value << 8) : (c.baseCount & 0xff00) | value;
      else c.baseAddress = c.address = high ? (c.baseAddress & 0xff) | (value << 8) : (c.baseAddress & 0xff00) | value;
      return;
    }
    switch (port) {
      case DMA_PORT.STATUS_COMMAND:
        this.command = value;
        return;
      case DMA_PORT.REQUEST:
        if (value & 4) this.status |= 0x10 << (value & 3);
        else this.status &= ~(0x10 << (value & 3));
        return;
      case DMA_PORT.SINGLE_MASK:
        this.channels[value & 3].masked = (value & 4) !== 0;
        return;
      case DMA_PORT.MODE:
        this.channels[value & 3].mode = value;
        return;
      case DMA_PORT.CLEAR_FLIP_FLOP:
        this.flipFlop = false;
        return;
      case DMA_PORT.MASTER_CLEAR:
        this.flipFlop = false;
        this.status = 0;
        this.command = 0;
        this.temporary = 0;
        for (const c of this.channels) c.masked = true;
        return;
      case DMA_PORT.CLEAR_MASK:
        for (const c of this.channels) c.masked = false;
        return;
      case DMA_PORT.ALL_MASK:
        for (let i = 0; i < DMA_CHANNELS; i++) this.channels[i].masked = (value & (1 << i)) !== 0;
        return;
    }
  }

  /** The flip-flop's state before this access (false: low byte), then flipped. */
  private toggle(): boolean {
    const high = this.flipFlop;
    this.flipFlop = !high;
    return high;
  }

  /** Moves up to `buffer.length` bytes through `channel` as its mode says: WRITE fills guest
   *  memory from `buffer`, READ fills `buffer` from guest memory, VERIFY moves nothing but
   *  counts. Stops at terminal count (status bit, then the channel reloads if auto-initialized,
   *  else masks itself). The address steps within its 64 KiB page (the page register does not
   *  carry, as on the PC). Returns the bytes transferred; 0 for a masked channel. */
  transfer(channel: number, mem: Uint8Array, buffer: Uint8Array): number {
    const c = this.channels[channel];
    if (c.masked) return 0;
    const type = c.mode & DMA_MODE.TRANSFER_MASK;
    const step = c.mode & DMA_MODE.DECREMENT ? -1 : 1;
    const base = c.page << 16;
    let n = 0;
    while (n < buffer.length) {
      const at = base | c.address;
      if (type === DMA_MODE.WRITE) mem[at] = buffer[n];
      else if (type === DMA_MODE.READ) buffer[n] = mem[at];
      n++;
      c.address = (c.address + step) & 0xffff;
      c.count = (c.count - 1) & 0xffff;
      if (c.count === 0xffff) {
        this.terminalCount(channel);
        break;
      }
    }
    return n;
  }

  private terminalCount(channel: number): void {
    const c = this.channels[channel];
    this.status |= 1 << channel;
    this.status &= ~(0x10 << channel);
    if (c.mode & DMA_MODE.AUTO_INIT) {
      c.address = c.baseAddress;
      c.count = c.baseCount;
    } else c.masked = true;
  }
}
