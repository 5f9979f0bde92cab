// What appears on the text screen, as a stream of lines, for headless runs: text the teletype
// writes is already in the console stream byte for byte; text that reaches the screen any other
// way (INT 10h/09h and 0Ah, stores into video memory: GW-BASIC, Turbo Pascal's CRT, QuickBASIC)
// is found by comparing the screen with a shadow of it, and each row holding such text is added
// to the stream once it is final: when it scrolls off or is cleared, when the program waits for
// a key (the rows up to the cursor, the cursor's row without its line end), and at the end of
// the run. A row the teletype wrote is not repeated: only what follows the teletype's text on
// that row (the whole row, when the teletype's line was already ended and the row changed
// under it).
import type { TextFrame } from './text-frame';

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/** The screen side of it: the frame as displayed, its size and characters alone (cheaper, for
 *  the comparisons), a count that changes whenever the program has run (no need to compare the
 *  screen again when it has not), and the bytes to add to the stream. */
export interface ScreenStreamPorts {
  frame(): TextFrame;
  cols(): number;
  rows(): number;
  chars(out: Uint8Array): void;
  stamp(): number;
  emit(byte: number): void;
}

export class ScreenStream {
  private cols = 0;
  private rows = 0;
  /** The characters of each cell as last seen (row-major), and the screen's as read now. */
  private shadow = new Uint8Array(0);
  private now = new Uint8Array(0);
  /** ports.stamp() at the last comparison. */
  private syncedAt = NaN;
  /** Per row: columns from 0 already in the stream (by the teletype or from here). */
  private streamed: number[] = [];
  /** Per row: the stream has ended that row's line. */
  private closed: boolean[] = [];
  /** Per row: holds text that is not in the stream yet. */
  private pending: boolean[] = [];
  /** The row whose text the stream's unfinished line holds (-1: none), and whether the stream
   *  stands at the start of a line. */
  private lineRow = -1;
  private atLineStart = true;
  /** The stream's last line came from here (not the teletype): blank rows after it are blank
   *  lines of the same text (a BASIC PRINT with nothing) and go into the stream as empty lines. */
  private screenLine = false;

  constructor(private readonly ports: ScreenStreamPorts) {
    this.reset(ports.frame(), true);
  }

  /** Starts from `frame`: its text `known` (already shown), or not (all blank, so that a
   *  comparison finds it as new text). */
  private reset(frame: TextFrame, known: boolean): void {
    this.cols = frame.cols;
    this.rows = frame.rows;
    this.shadow = new Uint8Array(frame.cols * frame.rows);
    this.now = new Uint8Array(frame.cols * frame.rows);
    this.syncedAt = NaN;
    for (let i = 0; i < this.shadow.length; i++) this.shadow[i] = known ? frame.cells[i] & 0xff : SPACE;
    this.streamed = new Array<number>(frame.rows).fill(0);
    this.closed = new Array<boolean>(frame.rows).fill(false);
    this.pending = new Array<boolean>(frame.rows).fill(false);
  }

  // ------------------------------------------------------------------ the teletype
  /** The teletype drew `ch` at row, col (the byte is in the console stream already). The screen
   *  is not compared here (that would cost a screen per character): a cell written some other
   *  way and then overwritten by the teletype before the next comparison is not seen. */
  teletypeCell(row: number, col: number, ch: number): void {
    if (row >= this.rows || col >= this.cols) return;
    this.shadow[row * this.cols + col] = ch & 0xff;
    if (col + 1 > this.streamed[row]) this.streamed[row] = col + 1;
    this.closed[row] = false;
    this.lineRow = row;
    this.atLineStart = false;
    this.screenLine = false;
  }

  /** The teletype is about to write on `row`: when that starts a line (or moves the stream to
   *  another row), new text on the rows above goes first, so the stream keeps the screen's order. */
  beforeTeletypeText(row: number): void {
    if ((!this.atLineStart && row === this.lineRow) || row >= this.rows) return;
    this.sync();
    for (let r = 0; r < row; r++) this.finish(r, true);
  }

  /** The teletype is about to put CR or LF, on `row`, into the stream: new text on the rows above
   *  and on that row goes first (a line written with INT 10h/09h and ended by the teletype's
   *  CR LF stays one line). */
  beforeTeletypeLineEnd(row: number): void {
    if (row >= this.rows) return;
    this.sync();
    for (let r = 0; r < row; r++) this.finish(r, true);
    this.finish(row, false);
  }

  /** The teletype's LF on `row` is in the stream: that line is ended. */
  teletypeLineFeed(row: number): void {
    if (row < this.rows) this.closed[row] = true;
    this.lineRow = -1;
    this.atLineStart = true;
    this.screenLine = false;
  }

