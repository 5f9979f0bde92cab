// The 8253 programmable interval timer at ports 40h-43h, clocked at 1.193182 MHz and paced by
// the host clock. Counter 0 drives IRQ0 (18.2 Hz as the BIOS programs it, or whatever rate a
// program sets); counter 2, gated by port 61h bit 0, is readable so delay loops and speaker code
// see it count. Counts are computed from elapsed host time when read, never stepped.
import type { TimedDevice } from './board';
import type { IoPorts, PortHandler } from '../cpu/bus';

/** The PIT's input clock (Hz): the PC's 14.31818 MHz crystal divided by 12. */
export const PIT_HZ = 1193182;
export const PIT_COUNTER0 = 0x40;
export const PIT_COUNTER2 = 0x42;
export const PIT_CONTROL = 0x43;

/** Control word fields (8253 datasheet). */
const CW_COUNTER_SHIFT = 6;
const CW_ACCESS_SHIFT = 4;
const ACCESS_LATCH = 0;
const ACCESS_LSB = 1;
const ACCESS_MSB = 2;
const ACCESS_WORD = 3;
const CW_MODE_SHIFT = 1;
const CW_BCD = 0x01;

/** A tick backlog longer than this (a suspended host, a long pause in a debugger) is dropped
 *  rather than delivered as a burst of IRQ0s. */
const MAX_BACKLOG_MS = 1000;

class Counter {
  mode = 3;
  access = ACCESS_WORD;
  bcd = false;
  /** The programmed count (1..65536). */
  reload = 0x10000;
  /** Host ms at which counting (re)started. */
  start = 0;
  /** Gate input; counters 0 and 1 are wired high, counter 2 follows port 61h bit 0. */
  gate = true;
  /** Elapsed clocks frozen while the gate is low (modes 0 and 4 pause rather than restart). */
  private pausedClocks = 0;
  armed = false;
  private writeHigh = false;
  private readHigh = false;
  private latched: number | null = null;
  private pendingLow = 0;

  constructor(private readonly now: () => number) {}

  clocks(now: number): number {
    if (!this.armed) return 0;
    if (!this.gate) return this.pausedClocks;
    return this.pausedClocks + Math.floor(((now - this.start) * PIT_HZ) / 1000);
  }

  /** The value a read of the counter returns now. */
  count(now: number): number {
    const n = this.reload;
    const c = this.clocks(now);
    switch (this.mode) {
      case 2:
        return n - (c % n);
      case 3: {
        // Square wave: the counter steps by two, twice per period.
        const half = Math.max(1, n >>> 1);
        return (n - 2 * (c % half)) & 0xfffe;
      }
      default:
        // Modes 0, 1, 4, 5: count down once, then wrap through FFFFh.
        return (n - c) & 0xffff;
    }
  }

  /** The OUT pin. */
  output(now: number): boolean {
    if (!this.armed) return true;
    const n = this.reload;
    const c = this.clocks(now);
    switch (this.mode) {
      case 0:
        return c >= n;
      case 2:
        return !this.gate || c % n !== n - 1;
      case 3:
        return !this.gate || c % n < Math.ceil(n / 2);
      default:
        return true;
    }
  }

  control(value: number): void {
    const access = (value >>> CW_ACCESS_SHIFT) & 3;
    if (access === ACCESS_LATCH) {
      if (this.latched === null) this.latched = this.count(this.now());
      this.readHigh = false;
      return;
    }
    this.access = access;
    this.mode = (value >>> CW_MODE_SHIFT) & 7;
    if (this.mode > 5) this.mode -= 4; // 6 and 7 alias modes 2 and 3
    this.bcd = (value & CW_BCD) !== 0;
    this.writeHigh = false;
    this.readHigh = false;
    this.latched = null;
    this.armed = false; // the counter waits for its new count
  }

  /** Returns true when a complete count was loaded. */
  write(value: number): boolean {
    switch (this.access) {
      case ACCESS_LSB:
        this.load(value);
        return true;
      case ACCESS_MSB:
        this.load(value << 8);
        return true;
      default:
        if (!this.writeHigh) {
          this.pendingLow = value;
          this.writeHigh = true;
          return false;
        }
        this.writeHigh = false;
        this.load(this.pendingLow | (value << 8));
        return true;
    }
  }

  private load(raw: number): void {
    let n = raw & 0xffff;
    if (this.bcd) n = fromBcd(n);
    if (n === 0) n = this.bcd ? 10000 : 0x10000;
    this.reload = n;
    this.start = this.now();
    this.pausedClocks = 0;
    this.armed = true;
  }

