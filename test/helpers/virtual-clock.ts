// A virtual host clock for timer tests that must not depend on host load: milliseconds advance
// with the guest's instructions (a fixed number per ms), and while the CPU has nothing to do (HLT,
// the INT 15h/86h wait, a blocked key read) time skips straight to the next timer event, as in a
// discrete-event simulation. Given to Machine as `now` and to the BIOS as `wallClock`, it makes
// the PIT's IRQ0 schedule and every wait a function of the instruction count alone.
import type { Machine } from '../../src/machine';
import { FLAG } from '../../src/cpu/flags';

/** Local date and time the virtual wall clock starts from (any fixed day; not near midnight). */
const WALL_CLOCK_START = new Date(2024, 2, 15, 9, 30, 0);

export class VirtualClock {
  private machine: Machine | null = null;
  /** Idle time skipped so far (ms). */
  private skipped = 0;
  /** cpu.instructions at the end of the last slice. */
  private counted = 0;

  constructor(readonly instructionsPerMs: number) {}

  /** The machine's `now`: virtual ms since the machine was built. */
  readonly now = (): number => {
    const executed = this.machine ? this.machine.cpu.instructions : 0;
    return executed / this.instructionsPerMs + this.skipped;
  };

  /** The BIOS's `wallClock`: the fixed start date plus virtual time. */
  readonly wallClock = (): Date => new Date(WALL_CLOCK_START.getTime() + this.now());

  /** Starts driving `machine`, which must run with `sliceInstructions` per slice. After a slice
   *  that ended early (the CPU halted or a BOP waits, so the run loop is about to sleep) with no
   *  interrupt it could take, time jumps to `nextEvent()`, the earliest timer event due. */
  attach(machine: Machine, sliceInstructions: number, nextEvent: () => number): void {
    this.machine = machine;
    this.counted = machine.cpu.instructions;
    machine.addSliceHook(() => {
      const cpu = machine.cpu;
      const ran = cpu.instructions - this.counted;
      this.counted = cpu.instructions;
      if (ran >= sliceInstructions || machine.end) return;
      if (cpu.intr && cpu.flags & FLAG.IF) return; // it will take the interrupt, not sleep
      const next = nextEvent();
      const now = this.now();
      if (next !== Infinity && next > now) this.skipped += next - now;
    });
  }
}
