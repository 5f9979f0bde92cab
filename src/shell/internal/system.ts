// VER, VOL, CLS, EXIT, TRUENAME, LH/LOADHIGH, BREAK and VERIFY.
import type { Syscall } from '../protocol';
import type { Internal, Shell } from '../shell';
import { MSG, fmt } from '../messages';
import { ATTR, SCRATCH } from '../guest-calls';
import { CARRY } from '../protocol';
import { rd16 } from '../../cpu/guest-memory';

/** BIOS data area 0040:0084h: text rows on screen minus one (0 on BIOSes that do not keep it). */
const BDA_ROWS_MINUS_ONE = 0x484;

/** "5.00" from INT 21h/30h. */
export function* versionText(sh: Shell): Syscall<string> {
  const r = yield* sh.dos.int21({ ax: 0x3000 });
  return `${r.ax & 0xff}.${String(r.ax >> 8).padStart(2, '0')}`;
}

function* ver(sh: Shell): Syscall<void> {
  yield* sh.print('\r\n' + fmt(MSG.VERSION, yield* versionText(sh)) + '\r\n');
}

/** " Volume in drive C has no label" or " Volume in drive C is NAME" (a volume-label entry in
 *  the root, found with attribute 08h). */
export function* volumeLine(sh: Shell, drive: number): Syscall<string | null> {
  const letter = String.fromCharCode(0x41 + drive);
  const found = yield* sh.dos.findFirst(`${letter}:\\*.*`, ATTR.VOLUME);
  if (typeof found === 'number') {
    if (found === -15 || found === -3) return null;
    return fmt(MSG.NO_LABEL, letter);
  }
  if (!(found.attr & ATTR.VOLUME)) return fmt(MSG.NO_LABEL, letter);
  return ` Volume in drive ${letter} is ${found.name.replace('.', '')}`;
}

/** " Volume Serial Number is 1A2B-3C4D" (INT 21h/6900h, the media ID), or null when the drive
 *  has none to give. */
export function* serialLine(sh: Shell, drive: number): Syscall<string | null> {
  const buf = sh.dos.at(SCRATCH.DATA);
  const r = yield* sh.dos.int21({ ax: 0x6900, bx: drive + 1, dx: buf });
  if (r.flags & CARRY) return null;
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return ` Volume Serial Number is ${hex(rd16(sh.mem, sh.dos.seg, buf + 4))}-${hex(rd16(sh.mem, sh.dos.seg, buf + 2))}`;
}

function* vol(sh: Shell, tail: string): Syscall<void> {
  const m = /^[ \t]*([A-Za-z]):/.exec(tail);
  const drive = m ? m[1].toUpperCase().charCodeAt(0) - 0x41 : yield* sh.dos.getDrive();
  const line = yield* volumeLine(sh, drive);
  if (line === null) {
    yield* sh.println(MSG.INVALID_DRIVE);
    return;
  }
  const serial = yield* serialLine(sh, drive);
  yield* sh.print('\r\n' + line + '\r\n' + (serial ? serial + '\r\n' : ''));
}

/** CLS: on the console, the BIOS clears the screen (scroll up the whole window, cursor home);
 *  redirected, ANSI's ESC [2J goes to the file as MS-DOS 5 writes it. */
function* cls(sh: Shell): Syscall<void> {
  const info = yield* sh.dos.deviceInfo(1);
  const console = info >= 0 && (info & 0x80) !== 0 && (info & 0x02) !== 0;
  if (!console) {
    yield* sh.print('\x1b[2J');
    return;
  }
  const mode = yield* sh.dos.int10({ ax: 0x0f00 });
  const cols = mode.ax >> 8;
  const page = mode.bx >> 8;
  const rowsByte = sh.mem[BDA_ROWS_MINUS_ONE];
  const rows = rowsByte ? rowsByte + 1 : 25;
  yield* sh.dos.int10({ ax: 0x0600, bx: 0x0700, cx: 0, dx: ((rows - 1) << 8) | ((cols - 1) & 0xff) });
  yield* sh.dos.int10({ ax: 0x0200, bx: page << 8, dx: 0 });
}

function* exit(sh: Shell): Syscall<void> {
  if (!sh.permanent) sh.exiting = true;
}

function* truename(sh: Shell, tail: string): Syscall<void> {
  const arg = tail.trim() || '.';
  const r = yield* sh.dos.truename(arg);
  if (typeof r === 'number') yield* sh.println(r === -3 ? MSG.PATH_NOT_FOUND : MSG.FILE_NOT_FOUND);
  else yield* sh.println(r);
}

/** LOADHIGH: there is no upper memory, so the program loads low (MS-DOS 5 does the same when
 *  no UMB is available). /L:... options are skipped. */
function* loadHigh(sh: Shell, tail: string): Syscall<void> {
  yield* sh.runLine(tail.replace(/^[ \t]*(\/L:[^ \t]*[ \t]*)?/i, ''));
}

function* onOff(sh: Shell, tail: string, what: string, get: number, set: number): Syscall<void> {
  const word = tail.trim().toUpperCase();
  if (!word) {
    const r = yield* sh.dos.int21({ ax: get });
    yield* sh.println(`${what} is ${(what === 'BREAK' ? r.dx : r.ax) & 0xff ? 'on' : 'off'}`);
  } else if (word === 'ON' || word === 'OFF') {
    const v = word === 'ON' ? 1 : 0;
    if (what === 'BREAK') yield* sh.dos.int21({ ax: set, dx: v });
    else yield* sh.dos.int21({ ax: set | v });
  } else yield* sh.println(`Must specify ON or OFF`);
}

export const SYSTEM_COMMANDS: Record<string, Internal> = {
  VER: ver,
  VOL: vol,
  CLS: cls,
  EXIT: exit,
  TRUENAME: truename,
  LH: loadHigh,
  LOADHIGH: loadHigh,
  BREAK: (sh, tail) => onOff(sh, tail, 'BREAK', 0x3300, 0x3301),
  VERIFY: (sh, tail) => onOff(sh, tail, 'VERIFY', 0x5400, 0x2e00),
};
