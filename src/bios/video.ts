// INT 10h, the video BIOS, for the text modes 0-3 (colour, B800h) and 7 (monochrome, B000h) of a
// VGA in its CGA/MDA-compatible modes: mode set, cursor, pages, scrolling, character writes,
// teletype, write string, and the queries (0Fh, 11h/30h, 12h/10h, 1Ah) programs use to learn
// the screen's size. Function numbers and register use follow the IBM BIOS as Ralf Brown lists it.
import type { Cpu } from '../cpu/cpu';
import { linear, rd8 } from '../cpu/guest-memory';
import type { Crtc } from '../hw/crtc';
import { CRTC_REG, CRTC_COLOR, CRTC_MONO } from '../hw/crtc';
import type { TextFrame } from '../host/text-frame';
import { BDA, EQUIPMENT, bda } from './bda';
import { ROM_SEGMENT } from './rom';

export const VIDEO_SEG_COLOR = 0xb800;
export const VIDEO_SEG_MONO = 0xb000;
/** Video memory visible through one text segment (the VGA maps 32 KiB at B800h and at B000h). */
const VIDEO_WINDOW = 0x8000;
const MAX_PAGES = 8;
const BLANK = 0x0720; // space on light grey

interface TextMode {
  cols: number;
  mono: boolean;
  /** CGA mode control register value (3D8h; 3B8h in mode 7). */
  modeControl: number;
  pageSize: number;
}

/** The text modes (IBM VGA BIOS values for the mode control register and the regen sizes). */
const TEXT_MODES: Record<number, TextMode> = {
  0: { cols: 40, mono: false, modeControl: 0x2c, pageSize: 0x800 },
  1: { cols: 40, mono: false, modeControl: 0x28, pageSize: 0x800 },
  2: { cols: 80, mono: false, modeControl: 0x2d, pageSize: 0x1000 },
  3: { cols: 80, mono: false, modeControl: 0x29, pageSize: 0x1000 },
  7: { cols: 80, mono: true, modeControl: 0x29, pageSize: 0x1000 },
};

/** Scan lines per character for the VGA text fonts (8x8, 8x14, 8x16) over 400 lines. */
const SCAN_LINES = 400;
const DEFAULT_CHAR_HEIGHT = 16;

/** INT 10h/11h 11h, 12h, 14h: the ROM fonts that reprogram the rows, by character height. */
const ROM_FONT_HEIGHT: Record<number, number> = { 0x11: 14, 0x12: 8, 0x14: 16 };

/** INT 10h/1Ah display combination codes. */
const DCC_VGA_COLOR = 0x08;
const DCC_VGA_MONO = 0x07;

/** Told what the teletype writes on the active page and which rows are about to leave it (the
 *  headless screen stream, src/host/screen-stream.ts, follows the screen so). */
export interface ScreenObserver {
  teletypeCell(row: number, col: number, ch: number): void;
  beforeTeletypeText(row: number): void;
  beforeTeletypeLineEnd(row: number): void;
  teletypeLineFeed(row: number): void;
  beforeScrollUp(top: number, bottom: number, lines: number, fullWidth: boolean): void;
  beforeScrollDown(top: number, bottom: number, lines: number, fullWidth: boolean): void;
  beforeClear(): void;
  afterModeSet(): void;
}

export class VideoBios {
  /** Every character written through the teletype (INT 10h/0Eh and 13h, INT 29h, DOS console
   *  output), BEL included: the console's output stream. */
  onOutput: (ch: number) => void = () => {};
  observer: ScreenObserver | null = null;

  constructor(
    private readonly mem: Uint8Array,
    private readonly crtc: Crtc,
  ) {}

  // ------------------------------------------------------------------ state from the BDA
  mode(): number {
    return bda.rd8(this.mem, BDA.VIDEO_MODE) & 0x7f;
  }
  private textMode(): TextMode {
    return TEXT_MODES[this.mode()] ?? TEXT_MODES[3];
  }
  cols(): number {
    return bda.rd16(this.mem, BDA.VIDEO_COLUMNS) || 80;
  }
  rows(): number {
    return bda.rd8(this.mem, BDA.VIDEO_ROWS) + 1;
  }
  activePage(): number {
    return bda.rd8(this.mem, BDA.VIDEO_PAGE) & (MAX_PAGES - 1);
  }
  private pageSize(): number {
    return bda.rd16(this.mem, BDA.VIDEO_PAGE_SIZE) || 0x1000;
  }
  segment(): number {
    return this.textMode().mono ? VIDEO_SEG_MONO : VIDEO_SEG_COLOR;
  }
  cursor(page: number): { row: number; col: number } {
    const w = bda.rd16(this.mem, BDA.CURSOR_POS + (page & (MAX_PAGES - 1)) * 2);
    return { row: w >>> 8, col: w & 0xff };
  }

