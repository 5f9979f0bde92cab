// The clock a case runs under: the host's, or a fixed local start date and time that DOS then
// advances with the emulated timer (EmulatedClock in src/host/clock.ts).

/** Where `vdm86 test` starts the DOS clock unless told otherwise. */
export const DEFAULT_TEST_CLOCK = '1990-01-01T00:00:00';

/** DOS holds dates from 1980 to 2099 (INT 21h/2Bh). */
const YEAR_MIN = 1980;
const YEAR_MAX = 2099;

/** Parses "YYYY-MM-DDTHH:MM:SS" (or "YYYY-MM-DD", or with a space for T) as local time; "host"
 *  gives 'host'. Throws an Error naming what is wrong. */
export function parseClock(text: string): Date | 'host' {
  if (text === 'host') return 'host';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) throw new Error(`bad clock "${text}" (expected host or YYYY-MM-DDTHH:MM:SS)`);
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  const d = new Date(year, month - 1, day, hour, minute, second);
  const exact = d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day && d.getHours() === hour && d.getMinutes() === minute;
  if (!exact || second > 59) throw new Error(`bad clock "${text}" (no such local date and time)`);
  if (year < YEAR_MIN || year > YEAR_MAX) throw new Error(`bad clock "${text}" (DOS dates run from ${YEAR_MIN} to ${YEAR_MAX})`);
  return d;
}
