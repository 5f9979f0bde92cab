// The DOS date and time (INT 21h/2Ah-2Dh): the machine's wall clock (the host's local clock, or a
// fixed one for reproducible runs), shifted by whatever a program set with 2Bh/2Dh (the clock
// itself is never changed). Exposed as dosClock() for the CLOCK$
// device and file times.
import type { Kernel } from './kernel';

export interface DosDateTime {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
  hundredths: number;
}

/** DOS accepts dates from 1980 to 2099. */
const YEAR_MIN = 1980;
const YEAR_MAX = 2099;

/** The machine's wall clock in ms, before any 2Bh/2Dh offset. */
export function clockMs(dos: Kernel): number {
  return dos.machine.wallClock ? dos.machine.wallClock().getTime() : Date.now();
}

function nowMs(dos: Kernel): number {
  return clockMs(dos) + dos.state.clockOffsetMs;
}

/** The current DOS date and time. */
export function dosClock(dos: Kernel): DosDateTime {
  const d = new Date(nowMs(dos));
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    weekday: d.getDay(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    hundredths: Math.floor(d.getMilliseconds() / 10),
  };
}

/** Moves the DOS clock so that it now reads `t` (local time). */
function setClock(dos: Kernel, t: Date): void {
  dos.state.clockOffsetMs = t.getTime() - clockMs(dos);
}

/** 2Ah: CX = year, DH = month, DL = day, AL = day of the week. */
export function int21_2A(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const t = dosClock(dos);
  cpu.cx = t.year;
  cpu.dh = t.month;
  cpu.dl = t.day;
  cpu.al = t.weekday;
}

/** 2Bh: set the date from CX/DH/DL; AL = 0, or FFh for an invalid date. */
export function int21_2B(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const year = cpu.cx;
  const month = cpu.dh;
  const day = cpu.dl;
  const valid = year >= YEAR_MIN && year <= YEAR_MAX && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
  if (!valid) {
    cpu.al = 0xff;
    return;
  }
  const t = dosClock(dos);
  setClock(dos, new Date(year, month - 1, day, t.hour, t.minute, t.second, t.hundredths * 10));
  cpu.al = 0;
}

/** 2Ch: CH = hour, CL = minute, DH = second, DL = hundredths. */
export function int21_2C(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const t = dosClock(dos);
  cpu.ch = t.hour;
  cpu.cl = t.minute;
  cpu.dh = t.second;
  cpu.dl = t.hundredths;
}

/** 2Dh: set the time from CH/CL/DH/DL; AL = 0, or FFh for an invalid time. */
export function int21_2D(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const [h, m, s, c] = [cpu.ch, cpu.cl, cpu.dh, cpu.dl];
  if (h > 23 || m > 59 || s > 59 || c > 99) {
    cpu.al = 0xff;
    return;
  }
  const t = dosClock(dos);
  setClock(dos, new Date(t.year, t.month - 1, t.day, h, m, s, c * 10));
  cpu.al = 0;
}

function daysIn(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}
