// The DOS console layer over the machine's ConsoleIO: character output with DOS's tab expansion,
// cooked line input with echo and editing (the CON device in cooked mode, INT 21h/0Ah), raw key
// input, and the Ctrl-C check DOS makes on console calls. While no key is waiting, a read returns
// null and its handler answers AGAIN: the BOP re-runs later and the partial line, kept here,
// continues where it stopped. At the end of host input a line read (0Ah) gets Ctrl-Z and a handle
// read gets end of file (0 bytes), the same whenever the host's end arrives. While a console
// function (01h-0Ch) waits, DOS issues INT 28h (idle) for TSRs that hooked it.
import type { Kernel } from './kernel';
import { ROM_ENTRY, ROM_SEGMENT, romEntry } from '../bios/rom';
import { rd16 } from '../cpu/guest-memory';
import { INT_IDLE, requestIdle } from './call-frame';
import type { ConsoleState } from './console-state';
import { EOF_READ_LIMIT } from '../bios/keyboard';
import { DOS_ERROR } from './errors';

export const CTRL_C = 0x03;
export const BS = 0x08;
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const CTRL_Z = 0x1a;
export const ESC = 0x1b;
export const BEL = 0x07;
const DEL = 0x7f;

/** INT 1Bh (Ctrl-Break): the CON driver turns it into a Ctrl-C for the next read. */
export function consoleBreak(dos: Kernel): void {
  consoleState(dos).breakPending = true;
}

/** The console state of a machine's kernel. */
export function consoleState(dos: Kernel): ConsoleState {
  return dos.state.console;
}

// ------------------------------------------------------------------ output

/** One character to the screen, keeping DOS's column count; TAB expands to the next multiple of 8
 *  as the kernel's cooked console output does. */
export function consolePutChar(dos: Kernel, ch: number): void {
  const st = consoleState(dos);
  const out = dos.machine.console;
  ch &= 0xff;
  if (ch === TAB) {
    do {
      out.writeChar(0x20);
      st.column++;
    } while (st.column & 7);
    return;
  }
  out.writeChar(ch);
  if (ch === CR) st.column = 0;
  else if (ch === BS) {
    if (st.column > 0) st.column--;
  } else if (ch >= 0x20) st.column++;
}

/** Cooked console output (CON, INT 21h/02h/09h/40h). Returns the byte count written. */
export function consoleWrite(dos: Kernel, data: Uint8Array): number {
  for (let i = 0; i < data.length; i++) consolePutChar(dos, data[i]);
  return data.length;
}

/** Raw console output (CON in binary mode, INT 29h): no tab expansion. */
export function consoleWriteRaw(dos: Kernel, data: Uint8Array): number {
  const st = consoleState(dos);
  for (let i = 0; i < data.length; i++) {
    dos.machine.console.writeChar(data[i]);
    if (data[i] === CR) st.column = 0;
    else if (data[i] >= 0x20) st.column++;
  }
  return data.length;
}

function putString(dos: Kernel, s: string): void {
  for (let i = 0; i < s.length; i++) consolePutChar(dos, s.charCodeAt(i));
}

/** Echo as DOS echoes typed control characters: ^X for controls other than CR, LF, TAB, BS. */
function echo(dos: Kernel, ch: number): void {
  if (ch < 0x20 && ch !== CR && ch !== LF && ch !== TAB && ch !== BS) {
    consolePutChar(dos, 0x5e); // '^'
    consolePutChar(dos, ch + 0x40);
  } else consolePutChar(dos, ch);
}

// ------------------------------------------------------------------ input

/** No key yet: once per wake-up, a console function (01h-0Ch) lets TSRs run through INT 28h
 *  (as DOS's keyboard wait loop does) when someone hooked it; otherwise the machine sleeps until
 *  input or a timer tick. Either way the caller returns at once, its handler answers AGAIN, and
 *  the dispatcher's runAgain does the rest (the BOP runs again and the read continues). */
function waitForKey(dos: Kernel): void {
  const st = consoleState(dos);
  const c = dos.call;
  const hooked = rd16(dos.mem, 0, INT_IDLE * 4) !== romEntry(dos.mem, ROM_ENTRY.IRET) || rd16(dos.mem, 0, INT_IDLE * 4 + 2) !== ROM_SEGMENT;
  if (c && !c.cpm && c.ah >= 0x01 && c.ah <= 0x0c && hooked && !st.idleIssued) {
    st.idleIssued = true;
    requestIdle(dos);
    return;
  }
  st.idleIssued = false;
}

/** The next key's ASCII byte without removing it: a number, or -1 if none is waiting. */
export function consolePeek(dos: Kernel): number {
  const st = consoleState(dos);
  if (st.breakPending) return CTRL_C;
  const k = dos.machine.console.peekKey();
  return k < 0 ? -1 : k & 0xff;
}

