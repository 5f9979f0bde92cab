// Time in the BIOS: the IRQ0 half of INT 08h (the tick count at 40:6Ch, wrapping at midnight with
// the rollover flag at 40:70h) and INT 1Ah 00h-02h and 04h (ticks, and the real-time clock read
// from the host's local time, in BCD as the AT's MC146818 gives it).
import type { Cpu } from '../cpu/cpu';
import { PIT_HZ } from '../hw/pit';
import { msSinceMidnight } from '../host/clock';
import { rd32, wr32 } from '../cpu/guest-memory';
import { BDA, BDA_SEG, TICKS_PER_DAY, bda } from './bda';
import { setReturnCarry } from './iret-frame';

/** The BIOS's tick rate: the PIT's clock over the full 65536 count. */
export const TICKS_PER_SECOND = PIT_HZ / 65536;

function bcd(v: number): number {
  return ((Math.floor(v / 10) % 10) << 4) | v % 10;
}

export class TimerBios {
  constructor(
    private readonly mem: Uint8Array,
    private readonly wallClock: () => Date,
  ) {}

  /** The tick count a BIOS would have read from the RTC at boot. */
  reset(): void {
    const ticks = Math.floor((msSinceMidnight(this.wallClock()) / 1000) * TICKS_PER_SECOND);
    this.setTicks(Math.min(ticks, TICKS_PER_DAY - 1));
    bda.wr8(this.mem, BDA.TICKS_ROLLOVER, 0);
  }

  ticks(): number {
    return rd32(this.mem, BDA_SEG, BDA.TICKS);
  }

  private setTicks(t: number): void {
    wr32(this.mem, BDA_SEG, BDA.TICKS, t);
  }

  /** BOP 08h: one IRQ0. */
  tick(): void {
    let t = this.ticks() + 1;
    if (t >= TICKS_PER_DAY) {
      t = 0;
      // IBM BIOS: the flag is set (not counted); DOS reads it through INT 1Ah/00h to advance the date.
      bda.wr8(this.mem, BDA.TICKS_ROLLOVER, 1);
    }
    this.setTicks(t);
  }

  /** INT 1Ah. */
  handle(cpu: Cpu): void {
    switch (cpu.ah) {
      case 0x00: {
        const t = this.ticks();
        cpu.cx = t >>> 16;
        cpu.dx = t & 0xffff;
        cpu.al = bda.rd8(this.mem, BDA.TICKS_ROLLOVER);
        bda.wr8(this.mem, BDA.TICKS_ROLLOVER, 0);
        return;
      }
      case 0x01:
        this.setTicks((((cpu.cx << 16) | cpu.dx) >>> 0) % TICKS_PER_DAY);
        bda.wr8(this.mem, BDA.TICKS_ROLLOVER, 0);
        return;
      case 0x02: {
        const d = this.wallClock();
        cpu.ch = bcd(d.getHours());
        cpu.cl = bcd(d.getMinutes());
        cpu.dh = bcd(d.getSeconds());
        cpu.dl = 0; // daylight saving option off
        setReturnCarry(cpu, false);
        return;
      }
      case 0x04: {
        const d = this.wallClock();
        const y = d.getFullYear();
        cpu.ch = bcd(Math.floor(y / 100));
        cpu.cl = bcd(y % 100);
        cpu.dh = bcd(d.getMonth() + 1);
        cpu.dl = bcd(d.getDate());
        setReturnCarry(cpu, false);
        return;
      }
      default:
        // 03h/05h (set the RTC) and the alarm functions: the host clock is not vdm86's to set.
        setReturnCarry(cpu, true);
    }
  }
}
