// The host's clocks: a monotonic millisecond clock that paces the emulated timer, and the
// wall clock (local time) that the BIOS's tick count and real-time clock start from.

export interface HostClock {
  /** Monotonic milliseconds (performance.now). */
  now(): number;
  /** Local date and time. */
  wallClock(): Date;
}

export const systemClock: HostClock = {
  now: () => performance.now(),
  wallClock: () => new Date(),
};

/** Milliseconds since local midnight. */
export function msSinceMidnight(d: Date): number {
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
}

/** How the machine's run loop waits on the host: the only timers in the core (DESIGN.md: timers
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
