// The kernel's context, at the bottom of src/dos: what every concept file takes as `dos`. It holds
// the machine, the per-machine state of the kernel's parts (none of it lives in module globals)
// and the services a handler ends with: ok/fail and the returned flags, the extended error, the
// current PSP and DTA. The assembly (dos.ts) builds it and wires the parts; see docs/DESIGN.md
// "The DOS kernel".
import type { Board } from '../hw/board';
import { FLAG } from '../cpu/cpu';
import { rd16, wr16, rd8, wr8 } from '../cpu/guest-memory';
import { setFrameFlag } from '../bios/iret-frame';
import { HostHandleTable } from './host-handles';
import { Int21Table } from './int21';
import { SDA } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import { errorInfo } from './errors';
import { MemoryArena } from './arena';
import { ConsoleState } from './console-state';

export interface DriveMapping {
  letter: string;
  hostPath: string;
  /** Fixed free and total bytes reported (36h, DPBs) instead of the host disk's: reproducible runs. */
  space?: { free: number; total: number };
  /** The guest may read the folder but change nothing in it (every change: error 5). */
  readOnly?: boolean;
}

export interface DosOptions {
  drives: DriveMapping[]; // e.g. [{ letter: 'C', hostPath: '/home/me/proj' }]
  cwd?: string; // DOS path of the starting directory, e.g. 'C:\\SRC'
  env?: Record<string, string>; // the first program's environment (COMSPEC/PATH defaults)
  version?: { major: number; minor: number }; // INT 21h/30h answer, default 5.00
  diskQuota?: number; // bytes the run may add to the host's disk (src/dos/quota.ts); default none
}

/** A program could not be loaded (start(), or the CLI): `dosError` is the DOS error EXEC returns. */
export class DosLoadError extends Error {
  constructor(
    message: string,
    readonly dosError: number,
  ) {
    super(message);
    this.name = 'DosLoadError';
  }
}

export interface ProcessListener {
  onCreate?(psp: number): void;
  onTerminate?(psp: number): void;
}

/** The INT 21h call in progress. */
export interface CallState {
  /** SS:SP of the IRET frame (IP, CS, FLAGS) the caller's INT pushed. */
  frameSs: number;
  frameSp: number;
  /** The function number (AH at entry). */
  ah: number;
  /** True for a CP/M-style CALL 5 (handled as INT 21h; no Ctrl-C handler run). */
  cpm: boolean;
  /** Set when the call does not return to its caller (EXEC started a child, a process ended,
   *  a Ctrl-C handler was entered): the CPU state is already the new one. */
  transferred: boolean;
  /** Set when the call, waiting for a key, asked for INT 28h (requestIdle): runAgain issues it
   *  and the call runs again afterwards, InDOS still up. */
  idle?: boolean;
}

/** A stack position (SS:SP) of an INT 21h caller's IRET frame. */
export interface FrameRef {
  ss: number;
  sp: number;
}

/** The parts built above the context and reached through it. The context names none of them:
 *  each declares itself here from its own file (filesystem.ts adds `files: FileSystem`), so the
 *  context needs nothing from above. */
export interface KernelParts {}

/** The per-machine state of the kernel's parts, one record per machine. */
export class KernelState {
  /** interrupts.ts: a Ctrl-C handler was started from inside an INT 21h call (its IRET frame). */
  breakFrame: FrameRef | null = null;
  /** interrupts.ts: the frame of a call that waits for input (or ran INT 28h) and will run again:
   *  InDOS stays raised meanwhile, and the re-run (same frame) does not raise it twice. */
  waitingFrame: FrameRef | null = null;
  /** console.ts, devices.ts, console-functions.ts: what the console keeps between calls. */
  readonly console = new ConsoleState();
  /** time.ts: milliseconds added to the machine's clock (what INT 21h/2Bh and 2Dh set). */
  clockOffsetMs = 0;
  /** handle-functions.ts: the counter in INT 21h/5Ah's temporary names. */
  tempNameCounter = 0;
}

const SDA_BASE = DOSMEM.SDA;

export abstract class Kernel {
  readonly machine: Board;
  readonly mem: Uint8Array;
  readonly options: DosOptions;
  readonly hostHandles = new HostHandleTable();
  readonly int21 = new Int21Table<Kernel>();
  readonly memory: MemoryArena;
  readonly state = new KernelState();
  /** The file side: drives, names, the SFT and JFTs (built by the assembly; filesystem.ts). */
  abstract readonly files: KernelParts['files'];
  /** The INT 21h call in progress (its caller's frame), or null outside a call. */
  call: CallState | null = null;
  /** Listeners for process creation and termination (VDD user hooks). */
  readonly processListeners = new Set<ProcessListener>();