  // ------------------------------------------------------------------ rows leaving the screen
  /** Rows top..bottom (the full width) are about to scroll up by `lines` (0 or more than their
   *  height: cleared). The rows leaving are final. Other scrolls (part of a row, down) only
   *  change cells: they are found as changes. */
  beforeScrollUp(top: number, bottom: number, lines: number, fullWidth: boolean): void {
    this.sync();
    if (!fullWidth || top >= this.rows) return;
    bottom = Math.min(bottom, this.rows - 1);
    const height = bottom - top + 1;
    if (lines === 0 || lines > height) lines = height;
    for (let r = top; r < top + lines; r++) this.finish(r, true);
    this.shift(top, bottom, lines);
  }

  /** Rows top..bottom are about to scroll down by `lines` (0: cleared): with the full width, the
   *  rows pushed out at the bottom are final, and the rest move down with what is known of them. */
  beforeScrollDown(top: number, bottom: number, lines: number, fullWidth: boolean): void {
    this.sync();
    if (!fullWidth || top >= this.rows) return;
    bottom = Math.min(bottom, this.rows - 1);
    const height = bottom - top + 1;
    if (lines === 0 || lines > height) lines = height;
    for (let r = bottom - lines + 1; r <= bottom; r++) this.finish(r, true);
    for (let r = bottom; r >= top; r--) {
      const from = r - lines;
      if (from >= top) this.moveRow(r, from);
      else this.blankRow(r);
    }
    if (this.lineRow >= top && this.lineRow <= bottom) this.lineRow = this.lineRow + lines <= bottom ? this.lineRow + lines : -1;
  }

  /** The screen is about to be cleared or reshaped (a mode set): every row is final. */
  beforeClear(): void {
    this.sync();
    for (let r = 0; r < this.rows; r++) this.finish(r, true);
  }

  /** After a mode set: the new screen as it is. */
  afterModeSet(): void {
    this.reset(this.ports.frame(), true);
  }

  // ------------------------------------------------------------------ flush points
  /** The program waits for input: the rows up to the cursor are shown (the cursor's row without
   *  a line end, so what the teletype echoes next continues it). */
  waitingForInput(): void {
    this.sync();
    const frame = this.ports.frame();
    const last = Math.min(frame.cursorRow, this.rows - 1);
    for (let r = 0; r < last; r++) this.finish(r, true);
    // The prompt up to the cursor, blanks included ("Key? ").
    if (last >= 0) this.finish(last, false, frame.cursorCol);
  }

  /** The run is over: every row still holding new text, in order. */
  end(): void {
    this.sync();
    const frame = this.ports.frame();
    let last = -1;
    for (let r = 0; r < this.rows; r++) if (this.pending[r]) last = r;
    const cursor = Math.min(frame.cursorRow, this.rows - 1);
    for (let r = 0; r <= last; r++) this.finish(r, r !== cursor || last > cursor);
  }

  // ------------------------------------------------------------------ finding changes
  /** Compares the screen with the shadow (unless the program has not run since the last time):
   *  a screen moved up by a program's own copy is taken as a scroll; rows with new text become
   *  pending. A change of size restarts from the new screen, all of it new text. */
  sync(): void {
    const stamp = this.ports.stamp();
    if (stamp === this.syncedAt) return;
    this.ports.chars(this.now);
    let same = true;
    const now = this.now;
    const shadow = this.shadow;
    for (let i = 0; i < shadow.length; i++) {
      if (now[i] !== shadow[i]) {
        same = false;
        break;
      }
    }
    if (this.sizeChanged()) {
      this.resize();
      return;
    }
    this.syncedAt = stamp;
    if (same) return;
    const frame = this.ports.frame();
    const up = this.movedUpBy(frame);
    if (up > 0) {
      for (let r = 0; r < up; r++) this.finish(r, true);
      this.shift(0, this.rows - 1, up);
    }
    for (let r = 0; r < this.rows; r++) {
      if (this.rowSame(r, frame, r)) continue;
      // New text makes the row pending; a row that became blank only lost its text.
      const blank = this.rowBlank(r, frame);
      this.pending[r] = !blank;
      if (blank) {
        this.streamed[r] = 0;
        this.closed[r] = false;
      }
    }
    this.copyIn(frame);
  }

  private sizeChanged(): boolean {
    return this.ports.cols() !== this.cols || this.ports.rows() !== this.rows;
  }

  private resize(): void {
    for (let r = 0; r < this.rows; r++) this.finish(r, true);
    const frame = this.ports.frame();
    this.reset(frame, false);
    for (let r = 0; r < this.rows; r++) this.pending[r] = !this.rowBlank(r, frame);
    this.copyIn(frame);
    this.syncedAt = this.ports.stamp();
  }

