// One vdm86 machine: the CPU, its port table, the BOP table and the ROM, run in slices of
// instructions with timer, input and screen work done between slices. The BIOS, DOS and VDD
// layers attach themselves to a Machine (installBios / Dos / VddBridge); this file knows none of
// their details.
import { Cpu } from './cpu/cpu';
import { IoPorts } from './cpu/bus';
import { BOP_INTERNAL, BopTable, rewindToBop } from './cpu/bop';
import { warmUpFeedback, type WarmUpHooks } from './cpu/feedback-warmup';
import { loadRom } from './bios/rom';
import { installShell } from './shell/host';
import { systemClock, systemScheduler, type HostClock, type HostScheduler } from './host/clock';
import { faultAt, type Board, type ConsoleIO, type MachineEnd, type TimedDevice } from './hw/board';
import { Dma8237 } from './hw/dma';
import { Pic } from './hw/pic';

export type { Board, ConsoleIO, EndReason, MachineEnd, TimedDevice } from './hw/board';

/** A console with no screen: output collects in `output`, keys come from `keys`. Used until the
 *  BIOS installs its own, and by tests of the DOS layer alone. */
export class BufferConsole implements ConsoleIO {
  output: number[] = [];
  keys: number[] = [];
  ended = false;
  writeChar(ch: number): void {
    this.output.push(ch & 0xff);
  }
  readKey(): number {
    return this.keys.length ? (this.keys.shift() as number) : -1;
  }
  peekKey(): number {
    return this.keys.length ? this.keys[0] : -1;
  }
  inputEnded(): boolean {
    return this.ended && this.keys.length === 0;
  }
  /** Queues text as keys (ASCII in the low byte; the scan code is left 0). */
  type(text: string): void {
    for (let i = 0; i < text.length; i++) this.keys.push(text.charCodeAt(i) & 0xff);
  }
  text(): string {
    return String.fromCharCode(...this.output);
  }
}

export interface MachineOptions {
  /** Conventional memory in KiB (INT 12h, the end of the DOS arena). Default 640. */
  memoryKB?: number;
  /** Host clock in ms. Default the system's monotonic clock (src/host/clock.ts). */
  now?: () => number;
  /** The wall clock the BIOS and DOS read the date and time from (an EmulatedClock for
   *  reproducible runs); its `now` is the default of `now`. Default the host's (systemClock). */
  clock?: HostClock;
  /** How the run loop sleeps and yields to the host. Default Node's timers (src/host/clock.ts). */
  scheduler?: HostScheduler;
}

export interface RunLimits {
  maxInstructions?: number;
  timeoutMs?: number;
  /** Instructions per slice; between slices timers, input and screen are serviced. */
  sliceInstructions?: number;
}

export class Machine implements Board {
  readonly io = new IoPorts();
  readonly bops = new BopTable();
  readonly cpu: Cpu;
  readonly mem: Uint8Array;
  /** The PC/XT's 8237 DMA controller: no device of vdm86's own uses it; VDDs transfer through it. */
  readonly dma = new Dma8237();
  readonly memoryKB: number;
  readonly now: () => number;
  readonly wallClock: () => Date;
  readonly scheduler: HostScheduler;
  console: ConsoleIO = new BufferConsole();
  end: MachineEnd | null = null;
  /** Faults raised after the run had already ended (see terminate()). */
  readonly lateFaults: string[] = [];

  private readonly timed: TimedDevice[] = [];
  private readonly sliceHooks: ((now: number) => void)[] = [];
  private waiting = false;
  private wake: (() => void) | null = null;
  /** A notify() that came while the machine was not asleep: the next sleep is skipped, so an
   *  IRQ raised between slices (timer, keyboard) is taken at once rather than a tick later. */
  private wakePending = false;

  constructor(options: MachineOptions = {}) {
    this.memoryKB = Math.max(64, Math.min(640, options.memoryKB ?? 640));
    const clock = options.clock ?? systemClock;
    this.now = options.now ?? clock.now;
    this.wallClock = clock.wallClock;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.cpu = new Cpu(this.io);
    this.mem = this.cpu.mem;
    this.cpu.bopEnabled = true;
    this.cpu.bopHandler = this;
    this.bops.set(BOP_INTERNAL.WARM_UP, () => {});
    this.dma.attach(this.io);
    loadRom(this.mem);
    // vdm86's COMMAND.COM calls into src/shell through its own BOP (roms/shell/command.asm).
    installShell(this);
  }

  /** What the CPU loop's warm-up borrows (cpu/feedback-warmup.ts): a spare PIC of the machine's
   *  own kind, and the BOP kept for it. */
  private readonly warmUpHooks: WarmUpHooks = {
    interrupt: () => new Pic(this.cpu).raise(0),
    bop: BOP_INTERNAL.WARM_UP,
  };

  /** The CPU's BopHandler: a BOP the machine's table dispatches. */
  bop(n: number): void {
    // docs/DESIGN.md: a BOP with no handler raises INT 6.
    if (!this.bops.dispatch(n)) this.cpu.interrupt(6);
  }