  // ------------------------------------------------------------------ video memory
  private cellAddr(page: number, row: number, col: number): number {
    const off = (page & (MAX_PAGES - 1)) * this.pageSize() + (row * this.cols() + col) * 2;
    return linear(this.segment(), off & (VIDEO_WINDOW - 1));
  }
  readCell(page: number, row: number, col: number): number {
    const a = this.cellAddr(page, row, col);
    return this.mem[a] | (this.mem[a + 1] << 8);
  }
  writeCell(page: number, row: number, col: number, ch: number, attr?: number): void {
    const a = this.cellAddr(page, row, col);
    this.mem[a] = ch & 0xff;
    if (attr !== undefined) this.mem[a + 1] = attr & 0xff;
  }

  // ------------------------------------------------------------------ operations
  /** INT 10h/00h. Returns false for a mode vdm86 does not display (graphics). */
  setMode(requested: number): boolean {
    const mode = requested & 0x7f;
    const m = TEXT_MODES[mode];
    if (!m) return false;
    const keep = (requested & 0x80) !== 0; // bit 7: do not clear video memory
    const mem = this.mem;
    this.observer?.beforeClear();
    bda.wr8(mem, BDA.VIDEO_MODE, mode);
    bda.wr16(mem, BDA.VIDEO_COLUMNS, m.cols);
    bda.wr16(mem, BDA.VIDEO_PAGE_SIZE, m.pageSize);
    bda.wr16(mem, BDA.VIDEO_PAGE_START, 0);
    for (let p = 0; p < MAX_PAGES; p++) bda.wr16(mem, BDA.CURSOR_POS + p * 2, 0);
    bda.wr8(mem, BDA.VIDEO_PAGE, 0);
    bda.wr16(mem, BDA.CRTC_BASE, m.mono ? CRTC_MONO : CRTC_COLOR);
    bda.wr8(mem, BDA.CRTC_MODE, m.modeControl);
    bda.wr8(mem, BDA.CRTC_PALETTE, m.mono ? 0x3f : 0x30);
    bda.wr8(mem, BDA.VIDEO_ROWS, 24);
    bda.wr16(mem, BDA.VIDEO_CHAR_HEIGHT, DEFAULT_CHAR_HEIGHT);
    // EGA/VGA info byte: bit 7 mirrors "memory not cleared" for INT 10h/0Fh.
    const misc = bda.rd8(mem, BDA.VIDEO_EGA_MISC);
    bda.wr8(mem, BDA.VIDEO_EGA_MISC, keep ? misc | 0x80 : misc & 0x7f);
    const equip = bda.rd16(mem, BDA.EQUIPMENT) & ~EQUIPMENT.VIDEO_MASK;
    bda.wr16(mem, BDA.EQUIPMENT, equip | (m.mono ? EQUIPMENT.VIDEO_MONO : EQUIPMENT.VIDEO_COLOR80));
    this.crtc.modeControl = m.modeControl;
    this.crtc.setRegister(CRTC_REG.HORIZONTAL_DISPLAYED, m.cols);
    this.crtc.setStartAddress(0);
    this.setCursorShape(m.mono ? 0x0b0c : 0x0607);
    this.syncCursor();
    if (!keep) {
      const base = linear(this.segment(), 0);
      // One blank cell, then doubled with copyWithin: the 32 KiB window in 15 copies, not a byte loop.
      mem[base] = BLANK & 0xff;
      mem[base + 1] = BLANK >>> 8;
      for (let n = 2; n < VIDEO_WINDOW; n *= 2) mem.copyWithin(base + n, base, base + Math.min(n, VIDEO_WINDOW - n));
    }
    this.observer?.afterModeSet();
    return true;
  }

  setCursorShape(shape: number): void {
    bda.wr16(this.mem, BDA.CURSOR_SHAPE, shape);
    this.crtc.setRegister(CRTC_REG.CURSOR_START, shape >>> 8);
    this.crtc.setRegister(CRTC_REG.CURSOR_END, shape & 0xff);
  }

