// INT 21h character functions 01h-0Ch as MS-DOS 5 does them: input from standard input, output
// to standard output (AUX/PRN for 03h-05h), echo, Ctrl-C checks where DOS makes them (01h, 02h,
// 08h, 09h, 0Ah, 0Bh; not 06h/07h), and buffered line input with editing. While the console has no
// key the call waits (the BOP re-runs once input arrives).
import { FLAG } from '../cpu/cpu';
import { rd8, rd16, rd32, wr8 } from '../cpu/guest-memory';
import { SFT, SFT_INFO } from './layout';
import {
  BEL,
  BS,
  CR,
  CTRL_C,
  CTRL_Z,
  LF,
  TAB,
  countReadPastEnd,
  NO_KEY_WAIT,
  consoleCtrlCWaiting,
  consoleEditLine,
  consoleFlush,
  consolePeek,
  consolePutChar,
  consoleReadKey,
  consoleAtEnd,
  echoCtrlC,
  consoleState,
} from './console';
import { READ_END, READ_WAITING, STD, stdTarget, handleReadByte, handleWrite } from './stdio';
import { handleSftEntry } from './sft';
import { CALL_OUTCOME, callOutcome, type CallResult } from './call-frame';
import type { Kernel } from './kernel';

const DOLLAR = 0x24;
const DEL = 0x7f;

/** A character to standard output (console: DOS's tab expansion; otherwise the handle). */
function outChar(dos: Kernel, ch: number, h: number = STD.OUT): void {
  const t = stdTarget(dos, h, false);
  if (t === 'console') consolePutChar(dos, ch);
  else if (t === 'handle') handleWrite(dos, h, Uint8Array.of(ch));
}

/** DOS's check for a waiting Ctrl-C on the console; true when it started the break handling
 *  (the function must return at once). */
function breakCheck(dos: Kernel): boolean {
  if (stdTarget(dos, STD.IN, true) !== 'console') return false;
  if (!consoleCtrlCWaiting(dos)) return false;
  echoCtrlC(dos);
  dos.ctrlBreak();
  return true;
}

/** redirectedChar's answer at the end of standard input. */
const STDIN_END = -2;

/** One byte from a redirected standard input, as the character functions see it: the byte,
 *  NO_KEY_WAIT while a stream has nothing yet, or STDIN_END. A LF that follows no CR is a Linux
 *  line end and reads as CR LF (vdm86's choice, so scripts written on Linux drive DOS programs:
 *  DOS itself would take the LF as a plain character); a DOS file's CR LF reads as it is. */
function redirectedChar(dos: Kernel): number {
  const st = consoleState(dos);
  if (st.stdinOwedLf) {
    st.stdinOwedLf = false;
    return LF;
  }
  const b = handleReadByte(dos, STD.IN);
  if (b === READ_WAITING) return NO_KEY_WAIT;
  // (3Fh itself counted a read past the end towards the input-exhausted check: noteHandleRead.)
  if (b === READ_END) {
    st.stdinLastCr = false;
    return STDIN_END;
  }
  if (b === LF && !st.stdinLastCr) {
    st.stdinOwedLf = true;
    return CR;
  }
  st.stdinLastCr = b === CR;
  return b;
}

/** One byte from standard input: the byte, CTRL_Z at the end of input, or NO_KEY_WAIT. */
function inChar(dos: Kernel): number {
  const t = stdTarget(dos, STD.IN, true);
  if (t === 'console') return consoleReadKey(dos);
  if (t === 'closed') {
    // Nothing can ever arrive: a program that keeps asking is stuck once host input is over.
    if (consoleAtEnd(dos)) countReadPastEnd(dos);
    return CTRL_Z;
  }
  const b = redirectedChar(dos);
  return b === STDIN_END ? CTRL_Z : b;
}

/** Whether standard input has a character ready (0Bh). */
function inReady(dos: Kernel): boolean {
  const t = stdTarget(dos, STD.IN, true);
  if (t === 'console') return consolePeek(dos) >= 0 || consoleState(dos).pending.length > 0;
  if (t === 'closed') return false;
  if (consoleState(dos).stdinOwedLf) return true;
  // A redirected file is ready until its end (a stream: while bytes have arrived); other
  // devices (NUL, AUX) never are.
  const e = handleSftEntry(dos.mem, dos.currentPsp, STD.IN);
  if (!e) return false;
  const info = rd16(dos.mem, e.seg, e.off + SFT.DEVICE_INFO);
  if (info & SFT_INFO.IS_DEVICE) return false;
  return rd32(dos.mem, e.seg, e.off + SFT.POSITION) < rd32(dos.mem, e.seg, e.off + SFT.SIZE);
}