  constructor(machine: Board, options: DosOptions) {
    this.machine = machine;
    this.mem = machine.mem;
    this.options = options;
    this.memory = new MemoryArena(this.mem, machine.memoryKB);
  }

  /** The current PSP; the truth is the word in the SDA, which programs may read. */
  get currentPsp(): number {
    return rd16(this.mem, DOS_SEG, SDA_BASE + SDA.CURRENT_PSP);
  }
  set currentPsp(seg: number) {
    wr16(this.mem, DOS_SEG, SDA_BASE + SDA.CURRENT_PSP, seg);
  }

  getDta(): { seg: number; off: number } {
    return {
      off: rd16(this.mem, DOS_SEG, SDA_BASE + SDA.CURRENT_DTA),
      seg: rd16(this.mem, DOS_SEG, SDA_BASE + SDA.CURRENT_DTA + 2),
    };
  }
  setDta(seg: number, off: number): void {
    wr16(this.mem, DOS_SEG, SDA_BASE + SDA.CURRENT_DTA, off);
    wr16(this.mem, DOS_SEG, SDA_BASE + SDA.CURRENT_DTA + 2, seg);
  }

  /** The version INT 21h/30h reports and PSP+40h holds. */
  get version(): { major: number; minor: number } {
    return this.options.version ?? { major: 5, minor: 0 };
  }

  /** CF=0 for the current call. */
  ok(): void {
    this.setCarry(false);
  }

  /** AX=error, CF=1, and the error recorded for INT 21h/59h. */
  fail(error: number): void {
    this.machine.cpu.ax = error & 0xffff;
    this.setExtendedError(error);
    this.setCarry(true);
  }

  /** Sets CF where the caller will see it, as setCallerFlag does. */
  setCarry(on: boolean): void {
    this.setCallerFlag(FLAG.CF, on);
  }

  /** The one way a DOS handler returns a flag (CF, ZF) to its caller: in the FLAGS word of the
   *  caller's INT 21h frame saved at entry (so the stub's IRET hands it back), or in the live flags
   *  outside a call. Not bios/iret-frame setIretAndLiveFlag, which writes both at the live SS:SP. */
  setCallerFlag(mask: number, on: boolean): void {
    const c = this.call;
    if (c) setFrameFlag(this.mem, c.frameSs, c.frameSp, mask, on);
    else this.machine.cpu.setFlag(mask, on);
  }

  /** Records an error for INT 21h/59h in the SDA (class, action and locus default by code). */
  setExtendedError(code: number, cls?: number, action?: number, locus?: number): void {
    const d = errorInfo(code);
    wr16(this.mem, DOS_SEG, SDA_BASE + SDA.EXTENDED_ERROR, code);
    wr8(this.mem, DOS_SEG, SDA_BASE + SDA.ERROR_CLASS, cls ?? d.cls);
    wr8(this.mem, DOS_SEG, SDA_BASE + SDA.ERROR_ACTION, action ?? d.action);
    wr8(this.mem, DOS_SEG, SDA_BASE + SDA.ERROR_LOCUS, locus ?? d.locus);
  }

  /** The recorded extended error (INT 21h/59h). */
  getExtendedError(): { code: number; cls: number; action: number; locus: number } {
    return {
      code: rd16(this.mem, DOS_SEG, SDA_BASE + SDA.EXTENDED_ERROR),
      cls: rd8(this.mem, DOS_SEG, SDA_BASE + SDA.ERROR_CLASS),
      action: rd8(this.mem, DOS_SEG, SDA_BASE + SDA.ERROR_ACTION),
      locus: rd8(this.mem, DOS_SEG, SDA_BASE + SDA.ERROR_LOCUS),
    };
  }

  /** Create fires once the child's PSP is current (before its first instruction); terminate
   *  fires before its handles close. Returns the function that removes the listener. */
  addProcessListener(l: ProcessListener): () => void {
    this.processListeners.add(l);
    return () => {
      this.processListeners.delete(l);
    };
  }

  /** Ctrl-C typed during the current call: echo already done, runs INT 23h as DOS does (the call
   *  restarts if the handler returns with IRET). The handler returns at once after this. The
   *  interrupt layer serves it (interrupts.ts). */
  abstract ctrlBreak(): void;
}