  setCursor(page: number, row: number, col: number): void {
    page &= MAX_PAGES - 1;
    bda.wr16(this.mem, BDA.CURSOR_POS + page * 2, ((row & 0xff) << 8) | (col & 0xff));
    if (page === this.activePage()) this.syncCursor();
  }

  /** Points the CRTC's cursor at the active page's cursor position. */
  private syncCursor(): void {
    const page = this.activePage();
    const { row, col } = this.cursor(page);
    const start = (page * this.pageSize()) >>> 1;
    this.crtc.setCursorAddress(start + row * this.cols() + col);
  }

  setActivePage(page: number): void {
    page &= MAX_PAGES - 1;
    bda.wr8(this.mem, BDA.VIDEO_PAGE, page);
    const start = page * this.pageSize();
    bda.wr16(this.mem, BDA.VIDEO_PAGE_START, start);
    this.crtc.setStartAddress(start >>> 1);
    this.syncCursor();
  }

  /** INT 10h/06h and 07h: scrolls a window up or down by `lines` (0 or more than its height
   *  clears it), filling with blanks of `attr`. */
  scroll(page: number, up: boolean, lines: number, attr: number, top: number, left: number, bottom: number, right: number): void {
    const rows = this.rows();
    const cols = this.cols();
    bottom = Math.min(bottom, rows - 1);
    right = Math.min(right, cols - 1);
    if (top > bottom || left > right) return;
    const height = bottom - top + 1;
    if (lines === 0 || lines > height) lines = height;
    const span = (right - left) * 2;
    const mem = this.mem;
    for (let i = 0; i < height; i++) {
      const row = up ? top + i : bottom - i;
      const from = up ? row + lines : row - lines;
      const inside = up ? from <= bottom : from >= top;
      const dst = this.cellAddr(page, row, left);
      // A row's cells are one run of memory unless it wraps at the end of the video window:
      // then cell by cell. (Text output scrolls once a line, so this is the console's hot path.)
      const dstRun = this.cellAddr(page, row, right) === dst + span;
      if (inside) {
        const src = this.cellAddr(page, from, left);
        if (dstRun && this.cellAddr(page, from, right) === src + span) {
          mem.copyWithin(dst, src, src + span + 2);
          continue;
        }
        for (let col = left; col <= right; col++) {
          const cell = this.readCell(page, from, col);
          this.writeCell(page, row, col, cell & 0xff, cell >>> 8);
        }
      } else if (dstRun) {
        for (let a = dst; a <= dst + span; a += 2) {
          mem[a] = 0x20;
          mem[a + 1] = attr & 0xff;
        }
      } else {
        for (let col = left; col <= right; col++) this.writeCell(page, row, col, 0x20, attr);
      }
    }
  }

  /** INT 10h/0Eh on the active page: BEL, BS, LF and CR act, everything else is drawn in the
   *  cell's existing attribute; past the last column the cursor wraps, past the last row the
   *  page scrolls with the attribute found at the cursor, as the IBM BIOS does. */
  teletype(ch: number, attr?: number, page = this.activePage()): void {
    const observer = page === this.activePage() ? this.observer : null;
    let { row, col } = this.cursor(page);
    if (observer) {
      const b = ch & 0xff;
      if (b === 0x0a || b === 0x0d) observer.beforeTeletypeLineEnd(row);
      else if (b >= 0x20 || b === 0x09) observer.beforeTeletypeText(row);
    }
    this.onOutput(ch & 0xff);
    const cols = this.cols();
    const rows = this.rows();
    switch (ch & 0xff) {
      case 0x07:
        return; // the bell sounds on the host side (the output stream carries it)
      case 0x08:
        if (col > 0) col--;
        break;
      case 0x0a:
        observer?.teletypeLineFeed(row);
        row++;
        break;
      case 0x0d:
        col = 0;
        break;
      default:
        this.writeCell(page, row, col, ch, attr);
        observer?.teletypeCell(row, col, ch);
        col++;
        if (col >= cols) {
          col = 0;
          row++;
        }
    }
    if (row >= rows) {
      const fill = this.readCell(page, rows - 1, Math.min(col, cols - 1)) >>> 8;
      observer?.beforeScrollUp(0, rows - 1, 1, true);
      this.scroll(page, true, 1, fill, 0, 0, rows - 1, cols - 1);
      row = rows - 1;
    }
    this.setCursor(page, row, col);
  }

