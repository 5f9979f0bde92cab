// How long the DOS kernel has worked on the host since the machine last looked at its limits.
// The machine checks the time limit, the abort signal and host events between slices of 20,000
// instructions; a guest whose every instruction is a slow DOS call (a big folder, a slow disk)
// would make a slice last seconds. After SLICE_HOST_MS of host work the kernel asks the CPU to end
// its slice early, so limits and signals are seen within a bounded time (issue 14).
import { monotonicMs } from '../host/clock';

/** Host work (ms) after which the current slice ends early. */
export const SLICE_HOST_MS = 10;

export class HostWorkMeter {
  private spent = 0;

  constructor(private readonly now: () => number = monotonicMs) {}

  /** Runs one kernel call; `endSlice` is called once enough host work has gathered. */
  measure(endSlice: () => void, fn: () => void): void {
    const t0 = this.now();
    try {
      fn();
    } finally {
      this.spent += this.now() - t0;
      if (this.spent >= SLICE_HOST_MS) {
        this.spent = 0;
        endSlice();
      }
    }
  }
}