  read(): number {
    let value = this.latched ?? this.count(this.now());
    if (this.bcd) value = toBcd(value % 10000);
    let byte: number;
    switch (this.access) {
      case ACCESS_LSB:
        byte = value & 0xff;
        this.latched = null;
        break;
      case ACCESS_MSB:
        byte = value >>> 8;
        this.latched = null;
        break;
      default:
        byte = this.readHigh ? value >>> 8 : value & 0xff;
        if (this.readHigh) this.latched = null;
        this.readHigh = !this.readHigh;
    }
    return byte & 0xff;
  }

  setGate(on: boolean): void {
    if (on === this.gate) return;
    const now = this.now();
    if (!on) {
      this.pausedClocks = this.clocks(now);
      this.gate = false;
      return;
    }
    this.gate = true;
    this.start = now;
    // Modes 0 and 4 resume where they paused; modes 1, 2, 3 and 5 restart on a rising gate.
    if (this.mode !== 0 && this.mode !== 4) this.pausedClocks = 0;
  }
}

function fromBcd(v: number): number {
  return (v & 0xf) + ((v >>> 4) & 0xf) * 10 + ((v >>> 8) & 0xf) * 100 + ((v >>> 12) & 0xf) * 1000;
}

function toBcd(v: number): number {
  return (v % 10) | (Math.floor(v / 10) % 10 << 4) | (Math.floor(v / 100) % 10 << 8) | (Math.floor(v / 1000) % 10 << 12);
}

export class Pit implements TimedDevice, PortHandler {
  readonly counters: Counter[];
  /** Host ms of the next IRQ0 edge from counter 0. */
  private nextTick: number;

  /** Called on each rising edge of counter 0's output (wired to IRQ0). */
  onIrq0: () => void = () => {};

  constructor(private readonly now: () => number) {
    this.counters = [new Counter(now), new Counter(now), new Counter(now)];
    // Counter 2's gate starts low: the speaker and its timer are off until port 61h says so.
    this.counters[2].gate = false;
    // The BIOS programs counter 0 for mode 3 with count 0 (65536): 18.2065 Hz.
    this.counters[0].control((3 << CW_ACCESS_SHIFT) | (3 << CW_MODE_SHIFT));
    this.counters[0].write(0);
    this.counters[0].write(0);
    this.nextTick = this.counters[0].start + this.periodMs();
  }

  attach(io: IoPorts): void {
    io.hook(PIT_COUNTER0, PIT_CONTROL, this);
  }

  /** The period of counter 0 in host ms. */
  periodMs(): number {
    return (this.counters[0].reload * 1000) / PIT_HZ;
  }

  /** IRQ0's rate in Hz as currently programmed. */
  rateHz(): number {
    return PIT_HZ / this.counters[0].reload;
  }

  nextEvent(): number {
    return this.nextTick;
  }

  service(now: number): void {
    if (now < this.nextTick) return;
    const c0 = this.counters[0];
    if (!c0.armed) {
      this.nextTick = Infinity;
      return;
    }
    this.onIrq0();
    if (c0.mode !== 2 && c0.mode !== 3) {
      this.nextTick = Infinity; // modes 0, 1, 4, 5 are one-shot: a single edge at terminal count
      return;
    }
    // One edge per service: the 8259 holds one request per line, so a backlog would be lost
    // on real hardware too; keep the schedule so the long-run rate stays exact.
    this.nextTick += this.periodMs();
    if (now - this.nextTick > MAX_BACKLOG_MS) this.nextTick = now + this.periodMs();
  }

  /** Port 61h bit 0. */
  setGate2(on: boolean): void {
    this.counters[2].setGate(on);
  }

  /** Counter 2's OUT, read back through port 61h bit 5. */
  output2(): boolean {
    return this.counters[2].output(this.now());
  }

  in8(port: number): number {
    if (port === PIT_CONTROL) return 0xff; // the 8253 control register is write-only
    return this.counters[port - PIT_COUNTER0].read();
  }

  out8(port: number, value: number): void {
    if (port === PIT_CONTROL) {
      const sel = value >>> CW_COUNTER_SHIFT;
      if (sel === 3) return; // 8254 read-back: not on the PC/XT's 8253
      this.counters[sel].control(value);
      return;
    }
    const idx = port - PIT_COUNTER0;
    // A new count on counter 0 restarts IRQ0's schedule (in modes 0 and 4 the single edge
    // comes at terminal count, one period after the load).
    if (this.counters[idx].write(value) && idx === 0) this.nextTick = this.counters[0].start + this.periodMs();
  }
}
