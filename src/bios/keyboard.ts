// The keyboard BIOS: INT 09h (IRQ1) turns scan codes into shift flags at 40:17h/18h/96h and key
// words (scan << 8 | ASCII) in the circular buffer at 40:1Eh, with the IBM AT enhanced BIOS's
// tables; INT 16h reads that buffer (00h-02h, 05h, 10h-12h). Host keys queue here and enter the
// keyboard controller one key at a time, only while the buffer has room, so piped input is never
// dropped the way a real BIOS beeps and drops keys typed into a full buffer.
import type { Cpu } from '../cpu/cpu';
import type { Board } from '../hw/board';
import type { KeyboardController } from '../hw/kbc';
import { KBD_ACK } from '../hw/kbc';
import { BREAK, E0, SC, scanCodesFor } from '../hw/scancodes';
import type { HostKey } from '../host/keys';
import { BDA, BDA_KBD_BUFFER_END, KBD3, SHIFT, SHIFT2, bda } from './bda';
import { setReturnZero } from './iret-frame';

const NONE = -1;
/** Key words per make code: [normal, shift, ctrl, alt] (IBM AT enhanced BIOS; NONE = no key). */
const KEYS: Record<number, [number, number, number, number]> = {
  0x01: [0x011b, 0x011b, 0x011b, 0x0100],
  0x02: [0x0231, 0x0221, NONE, 0x7800],
  0x03: [0x0332, 0x0340, 0x0300, 0x7900],
  0x04: [0x0433, 0x0423, NONE, 0x7a00],
  0x05: [0x0534, 0x0524, NONE, 0x7b00],
  0x06: [0x0635, 0x0625, NONE, 0x7c00],
  0x07: [0x0736, 0x075e, 0x071e, 0x7d00],
  0x08: [0x0837, 0x0826, NONE, 0x7e00],
  0x09: [0x0938, 0x092a, NONE, 0x7f00],
  0x0a: [0x0a39, 0x0a28, NONE, 0x8000],
  0x0b: [0x0b30, 0x0b29, NONE, 0x8100],
  0x0c: [0x0c2d, 0x0c5f, 0x0c1f, 0x8200],
  0x0d: [0x0d3d, 0x0d2b, NONE, 0x8300],
  0x0e: [0x0e08, 0x0e08, 0x0e7f, 0x0e00],
  0x0f: [0x0f09, 0x0f00, 0x9400, 0xa500],
  0x10: [0x1071, 0x1051, 0x1011, 0x1000],
  0x11: [0x1177, 0x1157, 0x1117, 0x1100],
  0x12: [0x1265, 0x1245, 0x1205, 0x1200],
  0x13: [0x1372, 0x1352, 0x1312, 0x1300],
  0x14: [0x1474, 0x1454, 0x1414, 0x1400],
  0x15: [0x1579, 0x1559, 0x1519, 0x1500],
  0x16: [0x1675, 0x1655, 0x1615, 0x1600],
  0x17: [0x1769, 0x1749, 0x1709, 0x1700],
  0x18: [0x186f, 0x184f, 0x180f, 0x1800],
  0x19: [0x1970, 0x1950, 0x1910, 0x1900],
  0x1a: [0x1a5b, 0x1a7b, 0x1a1b, 0x1a00],
  0x1b: [0x1b5d, 0x1b7d, 0x1b1d, 0x1b00],
  0x1c: [0x1c0d, 0x1c0d, 0x1c0a, 0x1c00],
  0x1e: [0x1e61, 0x1e41, 0x1e01, 0x1e00],
  0x1f: [0x1f73, 0x1f53, 0x1f13, 0x1f00],
  0x20: [0x2064, 0x2044, 0x2004, 0x2000],
  0x21: [0x2166, 0x2146, 0x2106, 0x2100],
  0x22: [0x2267, 0x2247, 0x2207, 0x2200],
  0x23: [0x2368, 0x2348, 0x2308, 0x2300],
  0x24: [0x246a, 0x244a, 0x240a, 0x2400],
  0x25: [0x256b, 0x254b, 0x250b, 0x2500],
  0x26: [0x266c, 0x264c, 0x260c, 0x2600],
  0x27: [0x273b, 0x273a, NONE, 0x2700],
  0x28: [0x2827, 0x2822, NONE, 0x2800],
  0x29: [0x2960, 0x297e, NONE, 0x2900],
  0x2b: [0x2b5c, 0x2b7c, 0x2b1c, 0x2b00],
  0x2c: [0x2c7a, 0x2c5a, 0x2c1a, 0x2c00],
  0x2d: [0x2d78, 0x2d58, 0x2d18, 0x2d00],
  0x2e: [0x2e63, 0x2e43, 0x2e03, 0x2e00],
  0x2f: [0x2f76, 0x2f56, 0x2f16, 0x2f00],
  0x30: [0x3062, 0x3042, 0x3002, 0x3000],
  0x31: [0x316e, 0x314e, 0x310e, 0x3100],
  0x32: [0x326d, 0x324d, 0x320d, 0x3200],
  0x33: [0x332c, 0x333c, NONE, 0x3300],
  0x34: [0x342e, 0x343e, NONE, 0x3400],
  0x35: [0x352f, 0x353f, NONE, 0x3500],
  0x37: [0x372a, 0x372a, 0x9600, 0x3700],
  0x39: [0x3920, 0x3920, 0x3920, 0x3920],
  0x3b: [0x3b00, 0x5400, 0x5e00, 0x6800],
  0x3c: [0x3c00, 0x5500, 0x5f00, 0x6900],
  0x3d: [0x3d00, 0x5600, 0x6000, 0x6a00],
  0x3e: [0x3e00, 0x5700, 0x6100, 0x6b00],
  0x3f: [0x3f00, 0x5800, 0x6200, 0x6c00],
  0x40: [0x4000, 0x5900, 0x6300, 0x6d00],
  0x41: [0x4100, 0x5a00, 0x6400, 0x6e00],
  0x42: [0x4200, 0x5b00, 0x6500, 0x6f00],
  0x43: [0x4300, 0x5c00, 0x6600, 0x7000],
  0x44: [0x4400, 0x5d00, 0x6700, 0x7100],
  0x4a: [0x4a2d, 0x4a2d, 0x8e00, 0x4a00],
  0x4e: [0x4e2b, 0x4e2b, 0x9000, 0x4e00],
  0x57: [0x8500, 0x8700, 0x8900, 0x8b00],
  0x58: [0x8600, 0x8800, 0x8a00, 0x8c00],
};