/** Reads a key for 01h/07h/08h: -1 when the call must return, answering AGAIN (waiting; after a
 *  break started the call is transferred, which outranks that). */
function readKey(dos: Kernel, checkBreak: boolean): number {
  const ch = inChar(dos);
  if (ch === NO_KEY_WAIT) return -1;
  if (checkBreak && ch === CTRL_C && stdTarget(dos, STD.IN, true) === 'console') {
    echoCtrlC(dos);
    dos.ctrlBreak();
    return -1;
  }
  return ch;
}

/** 01h: read a character with echo (Ctrl-C checked). */
export function int21_01(dos: Kernel): CallResult {
  const ch = readKey(dos, true);
  if (ch < 0) return CALL_OUTCOME.AGAIN;
  outChar(dos, ch);
  dos.machine.cpu.al = ch;
}

/** 02h: write DL to standard output (Ctrl-C checked first). AL = DL (a TAB reads back as 20h). */
export function int21_02(dos: Kernel): CallResult {
  if (breakCheck(dos)) return;
  const cpu = dos.machine.cpu;
  const ch = cpu.dl;
  outChar(dos, ch);
  cpu.al = ch === 0x09 ? 0x20 : ch;
}

/** 03h: read a character from AUX (standard handle 3). */
export function int21_03(dos: Kernel): CallResult {
  if (breakCheck(dos)) return;
  const b = stdTarget(dos, STD.AUX, true) === 'handle' ? handleReadByte(dos, STD.AUX) : -1;
  if (b === READ_WAITING) return CALL_OUTCOME.AGAIN;
  dos.machine.cpu.al = b < 0 ? CTRL_Z : b;
}

/** 04h: write DL to AUX (standard handle 3). */
export function int21_04(dos: Kernel): void {
  if (breakCheck(dos)) return;
  outChar(dos, dos.machine.cpu.dl, STD.AUX);
}

/** 05h: write DL to the printer (standard handle 4). */
export function int21_05(dos: Kernel): void {
  if (breakCheck(dos)) return;
  outChar(dos, dos.machine.cpu.dl, STD.PRN);
}

/** 06h: direct console I/O. DL=FFh: input without waiting (ZF=1 and AL=0 when nothing is
 *  there); otherwise output DL. No Ctrl-C check. */
export function int21_06(dos: Kernel): CallResult {
  const cpu = dos.machine.cpu;
  if (cpu.dl !== 0xff) {
    outChar(dos, cpu.dl);
    cpu.al = cpu.dl;
    return;
  }
  if (!inReady(dos)) {
    // At the end of host input DOS has nothing more either.
    cpu.al = 0;
    dos.setCallerFlag(FLAG.ZF, true);
    return;
  }
  const ch = inChar(dos);
  if (ch === NO_KEY_WAIT) return CALL_OUTCOME.AGAIN;
  cpu.al = ch;
  dos.setCallerFlag(FLAG.ZF, false);
}

/** 07h: read a character, no echo, no Ctrl-C check. */
export function int21_07(dos: Kernel): CallResult {
  const ch = readKey(dos, false);
  if (ch < 0) return CALL_OUTCOME.AGAIN;
  dos.machine.cpu.al = ch;
}

/** 08h: read a character, no echo (Ctrl-C checked). */
export function int21_08(dos: Kernel): CallResult {
  const ch = readKey(dos, true);
  if (ch < 0) return CALL_OUTCOME.AGAIN;
  dos.machine.cpu.al = ch;
}

/** 09h: write the '$'-terminated string at DS:DX (Ctrl-C checked). AL = 24h. */
export function int21_09(dos: Kernel): void {
  if (breakCheck(dos)) return;
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const out: number[] = [];
  for (let i = 0; i < 0x10000; i++) {
    const c = rd8(mem, cpu.ds, cpu.dx + i);
    if (c === DOLLAR) break;
    out.push(c);
  }
  const t = stdTarget(dos, STD.OUT, false);
  if (t === 'console') for (const c of out) consolePutChar(dos, c);
  else if (t === 'handle') handleWrite(dos, STD.OUT, Uint8Array.from(out));
  cpu.al = DOLLAR;
}

/** 0Ah: buffered input into DS:DX ([max][count][chars... CR]). Line editing on the console;
 *  from a redirected handle, see redirectedLine. */