  /** INT 10h/09h (with attribute) and 0Ah (without): `count` copies at the cursor, which does
   *  not move; the copies run on across rows. */
  writeRepeated(page: number, ch: number, attr: number | undefined, count: number): void {
    const { row, col } = this.cursor(page);
    const cols = this.cols();
    const cells = this.rows() * cols;
    let pos = row * cols + col;
    for (let i = 0; i < count && pos < cells; i++, pos++) {
      this.writeCell(page, Math.floor(pos / cols), pos % cols, ch, attr);
    }
  }

  /** INT 10h/11h font loads change the character height and so the number of rows. */
  private setCharHeight(height: number): void {
    if (this.textMode().mono && height !== 14) height = 14;
    bda.wr16(this.mem, BDA.VIDEO_CHAR_HEIGHT, height);
    bda.wr8(this.mem, BDA.VIDEO_ROWS, Math.floor(SCAN_LINES / height) - 1);
  }

  /** The characters of the text screen as the CRT controller shows it, row-major into `out`
   *  (cols x rows of them): frame()'s characters without building a frame. */
  screenChars(out: Uint8Array): void {
    const n = Math.min(out.length, this.cols() * this.rows());
    const base = linear(this.segment(), 0);
    const start = this.crtc.startAddress();
    const mem = this.mem;
    for (let i = 0; i < n; i++) out[i] = mem[base + (((start + i) * 2) & (VIDEO_WINDOW - 1))];
  }

  /** The text screen as the CRT controller shows it. */
  frame(): TextFrame {
    const cols = this.cols();
    const rows = this.rows();
    const cells = new Uint16Array(cols * rows);
    const base = linear(this.segment(), 0);
    const start = this.crtc.startAddress();
    for (let i = 0; i < cells.length; i++) {
      const a = base + (((start + i) * 2) & (VIDEO_WINDOW - 1));
      cells[i] = this.mem[a] | (this.mem[a + 1] << 8);
    }
    const rel = this.crtc.cursorAddress() - start;
    const cursorRow = Math.floor(rel / cols);
    const cursorCol = rel - cursorRow * cols;
    return {
      cols,
      rows,
      cells,
      cursorRow,
      cursorCol,
      cursorVisible: this.crtc.cursorVisible() && rel >= 0 && cursorRow < rows,
      mono: this.textMode().mono,
      blink: this.crtc.blinkEnabled(),
    };
  }

  // ------------------------------------------------------------------ INT 10h
  handle(cpu: Cpu): void {
    const fn = this.functions[cpu.ah];
    if (fn) fn(cpu);
    // Other functions (graphics pixels, palette registers, VGA state save) have no text-mode
    // effect here; the IBM BIOS also returns from unknown functions with registers unchanged.
  }