/** Removes and returns the next key (INT 16h form: scan << 8 | ascii), or -1. */
function takeKey(dos: Kernel): number {
  const st = consoleState(dos);
  if (st.breakPending) {
    // The BIOS left a 0000h key for Ctrl-Break; the console hands out Ctrl-C instead.
    st.breakPending = false;
    if (dos.machine.console.peekKey() === 0) dos.machine.console.readKey();
    return CTRL_C;
  }
  return dos.machine.console.readKey();
}

/** True once host input has ended and nothing is left to read. */
export function consoleAtEnd(dos: Kernel): boolean {
  const st = consoleState(dos);
  const ended = !st.breakPending && dos.machine.console.inputEnded();
  if (ended) st.stdinEnded = true;
  return ended;
}

/** A read of standard input found its end again (a redirected file or stream at its end, or a
 *  handle that is not open once host input is over): a program that keeps reading past the
 *  end EOF_READ_LIMIT times is stuck, and the run ends with reason 'input-exhausted' instead of
 *  spinning until a time limit, as the keyboard does for INT 16h. */
export function countReadPastEnd(dos: Kernel): void {
  const st = consoleState(dos);
  if (++st.readsPastEnd >= EOF_READ_LIMIT) {
    dos.machine.terminate({
      reason: 'input-exhausted',
      exitCode: -1,
      message: `the program kept reading standard input after it ended (${EOF_READ_LIMIT} reads)`,
    });
  }
}

/** INT 21h/3Fh's outcome (a byte count, or a negative DOS error) as the input-exhausted check
 *  sees it: handle 0 giving nothing is a read past the end of standard input; so is a read of a
 *  handle that is not open once the program has met the end of its input (LINK at "Enter new
 *  file spec:" asks a closed handle 0 again and again). Any read that gets bytes shows progress. */
export function noteHandleRead(dos: Kernel, handle: number, result: number): void {
  const st = consoleState(dos);
  if (result > 0) st.readsPastEnd = 0;
  else if (result === 0 && handle === 0) {
    st.stdinEnded = true;
    countReadPastEnd(dos);
  } else if (result === -DOS_ERROR.INVALID_HANDLE && st.stdinEnded) countReadPastEnd(dos);
}

/** Why a blocking console read did not return a character. */
export const NO_KEY_WAIT = -1;

/** Reads one key for INT 21h/01h, 07h, 08h: its ASCII byte; CTRL_Z at the end of input;
 *  NO_KEY_WAIT while waiting (the caller returns at once; the call runs again). Extended keys arrive
 *  as two reads, 00h then the scan code, as DOS delivers them. */
export function consoleReadKey(dos: Kernel): number {
  const st = consoleState(dos);
  if (st.pending.length) return st.pending.shift() as number;
  const k = takeKey(dos);
  if (k >= 0) {
    const ascii = k & 0xff;
    // An extended key: DOS returns 00h first and keeps the scan code for the next read.
    if (ascii === 0) st.pending.push((k >>> 8) & 0xff);
    return ascii;
  }
  if (consoleAtEnd(dos)) return CTRL_Z;
  waitForKey(dos);
  return NO_KEY_WAIT;
}

/** True (after consuming it) when a Ctrl-C is waiting: the check DOS makes on console calls
 *  (and on every call when BREAK is on). Any other key stays waiting. */
export function consoleCtrlCWaiting(dos: Kernel): boolean {
  const st = consoleState(dos);
  if (st.pending.length) return false;
  const k = consolePeek(dos);
  if (k !== CTRL_C) return false;
  takeKey(dos);
  return true;
}

/** null while waiting; `end`: input ended before anything was typed on the line (only when the
 *  caller asked for it instead of a Ctrl-Z line). */
export type LineResult = { bytes: number[] } | { ctrlC: true } | { end: true } | null;

/**
 * Edits a line as DOS's buffered input does (INT 21h/0Ah, cooked CON reads): printable keys are
 * echoed and stored while there is room (`room` characters, the CR not counted; a full buffer
 * beeps), BS/DEL erase one character, ESC abandons the line ("\" and a fresh line), Ctrl-C breaks,
 * CR ends it (echoed as CR only). Returns the characters without the CR; null while waiting;
 * { ctrlC } when Ctrl-C was typed (the caller echoes "^C" and runs INT 23h). When host input
 * ends on an empty line, the line is Ctrl-Z (echoed "^Z"), or with `endOfFile` { end } and no echo.
 */
