// The PC keyboard's set-1 (XT, and AT translated) scan codes for a US 101-key layout: which
// make codes a host key produces, with the modifier presses around it, so keys reach the guest
// through port 60h and IRQ1 exactly as a real keyboard's would. A break code is make | 80h; the
// grey cursor and editing keys are prefixed with E0h.
import type { HostKey, KeyName } from '../host/keys';

export const SC = {
  ESC: 0x01, BACKSPACE: 0x0e, TAB: 0x0f, ENTER: 0x1c, CTRL: 0x1d, LSHIFT: 0x2a, RSHIFT: 0x36,
  KP_STAR: 0x37, ALT: 0x38, SPACE: 0x39, CAPS: 0x3a, F1: 0x3b, F10: 0x44, NUMLOCK: 0x45,
  SCROLL: 0x46, KP7: 0x47, KP8: 0x48, KP9: 0x49, KP_MINUS: 0x4a, KP4: 0x4b, KP5: 0x4c, KP6: 0x4d,
  KP_PLUS: 0x4e, KP1: 0x4f, KP2: 0x50, KP3: 0x51, KP0: 0x52, KP_DOT: 0x53, F11: 0x57, F12: 0x58,
  SLASH: 0x35,
} as const;
export const BREAK = 0x80;
export const E0 = 0xe0;

/** Named keys: [make code, E0-prefixed]. */
const NAMED: Record<KeyName, [number, boolean]> = {
  Escape: [SC.ESC, false],
  Enter: [SC.ENTER, false],
  Backspace: [SC.BACKSPACE, false],
  Tab: [SC.TAB, false],
  Space: [SC.SPACE, false],
  Up: [SC.KP8, true],
  Down: [SC.KP2, true],
  Left: [SC.KP4, true],
  Right: [SC.KP6, true],
  Home: [SC.KP7, true],
  End: [SC.KP1, true],
  PageUp: [SC.KP9, true],
  PageDown: [SC.KP3, true],
  Insert: [SC.KP0, true],
  Delete: [SC.KP_DOT, true],
  F1: [0x3b, false], F2: [0x3c, false], F3: [0x3d, false], F4: [0x3e, false], F5: [0x3f, false],
  F6: [0x40, false], F7: [0x41, false], F8: [0x42, false], F9: [0x43, false], F10: [0x44, false],
  F11: [SC.F11, false], F12: [SC.F12, false],
  KeypadEnter: [SC.ENTER, true],
  KeypadSlash: [SC.SLASH, true],
  KeypadStar: [SC.KP_STAR, false],
  KeypadMinus: [SC.KP_MINUS, false],
  KeypadPlus: [SC.KP_PLUS, false],
  Keypad5: [SC.KP5, false],
  PrintScreen: [SC.KP_STAR, true],
  ScrollLock: [SC.SCROLL, false],
  Pause: [SC.NUMLOCK, false], // sent as E1 1D 45 E1 9D C5, below
  Break: [SC.SCROLL, true], // Ctrl+Pause: E0 46 E0 C6 with Ctrl held
  CapsLock: [SC.CAPS, false],
  NumLock: [SC.NUMLOCK, false],
};

/** US layout: the printable ASCII characters, as make code and whether Shift is held. */
const UNSHIFTED = "\x00\x001234567890-=\x00\x00qwertyuiop[]\x00\x00asdfghjkl;'`\x00\\zxcvbnm,./";
const SHIFTED = '\x00\x00!@#$%^&*()_+\x00\x00QWERTYUIOP{}\x00\x00ASDFGHJKL:"~\x00|ZXCVBNM<>?';
const CHAR_KEY = new Map<number, [number, boolean]>();
for (let sc = 0; sc < UNSHIFTED.length; sc++) {
  if (UNSHIFTED[sc] !== '\x00') CHAR_KEY.set(UNSHIFTED.charCodeAt(sc), [sc, false]);
  if (SHIFTED[sc] !== '\x00') CHAR_KEY.set(SHIFTED.charCodeAt(sc), [sc, true]);
}
CHAR_KEY.set(0x20, [SC.SPACE, false]);

