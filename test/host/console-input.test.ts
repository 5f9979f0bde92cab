// Host input to keys: the terminal parser (escape sequences, Alt, Ctrl, UTF-8) and the stream
// decoder (line ends, CP437, raw bytes); and keys to scan codes on a US keyboard.
import { describe, expect, it } from 'vitest';
import { TerminalKeyParser } from '../../src/host/keyboard';
import { StreamInputDecoder } from '../../src/host/stream';
import { scanCodesFor } from '../../src/hw/scancodes';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('terminal key parser', () => {
  it('turns xterm sequences into named keys with modifiers', () => {
    const p = new TerminalKeyParser();
    expect(p.push(bytes('\x1b[A\x1b[1;5C\x1bOP\x1b[15~\x1b[3;2~\x1b[24~\x1b[Z'))).toEqual([
      { name: 'Up', shift: false, alt: false, ctrl: false },
      { name: 'Right', shift: false, alt: false, ctrl: true },
      { name: 'F1' },
      { name: 'F5', shift: false, alt: false, ctrl: false },
      { name: 'Delete', shift: true, alt: false, ctrl: false },
      { name: 'F12', shift: false, alt: false, ctrl: false },
      { name: 'Tab', shift: true },
    ]);
  });

  it('reads ESC+key as Alt, a lone ESC as Escape, control bytes as Ctrl keys', () => {
    const p = new TerminalKeyParser();
    expect(p.push(bytes('\x1bx'))).toEqual([{ char: 0x78, alt: true }]);
    expect(p.push(bytes('\x1b'))).toEqual([{ name: 'Escape' }]);
    expect(p.push(bytes('\r\x7f\t\x03'))).toEqual([{ name: 'Enter' }, { name: 'Backspace' }, { name: 'Tab' }, { char: 0x03 }]);
  });

  it('holds a sequence split across reads and decodes UTF-8 to CP437', () => {
    const p = new TerminalKeyParser();
    expect(p.push(bytes('\x1b[1'))).toEqual([]);
    expect(p.push(bytes(';3D'))).toEqual([{ name: 'Left', shift: false, alt: true, ctrl: false }]);
    const e = Buffer.from('é░', 'utf8');
    expect(p.push(new Uint8Array(e.subarray(0, 1)))).toEqual([]);
    expect(p.push(new Uint8Array(e.subarray(1)))).toEqual([{ char: 0x82 }, { char: 0xb0 }]);
  });
});

describe('stream input decoder', () => {
  it('makes LF, CR and CR LF one Enter each and keeps other bytes as characters', () => {
    const d = new StreamInputDecoder(false);
    const keys = [...d.push(bytes('a\r\nb\nc\r')), ...d.push(bytes('\nd')), ...d.end()];
    expect(keys).toEqual([{ char: 0x61 }, { name: 'Enter' }, { char: 0x62 }, { name: 'Enter' }, { char: 0x63 }, { name: 'Enter' }, { char: 0x64 }]);
  });

  it('converts UTF-8 to CP437, unknown characters to ?, and passes raw bytes through', () => {
    expect(new StreamInputDecoder(false).push(bytes('ü€'))).toEqual([{ char: 0x81 }, { char: 0x3f }]);
    expect(new StreamInputDecoder(true).push(new Uint8Array([0x81, 0xff]))).toEqual([{ char: 0x81 }, { char: 0xff }]);
  });
});

describe('scan codes (US layout, set 1)', () => {
  it('types letters, shifted characters and control codes with their modifiers', () => {
    expect(scanCodesFor({ char: 0x61 })).toEqual([0x1e, 0x9e]);
    expect(scanCodesFor({ char: 0x41 })).toEqual([0x2a, 0x1e, 0x9e, 0xaa]);
    expect(scanCodesFor({ char: 0x03 })).toEqual([0x1d, 0x2e, 0xae, 0x9d]);
    expect(scanCodesFor({ name: 'Up' })).toEqual([0xe0, 0x48, 0xe0, 0xc8]);
    expect(scanCodesFor({ name: 'F1', alt: true })).toEqual([0x38, 0x3b, 0xbb, 0xb8]);
  });

  it('types CP437 characters above 7Fh as Alt + keypad digits', () => {
    // 130 = 82h: Alt down, keypad 1, 3, 0, Alt up.
    expect(scanCodesFor({ char: 0x82 })).toEqual([0x38, 0x4f, 0xcf, 0x51, 0xd1, 0x52, 0xd2, 0xb8]);
  });
});
