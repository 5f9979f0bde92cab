// VDDSimulate16 and VDDUnSimulate16: a VDD runs guest code from inside one of its routines. The
// VDD points CS:IP (and whatever else) at a guest routine and calls simulate16(), which runs the
// CPU re-entrantly until that routine executes BOP FEh (the VDDUnSimulate16 macro, or a far
// return onto the ROM's UNSIMULATE entry); then simulate16() returns with the registers as the
// guest left them. Nested simulations unwind innermost first.
//
// The nested run is synchronous: timer ticks and host input are serviced between the machine's
// slices, not inside it, so guest code run this way should not wait for either. It is bounded by
// an instruction limit, and a guest that halts with nothing to wake it ends the run as a fault.
import { hex4, type Board } from '../hw/board';

/** Instructions per cpu.run() call inside a nested simulation. */
const NESTED_SLICE = 100_000;
export const DEFAULT_SIMULATE_LIMIT = 50_000_000;

export class Simulator {
  /** One entry per simulate16() in progress: true once its BOP FEh has run. */
  private readonly frames: boolean[] = [];

  constructor(
    private readonly machine: Board,
    private readonly limit = DEFAULT_SIMULATE_LIMIT,
  ) {}

  /** Runs the guest from the current CS:IP until BOP FEh. Returns false when the run ended
   *  instead (the guest terminated, a fault, the limit). */
  simulate16(): boolean {
    const m = this.machine;
    const cpu = m.cpu;
    const frame = this.frames.length;
    this.frames.push(false);
    try {
      let spent = 0;
      while (!this.frames[frame] && !m.end) {
        if (spent >= this.limit) {
          m.terminate({
            reason: 'fault',
            exitCode: -1,
            message: `simulate16: the guest ran ${this.limit} instructions without reaching VDDUnSimulate16 (BOP FEh)`,
          });
          break;
        }
        const ran = cpu.run(Math.min(NESTED_SLICE, this.limit - spent));
        spent += ran;
        if (ran === 0 && cpu.halted && !this.frames[frame]) {
          m.terminate({
            reason: 'fault',
            exitCode: -1,
            message: `simulate16: the guest halted at ${hex4(cpu.cs)}:${hex4(cpu.ip)} before VDDUnSimulate16`,
          });
          break;
        }
      }
      return this.frames[frame];
    } finally {
      this.frames.length = frame;
    }
  }

  /** BOP FEh: ends the innermost simulate16(). False when none is running. */
  unsimulate(): boolean {
    const top = this.frames.length - 1;
    if (top < 0) return false;
    this.frames[top] = true;
    this.machine.cpu.stop();
    return true;
  }
}
