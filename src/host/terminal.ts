// The text screen drawn on an ANSI terminal: 16 colours (or monochrome attributes), CP437 as
// Unicode, the cursor where the program put it, and only the cells that changed since the last
// frame rewritten. It draws on the terminal's alternate screen with autowrap off and restores
// everything it changed on stop(), which is safe to call more than once.
import { CP437 } from './cp437';
import type { TextFrame } from './text-frame';

const CSI = '\x1b[';
/** CGA colour number (blue = 1, red = 4) -> ANSI colour number (red = 1, blue = 4). */
const CGA_TO_ANSI = [0, 4, 2, 6, 1, 5, 3, 7];

export const TERMINAL_ENTER = `${CSI}?1049h${CSI}?7l${CSI}0m${CSI}2J`;
export const TERMINAL_LEAVE = `${CSI}0m${CSI}?7h${CSI}?25h${CSI}?1049l`;

/** SGR parameters for a CGA/VGA attribute byte. */
export function sgrFor(attr: number, mono: boolean, blink: boolean): string {
  if (mono) {
    // MDA: 00h/08h/80h/88h invisible, 70h reverse, xx1 underline, bit 3 bright.
    const params = ['0'];
    const fgBits = attr & 7;
    const bgBits = (attr >>> 4) & 7;
    if (bgBits === 7 && fgBits === 0) params.push('7');
    else if (fgBits === 0 && bgBits === 0) params.push('8');
    else if (fgBits === 1) params.push('4');
    if (attr & 8) params.push('1');
    if (blink && attr & 0x80) params.push('5');
    return params.join(';');
  }
  const fg = attr & 0x0f;
  let bg = (attr >>> 4) & 0x0f;
  const params = ['0'];
  if (blink) {
    if (bg & 8) params.push('5');
    bg &= 7;
  }
  params.push(String((fg & 8 ? 90 : 30) + CGA_TO_ANSI[fg & 7]));
  params.push(String((bg & 8 ? 100 : 40) + CGA_TO_ANSI[bg & 7]));
  return params.join(';');
}

/** What the renderer writes to: a terminal stream (process.stdout). */
export interface TerminalOutput {
  write(s: string): unknown;
  columns?: number;
  rows?: number;
}

export class TerminalRenderer {
  private prev: Uint16Array | null = null;
  private prevCols = 0;
  private prevRows = 0;
  private prevCursor = '';
  private prevMono = false;
  private prevBlink = true;
  private started = false;

  constructor(private readonly out: TerminalOutput) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.out.write(TERMINAL_ENTER);
    this.invalidate();
  }

  /** Forces a full redraw on the next render (after a resize). */
  invalidate(): void {
    this.prev = null;
    this.prevCursor = '';
    if (this.started) this.out.write(`${CSI}0m${CSI}2J`);
  }

  bell(): void {
    if (this.started) this.out.write('\x07');
  }

  render(frame: TextFrame): void {
    if (!this.started) return;
    const { cols, rows, cells, mono, blink } = frame;
    if (!this.prev || cols !== this.prevCols || rows !== this.prevRows || mono !== this.prevMono || blink !== this.prevBlink) {
      if (this.prev) this.out.write(`${CSI}0m${CSI}2J`);
      this.prev = null;
    }
    const maxCols = Math.min(cols, this.out.columns || cols);
    const maxRows = Math.min(rows, this.out.rows || rows);
    let s = '';
    let curRow = -1;
    let curCol = -1;
    let curAttr = -1;
    for (let r = 0; r < maxRows; r++) {
      for (let c = 0; c < maxCols; c++) {
        const i = r * cols + c;
        const cell = cells[i];
        if (this.prev && this.prev[i] === cell) continue;
        if (r !== curRow || c !== curCol) s += `${CSI}${r + 1};${c + 1}H`;
        const attr = cell >>> 8;
        if (attr !== curAttr) {
          s += `${CSI}${sgrFor(attr, mono, blink)}m`;
          curAttr = attr;
        }
        s += CP437[cell & 0xff];
        curRow = r;
        curCol = c + 1;
      }
    }
    const visible = frame.cursorVisible && frame.cursorRow < maxRows && frame.cursorCol < maxCols;
    const cursor = visible ? `${frame.cursorRow};${frame.cursorCol}` : 'hidden';
    if (s || cursor !== this.prevCursor) {
      s += visible ? `${CSI}${frame.cursorRow + 1};${frame.cursorCol + 1}H${CSI}?25h` : `${CSI}?25l`;
      this.out.write(s);
    }
    this.prev = Uint16Array.from(cells);
    this.prevCols = cols;
    this.prevRows = rows;
    this.prevMono = mono;
    this.prevBlink = blink;
    this.prevCursor = cursor;
  }

  /** Leaves the alternate screen and restores the terminal's modes. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.out.write(TERMINAL_LEAVE);
  }
}

/** The screen as plain text lines (CP437 shown as Unicode), trailing blanks trimmed. */
export function frameLines(frame: TextFrame): string[] {
  const lines: string[] = [];
  const { cols, cells } = frame;
  for (let r = 0; r < frame.rows; r++) {
    // Trailing blanks (00h, 20h and FFh all show as one) are never built: every run ends with
    // this, and most of a screen is blank.
    const start = r * cols;
    let end = start + cols;
    while (end > start && isBlank(cells[end - 1] & 0xff)) end--;
    let line = '';
    for (let i = start; i < end; i++) line += CP437[cells[i] & 0xff];
    lines.push(line);
  }
  return lines;
}

function isBlank(ch: number): boolean {
  return ch === 0x00 || ch === 0x20 || ch === 0xff;
}

/** The screen dump printed at exit: its lines up to the last one with text. */
export function screenDump(frame: TextFrame): string {
  return screenText(frameLines(frame));
}

/** Screen lines (as frameLines gives them) as text: up to the last one with text, each ended by a newline. */
export function screenText(screenLines: readonly string[]): string {
  const lines = [...screenLines];
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? lines.join('\n') + '\n' : '';
}