  /** The smallest k (1 to rows - 2) such that every row of text in the shadow below row k is
   *  now k rows higher (blank rows may have been written since), and there was such text; 0
   *  when there is none. */
  private movedUpBy(frame: TextFrame): number {
    for (let k = 1; k < this.rows - 1; k++) {
      let content = false;
      let match = true;
      for (let r = 0; r + k < this.rows; r++) {
        if (this.shadowBlank(r + k)) continue;
        if (!this.rowSame(r + k, frame, r)) {
          match = false;
          break;
        }
        content = true;
      }
      if (match && content) return k;
    }
    return 0;
  }

  private rowSame(shadowRow: number, frame: TextFrame, frameRow: number): boolean {
    const cols = this.cols;
    const s = shadowRow * cols;
    const f = frameRow * cols;
    for (let c = 0; c < cols; c++) if (this.shadow[s + c] !== (frame.cells[f + c] & 0xff)) return false;
    return true;
  }

  private rowBlank(row: number, frame: TextFrame): boolean {
    for (let c = 0; c < this.cols; c++) if (!isBlank(frame.cells[row * this.cols + c] & 0xff)) return false;
    return true;
  }

  private shadowBlank(row: number): boolean {
    for (let c = 0; c < this.cols; c++) if (!isBlank(this.shadow[row * this.cols + c])) return false;
    return true;
  }

  private copyIn(frame: TextFrame): void {
    for (let i = 0; i < this.shadow.length; i++) this.shadow[i] = frame.cells[i] & 0xff;
  }

  /** Row `from`'s text and state become row `to`'s (a scroll moving it). */
  private moveRow(to: number, from: number): void {
    const cols = this.cols;
    this.shadow.copyWithin(to * cols, from * cols, (from + 1) * cols);
    this.streamed[to] = this.streamed[from];
    this.closed[to] = this.closed[from];
    this.pending[to] = this.pending[from];
  }

  /** Row `r` comes in blank, nothing of it streamed. */
  private blankRow(r: number): void {
    this.shadow.fill(SPACE, r * this.cols, (r + 1) * this.cols);
    this.streamed[r] = 0;
    this.closed[r] = false;
    this.pending[r] = false;
  }

  /** Moves rows top+lines..bottom of the state up to top; the rows coming in are blank. */
  private shift(top: number, bottom: number, lines: number): void {
    if (this.lineRow >= top && this.lineRow <= bottom) this.lineRow = this.lineRow - lines >= top ? this.lineRow - lines : -1;
    for (let r = top; r <= bottom; r++) {
      const from = r + lines;
      if (from <= bottom) this.moveRow(r, from);
      else this.blankRow(r);
    }
  }

  // ------------------------------------------------------------------ into the stream
  /** Adds a pending row's new text (at least `upTo` columns of it) to the stream, ended with
   *  CR LF when `final`. */
  private finish(row: number, final: boolean, upTo = 0): void {
    if (!this.pending[row]) {
      // A blank row after lines from here is an empty line of that text.
      if (final && this.screenLine && this.atLineStart && this.streamed[row] === 0 && this.shadowBlank(row)) this.newLine();
      return;
    }
    const text = this.rowText(row);
    while (text.length < Math.min(upTo, this.cols)) text.push(SPACE);
    let from = 0;
    if (this.lineRow === row && this.streamed[row] > 0) {
      // The stream's open line is this row's start: continue it.
      from = Math.min(this.streamed[row], text.length);
    } else if (!this.atLineStart) this.newLine();
    for (let i = from; i < text.length; i++) {
      this.ports.emit(text[i]);
      this.atLineStart = false;
      this.lineRow = row;
    }
    this.streamed[row] = text.length;
    this.pending[row] = false;
    this.closed[row] = false;
    if (final) {
      this.newLine();
      this.closed[row] = true;
      this.screenLine = true;
    }
  }

  private newLine(): void {
    this.ports.emit(CR);
    this.ports.emit(LF);
    this.atLineStart = true;
    this.lineRow = -1;
  }

  /** The row's characters without trailing blanks (NUL shows as a blank, as on the screen). */
  private rowText(row: number): number[] {
    const out: number[] = [];
    const base = row * this.cols;
    let end = this.cols;
    while (end > 0 && isBlank(this.shadow[base + end - 1])) end--;
    for (let c = 0; c < end; c++) {
      const ch = this.shadow[base + c];
      out.push(ch === 0 ? SPACE : ch);
    }
    return out;
  }
}

function isBlank(ch: number): boolean {
  return ch === SPACE || ch === 0;
}
