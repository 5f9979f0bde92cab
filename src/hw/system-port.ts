// Port 61h, system control port B (the 8255 PPI's port B on the PC/XT): bit 0 gates PIT counter
// 2, bit 1 drives the speaker; reads return those bits with the refresh toggle (bit 4, every
// 15.085 us on the AT) and counter 2's output (bit 5), which delay loops poll.
import type { IoPorts, PortHandler } from '../cpu/bus';
import type { Pit } from './pit';

export const SYSTEM_PORT_B = 0x61;

const GATE2 = 0x01;
const REFRESH = 0x10;
const OUT2 = 0x20;
/** Bits 0-3 read back as written. */
const WRITABLE = 0x0f;
/** The DRAM refresh request period that toggles bit 4 (AT technical reference). */
const REFRESH_PERIOD_MS = 0.015085;

export class SystemPort implements PortHandler {
  private value = 0;

  constructor(
    private readonly pit: Pit,
    private readonly now: () => number,
  ) {}

  attach(io: IoPorts): void {
    io.hook(SYSTEM_PORT_B, SYSTEM_PORT_B, this);
  }

  in8(): number {
    const refresh = Math.floor(this.now() / REFRESH_PERIOD_MS) & 1 ? REFRESH : 0;
    return (this.value & WRITABLE) | refresh | (this.pit.output2() ? OUT2 : 0);
  }

  out8(_port: number, value: number): void {
    this.value = value;
    this.pit.setGate2((value & GATE2) !== 0);
  }
}
