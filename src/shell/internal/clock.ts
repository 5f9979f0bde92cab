// DATE and TIME, and the forms MS-DOS 5 shows them in ("Sat 12-05-1992", " 6:30:12.34a").
import type { Syscall } from '../protocol';
import type { Internal, Shell } from '../shell';
import { MSG, fmt } from '../messages';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const two = (n: number) => String(n).padStart(2, '0');

export function* formatDate(sh: Shell): Syscall<string> {
  const r = yield* sh.dos.int21({ ax: 0x2a00 });
  return `${DAYS[r.ax & 0xff] ?? ''} ${two(r.dx >> 8)}-${two(r.dx & 0xff)}-${r.cx}`;
}

export function* formatTime(sh: Shell): Syscall<string> {
  const r = yield* sh.dos.int21({ ax: 0x2c00 });
  const h = r.cx >> 8;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${String(h12).padStart(2)}:${two(r.cx & 0xff)}:${two(r.dx >> 8)}.${two(r.dx & 0xff)}${h < 12 ? 'a' : 'p'}`;
}

function* setDate(sh: Shell, text: string): Syscall<boolean> {
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return false;
  let y = Number(m[3]);
  if (y < 100) y += y < 80 ? 2000 : 1900;
  const r = yield* sh.dos.int21({ ax: 0x2b00, cx: y, dx: (Number(m[1]) << 8) | Number(m[2]) });
  return (r.ax & 0xff) === 0;
}

function* setTime(sh: Shell, text: string): Syscall<boolean> {
  const m = /^(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?(?:[.,](\d{1,2}))?\s*([AaPp])?$/.exec(text.trim());
  if (!m) return false;
  let h = Number(m[1]);
  if (m[5]) {
    const pm = m[5].toUpperCase() === 'P';
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  const r = yield* sh.dos.int21({ ax: 0x2d00, cx: (h << 8) | Number(m[2] ?? 0), dx: (Number(m[3] ?? 0) << 8) | Number(m[4] ?? 0) });
  return (r.ax & 0xff) === 0;
}

/** DATE and TIME: show the current value and ask for a new one unless the tail gives it; an
 *  invalid entry is asked again, an empty one keeps the clock as it is (MS-DOS 5's dialogue). */
function* askAndSet(
  sh: Shell,
  tail: string,
  current: string,
  ask: string,
  invalid: string,
  set: (sh: Shell, text: string) => Syscall<boolean>,
): Syscall<void> {
  let text = tail.trim();
  if (!text) {
    yield* sh.println(current);
    yield* sh.print(ask);
    text = yield* sh.readLine();
    if (!text.trim()) return;
  }
  while (!(yield* set(sh, text))) {
    yield* sh.println(invalid);
    yield* sh.print(ask);
    text = yield* sh.readLine();
    if (!text.trim()) return;
  }
}

function* date(sh: Shell, tail: string): Syscall<void> {
  const current = tail.trim() ? '' : fmt(MSG.CURRENT_DATE, yield* formatDate(sh));
  yield* askAndSet(sh, tail, current, MSG.ENTER_DATE, MSG.INVALID_DATE, setDate);
}

function* time(sh: Shell, tail: string): Syscall<void> {
  const current = tail.trim() ? '' : fmt(MSG.CURRENT_TIME, yield* formatTime(sh));
  yield* askAndSet(sh, tail, current, MSG.ENTER_TIME, MSG.INVALID_TIME, setTime);
}

export const CLOCK_COMMANDS: Record<string, Internal> = {
  DATE: date,
  TIME: time,
};