/** The keypad's cursor keys (47h-53h without E0): [digit char, cursor word, ctrl word]. */
const KEYPAD: Record<number, [number, number, number]> = {
  0x47: [0x37, 0x4700, 0x7700],
  0x48: [0x38, 0x4800, 0x8d00],
  0x49: [0x39, 0x4900, 0x8400],
  0x4b: [0x34, 0x4b00, 0x7300],
  0x4c: [0x35, 0x4c00, 0x8f00],
  0x4d: [0x36, 0x4d00, 0x7400],
  0x4f: [0x31, 0x4f00, 0x7500],
  0x50: [0x32, 0x5000, 0x9100],
  0x51: [0x33, 0x5100, 0x7600],
  0x52: [0x30, 0x5200, 0x9200],
  0x53: [0x2e, 0x5300, 0x9300],
};
/** Alt with the grey cursor keys (E0 47h-53h). */
const GREY_ALT: Record<number, number> = {
  0x47: 0x9700, 0x48: 0x9800, 0x49: 0x9900, 0x4b: 0x9b00, 0x4d: 0x9d00,
  0x4f: 0x9f00, 0x50: 0xa000, 0x51: 0xa100, 0x52: 0xa200, 0x53: 0xa300,
};
const CAPS_LETTERS = new Set([
  0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23,
  0x24, 0x25, 0x26, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32,
]);

/** Ctrl+Z, DOS's end-of-file mark, as a key word: what a blocking read gets after input ended. */
export const KEY_CTRL_Z = 0x2c1a;
/** A program that keeps reading after input ended this many times is stuck waiting: the run
 *  ends with reason 'input-exhausted' instead of spinning until a time limit. */
export const EOF_READ_LIMIT = 1000;

