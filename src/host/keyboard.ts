// Raw terminal input to keys: the byte sequences xterm-compatible terminals (and the Linux
// console) send for arrows, function keys, the editing block and their Shift/Ctrl/Alt forms,
// ESC-prefixed Alt+character, control codes as Ctrl+letter, and UTF-8 text as CP437.
import { toCp437OrQuestionMark } from './cp437';
import type { HostKey, KeyName } from './keys';

const ESC = 0x1b;

/** CSI n ~ numbers. */
const TILDE_KEYS: Record<number, KeyName> = {
  1: 'Home', 2: 'Insert', 3: 'Delete', 4: 'End', 5: 'PageUp', 6: 'PageDown', 7: 'Home', 8: 'End',
  11: 'F1', 12: 'F2', 13: 'F3', 14: 'F4', 15: 'F5', 17: 'F6', 18: 'F7', 19: 'F8', 20: 'F9',
  21: 'F10', 23: 'F11', 24: 'F12',
};
/** CSI/SS3 final letters. */
const LETTER_KEYS: Record<string, KeyName> = {
  A: 'Up', B: 'Down', C: 'Right', D: 'Left', H: 'Home', F: 'End', E: 'Keypad5',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4', M: 'KeypadEnter',
};

/** xterm modifier parameter (1 + bits: 1 shift, 2 alt, 4 ctrl). */
function modifiers(param: number | undefined): Pick<HostKey, 'shift' | 'alt' | 'ctrl'> {
  const m = (param ?? 1) - 1;
  return { shift: (m & 1) !== 0, alt: (m & 2) !== 0, ctrl: (m & 4) !== 0 };
}

/** Parses terminal input. Bytes of a sequence split across reads are held until complete; a
 *  lone ESC at the end of a read is the Escape key (terminals send a sequence in one write). */
export class TerminalKeyParser {
  private held: number[] = [];
  private readonly decoder = new TextDecoder('utf-8');

  push(chunk: Uint8Array): HostKey[] {
    const bytes = this.held.concat(Array.from(chunk));
    this.held = [];
    const keys: HostKey[] = [];
    let i = 0;
    while (i < bytes.length) {
      const used = this.parseOne(bytes, i, keys);
      if (used === 0) {
        this.held = bytes.slice(i); // incomplete sequence: wait for the rest
        break;
      }
      i += used;
    }
    return keys;
  }

  /** Parses the key at bytes[i]; returns how many bytes it used, 0 if it is incomplete. */
  private parseOne(bytes: number[], i: number, keys: HostKey[]): number {
    const b = bytes[i];
    if (b === ESC) {
      if (i + 1 >= bytes.length) {
        keys.push({ name: 'Escape' });
        return 1;
      }
      const next = bytes[i + 1];
      if (next === 0x5b /* [ */) return this.csi(bytes, i, keys);
      if (next === 0x4f /* O */) {
        if (i + 2 >= bytes.length) return 0;
        const name = LETTER_KEYS[String.fromCharCode(bytes[i + 2])];
        if (name) keys.push({ name });
        return 3;
      }
      if (next === ESC) {
        keys.push({ name: 'Escape' });
        return 1;
      }
      // ESC + key: Alt held.
      const inner: HostKey[] = [];
      const used = this.parseOne(bytes, i + 1, inner);
      if (used === 0) return 0;
      for (const k of inner) keys.push({ ...k, alt: true });
      return 1 + used;
    }
    if (b < 0x20 || b === 0x7f) {
      keys.push(controlKey(b));
      return 1;
    }
    if (b < 0x80) {
      keys.push({ char: b });
      return 1;
    }
    // UTF-8: the lead byte says how long the sequence is.
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (i + len > bytes.length) return 0;
    const text = this.decoder.decode(Uint8Array.from(bytes.slice(i, i + len)));
    for (const ch of text) keys.push({ char: toCp437OrQuestionMark(ch.codePointAt(0) as number) });
    return len;
  }

  /** ESC [ params final. */
  private csi(bytes: number[], i: number, keys: HostKey[]): number {
    let j = i + 2;
    // Linux console: ESC [ [ A..E are F1..F5.
    if (bytes[j] === 0x5b) {
      if (j + 1 >= bytes.length) return 0;
      const f = bytes[j + 1] - 0x41;
      if (f >= 0 && f < 5) keys.push({ name: `F${f + 1}` as KeyName });
      return j + 2 - i;
    }
    while (j < bytes.length && bytes[j] >= 0x30 && bytes[j] <= 0x3f) j++;
    if (j >= bytes.length) return 0;
    const params = String.fromCharCode(...bytes.slice(i + 2, j))
      .split(';')
      .map((p) => (p === '' ? undefined : Number(p)));
    const final = String.fromCharCode(bytes[j]);
    const used = j + 1 - i;
    if (final === '~') {
      const name = TILDE_KEYS[params[0] ?? 0];
      if (name) keys.push({ name, ...modifiers(params[1]) });
    } else if (final === 'Z') {
      keys.push({ name: 'Tab', shift: true });
    } else {
      const name = LETTER_KEYS[final];
      if (name) keys.push({ name, ...modifiers(params[1]) });
    }
    return used;
  }
}

/** A control byte as the key a person pressed for it. */
function controlKey(b: number): HostKey {
  switch (b) {
    case 0x0d:
      return { name: 'Enter' };
    case 0x09:
      return { name: 'Tab' };
    case 0x08:
    case 0x7f:
      return { name: 'Backspace' };
    case 0x00:
      return { char: 0x20, ctrl: true }; // Ctrl+Space / Ctrl+@
    default:
      return { char: b }; // Ctrl+letter and friends: scancodes.ts types them with Ctrl held
  }
}
