// Keys as the host sees them, before any PC scan code exists: a named key (arrows, function
// keys, editing keys) or a typed character (a CP437 code), with the modifiers held. The terminal
// and stream readers produce these; the keyboard hardware model turns them into scan codes.

export const KEY_NAMES = [
  'Escape', 'Enter', 'Backspace', 'Tab', 'Space',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Insert', 'Delete',
  'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12',
  'KeypadEnter', 'KeypadSlash', 'KeypadStar', 'KeypadMinus', 'KeypadPlus', 'Keypad5',
  'PrintScreen', 'ScrollLock', 'Pause', 'Break', 'CapsLock', 'NumLock',
] as const;
export type KeyName = (typeof KEY_NAMES)[number];

export interface HostKey {
  /** A named key; absent when `char` is set. */
  name?: KeyName;
  /** A typed character as a CP437 code (0-255); control codes 01h-1Fh stand for Ctrl+key. */
  char?: number;
  shift?: boolean;
  ctrl?: boolean;
  alt?: boolean;
}
