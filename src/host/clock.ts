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