  /** Ends the run (first verdict wins) and stops the CPU after the current instruction. */
  terminate(end: MachineEnd): void {
    if (!this.end) this.end = end;
    // A fault once the run has its verdict (a VDD's onDetach throwing at dispose) is kept to report.
    else if (end.reason === 'fault' && end !== this.end) this.lateFaults.push(end.message ?? 'fault');
    // Every nested run() (a VDD's simulate16 inside a BOP) must end too, not just the innermost.
    this.cpu.stopAll();
    this.notify();
  }

  /** Called by a BOP handler that cannot finish until input arrives (INT 16h/00h with an empty
   *  buffer, DOS console input): IP is rewound onto the BOP, so it runs again once woken, and the
   *  run loop sleeps until input or the next timer event instead of spinning. */
  waitForInput(): void {
    this.cpu.ip = rewindToBop(this.cpu.ip);
    this.sleepUntilInput();
  }

  /** The run loop sleeps until input or the next timer event (IP is the caller's business). */
  sleepUntilInput(): void {
    this.waiting = true;
    this.cpu.stop();
  }

  /** Wakes a machine that sleeps in waitForInput or HLT (host input arrived, or a device raised an IRQ). */
  notify(): void {
    const w = this.wake;
    this.wake = null;
    if (w) w();
    else this.wakePending = true;
  }

  addTimedDevice(d: TimedDevice): void {
    this.timed.push(d);
  }

  /** Runs between slices (screen refresh, input pumping). */
  addSliceHook(fn: (now: number) => void): void {
    this.sliceHooks.push(fn);
  }

  private serviceDevices(now: number): number {
    let next = Infinity;
    for (const d of this.timed) {
      if (d.nextEvent() <= now) d.service(now);
      const t = d.nextEvent();
      if (t < next) next = t;
    }
    for (const h of this.sliceHooks) h(now);
    return next;
  }

  /** Runs until the guest ends or a limit is reached. Never throws because of the guest: a host
   *  exception inside a handler becomes a 'fault' end with its message. */
  async run(limits: RunLimits = {}): Promise<MachineEnd> {
    const slice = limits.sliceInstructions ?? 20000;
    const maxInstr = limits.maxInstructions ?? Infinity;
    const start = this.now();
    const deadline = limits.timeoutMs !== undefined ? start + limits.timeoutMs : Infinity;
    let executed = 0;
    let lastYield = start;
    while (!this.end) {
      // The first slice ends where the warm-up is due (see WARM_UP_AFTER).
      const budget = Math.min(slice, executed < WARM_UP_AFTER ? WARM_UP_AFTER - executed : slice, maxInstr - executed);
      if (budget <= 0) {
        this.terminate({ reason: 'instruction-limit', exitCode: -1, message: `instruction limit of ${maxInstr} reached` });
        break;
      }
      try {
        executed += this.cpu.run(budget);
        if (executed >= WARM_UP_AFTER) warmUpFeedback(this.cpu, this.warmUpHooks);
      } catch (err) {
        this.terminate(faultAt(this.cpu, errorMessage(err)));
        break;
      }
      let now = this.now();
      let next: number;
      try {
        next = this.serviceDevices(now);
      } catch (err) {
        this.terminate(faultAt(this.cpu, errorMessage(err)));
        break;
      }
      if (this.end) break;
      if (now >= deadline) {
        this.terminate({ reason: 'timeout', exitCode: -1, message: `time limit of ${limits.timeoutMs} ms reached` });
        break;
      }
      if (this.waiting || this.cpu.halted) {
        // Sleep until input arrives or the next timer event is due.
        const until = Math.min(next, deadline);
        if (this.wakePending) this.wakePending = false;
        else {
          const nap = this.scheduler.sleep(until === Infinity ? Infinity : until - this.now());
          this.wake = nap.wake;
          await nap.done;
          this.wake = null;
        }
        this.waiting = false;
        lastYield = this.now();
      } else if (now - lastYield >= 10) {
        // Let host I/O (stdin, terminal resize, timers) run.
        await this.scheduler.yieldToHost();
        lastYield = this.now();
      }
    }
    return this.end as MachineEnd;
  }
}

/** Instructions a run executes before the CPU's run loop is warmed up (cpu/feedback-warmup.ts),
 *  as its own first slice: a program that ends sooner never pays for the warm-up, and one that
 *  goes on is warmed before V8 first decides to optimise the loop, whose compile job reads the
 *  feedback as it stands then: warmed any later, the loop was compiled twice (measured on a CL
 *  5.10 run: 0.89x the CPU time with 2,000 against 20,000). A program whose first instructions
 *  are one tight loop has V8 decide early: with 2,000, `fileio` (a buffer filled in a loop) had
 *  the loop marked in its first slice, compiled from the warm-up's first call with the table
 *  not yet run, thrown away and compiled again in every run. With 1,000 it is not (cold runs,
 *  paired: `fileio` 0.92, `execloop` 0.89, `dhry`, `sieve`, `cpuwork`, `typeout` and CL 5.10
 *  1.00-1.01). The vdm86 command turns V8's on-stack replacement off at the same point
 *  (bin/cli.ts). */
export const WARM_UP_AFTER = 1000;

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