export function consoleEditLine(dos: Kernel, room: number): Exclude<LineResult, { end: true }>;
export function consoleEditLine(dos: Kernel, room: number, endOfFile: true): LineResult;
export function consoleEditLine(dos: Kernel, room: number, endOfFile = false): LineResult {
  const st = consoleState(dos);
  if (!st.lineActive) {
    st.lineActive = true;
    st.line = [];
    st.lineStartColumn = st.column;
  }
  for (;;) {
    const k = takeKey(dos);
    if (k < 0) {
      if (consoleAtEnd(dos)) {
        // End of host input: an empty line is end of file (a handle read's 0 bytes, or a Ctrl-Z
        // line for 0Ah); a partial one ends.
        if (st.line.length === 0 && endOfFile) {
          st.lineActive = false;
          return { end: true };
        }
        if (st.line.length === 0 && room > 0) {
          st.line.push(CTRL_Z);
          echo(dos, CTRL_Z);
        }
        consolePutChar(dos, CR);
        return finishLine(st);
      }
      waitForKey(dos);
      return null;
    }
    const ch = k & 0xff;
    if (ch === 0) continue; // extended keys (DOS's template editing keys) are not supported: ignored
    if (ch === CR) {
      consolePutChar(dos, CR);
      return finishLine(st);
    }
    if (ch === CTRL_C) {
      st.lineActive = false;
      st.line = [];
      return { ctrlC: true };
    }
    if (ch === BS || ch === DEL) {
      eraseOne(dos, st);
      continue;
    }
    if (ch === ESC) {
      // DOS: "\" then a new line; the buffer is emptied and editing starts again.
      putString(dos, '\\\r\n');
      st.line = [];
      while (st.column < st.lineStartColumn) consolePutChar(dos, 0x20);
      continue;
    }
    if (ch === LF) continue; // DOS ignores a typed LF in buffered input (it only echoes CR LF on ^J)
    if (st.line.length >= room) {
      consolePutChar(dos, BEL);
      continue;
    }
    st.line.push(ch);
    echo(dos, ch);
  }
}

function finishLine(st: ConsoleState): { bytes: number[] } {
  const bytes = st.line;
  st.line = [];
  st.lineActive = false;
  return { bytes };
}

function eraseOne(dos: Kernel, st: ConsoleState): void {
  if (st.line.pop() === undefined) return;
  // Back up to where the remaining characters end: a control character took two cells (^X),
  // a TAB up to the next multiple of 8 from where the line started.
  const target = echoColumn(st.lineStartColumn, st.line);
  while (st.column > target) putString(dos, '\b \b');
}

/** The column after echoing `line` from column `start`. */
function echoColumn(start: number, line: number[]): number {
  let col = start;
  for (const ch of line) {
    if (ch === TAB) col = (col + 8) & ~7;
    else if (ch < 0x20) col += 2;
    else col++;
  }
  return col;
}

/** Echoes "^C" and a new line, as DOS does before issuing INT 23h. */
export function echoCtrlC(dos: Kernel): void {
  putString(dos, '^C\r\n');
}

/** Cooked read (DOS handle read from CON): a line with echo and editing, ending CR LF. Returns the
 *  bytes, or null while waiting (the handler returns AGAIN at once; the BOP re-runs
 *  and the partial line is kept). At input end returns what there is, or an empty array. A typed
 *  Ctrl-C runs the break handling of the INT 21h call in progress. */
export function consoleReadCooked(dos: Kernel, max: number): Uint8Array | null {
  const st = consoleState(dos);
  if (!st.pending.length) {
    if (!st.lineActive && consoleAtEnd(dos)) return new Uint8Array(0);
    // DOS reads CON through a 128-byte buffer: 127 characters and the CR. Input that ends while
    // the read waits on an empty line is end of file, as when it had ended before the read.
    const r = consoleEditLine(dos, 127, true);
    if (r === null) return null;
    if ('end' in r) return new Uint8Array(0);
    if ('ctrlC' in r) {
      echoCtrlC(dos);
      dos.ctrlBreak();
      return null;
    }
    consolePutChar(dos, LF);
    st.pending = [...r.bytes, CR, LF];
    // A typed Ctrl-Z line that input ends after: the Ctrl-Z is the last byte handed out.
    if (r.bytes.length === 1 && r.bytes[0] === CTRL_Z && consoleAtEnd(dos)) st.pending = [CTRL_Z];
  }
  const n = Math.min(max, st.pending.length);
  return Uint8Array.from(st.pending.splice(0, n));
}

/** Raw read: the keys waiting (at least one), or null while waiting; empty at input end. */
export function consoleReadRaw(dos: Kernel, max: number): Uint8Array | null {
  const out: number[] = [];
  while (out.length < max) {
    const st = consoleState(dos);
    if (st.pending.length) {
      out.push(st.pending.shift() as number);
      continue;
    }
    const k = takeKey(dos);
    if (k < 0) break;
    const ascii = k & 0xff;
    out.push(ascii);
    if (ascii === 0) st.pending.push((k >>> 8) & 0xff);
  }
  if (out.length) return Uint8Array.from(out);
  if (consoleAtEnd(dos)) return new Uint8Array(0);
  waitForKey(dos);
  return null;
}

/** Discards every key waiting (INT 21h/0Ch); a pending Ctrl-Break still counts. */
export function consoleFlush(dos: Kernel): void {
  const st = consoleState(dos);
  st.pending = [];
  while (dos.machine.console.readKey() >= 0) {
    /* drain */
  }
}
