// A snapshot of a text screen as the terminal renderer and screen dumps see it: cells of
// character and attribute, the cursor, and how attributes are to be read. It carries no guest
// addresses; the BIOS fills it from video memory and the CRT controller.

export interface TextFrame {
  cols: number;
  rows: number;
  /** Row-major cells: CP437 character in the low byte, attribute in the high byte. */
  cells: Uint16Array;
  cursorRow: number;
  cursorCol: number;
  cursorVisible: boolean;
  /** Monochrome attributes (MDA: underline, intensity, reverse) rather than 16 colours. */
  mono: boolean;
  /** Attribute bit 7 blinks (true) or selects a bright background (false). */
  blink: boolean;
}