/** Keys read on demand from a host input that standard input shares (stdin as a redirected
 *  file): the next key, null when none has arrived yet, 'end' when the input is over. */
export interface KeyFeed {
  next(): HostKey | null | 'end';
}

export class KeyboardBios {
  /** When set, host keys are not pushed in ahead of time: one is fetched only when a program
   *  looks for a key and none is waiting, so the bytes it does not take as keys stay for
   *  standard input (a piped script read both by INT 16h and by handle 0 stays in order). */
  private feed: KeyFeed | null = null;
  /** Called when a program looks for a key and none is waiting (the screen stream shows what the
   *  program has put on the screen before it waits). */
  onNoKey: () => void = () => {};
  /** Host keys waiting to be typed, each as its scan code bytes (a queue: taken from pendingHead). */
  private pending: number[][] = [];
  private pendingHead = 0;
  private hostEnded = false;
  private eofReads = 0;
  /** Bytes of the Pause sequence (E1 1D 45 E1 9D C5) still to swallow. */
  private pauseBytes = 0;

  constructor(
    private readonly machine: Board,
    private readonly kbc: KeyboardController,
  ) {}

  private get mem(): Uint8Array {
    return this.machine.mem;
  }

  reset(): void {
    const mem = this.mem;
    bda.wr8(mem, BDA.KBD_FLAGS, 0);
    bda.wr8(mem, BDA.KBD_FLAGS2, 0);
    bda.wr8(mem, BDA.KBD_ALT_NUMPAD, 0);
    bda.wr16(mem, BDA.KBD_BUFFER_START, BDA.KBD_BUFFER);
    bda.wr16(mem, BDA.KBD_BUFFER_END, BDA_KBD_BUFFER_END);
    bda.wr16(mem, BDA.KBD_HEAD, BDA.KBD_BUFFER);
    bda.wr16(mem, BDA.KBD_TAIL, BDA.KBD_BUFFER);
    bda.wr8(mem, BDA.KBD_STATUS3, KBD3.ENHANCED);
    bda.wr8(mem, BDA.KBD_LEDS, 0);
  }

  // ------------------------------------------------------------------ host input
  /** Queues a key typed on the host. */
  type(key: HostKey): void {
    this.pending.push(scanCodesFor(key));
    this.pump();
  }

  /** Takes keys from `feed` on demand instead of from type(). */
  setFeed(feed: KeyFeed): void {
    this.feed = feed;
  }

  /** With a feed: a program looks for a key and nothing is in the buffer or on its way, so the
   *  feed's next key is typed (it arrives through the controller and IRQ1 like any key). */
  private demand(): void {
    const feed = this.feed;
    if (!feed || this.hostEnded || this.pendingKeys() > 0 || !this.kbc.idle() || !this.bufferEmpty()) return;
    const key = feed.next();
    if (key === 'end') this.endInput();
    else if (key) this.type(key);
  }

  /** Host input has ended (stdin closed). */
  endInput(): void {
    this.hostEnded = true;
    this.machine.notify();
  }

  /** Keys queued on the host side and not yet typed. */
  pendingKeys(): number {
    return this.pending.length - this.pendingHead;
  }

  /** True once host input ended and every key has been read from the buffer. */
  inputEnded(): boolean {
    this.demand();
    return this.hostEnded && this.pendingKeys() === 0 && this.kbc.idle() && this.bufferEmpty();
  }

