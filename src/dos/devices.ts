// The character devices DOS always has — NUL, CON, AUX, PRN, CLOCK$ (and COM1, LPT1) — with
// their headers in guest memory (NUL inside the List of Lists at LoL+22h, the rest chained after
// it), and what reading and writing them does. CON goes through the console (console.ts; cooked or raw,
// per the SFT entry's binary bit, IOCTL 4401h bit 5). No serial port or printer is attached:
// AUX/COM1 read as end of file and PRN/LPT1 accept and drop output, as on a machine without one.
import { linear, wr16, copyToSegment } from '../cpu/guest-memory';
import { DEVHDR, DEVATTR, LOL, SFT_INFO } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import type { Kernel } from './kernel';
import { consoleReadCooked, consoleReadRaw, consoleWrite, consoleWriteRaw } from './console';
import { dosClock } from './time';
import { upperDos } from './names';

export type DeviceKind = 'nul' | 'con' | 'aux' | 'prn' | 'clock';

export interface Device {
  /** Blank-padded to 8 in the header; here without blanks. */
  readonly name: string;
  readonly kind: DeviceKind;
  readonly attribute: number;
  /** Offset of the header in DOS_SEG. */
  readonly offset: number;
}

const HDR = DEVHDR.SIZE;
const CHAR = DEVATTR.CHARACTER;
/** MS-DOS's printer header attribute: character, output-until-busy (13), generic IOCTL and
 *  3.2 functions (6, 7). */
const PRINTER_ATTR = CHAR | 0x2000 | 0x00c0;

/** The chain after NUL, in DOS's order (CON first, CLOCK$ after the standard ones). */
export const DEVICES: readonly Device[] = [
  { name: 'NUL', kind: 'nul', attribute: CHAR | DEVATTR.NUL, offset: DOSMEM.LOL + LOL.NUL_DEVICE },
  { name: 'CON', kind: 'con', attribute: CHAR | DEVATTR.SPECIAL | DEVATTR.STDOUT | DEVATTR.STDIN, offset: DOSMEM.DEVICES },
  { name: 'AUX', kind: 'aux', attribute: CHAR, offset: DOSMEM.DEVICES + HDR },
  { name: 'PRN', kind: 'prn', attribute: PRINTER_ATTR, offset: DOSMEM.DEVICES + 2 * HDR },
  { name: 'CLOCK$', kind: 'clock', attribute: CHAR | DEVATTR.CLOCK, offset: DOSMEM.DEVICES + 3 * HDR },
  { name: 'COM1', kind: 'aux', attribute: CHAR, offset: DOSMEM.DEVICES + 4 * HDR },
  { name: 'LPT1', kind: 'prn', attribute: PRINTER_ATTR, offset: DOSMEM.DEVICES + 5 * HDR },
];
/** A far RETF that the headers' strategy and interrupt entries point at: vdm86 performs device
 *  I/O itself, so a program that calls a driver entry directly just returns. */
const DRIVER_ENTRY_STUB = DOSMEM.DEVICES + 6 * HDR;
const RETF = 0xcb;
if (DRIVER_ENTRY_STUB >= DOSMEM.DEVICES_END) throw new Error('device headers overflow DOSMEM.DEVICES');

export function deviceByName(name: string): Device | undefined {
  const up = upperDos(name);
  return DEVICES.find((d) => d.name === up);
}

export function deviceByKind(kind: DeviceKind): Device {
  return DEVICES.find((d) => d.kind === kind) as Device;
}

/** The device whose header is at the far pointer stored in an SFT entry. */
export function deviceByPointer(ptr: number): Device | undefined {
  const a = linear(ptr >>> 16, ptr & 0xffff);
  return DEVICES.find((d) => linear(DOS_SEG, d.offset) === a);
}

/** Writes the header chain and LoL+08h (CLOCK$), LoL+0Ch (CON). */
export function writeDeviceHeaders(mem: Uint8Array): void {
  mem[linear(DOS_SEG, DRIVER_ENTRY_STUB)] = RETF;
  DEVICES.forEach((d, i) => {
    const next = DEVICES[i + 1];
    wr16(mem, DOS_SEG, d.offset + DEVHDR.NEXT, next ? next.offset : 0xffff);
    wr16(mem, DOS_SEG, d.offset + DEVHDR.NEXT + 2, next ? DOS_SEG : 0xffff);
    wr16(mem, DOS_SEG, d.offset + DEVHDR.ATTRIBUTE, d.attribute);
    wr16(mem, DOS_SEG, d.offset + DEVHDR.STRATEGY, DRIVER_ENTRY_STUB);
    wr16(mem, DOS_SEG, d.offset + DEVHDR.INTERRUPT, DRIVER_ENTRY_STUB);
    const name = d.name.padEnd(8, ' ');
    copyToSegment(mem, DOS_SEG, d.offset + DEVHDR.NAME, [...name].map((c) => c.charCodeAt(0)));
  });
  const clock = deviceByKind('clock');
  const con = deviceByKind('con');
  wr16(mem, DOS_SEG, DOSMEM.LOL + LOL.CLOCK_DEVICE, clock.offset);
  wr16(mem, DOS_SEG, DOSMEM.LOL + LOL.CLOCK_DEVICE + 2, DOS_SEG);
  wr16(mem, DOS_SEG, DOSMEM.LOL + LOL.CON_DEVICE, con.offset);
  wr16(mem, DOS_SEG, DOSMEM.LOL + LOL.CON_DEVICE + 2, DOS_SEG);
}

