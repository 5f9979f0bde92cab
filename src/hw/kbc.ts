// The keyboard controller (8042) at ports 60h (data) and 64h (status/command), reduced to what
// DOS programs use: scan codes delivered one byte at a time with IRQ1, the status register, the
// command byte, and the keyboard commands programs send to set LEDs or reset the keyboard.
import type { IoPorts, PortHandler } from '../cpu/bus';

export const KBC_DATA = 0x60;
export const KBC_STATUS = 0x64;

/** Status register bits (port 64h read). */
export const KBC_STATUS_BITS = {
  OUTPUT_FULL: 0x01,
  INPUT_FULL: 0x02,
  SYSTEM: 0x04, // self-test passed
  COMMAND: 0x08, // last write went to port 64h
  NOT_INHIBITED: 0x10,
} as const;

/** Command byte bits (read with 20h, written with 60h). */
const CMD_BYTE_IRQ1 = 0x01;
const CMD_BYTE_SYSTEM = 0x04;
const CMD_BYTE_DISABLE_KBD = 0x10;
const CMD_BYTE_TRANSLATE = 0x40;

/** Controller commands (port 64h write). */
const CTL = {
  READ_COMMAND_BYTE: 0x20,
  WRITE_COMMAND_BYTE: 0x60,
  SELF_TEST: 0xaa,
  INTERFACE_TEST: 0xab,
  DISABLE_KBD: 0xad,
  ENABLE_KBD: 0xae,
  READ_OUTPUT_PORT: 0xd0,
  WRITE_OUTPUT_PORT: 0xd1,
  PULSE_RESET: 0xfe,
} as const;

/** Keyboard replies. */
export const KBD_ACK = 0xfa;
export const KBD_SELF_TEST_OK = 0xaa;
const KBD_ECHO = 0xee;
const KBD_RESEND = 0xfe;

/** Keyboard commands that take a data byte (LEDs, typematic rate, scan code set). */
const KBD_TAKES_DATA = new Set([0xed, 0xf3, 0xf0]);

export class KeyboardController implements PortHandler {
  /** The byte port 60h returns (it stays readable after the buffer empties, as on the 8042). */
  private data = 0;
  private full = false;
  /** Bytes waiting to enter the output buffer: controller and keyboard replies first, then scan codes. */
  private readonly replies: number[] = [];
  private readonly scanCodes: number[] = [];
  private commandByte = CMD_BYTE_IRQ1 | CMD_BYTE_SYSTEM | CMD_BYTE_TRANSLATE;
  private lastWasCommand = false;
  /** A controller command (60h, D1h) waiting for its data byte on port 60h. */
  private pendingCommand = 0;
  /** A keyboard command (EDh, F3h) waiting for its data byte. */
  private pendingKbdCommand = 0;
  outputPort = 0xdf; // A20 on, reset line inactive

  /** Raises IRQ1 (wired to the PIC). */
  onIrq: () => void = () => {};
  /** The program pulsed the reset line (command FEh): the machine reboots. */
  onReset: () => void = () => {};
  /** Whether IRQ1 is in service at the PIC: the next byte is loaded only when it is not, so a
   *  handler that reads port 60h twice (and chains to the BIOS) sees the same byte. */
  irqInService: () => boolean = () => false;

  attach(io: IoPorts): void {
    io.hook(KBC_DATA, KBC_DATA, this);
    io.hook(KBC_STATUS, KBC_STATUS, this);
  }

  /** Queues scan code bytes from the keyboard. */
  pushScanCodes(bytes: readonly number[]): void {
    for (const b of bytes) this.scanCodes.push(b & 0xff);
    this.pump();
  }

  /** True when nothing is waiting and the last byte was read. */
  idle(): boolean {
    return !this.full && this.replies.length === 0 && this.scanCodes.length === 0;
  }

  /** Moves the next byte into the output buffer once the previous one was read and IRQ1 is no
   *  longer in service (called between slices and when the BIOS takes a key). */
  pump(): void {
    if (this.full || this.irqInService()) return;
    let next: number | undefined = this.replies.shift();
    if (next === undefined && !(this.commandByte & CMD_BYTE_DISABLE_KBD)) next = this.scanCodes.shift();
    if (next === undefined) return;
    this.data = next;
    this.full = true;
    if (this.commandByte & CMD_BYTE_IRQ1) this.onIrq();
  }

  private reply(...bytes: number[]): void {
    this.replies.push(...bytes);
    this.pump();
  }

  in8(port: number): number {
    if (port === KBC_STATUS) {
      return (
        (this.full ? KBC_STATUS_BITS.OUTPUT_FULL : 0) |
        KBC_STATUS_BITS.SYSTEM |
        (this.lastWasCommand ? KBC_STATUS_BITS.COMMAND : 0) |
        KBC_STATUS_BITS.NOT_INHIBITED
      );
    }
    this.full = false;
    return this.data;
  }

  out8(port: number, value: number): void {
    if (port === KBC_STATUS) {
      this.lastWasCommand = true;
      this.controllerCommand(value);
      return;
    }
    this.lastWasCommand = false;
    if (this.pendingCommand) {
      const cmd = this.pendingCommand;
      this.pendingCommand = 0;
      if (cmd === CTL.WRITE_COMMAND_BYTE) this.commandByte = value;
      else if (cmd === CTL.WRITE_OUTPUT_PORT) {
        this.outputPort = value;
        if (!(value & 1)) this.onReset();
      }
      return;
    }
    this.keyboardCommand(value);
  }

  private controllerCommand(cmd: number): void {
    switch (cmd) {
      case CTL.READ_COMMAND_BYTE:
        this.reply(this.commandByte);
        break;
      case CTL.WRITE_COMMAND_BYTE:
      case CTL.WRITE_OUTPUT_PORT:
        this.pendingCommand = cmd;
        break;
      case CTL.SELF_TEST:
        this.reply(0x55);
        break;
      case CTL.INTERFACE_TEST:
        this.reply(0x00);
        break;
      case CTL.DISABLE_KBD:
        this.commandByte |= CMD_BYTE_DISABLE_KBD;
        break;
      case CTL.ENABLE_KBD:
        this.commandByte &= ~CMD_BYTE_DISABLE_KBD;
        this.pump();
        break;
      case CTL.READ_OUTPUT_PORT:
        this.reply(this.outputPort);
        break;
      case CTL.PULSE_RESET:
        this.onReset();
        break;
      default:
        // Other 8042 commands (password, mouse port, test inputs) have no device behind them.
        break;
    }
  }

  private keyboardCommand(value: number): void {
    if (this.pendingKbdCommand) {
      this.pendingKbdCommand = 0;
      this.reply(KBD_ACK); // LED state, typematic rate, scan set: accepted and ignored
      return;
    }
    if (KBD_TAKES_DATA.has(value)) {
      this.pendingKbdCommand = value;
      this.reply(KBD_ACK);
      return;
    }
    switch (value) {
      case 0xff: // reset: ACK, then the self-test result
        this.scanCodes.length = 0;
        this.reply(KBD_ACK, KBD_SELF_TEST_OK);
        break;
      case 0xf2: // identify: an MF2 keyboard, translated
        this.reply(KBD_ACK, 0xab, 0x41);
        break;
      case KBD_ECHO:
        this.reply(KBD_ECHO);
        break;
      case 0xf4: // enable scanning
      case 0xf5: // disable scanning (keys still arrive: there is no physical keyboard to stop)
      case 0xf6: // defaults
        this.reply(KBD_ACK);
        break;
      default:
        this.reply(KBD_RESEND);
    }
  }
}
