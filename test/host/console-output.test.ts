// Console output on the host: CP437 to Unicode, the stream's control characters, the terminal
// renderer's colours, diffing and cursor, and screen dumps.
import { describe, expect, it } from 'vitest';
import { CP437, cp437ToString, stringToCp437, toCp437 } from '../../src/host/cp437';
import { OutputCapture, StreamOutput, streamText } from '../../src/host/stream';
import { TerminalRenderer, frameLines, screenDump, sgrFor, TERMINAL_ENTER, TERMINAL_LEAVE } from '../../src/host/terminal';
import type { TextFrame } from '../../src/host/text-frame';

function frame(text: Record<number, string>, attr = 0x07, cols = 80, rows = 25): TextFrame {
  const cells = new Uint16Array(cols * rows).fill(0x0720);
  for (const [row, s] of Object.entries(text)) {
    for (let i = 0; i < s.length; i++) cells[Number(row) * cols + i] = (attr << 8) | s.charCodeAt(i);
  }
  return { cols, rows, cells, cursorRow: 0, cursorCol: 0, cursorVisible: true, mono: false, blink: true };
}

describe('CP437', () => {
  it('maps all 256 bytes to the glyphs the PC shows, and back', () => {
    expect(CP437).toHaveLength(256);
    expect(cp437ToString([0x01, 0x41, 0x7f, 0x80, 0xb0, 0xc9, 0xdb, 0xe1, 0xfe])).toBe('☺A⌂Ç░╔█ß■');
    for (let b = 1; b < 256; b++) expect(toCp437(CP437[b].codePointAt(0) as number)).toBe(b === 0x20 ? 0x20 : b);
    expect(Array.from(stringToCp437('Ça ∞ €'))).toEqual([0x80, 0x61, 0x20, 0xec, 0x20, 0x3f]);
  });
});

describe('stream output', () => {
  it('keeps line controls, shows other bytes (ESC too: no guest drives the host terminal) as CP437', () => {
    expect([0x0d, 0x0a, 0x09, 0x08, 0x07, 0x1b].map(streamText).join('')).toBe('\r\n\t\b\x07←');
    expect([0x01, 0x82, 0xdb, 0x00].map(streamText).join('')).toBe('☺é█ ');
  });

  it('writes UTF-8 text, or raw bytes, in batches', () => {
    const chunks: (string | Uint8Array)[] = [];
    const s = new StreamOutput((c) => chunks.push(c), false);
    for (const b of [0x48, 0x82, 0x0d, 0x0a]) s.push(b);
    expect(chunks).toEqual([]);
    s.flush();
    expect(chunks).toEqual(['Hé\r\n']);
    const raw: (string | Uint8Array)[] = [];
    const r = new StreamOutput((c) => raw.push(c), true);
    r.push(0x82);
    r.flush();
    expect(raw).toEqual([Uint8Array.from([0x82])]);
  });

  it('captures output as bytes and text', () => {
    const c = new OutputCapture();
    for (const b of [0x41, 0xb0]) c.push(b);
    expect(Array.from(c.bytes())).toEqual([0x41, 0xb0]);
    expect(c.text(false)).toBe('A░');
    expect(c.text(true)).toBe('A\u00b0');
  });
});

describe('terminal renderer', () => {
  it('maps CGA attributes to ANSI colours', () => {
    expect(sgrFor(0x1e, false, true)).toBe('0;93;44'); // yellow on blue
    expect(sgrFor(0x4f, false, true)).toBe('0;97;41'); // bright white on red
    expect(sgrFor(0x9e, false, true)).toBe('0;5;93;44'); // blinking
    expect(sgrFor(0x9e, false, false)).toBe('0;93;104'); // bright background instead
    expect(sgrFor(0x70, true, true)).toBe('0;7'); // MDA reverse video
    expect(sgrFor(0x01, true, true)).toBe('0;4'); // MDA underline
  });

  it('draws everything once, then only what changed, and restores the terminal', () => {
    let out = '';
    const r = new TerminalRenderer({ write: (s: string) => (out += s), columns: 80, rows: 25 });
    r.start();
    expect(out.startsWith(TERMINAL_ENTER)).toBe(true);
    out = '';
    r.render(frame({ 0: 'Hello' }, 0x1e));
    expect(out).toContain('\x1b[1;1H\x1b[0;93;44mHello');
    out = '';
    r.render(frame({ 0: 'Hallo' }, 0x1e));
    expect(out).toBe('\x1b[1;2H\x1b[0;93;44ma\x1b[1;1H\x1b[?25h');
    out = '';
    r.render(frame({ 0: 'Hallo' }, 0x1e));
    expect(out).toBe(''); // nothing changed, cursor unchanged
    r.stop();
    expect(out).toBe(TERMINAL_LEAVE);
    r.stop();
    expect(out).toBe(TERMINAL_LEAVE); // a second stop writes nothing
  });

  it('clips to a smaller terminal', () => {
    let out = '';
    const r = new TerminalRenderer({ write: (s: string) => (out += s), columns: 10, rows: 2 });
    r.start();
    out = '';
    r.render(frame({ 0: 'ABCDEFGHIJKLMNOP', 5: 'hidden' }));
    expect(out).toContain('ABCDEFGHIJ');
    expect(out).not.toContain('K');
    expect(out).not.toContain('hidden');
  });

  it('dumps the screen as text lines', () => {
    const f = frame({ 0: 'one', 2: '\xb0three' });
    expect(frameLines(f).slice(0, 3)).toEqual(['one', '', '░three']);
    expect(screenDump(f)).toBe('one\n\n░three\n');
  });
});
