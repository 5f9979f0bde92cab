// The host's clocks: a monotonic millisecond clock that paces the emulated timer, and the
// wall clock (local time) that the BIOS's tick count and real-time clock start from.

/** Monotonic milliseconds. In Node process.uptime, not performance.now: Node loads perf_hooks
 *  (11 modules, ~2 ms of every start) at the first use of the `performance` global. */
export const monotonicMs: () => number =
  typeof process === 'object' && typeof process.uptime === 'function' ? () => process.uptime() * 1000 : () => performance.now();

export interface HostClock {
  /** Monotonic milliseconds (monotonicMs). */
  now(): number;
  /** Local date and time. */
  wallClock(): Date;
}

export const systemClock: HostClock = {
  now: monotonicMs,
  wallClock: () => new Date(),
};

/** Milliseconds since local midnight. */
export function msSinceMidnight(d: Date): number {
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
}

/** How the machine's run loop waits on the host: the only timers in the core (docs/DESIGN.md: timers
 *  belong to src/host), so an embedder — a browser, a worker, a test — can supply its own. */
export interface HostScheduler {
  /** Sleeps `ms` milliseconds (Infinity: until woken); `wake()` ends the sleep early. */
  sleep(ms: number): { done: Promise<void>; wake(): void };
  /** Lets pending host I/O (stdin data, terminal resizes, timers) run, then resolves. */
  yieldToHost(): Promise<void>;
}

/** Node's timers. An endless sleep is cut into 1 s naps so the event loop stays alive. */
export const systemScheduler: HostScheduler = {
  sleep(ms: number) {
    let wake = () => {};
    const done = new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms === Infinity ? 1000 : Math.max(0, ms));
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    return { done, wake };
  },
  yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
};

/** Emulated instructions per emulated millisecond under an EmulatedClock: about an 8086's pace
 *  with a fast bus (1 MIPS), so a program's timing loops take emulated time in proportion. */
export const EMULATED_INSTRUCTIONS_PER_MS = 1000;

/** A clock for reproducible runs: the wall clock starts at a fixed local date and time and
 *  advances with the emulated machine, never with the host. Milliseconds pass with executed
 *  instructions (EMULATED_INSTRUCTIONS_PER_MS), and a sleep of the run loop (HLT, a blocked key
 *  read) skips straight to the time it waits for, as a discrete-event simulation does. Every
 *  timer event, tick count, DOS date and time and file stamp is then a function of the guest's
 *  instructions alone: the same program gives the same bytes on any host, at any load. */
export class EmulatedClock implements HostClock, HostScheduler {
  private instructions: () => number = () => 0;
  /** Idle time skipped so far (ms). */
  private skipped = 0;

  constructor(readonly start: Date) {}

  /** Counts time from `count` (the CPU's executed-instruction counter) from now on. */
  attach(count: () => number): void {
    const base = count();
    this.instructions = () => count() - base;
  }

  readonly now = (): number => this.instructions() / EMULATED_INSTRUCTIONS_PER_MS + this.skipped;

  readonly wallClock = (): Date => new Date(this.start.getTime() + Math.floor(this.now()));

  /** The wait is skipped at once (emulated time jumps ahead); the host still gets a turn, so
   *  host events (a stop signal, worker messages) are never starved. An endless sleep (no timer
   *  event due) advances nothing and just yields: only host input or a stop can end it. */
  sleep(ms: number): { done: Promise<void>; wake(): void } {
    if (ms !== Infinity && ms > 0) this.skipped += ms;
    if (ms === Infinity) return systemScheduler.sleep(ms);
    return { done: new Promise<void>((resolve) => setImmediate(resolve)), wake: () => {} };
  }

  yieldToHost(): Promise<void> {
    return systemScheduler.yieldToHost();
  }
}