  private readonly functions: Record<number, (cpu: Cpu) => void> = {
    0x00: (cpu) => {
      // The VGA BIOS's video mode flag: 30h for modes 0-5 and 7 (every mode setMode accepts).
      if (this.setMode(cpu.al)) cpu.al = 0x30;
    },
    0x01: (cpu) => this.setCursorShape(cpu.cx),
    0x02: (cpu) => this.setCursor(cpu.bh, cpu.dh, cpu.dl),
    0x03: (cpu) => {
      const { row, col } = this.cursor(cpu.bh);
      cpu.dx = (row << 8) | col;
      cpu.cx = bda.rd16(this.mem, BDA.CURSOR_SHAPE);
      cpu.ax = 0;
    },
    0x04: (cpu) => {
      cpu.ah = 0; // light pen not triggered
    },
    0x05: (cpu) => this.setActivePage(cpu.al),
    0x06: (cpu) => {
      this.observer?.beforeScrollUp(cpu.ch, cpu.dh, cpu.al, cpu.cl === 0 && cpu.dl >= this.cols() - 1);
      this.scroll(this.activePage(), true, cpu.al, cpu.bh, cpu.ch, cpu.cl, cpu.dh, cpu.dl);
    },
    0x07: (cpu) => {
      this.observer?.beforeScrollDown(cpu.ch, cpu.dh, cpu.al, cpu.cl === 0 && cpu.dl >= this.cols() - 1);
      this.scroll(this.activePage(), false, cpu.al, cpu.bh, cpu.ch, cpu.cl, cpu.dh, cpu.dl);
    },
    0x08: (cpu) => {
      const { row, col } = this.cursor(cpu.bh);
      cpu.ax = this.readCell(cpu.bh, row, col);
    },
    0x09: (cpu) => this.writeRepeated(cpu.bh, cpu.al, cpu.bl, cpu.cx),
    0x0a: (cpu) => this.writeRepeated(cpu.bh, cpu.al, undefined, cpu.cx),
    0x0b: (cpu) => {
      // CGA palette / border colour: remembered for programs that read 40:66h back.
      if (cpu.bh === 0) bda.wr8(this.mem, BDA.CRTC_PALETTE, (bda.rd8(this.mem, BDA.CRTC_PALETTE) & 0xe0) | (cpu.bl & 0x1f));
    },
    // BH (page) is ignored: the early IBM ROMs required it to equal the active page and many
    // programs leave it uninitialised, so the active page is what they all mean.
    0x0e: (cpu) => this.teletype(cpu.al),
    0x0f: (cpu) => {
      cpu.al = bda.rd8(this.mem, BDA.VIDEO_MODE) | (bda.rd8(this.mem, BDA.VIDEO_EGA_MISC) & 0x80);
      cpu.ah = this.cols();
      cpu.bh = this.activePage();
    },
    0x10: (cpu) => {
      if (cpu.al === 0x03) {
        // Toggle blink / intensity: attribute bit 7 blinks when BL=1.
        const ctl = bda.rd8(this.mem, BDA.CRTC_MODE);
        const v = cpu.bl ? ctl | 0x20 : ctl & ~0x20;
        bda.wr8(this.mem, BDA.CRTC_MODE, v);
        this.crtc.modeControl = v;
      }
      // The palette and DAC registers do not change a terminal's colours: accepted, ignored.
    },
    0x11: (cpu) => this.characterGenerator(cpu),
    0x12: (cpu) => {
      if (cpu.bl === 0x10) {
        // EGA/VGA information: colour or mono, 256 KiB, no feature bits, switches 9.
        cpu.bh = this.textMode().mono ? 1 : 0;
        cpu.bl = 0x03;
        cpu.cx = 0x0009;
      }
    },
    0x13: (cpu) => this.writeString(cpu),
    0x1a: (cpu) => {
      if (cpu.al === 0x00) {
        cpu.bx = this.textMode().mono ? DCC_VGA_MONO : DCC_VGA_COLOR;
        cpu.al = 0x1a;
      } else if (cpu.al === 0x01) {
        cpu.al = 0x1a;
      }
    },
  };

  private characterGenerator(cpu: Cpu): void {
    const al = cpu.al;
    if (al === 0x30) {
      // Font information: CX = points, DL = rows - 1, ES:BP = a font table. vdm86 has no
      // bitmap fonts: the pointer is to an all-zero table in the ROM (F000:FA6Eh, the CGA font's
      // classic address), so programs that only want the screen size get it right.
      cpu.cx = bda.rd16(this.mem, BDA.VIDEO_CHAR_HEIGHT);
      cpu.dl = this.rows() - 1;
      cpu.es = ROM_SEGMENT;
      cpu.bp = 0xfa6e;
      return;
    }
    // Loading a ROM font (01h/11h 8x14, 02h/12h 8x8, 04h/14h 8x16) or a user font (00h/10h,
    // BH = bytes per character): only the 1xh forms reprogram the rows.
    if (al === 0x10 && cpu.bh > 0) this.setCharHeight(cpu.bh);
    else if (al in ROM_FONT_HEIGHT) this.setCharHeight(ROM_FONT_HEIGHT[al]);
  }

  /** INT 10h/13h: AL bit 0 moves the cursor, bit 1 means the string alternates char/attr. */
  private writeString(cpu: Cpu): void {
    const page = cpu.bh;
    const withAttrs = (cpu.al & 2) !== 0;
    const moveCursor = (cpu.al & 1) !== 0;
    const saved = this.cursor(page);
    this.setCursor(page, cpu.dh, cpu.dl);
    let off = cpu.bp;
    for (let i = 0; i < cpu.cx; i++) {
      const ch = rd8(this.mem, cpu.es, off++);
      const attr = withAttrs ? rd8(this.mem, cpu.es, off++) : cpu.bl;
      const control = ch === 0x07 || ch === 0x08 || ch === 0x0a || ch === 0x0d;
      this.teletype(ch, control ? undefined : attr, page & (MAX_PAGES - 1));
    }
    if (!moveCursor) this.setCursor(page, saved.row, saved.col);
  }
}
