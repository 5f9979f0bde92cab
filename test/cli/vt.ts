// A small terminal emulator for the pseudo-terminal tests: enough of xterm (cursor positioning,
// SGR, erase display, the alternate screen, autowrap and cursor visibility, CR/LF) to replay
// what vdm86 wrote and say what a person would see on each screen.

interface Cell {
  ch: string;
  sgr: string;
}

class Screen {
  cells: Cell[][];
  row = 0;
  col = 0;
  constructor(readonly cols: number, readonly rows: number) {
    this.cells = Screen.blank(cols, rows);
  }
  static blank(cols: number, rows: number): Cell[][] {
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => ({ ch: ' ', sgr: '0' })));
  }
  text(): string[] {
    return this.cells.map((r) => r.map((c) => c.ch).join('').replace(/ +$/, ''));
  }
}

export class VirtualTerminal {
  readonly normal: Screen;
  readonly alternate: Screen;
  screen: Screen;
  sgr = '0';
  cursorVisible = true;
  autowrap = true;
  /** Every private mode set (h) or reset (l), in order, e.g. "?1049h". */
  readonly modes: string[] = [];

  constructor(cols = 80, rows = 25) {
    this.normal = new Screen(cols, rows);
    this.alternate = new Screen(cols, rows);
    this.screen = this.normal;
  }

  write(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i];
      if (ch === '\x1b' && data[i + 1] === '[') {
        let j = i + 2;
        while (j < data.length && /[0-9;?]/.test(data[j])) j++;
        this.csi(data.slice(i + 2, j), data[j]);
        i = j + 1;
        continue;
      }
      i++;
      const s = this.screen;
      if (ch === '\r') s.col = 0;
      else if (ch === '\n') this.lineFeed();
      else if (ch === '\x07' || ch === '\x08') continue;
      else {
        if (s.col >= s.cols) {
          if (!this.autowrap) s.col = s.cols - 1;
          else {
            s.col = 0;
            this.lineFeed();
          }
        }
        s.cells[s.row][s.col] = { ch, sgr: this.sgr };
        s.col++;
      }
    }
  }

  private lineFeed(): void {
    const s = this.screen;
    if (s.row < s.rows - 1) s.row++;
    else {
      s.cells.shift();
      s.cells.push(Array.from({ length: s.cols }, () => ({ ch: ' ', sgr: '0' })));
    }
  }

  private csi(params: string, final: string): void {
    const s = this.screen;
    if (params.startsWith('?')) {
      this.modes.push(params + final);
      const on = final === 'h';
      for (const p of params.slice(1).split(';')) {
        if (p === '1049') {
          this.screen = on ? this.alternate : this.normal;
          if (on) this.alternate.cells = Screen.blank(s.cols, s.rows);
        } else if (p === '25') this.cursorVisible = on;
        else if (p === '7') this.autowrap = on;
      }
      return;
    }
    const n = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
    switch (final) {
      case 'H':
        s.row = (n[0] ?? 1) - 1;
        s.col = (n[1] ?? 1) - 1;
        break;
      case 'm':
        this.sgr = params || '0';
        break;
      case 'J':
        if (n[0] === 2) s.cells = Screen.blank(s.cols, s.rows);
        break;
    }
  }

  /** The SGR parameters in force for the cell at row, col of the current screen. */
  sgrAt(row: number, col: number): string {
    return this.screen.cells[row][col].sgr;
  }

  lines(): string[] {
    return this.screen.text();
  }
}
