// The 8259A programmable interrupt controller at ports 20h/21h, as the PC/XT has one (IRQ0-7,
// vectors 08h-0Fh after the BIOS's ICW2). Edge-triggered requests, fully nested priority with
// rotation, the IMR, non-specific and specific EOI, and the IRR/ISR reads of OCW3.
import type { Cpu, InterruptController } from '../cpu/cpu';
import type { IoPorts, PortHandler } from '../cpu/bus';

export const PIC_COMMAND = 0x20;
export const PIC_DATA = 0x21;

/** Command bytes (8259A datasheet). */
const ICW1 = 0x10; // bit 4 set on port 20h: initialization word 1
const ICW1_IC4 = 0x01; // ICW4 follows
const ICW1_SINGLE = 0x02; // no cascade: ICW3 is skipped
const OCW3 = 0x08; // bit 3 set (bit 4 clear): OCW3
const OCW3_READ_REGISTER = 0x02;
const OCW3_READ_ISR = 0x01;
const OCW2_EOI = 0x20;
const OCW2_SPECIFIC = 0x40;
const OCW2_ROTATE = 0x80;
const ICW4_AUTO_EOI = 0x02;

/** The BIOS programs the master 8259 with vector base 08h (IBM PC technical reference). */
export const PIC_VECTOR_BASE = 0x08;

export class Pic implements InterruptController, PortHandler {
  /** Interrupt request register: edges seen and not yet acknowledged. */
  irr = 0;
  /** In-service register: acknowledged and not yet ended by an EOI. */
  isr = 0;
  /** Interrupt mask register (OCW1). */
  imr = 0;
  vectorBase = PIC_VECTOR_BASE;
  /** The IRQ with the lowest priority (priority rotates from lowest+1). */
  private lowest = 7;
  private autoEoi = false;
  private readIsr = false;
  /** Which ICW the next port-21h write is (0 = none: it is OCW1). */
  private initStep = 0;
  private initNeedsIcw4 = false;
  private initSingle = true;

  /** Called when the INTR output goes high (a machine that sleeps must wake up). */
  onRaise: (() => void) | null = null;
  /** Called after an EOI ends service of an IRQ (the keyboard controller loads its next byte then). */
  onEoi: ((irq: number) => void) | null = null;

  constructor(private readonly cpu: Cpu) {
    cpu.pic = this;
  }

  attach(io: IoPorts): void {
    io.hook(PIC_COMMAND, PIC_DATA, this);
  }

  /** A device's rising edge on IRQ line `irq`. */
  raise(irq: number): void {
    this.irr |= 1 << (irq & 7);
    this.update();
  }

  /** Withdraws a request that has not been acknowledged yet. */
  lower(irq: number): void {
    this.irr &= ~(1 << (irq & 7));
    this.update();
  }

  /** The highest-priority IRQ in `bits`, walking from lowest+1 round to lowest; -1 if none. */
  private highest(bits: number): number {
    for (let i = 1; i <= 8; i++) {
      const irq = (this.lowest + i) & 7;
      if (bits & (1 << irq)) return irq;
    }
    return -1;
  }

  /** The request that would interrupt now: unmasked, and of higher priority than any in service. */
  private pending(): number {
    const req = this.irr & ~this.imr;
    if (!req) return -1;
    const irq = this.highest(req);
    const serving = this.highest(this.isr);
    if (serving >= 0 && this.priority(serving) <= this.priority(irq)) return -1;
    return irq;
  }

  /** 0 = highest priority. */
  private priority(irq: number): number {
    return (irq - this.lowest - 1) & 7;
  }

  private update(): void {
    const was = this.cpu.intr;
    this.cpu.intr = this.pending() >= 0;
    if (this.cpu.intr && !was && this.onRaise) this.onRaise();
  }

  /** INTA: the vector of the request being taken. With nothing pending the 8259 answers IRQ7
   *  (the spurious interrupt), without setting its ISR bit. */
  acknowledge(): number {
    const irq = this.pending();
    if (irq < 0) {
      this.update();
      return this.vectorBase + 7;
    }
    this.irr &= ~(1 << irq);
    if (this.autoEoi) {
      if (this.onEoi) this.onEoi(irq);
    } else {
      this.isr |= 1 << irq;
    }
    this.update();
    return this.vectorBase + irq;
  }

  private endOfInterrupt(irq: number, rotate: boolean): void {
    if (irq < 0 || !(this.isr & (1 << irq))) return;
    this.isr &= ~(1 << irq);
    if (rotate) this.lowest = irq;
    this.update();
    if (this.onEoi) this.onEoi(irq);
  }

  in8(port: number): number {
    if (port === PIC_DATA) return this.imr;
    return this.readIsr ? this.isr : this.irr;
  }

  out8(port: number, value: number): void {
    if (port === PIC_COMMAND) {
      if (value & ICW1) {
        // ICW1 resets the controller: mask cleared, priorities reset, IRR read selected.
        this.initStep = 2;
        this.initNeedsIcw4 = (value & ICW1_IC4) !== 0;
        this.initSingle = (value & ICW1_SINGLE) !== 0;
        this.imr = 0;
        this.isr = 0;
        this.lowest = 7;
        this.readIsr = false;
        this.autoEoi = false;
        this.update();
      } else if (value & OCW3) {
        if (value & OCW3_READ_REGISTER) this.readIsr = (value & OCW3_READ_ISR) !== 0;
      } else {
        this.ocw2(value);
      }
      return;
    }
    switch (this.initStep) {
      case 2:
        this.vectorBase = value & 0xf8;
        this.initStep = this.initSingle ? (this.initNeedsIcw4 ? 4 : 0) : 3;
        return;
      case 3:
        this.initStep = this.initNeedsIcw4 ? 4 : 0;
        return;
      case 4:
        this.autoEoi = (value & ICW4_AUTO_EOI) !== 0;
        this.initStep = 0;
        return;
      default:
        this.imr = value;
        this.update();
    }
  }

  private ocw2(value: number): void {
    const level = value & 7;
    const rotate = (value & OCW2_ROTATE) !== 0;
    const specific = (value & OCW2_SPECIFIC) !== 0;
    if (value & OCW2_EOI) {
      this.endOfInterrupt(specific ? level : this.highest(this.isr), rotate);
    } else if (rotate && specific) {
      this.lowest = level; // set priority command
      this.update();
    }
  }
}