export function int21_0A(dos: Kernel): CallResult {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const seg = cpu.ds;
  const off = cpu.dx;
  const max = rd8(mem, seg, off);
  if (max === 0) return;
  let line: number[];
  if (stdTarget(dos, STD.IN, true) === 'console') {
    const r = consoleEditLine(dos, max - 1);
    if (r === null) return CALL_OUTCOME.AGAIN;
    if ('ctrlC' in r) {
      echoCtrlC(dos);
      dos.ctrlBreak();
      return;
    }
    line = r.bytes;
  } else {
    const got = redirectedLine(dos, max - 1);
    if (got === null) return CALL_OUTCOME.AGAIN;
    line = got;
  }
  wr8(mem, seg, off + 1, line.length);
  for (let i = 0; i < line.length; i++) wr8(mem, seg, off + 2 + i, line[i]);
  wr8(mem, seg, off + 2 + line.length, CR);
}

/** Echoes a character of a line as DOS's BUFOUT does: control characters other than TAB as ^X. */
function echoLineChar(dos: Kernel, ch: number): void {
  if (ch < 0x20 && ch !== TAB) {
    outChar(dos, 0x5e);
    outChar(dos, ch + 0x40);
  } else outChar(dos, ch);
}

/**
 * 0Ah from a redirected standard input (or another device), as MS-DOS's buffered input runs its
 * line editor over the bytes read: each is echoed to standard output (so `DEBUG <SCRIPT >LOG`
 * logs the commands), a LF first on the line is skipped (the end of the last line's CR LF), a
 * later one echoes CR LF and the line goes on, BS and DEL take back a character, a full buffer
 * beeps and drops the character, CR ends the line (echoed alone). A Linux line end (LF alone)
 * reads as CR LF (redirectedChar). At the end of input DOS would wait for a CR for ever; vdm86
 * ends the line there (an empty one as a Ctrl-Z, as at the end of the console's input), and a
 * program that keeps reading is ended as input-exhausted. Returns the line without its CR, or
 * null while a stream has nothing yet (the partial line is kept and the call runs again).
 */
function redirectedLine(dos: Kernel, room: number): number[] | null {
  const st = consoleState(dos);
  const line = (st.stdinLine ??= []);
  for (;;) {
    const t = stdTarget(dos, STD.IN, true);
    const b = t === 'handle' ? redirectedChar(dos) : STDIN_END;
    if (b === NO_KEY_WAIT) return null;
    if (b === STDIN_END) {
      if (t === 'closed' && consoleAtEnd(dos)) countReadPastEnd(dos);
      if (line.length === 0 && room > 0) {
        line.push(CTRL_Z);
        echoLineChar(dos, CTRL_Z);
      }
      break;
    }
    if (b === CR) break;
    if (b === LF) {
      if (line.length === 0) continue;
      outChar(dos, CR);
      outChar(dos, LF);
      continue;
    }
    if (b === BS || b === DEL) {
      const gone = line.pop();
      if (gone === undefined) continue;
      const cells = gone < 0x20 && gone !== TAB ? 2 : 1;
      for (let i = 0; i < cells; i++) for (const c of [BS, 0x20, BS]) outChar(dos, c);
      continue;
    }
    if (line.length >= room) {
      outChar(dos, BEL);
      continue;
    }
    line.push(b);
    echoLineChar(dos, b);
  }
  outChar(dos, CR);
  st.stdinLine = null;
  return line;
}

/** 0Bh: AL = FFh when standard input has a character, else 00h (Ctrl-C checked). */
export function int21_0B(dos: Kernel): void {
  if (breakCheck(dos)) return;
  dos.machine.cpu.al = inReady(dos) ? 0xff : 0;
}

/** 0Ch: flush the keyboard buffer, then run input function AL (01h, 06h, 07h, 08h or 0Ah). */
export function int21_0C(dos: Kernel): CallResult {
  const cpu = dos.machine.cpu;
  const fn = cpu.al;
  // Flush only on the first run: a waiting read re-runs this call and must keep its keys. A
  // redirected standard input is a file: DOS has no type-ahead of it to flush.
  const consoleIn = stdTarget(dos, STD.IN, true) === 'console';
  if (consoleIn && !consoleState(dos).lineActive && !consoleState(dos).flushRunsAgain) consoleFlush(dos);
  const follow: Record<number, (d: Kernel) => CallResult> = { 0x01: int21_01, 0x06: int21_06, 0x07: int21_07, 0x08: int21_08, 0x0a: int21_0A };
  const f = follow[fn];
  if (!f) {
    cpu.al = 0;
    return;
  }
  cpu.ah = fn;
  const result = f(dos);
  const waiting = dos.call !== null && callOutcome(dos.call, result) === CALL_OUTCOME.AGAIN;
  consoleState(dos).flushRunsAgain = waiting;
  // The call runs again as 0Ch after a wait (or INT 28h), with the caller's AH.
  if (waiting) cpu.ah = 0x0c;
  return result;
}


/** 0Dh: disk reset. vdm86 keeps no dirty sector buffers (host writes go straight through). */
export function int21_0D(dos: Kernel): void {
  dos.ok();
}
