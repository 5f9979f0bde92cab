// Packed DOS file dates and times (directory entries, SFT+0Bh/0Dh, FCBs, find data, INT 21h/57h),
// in the host's local time as DOS keeps local time:
//   time = hours << 11 | minutes << 5 | seconds / 2;   date = (year - 1980) << 9 | month << 5 | day
import type { Kernel } from './kernel';
import { dosClock } from './time';

export interface PackedDateTime {
  date: number;
  time: number;
}

/** Packs a host timestamp (ms since the epoch). Dates before 1980 show as 1980-01-01 00:00 and
 *  after 2107 as the last representable day, as DOS cannot hold them. */
export function packDateTime(ms: number): PackedDateTime {
  const d = new Date(ms);
  const year = d.getFullYear();
  if (year < 1980) return { date: (1 << 5) | 1, time: 0 };
  if (year > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >>> 1),
  };
}

/** Unpacks to a host Date (local time), or null when the fields are out of range. */
export function unpackDateTime(date: number, time: number): Date | null {
  const year = 1980 + ((date >>> 9) & 0x7f);
  const month = (date >>> 5) & 0x0f;
  const day = date & 0x1f;
  const hours = (time >>> 11) & 0x1f;
  const minutes = (time >>> 5) & 0x3f;
  const seconds = (time & 0x1f) * 2;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) return null;
  return new Date(year, month - 1, day, hours, minutes, seconds);
}

/** The DOS clock (the host clock moved by whatever a program set with 2Bh/2Dh), in ms. */
export function dosNowMs(dos: Kernel): number {
  const t = dosClock(dos);
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.hundredths * 10).getTime();
}