  /** Feeds the controller: its next byte once the last was taken, and the next host key once
   *  the previous key's bytes are all through and the BIOS buffer has a free slot. */
  pump(): void {
    this.kbc.pump();
    if (this.pendingKeys() === 0 || !this.kbc.idle()) return;
    if (this.bufferFull()) return;
    const key = this.pending[this.pendingHead++];
    if (this.pendingHead >= 1024 && this.pendingHead * 2 >= this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
    this.kbc.pushScanCodes(key);
  }

  // ------------------------------------------------------------------ the buffer at 40:1Eh
  private next(off: number): number {
    off += 2;
    return off >= bda.rd16(this.mem, BDA.KBD_BUFFER_END) ? bda.rd16(this.mem, BDA.KBD_BUFFER_START) : off;
  }
  bufferEmpty(): boolean {
    return bda.rd16(this.mem, BDA.KBD_HEAD) === bda.rd16(this.mem, BDA.KBD_TAIL);
  }
  bufferFull(): boolean {
    return this.next(bda.rd16(this.mem, BDA.KBD_TAIL)) === bda.rd16(this.mem, BDA.KBD_HEAD);
  }
  /** Stores a key word; false when the buffer is full. */
  bufferPut(word: number): boolean {
    const tail = bda.rd16(this.mem, BDA.KBD_TAIL);
    const next = this.next(tail);
    if (next === bda.rd16(this.mem, BDA.KBD_HEAD)) return false;
    bda.wr16(this.mem, tail, word);
    bda.wr16(this.mem, BDA.KBD_TAIL, next);
    return true;
  }
  private bufferPeek(): number {
    if (this.bufferEmpty()) return -1;
    return bda.rd16(this.mem, bda.rd16(this.mem, BDA.KBD_HEAD));
  }
  private bufferTake(): number {
    const word = this.bufferPeek();
    if (word < 0) return -1;
    bda.wr16(this.mem, BDA.KBD_HEAD, this.next(bda.rd16(this.mem, BDA.KBD_HEAD)));
    this.pump(); // a slot freed: the next host key may come in
    return word;
  }

  /** The next key as INT 16h/01h reports it, or -1 (the console's peekKey). */
  peekKey(): number {
    this.demand();
    const word = this.compatibleKey(false);
    if (word < 0) this.onNoKey();
    return word;
  }
  /** Removes and returns the next key as INT 16h/00h returns it, or -1 (the console's
   *  readKey). Reads past the end of input count towards EOF_READ_LIMIT. */
  readKey(): number {
    this.demand();
    const word = this.compatibleKey(true);
    if (word < 0) {
      this.onNoKey();
      if (this.inputEnded()) this.countEofRead();
    }
    return word;
  }

  private countEofRead(): void {
    if (++this.eofReads >= EOF_READ_LIMIT) {
      this.machine.terminate({
        reason: 'input-exhausted',
        exitCode: -1,
        message: `the program kept reading the keyboard after input ended (${EOF_READ_LIMIT} reads)`,
      });
    }
  }

  /** INT 16h/00h-01h view of the buffer: keys only the enhanced functions report are dropped,
   *  and the E0h marker of grey keys becomes 00h (keypad Enter and / keep their main-key codes). */
  private compatibleKey(take: boolean): number {
    for (;;) {
      const word = this.bufferPeek();
      if (word < 0) return -1;
      const scan = word >>> 8;
      const ascii = word & 0xff;
      if (scan > 0x84 || (ascii === 0xf0 && scan !== 0)) {
        this.bufferTake();
        continue;
      }
      if (take) this.bufferTake();
      if (scan === 0xe0) return ascii === 0x2f ? 0x352f : (SC.ENTER << 8) | ascii;
      if (ascii === 0xe0 && scan !== 0) return word & 0xff00;
      return word;
    }
  }

  // ------------------------------------------------------------------ INT 09h
  /** BOP 09h, from the IRQ1 stub with the scan code from port 60h in AL. */
  irq(cpu: Cpu): void {
    this.scanCode(cpu, cpu.al);
  }

  private scanCode(cpu: Cpu, code: number): void {
    const mem = this.mem;
    if (this.pauseBytes > 0) {
      this.pauseBytes--;
      return;
    }
    if (code === 0xe1) {
      // Pause (E1 1D 45 E1 9D C5): the IBM BIOS would hold the machine until the next key;
      // vdm86 swallows the sequence.
      this.pauseBytes = 5;
      return;
    }
    let s3 = bda.rd8(mem, BDA.KBD_STATUS3);
    if (code === E0) {
      bda.wr8(mem, BDA.KBD_STATUS3, s3 | KBD3.E0_PREFIX);
      return;
    }
    const e0 = (s3 & KBD3.E0_PREFIX) !== 0;
    s3 &= ~KBD3.E0_PREFIX;
    bda.wr8(mem, BDA.KBD_STATUS3, s3);
    if (code === KBD_ACK) {
      bda.wr8(mem, BDA.KBD_LEDS, bda.rd8(mem, BDA.KBD_LEDS) | 0x10);
      return;
    }
    if (code === 0x00 || code === 0xff || code === 0xfe || code === 0xee) return; // overrun, resend, echo
    const released = (code & BREAK) !== 0;
    const make = code & ~BREAK;
    let f = bda.rd8(mem, BDA.KBD_FLAGS);
    let f2 = bda.rd8(mem, BDA.KBD_FLAGS2);
    const store = () => {
      bda.wr8(mem, BDA.KBD_FLAGS, f);
      bda.wr8(mem, BDA.KBD_FLAGS2, f2);
      bda.wr8(mem, BDA.KBD_STATUS3, s3);
    };

    switch (make) {
      case SC.LSHIFT:
      case SC.RSHIFT: {
        if (e0) return; // the fake shifts around grey keys
        const bit = make === SC.LSHIFT ? SHIFT.LSHIFT : SHIFT.RSHIFT;
        f = released ? f & ~bit : f | bit;
        store();
        return;
      }
      case SC.CTRL:
      case SC.ALT: {
        // Left in 40:18h, right (E0-prefixed) in 40:96h; 40:17h says whether either is down.
        const [left, right, either] = make === SC.CTRL ? [SHIFT2.LCTRL, KBD3.RCTRL, SHIFT.CTRL] : [SHIFT2.LALT, KBD3.RALT, SHIFT.ALT];
        if (e0) s3 = released ? s3 & ~right : s3 | right;
        else f2 = released ? f2 & ~left : f2 | left;
        const down = (f2 & left) !== 0 || (s3 & right) !== 0;
        f = down ? f | either : f & ~either;
        store();
        if (make === SC.ALT && released && !down) {
          // Releasing Alt ends Alt+keypad entry: the typed code goes in with scan code 0.
          const code8 = bda.rd8(mem, BDA.KBD_ALT_NUMPAD);
          bda.wr8(mem, BDA.KBD_ALT_NUMPAD, 0);
          if (code8 !== 0) this.bufferPut(code8);
        }
        return;
      }
      case SC.CAPS:
      case SC.NUMLOCK:
      case SC.SCROLL: {
        const ctrl = (f & SHIFT.CTRL) !== 0;
        if (make === SC.SCROLL && (ctrl || e0)) {
          if (!released) this.ctrlBreak(cpu);
          return;
        }
        const held = make === SC.CAPS ? SHIFT2.CAPS_LOCK : make === SC.NUMLOCK ? SHIFT2.NUM_LOCK : SHIFT2.SCROLL_LOCK;
        const toggle = make === SC.CAPS ? SHIFT.CAPS_LOCK : make === SC.NUMLOCK ? SHIFT.NUM_LOCK : SHIFT.SCROLL_LOCK;
        if (released) f2 &= ~held;
        else if (!(f2 & held)) {
          f2 |= held;
          f ^= toggle;
        }
        store();
        return;
      }
    }

    if (released) {
      if (make === SC.KP0) {
        f2 &= ~SHIFT2.INSERT;
        store();
      }
      return;
    }

    const shift = (f & (SHIFT.LSHIFT | SHIFT.RSHIFT)) !== 0;
    const ctrl = (f & SHIFT.CTRL) !== 0;
    const alt = (f & SHIFT.ALT) !== 0;

    if (make === SC.KP_STAR && e0) {
      cpu.interrupt(0x05); // Print Screen
      return;
    }

    let word = NONE;
    const pad = KEYPAD[make];
    if (pad) {
      if (!e0 && alt && !ctrl) {
        // Alt+keypad digit: accumulate the decimal code (the BIOS keeps it modulo 256).
        const digit = pad[0] - 0x30; // the key's digit character ('.' is not one)
        if (digit >= 0 && digit <= 9) bda.wr8(mem, BDA.KBD_ALT_NUMPAD, (bda.rd8(mem, BDA.KBD_ALT_NUMPAD) * 10 + digit) & 0xff);
        return;
      }
      const numeric = !e0 && ((f & SHIFT.NUM_LOCK) !== 0) !== shift;
      if (make === SC.KP0 && !numeric) {
        if (f2 & SHIFT2.INSERT) return; // typematic repeat of Insert does not toggle again
        f2 |= SHIFT2.INSERT;
        f ^= SHIFT.INSERT;
        store();
      }
      if (e0) word = alt ? GREY_ALT[make] ?? NONE : ctrl ? (pad[2] & 0xff00) | E0 : (pad[1] & 0xff00) | E0;
      else if (ctrl) word = pad[2];
      else if (numeric) word = (make << 8) | pad[0];
      else word = make === SC.KP5 ? NONE : pad[1];
    } else if (e0 && make === SC.ENTER) {
      word = alt ? 0xa600 : ctrl ? 0xe00a : 0xe00d;
    } else if (e0 && make === SC.SLASH) {
      word = alt ? 0xa400 : ctrl ? 0x9500 : 0xe02f;
    } else {
      const row = KEYS[make];
      if (!row) return;
      let shifted = shift;
      if (CAPS_LETTERS.has(make) && f & SHIFT.CAPS_LOCK) shifted = !shifted;
      word = alt ? row[3] : ctrl ? row[2] : shifted ? row[1] : row[0];
    }
    // With the buffer full the key is dropped, as the BIOS drops it (host keys never get
    // here then: pump() holds them back until there is room).
    if (word !== NONE) this.bufferPut(word);
  }

  /** Ctrl+Break: the buffer is flushed and a 0000h key stored, 40:71h bit 7 set, and INT 1Bh
   *  called (from inside INT 09h, as the IBM BIOS does). */
  private ctrlBreak(cpu: Cpu): void {
    const mem = this.mem;
    bda.wr16(mem, BDA.KBD_HEAD, bda.rd16(mem, BDA.KBD_TAIL));
    this.bufferPut(0x0000);
    bda.wr8(mem, BDA.BREAK_FLAG, bda.rd8(mem, BDA.BREAK_FLAG) | 0x80);
    cpu.interrupt(0x1b);
  }

  // ------------------------------------------------------------------ INT 16h
  handle(cpu: Cpu): void {
    if (cpu.ah <= 0x01 || cpu.ah === 0x10 || cpu.ah === 0x11) this.demand();
    switch (cpu.ah) {
      case 0x00:
      case 0x10: {
        const word = cpu.ah === 0x00 ? this.compatibleKey(true) : this.bufferTake();
        if (word >= 0) {
          cpu.ax = word;
          return;
        }
        this.onNoKey();
        if (this.inputEnded()) {
          // Input is over and nothing will ever arrive: answer Ctrl-Z, DOS's end-of-file
          // character, so "press any key" prompts continue; a program that keeps asking is
          // ended once it has read past the end EOF_READ_LIMIT times.
          cpu.ax = KEY_CTRL_Z;
          this.countEofRead();
          return;
        }
        this.machine.waitForInput();
        return;
      }
      case 0x01:
      case 0x11: {
        const word = cpu.ah === 0x01 ? this.compatibleKey(false) : this.bufferPeek();
        if (word >= 0) cpu.ax = word;
        else this.onNoKey();
        setReturnZero(cpu, word < 0);
        return;
      }
      case 0x02:
        cpu.al = bda.rd8(this.mem, BDA.KBD_FLAGS);
        return;
      case 0x12: {
        const f2 = bda.rd8(this.mem, BDA.KBD_FLAGS2);
        const s3 = bda.rd8(this.mem, BDA.KBD_STATUS3);
        cpu.al = bda.rd8(this.mem, BDA.KBD_FLAGS);
        cpu.ah =
          (f2 & (SHIFT2.LCTRL | SHIFT2.LALT)) |
          (s3 & KBD3.RCTRL) |
          (s3 & KBD3.RALT) |
          (f2 & (SHIFT2.SCROLL_LOCK | SHIFT2.NUM_LOCK | SHIFT2.CAPS_LOCK)) |
          (f2 & SHIFT2.SYSREQ ? 0x80 : 0);
        return;
      }
      case 0x05:
        cpu.al = this.bufferPut(cpu.cx) ? 0 : 1;
        return;
      default:
        // 03h (typematic rate) has nothing to set on a host keyboard; unknown functions return
        // with registers unchanged, as the IBM BIOS does.
        return;
    }
  }
}