/** Control codes typed as Ctrl+key (the BIOS gives these ASCII values for them). */
const CONTROL_KEY: Record<number, number> = {
  0x00: 0x03, // Ctrl+2 -> NUL
  0x1c: 0x2b, // Ctrl+\
  0x1d: 0x1b, // Ctrl+]
  0x1e: 0x07, // Ctrl+6
  0x1f: 0x0c, // Ctrl+-
  0x7f: SC.BACKSPACE, // Ctrl+Backspace
};

/** Keypad make codes of the digits 0-9, for Alt+keypad entry. */
const KEYPAD_DIGIT = [SC.KP0, SC.KP1, SC.KP2, SC.KP3, SC.KP4, SC.KP5, SC.KP6, SC.KP7, SC.KP8, SC.KP9];

function press(out: number[], make: number, e0: boolean): void {
  if (e0) out.push(E0);
  out.push(make);
}
function release(out: number[], make: number, e0: boolean): void {
  if (e0) out.push(E0);
  out.push(make | BREAK);
}

/** A key stroke with its modifiers: modifier makes, the key's make and break, modifier breaks. */
function stroke(make: number, e0: boolean, shift: boolean, ctrl: boolean, alt: boolean): number[] {
  const out: number[] = [];
  if (ctrl) press(out, SC.CTRL, false);
  if (alt) press(out, SC.ALT, false);
  if (shift) press(out, SC.LSHIFT, false);
  press(out, make, e0);
  release(out, make, e0);
  if (shift) release(out, SC.LSHIFT, false);
  if (alt) release(out, SC.ALT, false);
  if (ctrl) release(out, SC.CTRL, false);
  return out;
}

/** The scan code bytes one host key produces on a US 101-key keyboard. */
export function scanCodesFor(key: HostKey): number[] {
  const shift = !!key.shift;
  const ctrl = !!key.ctrl;
  const alt = !!key.alt;
  if (key.name !== undefined) {
    if (key.name === 'Pause') return [0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5];
    if (key.name === 'Break') return [0x1d, E0, 0x46, E0, 0xc6, 0x9d];
    const [make, e0] = NAMED[key.name];
    return stroke(make, e0, shift, ctrl, alt);
  }
  const c = (key.char ?? 0) & 0xff;
  const ascii = CHAR_KEY.get(c);
  if (ascii) {
    // Alt+letter is the same key whatever the case; Ctrl+letter likewise.
    return stroke(ascii[0], false, ascii[1] && !alt && !ctrl ? true : shift, ctrl, alt);
  }
  switch (c) {
    case 0x08:
      return stroke(SC.BACKSPACE, false, shift, ctrl, alt);
    case 0x09:
      return stroke(SC.TAB, false, shift, ctrl, alt);
    case 0x0a:
      return stroke(SC.ENTER, false, false, true, alt); // Ctrl+Enter gives LF
    case 0x0d:
      return stroke(SC.ENTER, false, shift, ctrl, alt);
    case 0x1b:
      return stroke(SC.ESC, false, shift, ctrl, alt);
  }
  if (c >= 0x01 && c <= 0x1a) {
    // Ctrl+A .. Ctrl+Z
    const letter = CHAR_KEY.get(0x60 + c) as [number, boolean];
    return stroke(letter[0], false, false, true, alt);
  }
  if (c in CONTROL_KEY) return stroke(CONTROL_KEY[c], false, false, true, alt);
  // Everything else (CP437 80h-FFh): Alt held while the code is typed in decimal on the keypad;
  // the BIOS stores it with scan code 0 when Alt is released.
  const out: number[] = [];
  press(out, SC.ALT, false);
  for (const d of String(c)) {
    const make = KEYPAD_DIGIT[d.charCodeAt(0) - 0x30];
    press(out, make, false);
    release(out, make, false);
  }
  release(out, SC.ALT, false);
  return out;
}
