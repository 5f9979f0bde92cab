// The BIOS data area at 0040:0000 (IBM PC/XT/AT technical references, as Ralf Brown's list
// tabulates them): the offsets vdm86's BIOS keeps current, and the values it starts with.
import { rd8, rd16, wr8, wr16 } from '../cpu/guest-memory';

export const BDA_SEG = 0x0040;
/** 40:00h-40:FFh. */
export const BDA_SIZE = 0x100;

export const BDA = {
  COM_PORTS: 0x00, // 4 words
  LPT_PORTS: 0x08, // 3 words
  EQUIPMENT: 0x10, // word (INT 11h)
  MEMORY_KB: 0x13, // word (INT 12h)
  KBD_FLAGS: 0x17, // shift state (INT 16h/02h)
  KBD_FLAGS2: 0x18, // keys held down
  KBD_ALT_NUMPAD: 0x19, // Alt+keypad code being typed
  KBD_HEAD: 0x1a, // offset (from 40:0) of the next key to read
  KBD_TAIL: 0x1c, // offset of the next free slot
  KBD_BUFFER: 0x1e, // 16 words
  VIDEO_MODE: 0x49,
  VIDEO_COLUMNS: 0x4a, // word
  VIDEO_PAGE_SIZE: 0x4c, // word, bytes
  VIDEO_PAGE_START: 0x4e, // word, byte offset of the active page in video memory
  CURSOR_POS: 0x50, // 8 words, one per page: row << 8 | column
  CURSOR_SHAPE: 0x60, // word: end line (low byte), start line (high byte)
  VIDEO_PAGE: 0x62,
  CRTC_BASE: 0x63, // word: 3D4h colour, 3B4h mono
  CRTC_MODE: 0x65, // last value written to 3D8h
  CRTC_PALETTE: 0x66, // last value written to 3D9h
  TICKS: 0x6c, // dword: timer ticks since midnight
  TICKS_ROLLOVER: 0x70, // nonzero once the count passed midnight (cleared by INT 1Ah/00h)
  BREAK_FLAG: 0x71, // bit 7 set by Ctrl-Break
  RESET_FLAG: 0x72, // word
  KBD_BUFFER_START: 0x80, // word: offset (from 40:0) of the buffer
  KBD_BUFFER_END: 0x82, // word: offset just past it
  VIDEO_ROWS: 0x84, // rows - 1 (EGA and later)
  VIDEO_CHAR_HEIGHT: 0x85, // word: scan lines per character
  VIDEO_EGA_MISC: 0x87,
  VIDEO_EGA_SWITCHES: 0x88,
  VIDEO_VGA_FLAGS: 0x89,
  KBD_STATUS3: 0x96, // bit 1: last code was E0h; bit 4: 101/102-key keyboard
  KBD_LEDS: 0x97,
} as const;

export const BDA_KBD_BUFFER_END = BDA.KBD_BUFFER + 32;

/** 40:17h shift flags. */
export const SHIFT = {
  RSHIFT: 0x01,
  LSHIFT: 0x02,
  CTRL: 0x04,
  ALT: 0x08,
  SCROLL_LOCK: 0x10,
  NUM_LOCK: 0x20,
  CAPS_LOCK: 0x40,
  INSERT: 0x80,
} as const;

/** 40:18h keys held down. */
export const SHIFT2 = {
  LCTRL: 0x01,
  LALT: 0x02,
  SYSREQ: 0x04,
  PAUSE: 0x08,
  SCROLL_LOCK: 0x10,
  NUM_LOCK: 0x20,
  CAPS_LOCK: 0x40,
  INSERT: 0x80,
} as const;

/** 40:96h. */
export const KBD3 = {
  E0_PREFIX: 0x02,
  RCTRL: 0x04,
  RALT: 0x08,
  ENHANCED: 0x10,
} as const;

/** Equipment word (INT 11h) bits. */
export const EQUIPMENT = {
  VIDEO_MASK: 0x0030,
  VIDEO_COLOR80: 0x0020,
  VIDEO_MONO: 0x0030,
} as const;

/** Ticks per day: the IBM BIOS wraps at 1800B0h (24 h at 1193180 / 65536 Hz). */
export const TICKS_PER_DAY = 0x1800b0;

export const bda = {
  rd8: (mem: Uint8Array, off: number) => rd8(mem, BDA_SEG, off),
  rd16: (mem: Uint8Array, off: number) => rd16(mem, BDA_SEG, off),
  wr8: (mem: Uint8Array, off: number, v: number) => wr8(mem, BDA_SEG, off, v),
  wr16: (mem: Uint8Array, off: number, v: number) => wr16(mem, BDA_SEG, off, v),
};
