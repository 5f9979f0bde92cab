// Puts a PC BIOS and its chips into a Board: the 8259 PIC, 8253 PIT, keyboard controller,
// port 61h and CRT controller on the I/O bus, the BIOS data area filled in, a BOP handler for
// every BIOS vector of the ROM (roms/rom.asm), and the BIOS console as machine.console.
import type { Board } from '../hw/board';
import { BOP_INTERNAL } from '../cpu/bop';
import { Pic } from '../hw/pic';
import { Pit } from '../hw/pit';
import { KeyboardController } from '../hw/kbc';
import { SystemPort } from '../hw/system-port';
import { Crtc } from '../hw/crtc';
import type { HostKey } from '../host/keys';
import type { TextFrame } from '../host/text-frame';
import { BDA, BDA_SIZE, bda } from './bda';
import { VideoBios } from './video';
import { KeyboardBios } from './keyboard';
import { TimerBios } from './timer';
import { SystemBios } from './system';
import { BiosConsole } from './console';

export interface BiosOptions {
  /** Local date and time for the tick count at start and the real-time clock. Default: the machine's. */
  wallClock?: () => Date;
  /** Initial video mode (3: 80x25 colour, 7: monochrome, 0-2: the other text modes). Default 3. */
  videoMode?: number;
}

export class Bios {
  readonly pic: Pic;
  readonly pit: Pit;
  readonly kbc: KeyboardController;
  readonly systemPort: SystemPort;
  readonly crtc: Crtc;
  readonly video: VideoBios;
  readonly keyboard: KeyboardBios;
  readonly timer: TimerBios;
  readonly system: SystemBios;
  readonly console: BiosConsole;

  constructor(
    readonly machine: Board,
    options: BiosOptions = {},
  ) {
    const { io, cpu, mem } = machine;
    const now = machine.now;

    this.pic = new Pic(cpu);
    this.pit = new Pit(now);
    this.kbc = new KeyboardController();
    this.systemPort = new SystemPort(this.pit, now);
    this.crtc = new Crtc(now);
    this.video = new VideoBios(mem, this.crtc);
    this.keyboard = new KeyboardBios(machine, this.kbc);
    this.timer = new TimerBios(mem, options.wallClock ?? machine.wallClock ?? (() => new Date()));
    this.system = new SystemBios(machine);
    this.console = new BiosConsole(this.video, this.keyboard);

    for (const chip of [this.pic, this.pit, this.kbc, this.systemPort, this.crtc]) chip.attach(io);

    // Wiring: IRQ0 from the PIT, IRQ1 from the keyboard controller; a raised INTR wakes a machine
    // that sleeps in HLT or in a wait for input. The controller's next byte comes in between
    // slices, never straight after an EOI: a hook that chains to the BIOS and then reads port
    // 60h again must still see its own byte, as the real 8042 (a millisecond per byte) allows.
    this.pic.onRaise = () => machine.notify();
    this.pit.onIrq0 = () => this.pic.raise(0);
    this.kbc.onIrq = () => this.pic.raise(1);
    this.kbc.irqInService = () => (this.pic.isr & 0x02) !== 0;
    this.kbc.onReset = () => this.system.reboot('keyboard controller reset');
    machine.addTimedDevice(this.pit);
    machine.addTimedDevice(this.system);
    machine.addSliceHook(() => this.keyboard.pump());

    this.initDataArea(options.videoMode ?? 3);
    this.installHandlers();
    machine.console = this.console;
  }

  private initDataArea(videoMode: number): void {
    const mem = this.machine.mem;
    for (let off = 0; off < BDA_SIZE; off++) bda.wr8(mem, off, 0);
    // No serial or parallel ports, no diskettes, no coprocessor; bits 4-5 (video) are set by
    // the mode set below.
    bda.wr16(mem, BDA.EQUIPMENT, 0);
    bda.wr16(mem, BDA.MEMORY_KB, this.machine.memoryKB);
    // VGA: EGA switch setting 9 (colour, 80x25), features, and "400-line, VGA active" flags.
    bda.wr8(mem, BDA.VIDEO_EGA_MISC, 0x60);
    bda.wr8(mem, BDA.VIDEO_EGA_SWITCHES, 0x09);
    bda.wr8(mem, BDA.VIDEO_VGA_FLAGS, 0x11);
    this.keyboard.reset();
    this.timer.reset();
    if (!this.video.setMode(videoMode)) this.video.setMode(3);
  }

  private installHandlers(): void {
    const { bops, cpu } = this.machine;
    const on = (n: number, fn: () => void) => bops.set(n, fn);
    on(0x00, () => this.system.divideError(cpu)); // DOS replaces this with its own
    on(0x05, () => this.system.printScreen());
    on(0x06, () => this.system.invalidOpcode(cpu));
    on(0x08, () => this.timer.tick());
    on(0x09, () => this.keyboard.irq(cpu));
    on(0x10, () => this.video.handle(cpu));
    on(0x11, () => this.system.equipment(cpu));
    on(0x12, () => this.system.memorySize(cpu));
    on(0x13, () => this.system.disk(cpu));
    on(0x14, () => this.system.serial(cpu));
    on(0x15, () => this.system.int15(cpu));
    on(0x16, () => this.keyboard.handle(cpu));
    on(0x17, () => this.system.printer(cpu));
    on(0x18, () => this.system.romBasic());
    on(BOP_INTERNAL.ROM_BASIC_ENTRY, () => this.system.romBasicEntered());
    on(0x19, () => this.system.reboot('INT 19h'));
    on(0x1a, () => this.timer.handle(cpu));
    // INT 29h, DOS's fast console output, is the BIOS teletype (the CON driver's output path).
    on(0x29, () => this.console.writeChar(cpu.al));
  }

  /** Types a host key (it reaches the guest through port 60h and IRQ1). */
  type(key: HostKey): void {
    this.keyboard.type(key);
  }

  /** Marks the end of host input (stdin closed). */
  endInput(): void {
    this.keyboard.endInput();
  }

  /** The text screen as it is displayed now. */
  frame(): TextFrame {
    return this.video.frame();
  }
}

/** Installs the BIOS and its hardware into `machine` (call before the DOS kernel). */
export function installBios(machine: Board, options: BiosOptions = {}): Bios {
  return new Bios(machine, options);
}
