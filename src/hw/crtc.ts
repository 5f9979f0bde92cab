// The text-mode side of the video adapter's ports: the 6845-style CRT controller at 3D4h/3D5h
// (3B4h/3B5h in monochrome), the status register at 3DAh/3BAh, and the CGA mode and colour
// registers at 3D8h/3D9h. The renderer reads the start address and the cursor from here, so a
// program that moves the cursor or pans the page by port writes is shown as it would be.
import type { IoPorts, PortHandler } from '../cpu/bus';

export const CRTC_COLOR = 0x3d4;
export const CRTC_MONO = 0x3b4;
export const STATUS_COLOR = 0x3da;
export const STATUS_MONO = 0x3ba;
export const CGA_MODE_CONTROL = 0x3d8;
export const CGA_COLOR_SELECT = 0x3d9;

/** CRTC register indexes. */
export const CRTC_REG = {
  HORIZONTAL_DISPLAYED: 0x01,
  MAX_SCAN_LINE: 0x09,
  CURSOR_START: 0x0a, // bit 5 set: cursor off
  CURSOR_END: 0x0b,
  START_HIGH: 0x0c,
  START_LOW: 0x0d,
  CURSOR_HIGH: 0x0e,
  CURSOR_LOW: 0x0f,
} as const;
export const CURSOR_DISABLE = 0x20;

/** Status register bits. */
const STATUS_DISPLAY_INACTIVE = 0x01; // horizontal or vertical retrace
const STATUS_VRETRACE = 0x08;
/** A 60 Hz frame whose last ~1.4 ms is vertical retrace (CGA: 262 lines, 22 of them retrace). */
const FRAME_MS = 1000 / 60;
const VRETRACE_MS = (FRAME_MS * 22) / 262;

export class Crtc implements PortHandler {
  readonly regs = new Uint8Array(32);
  private index = 0;
  modeControl = 0x29;
  colorSelect = 0x30;
  private hToggle = 0;

  constructor(private readonly now: () => number) {
    this.regs[CRTC_REG.HORIZONTAL_DISPLAYED] = 80;
    this.regs[CRTC_REG.CURSOR_START] = 0x06;
    this.regs[CRTC_REG.CURSOR_END] = 0x07;
  }

  attach(io: IoPorts): void {
    io.hook(CRTC_COLOR, CRTC_COLOR + 1, this);
    io.hook(CRTC_MONO, CRTC_MONO + 1, this);
    io.hook(STATUS_COLOR, STATUS_COLOR, this);
    io.hook(STATUS_MONO, STATUS_MONO, this);
    io.hook(CGA_MODE_CONTROL, CGA_COLOR_SELECT, this);
  }

  /** Display start, in character cells from the start of video memory. */
  startAddress(): number {
    return (this.regs[CRTC_REG.START_HIGH] << 8) | this.regs[CRTC_REG.START_LOW];
  }

  /** Cursor location, in character cells from the start of video memory. */
  cursorAddress(): number {
    return (this.regs[CRTC_REG.CURSOR_HIGH] << 8) | this.regs[CRTC_REG.CURSOR_LOW];
  }

  cursorVisible(): boolean {
    const start = this.regs[CRTC_REG.CURSOR_START];
    return !(start & CURSOR_DISABLE) && (start & 0x1f) <= (this.regs[CRTC_REG.CURSOR_END] & 0x1f);
  }

  setRegister(index: number, value: number): void {
    this.regs[index & 0x1f] = value & 0xff;
  }

  setCursorAddress(cell: number): void {
    this.regs[CRTC_REG.CURSOR_HIGH] = (cell >>> 8) & 0xff;
    this.regs[CRTC_REG.CURSOR_LOW] = cell & 0xff;
  }

  setStartAddress(cell: number): void {
    this.regs[CRTC_REG.START_HIGH] = (cell >>> 8) & 0xff;
    this.regs[CRTC_REG.START_LOW] = cell & 0xff;
  }

  /** Blink (attribute bit 7 blinks) or intensity (bit 7 brightens the background). */
  blinkEnabled(): boolean {
    return (this.modeControl & 0x20) !== 0;
  }

  in8(port: number): number {
    switch (port) {
      case CRTC_COLOR:
      case CRTC_MONO:
        return this.index;
      case CRTC_COLOR + 1:
      case CRTC_MONO + 1:
        return this.regs[this.index];
      case STATUS_COLOR:
      case STATUS_MONO: {
        // Vertical retrace from the host clock, so vsync-paced programs run at the real frame
        // rate; the horizontal retrace bit also toggles on every read, so per-character
        // snow-avoidance loops never stall.
        const inVRetrace = this.now() % FRAME_MS >= FRAME_MS - VRETRACE_MS;
        this.hToggle ^= 1;
        return (inVRetrace ? STATUS_VRETRACE | STATUS_DISPLAY_INACTIVE : this.hToggle ? STATUS_DISPLAY_INACTIVE : 0);
      }
      default:
        return 0xff; // 3D8h/3D9h are write-only on the CGA
    }
  }

  out8(port: number, value: number): void {
    switch (port) {
      case CRTC_COLOR:
      case CRTC_MONO:
        this.index = value & 0x1f;
        break;
      case CRTC_COLOR + 1:
      case CRTC_MONO + 1:
        this.regs[this.index] = value;
        break;
      case CGA_MODE_CONTROL:
        this.modeControl = value;
        break;
      case CGA_COLOR_SELECT:
        this.colorSelect = value;
        break;
      default:
        break;
    }
  }
}
