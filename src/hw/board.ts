// The board as the layers on it see it (hw, BIOS, DOS, VDD): the CPU, the buses, the BOP table,
// the host clock and the run's lifecycle services. src/machine.ts implements it; the layers take
// a Board rather than the Machine class so their imports point only down the layer list
// (docs/DESIGN.md), and so a test can hand them something smaller.
import type { Cpu } from '../cpu/cpu';
import type { IoPorts } from '../cpu/bus';
import type { BopTable } from '../cpu/bop';
import type { Dma8237 } from './dma';

/** How a run ended. `exit` is the guest's own exit; the others are vdm86's verdicts. */
export type EndReason =
  | 'exit' // the program terminated (exitCode is its DOS return code)
  | 'fault' // the guest did something the machine cannot continue from (message says what)
  | 'instruction-limit'
  | 'timeout'
  | 'input-exhausted' // waited for input after the input stream ended and stayed stuck
  | 'stopped'; // the host asked the machine to stop

export interface MachineEnd {
  reason: EndReason;
  exitCode: number;
  message?: string;
}

/** A 16-bit value as vdm86's messages print it: four upper-case hex digits. */
export function hex4(v: number): string {
  return (v & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** The 'fault' verdict for `message`, with the CS:IP it happened at. */
export function faultAt(cpu: Pick<Cpu, 'cs' | 'ip'>, message: string): MachineEnd {
  return { reason: 'fault', exitCode: -1, message: `${message} (at ${hex4(cpu.cs)}:${hex4(cpu.ip)})` };
}

/** The console as the DOS kernel sees it (the BIOS provides the real one; src/machine.ts has a screenless BufferConsole). */
export interface ConsoleIO {
  /** One character through the BIOS teletype (INT 29h semantics): onto the screen and the output stream. */
  writeChar(ch: number): void;
  /** Removes and returns the next key as INT 16h/00h returns it (scan << 8 | ascii), or -1 if none. */
  readKey(): number;
  /** The next key without removing it, or -1. */
  peekKey(): number;
  /** True once host input has ended and every key was read: DOS then reports Ctrl-Z / end of file. */
  inputEnded(): boolean;
}

/** Something that needs the machine's attention at a host time (ms), e.g. the PIT's next tick. */
export interface TimedDevice {
  /** The host time (ms, same clock as Machine.now) of the next event, or Infinity. */
  nextEvent(): number;
  /** Called between slices once now >= nextEvent(). */
  service(now: number): void;
}

/** What a Machine offers the layers installed on it. */
export interface Board {
  readonly io: IoPorts;
  readonly bops: BopTable;
  readonly cpu: Cpu;
  readonly mem: Uint8Array;
  /** The 8237 DMA controller (ports 00h-0Fh, page registers 81h-87h), when the board has one. */
  readonly dma?: Dma8237;
  /** Conventional memory in KiB (INT 12h, the end of the DOS arena). */
  readonly memoryKB: number;
  /** Host clock in ms. */
  readonly now: () => number;
  /** Local date and time as the guest's BIOS and DOS see it (absent: the host's). */
  readonly wallClock?: () => Date;
  /** The console the DOS kernel writes to and reads from (the BIOS installs its own). */
  console: ConsoleIO;
  /** How the run ended, once it has. */
  readonly end: MachineEnd | null;
  /** Ends the run (first verdict wins) and stops the CPU after the current instruction. */
  terminate(end: MachineEnd): void;
  /** From a BOP handler that must wait for input: rewinds IP onto the BOP and sleeps the run loop. */
  waitForInput(): void;
  /** Sleeps the run loop until input or the next timer event, leaving IP alone (the DOS
   *  dispatcher has already put it back on the BOP of a call that runs again). */
  sleepUntilInput(): void;
  /** Wakes a machine asleep in waitForInput or HLT. */
  notify(): void;
  addTimedDevice(d: TimedDevice): void;
  /** Runs between slices (screen refresh, input pumping). */
  addSliceHook(fn: (now: number) => void): void;
}
