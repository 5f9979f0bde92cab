// The DOS kernel object: owns the DOS data in guest memory (List of Lists, SDA, MCB arena), the
// INT 21h table and the BOP handlers for the DOS vectors, and ties the process side (this
// engineer's modules) to the file side (FileSystem). MS-DOS 5 behaviour unless a comment says why not.
import type { Board } from '../hw/board';
import { FLAG } from '../cpu/cpu';
import { rd16, wr16, rd8, wr8 } from '../cpu/guest-memory';
import { setFrameFlag } from '../bios/iret-frame';
import { HostHandleTable } from './host-handles';
import { Int21Table } from './int21';
import { SDA } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import { errorInfo } from './errors';
import { FileSystem } from './filesystem';
import { MemoryArena } from './arena';
import { setupSystemData } from './sysdata';
import { installDosInterrupts, ctrlBreak, type CallState } from './interrupts';
import { registerCoreFunctions } from './functions';
import { startFirstProcess } from './process';

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

const SDA_BASE = DOSMEM.SDA;

export class Dos {
  readonly machine: Board;
  readonly mem: Uint8Array;
  readonly options: DosOptions;
  readonly hostHandles = new HostHandleTable();
  readonly int21 = new Int21Table();
  readonly memory: MemoryArena;
  readonly files: FileSystem;
  /** The INT 21h call in progress (its caller's frame), or null outside a call. */
  call: CallState | null = null;
  /** Listeners for process creation and termination (VDD user hooks). */
  readonly processListeners = new Set<ProcessListener>();

  constructor(machine: Board, options: DosOptions) {
    this.machine = machine;
    this.mem = machine.mem;
    this.options = options;
    this.memory = new MemoryArena(this.mem, machine.memoryKB);
    setupSystemData(this);
    registerCoreFunctions(this);
    this.files = new FileSystem(this, options);
    this.files.init();
    this.files.register(this.int21);
    installDosInterrupts(this);
  }

  /** Ends the kernel's hold on the host: closes every file the guest left open. Call it once the
   *  run is over (runProgram does, however the run ended). */
  close(): void {
    this.files.closeAll();
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

  /** Sets CF where the caller will see it: in the FLAGS word the INT pushed (SS:SP+4 while an
   *  INT 21h runs), or in the live flags outside a call. */
  setCarry(on: boolean): void {
    this.setReturnFlag(FLAG.CF, on);
  }

  /** Sets or clears a flag (CF, ZF) where the caller will see it, as setCarry does. */
  setReturnFlag(mask: number, on: boolean): void {
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
   *  restarts if the handler returns with IRET). The handler returns at once after this. */
  ctrlBreak(): void {
    ctrlBreak(this);
  }

  /** Starts the first program (a DOS path; without an extension .COM then .EXE are tried) with
   *  its arguments, under a DOS-owned shell PSP. Throws DosLoadError when it cannot be loaded. */
  start(program: string, args: string[]): void {
    startFirstProcess(this, program, args);
  }
}