/** The device-information word of a freshly opened device SFT entry (IOCTL 4400h's DX): the
 *  header's high attribute byte, "device", "not at end of input", and the stdin/stdout/NUL/clock/
 *  special bits from the attribute (MS-DOS shows CON as 80D3h). */
export function deviceInfoWord(d: Device): number {
  const low = d.attribute & (SFT_INFO.IS_STDIN | SFT_INFO.IS_STDOUT | SFT_INFO.IS_NUL | SFT_INFO.IS_CLOCK | SFT_INFO.SPECIAL);
  const eof = d.kind === 'nul' ? 0 : SFT_INFO.EOF_ON_INPUT;
  return (d.attribute & 0xff00) | SFT_INFO.IS_DEVICE | eof | low;
}

/** Days since 1980-01-01 (the CLOCK$ record counts from there). */
function daysSince1980(year: number, month: number, day: number): number {
  return Math.floor((Date.UTC(year, month - 1, day) - Date.UTC(1980, 0, 1)) / 86400000);
}

/** Result of a device read: the bytes, or 'wait' when the console must wait for input (the BOP
 *  re-runs later; nothing has changed). */
export type DeviceRead = Uint8Array | 'wait';

/** Identifies the INT 21h call that is waiting (its frame and count): a re-run of the same BOP
 *  continues the read; any other call starts afresh. */
function callKey(dos: Kernel, max: number): string {
  const c = dos.call;
  return c ? `${c.frameSs}:${c.frameSp}:${c.ah}:${max}` : `-:${max}`;
}

/**
 * CON in raw mode returns exactly the bytes asked for, as the console driver does, waiting for
 * each key (no echo, no editing, no Ctrl-C); at the end of host input it returns what there is.
 */
function conReadRaw(dos: Kernel, max: number): DeviceRead {
  const key = callKey(dos, max);
  const con = dos.state.console;
  let st = con.rawRead;
  if (!st || st.call !== key) {
    st = { call: key, bytes: [] };
    con.rawRead = st;
  }
  while (st.bytes.length < max) {
    const got = consoleReadRaw(dos, max - st.bytes.length);
    if (got === null) return 'wait'; // nothing typed yet; this call runs again
    if (got.length === 0) break; // end of input
    st.bytes.push(...got);
  }
  con.rawRead = null;
  return Uint8Array.from(st.bytes);
}

/** Reads up to `max` bytes from a device; `info` is the SFT entry's device-information word. */
export function deviceRead(dos: Kernel, d: Device, info: number, max: number): DeviceRead {
  switch (d.kind) {
    case 'con': {
      if (max === 0) return new Uint8Array(0);
      if (info & SFT_INFO.BINARY) return conReadRaw(dos, max);
      const got = consoleReadCooked(dos, max);
      return got === null ? 'wait' : got;
    }
    case 'clock': {
      // The CLOCK$ record from the DOS clock: days since 1980 (word), minutes, hours, hundredths,
      // seconds.
      const t = dosClock(dos);
      const rec = new Uint8Array(6);
      const days = daysSince1980(t.year, t.month, t.day);
      rec[0] = days & 0xff;
      rec[1] = days >>> 8;
      rec[2] = t.minute;
      rec[3] = t.hour;
      rec[4] = t.hundredths;
      rec[5] = t.second;
      return rec.subarray(0, Math.min(6, max));
    }
    default:
      return new Uint8Array(0); // NUL, and no serial line attached: end of file at once
  }
}

/** Writes to a device; returns the count accepted, or -1 when the device refuses writes. CON in
 *  binary mode (IOCTL 4401h bit 5) writes without DOS's tab expansion. */
export function deviceWrite(dos: Kernel, d: Device, data: Uint8Array, info: number): number {
  switch (d.kind) {
    case 'con':
      return info & SFT_INFO.BINARY ? consoleWriteRaw(dos, data) : consoleWrite(dos, data);
    case 'clock':
      return -1; // setting the clock through CLOCK$ is not supported
    default:
      return data.length; // NUL, and the unattached printer and serial line, swallow output
  }
}

/** IOCTL 4406h: can the device deliver input now? */
export function deviceInputReady(dos: Kernel, d: Device): boolean {
  switch (d.kind) {
    case 'con': {
      const c = dos.machine.console;
      return c.peekKey() !== -1 || c.inputEnded();
    }
    case 'clock':
      return true;
    default:
      return false;
  }
}
