// The DOS kernel assembled: the context (kernel.ts) with the DOS data written into guest memory
// (List of Lists, SDA, MCB arena), the file side, the INT 21h table and the BOP handlers of the
// DOS vectors. MS-DOS 5 behaviour unless a comment says why not. See docs/DESIGN.md.
import type { Board } from '../hw/board';
import { Kernel, type DosOptions } from './kernel';
import { FileSystem } from './filesystem';
import { setupSystemData } from './sysdata';
import { installDosInterrupts, ctrlBreak } from './interrupts';
import { installInt21Functions } from './int21-functions';
import { startFirstProcess } from './process';

export { DosLoadError, type DosOptions, type DriveMapping, type ProcessListener } from './kernel';

export class Dos extends Kernel {
  readonly files: FileSystem;

  constructor(machine: Board, options: DosOptions) {
    super(machine, options);
    setupSystemData(this);
    this.files = new FileSystem(this, options);
    this.files.init();
    installInt21Functions(this, this.files);
    installDosInterrupts(this);
  }

  /** Ends the kernel's hold on the host: closes every file the guest left open. Call it once the
   *  run is over (runProgram does, however the run ended). */
  close(): void {
    this.files.closeAll();
  }

  ctrlBreak(): void {
    ctrlBreak(this);
  }

  /** Starts the first program (a DOS path; without an extension .COM then .EXE are tried) with
   *  its arguments, under a DOS-owned shell PSP. Throws DosLoadError when it cannot be loaded. */
  start(program: string, args: string[]): void {
    startFirstProcess(this, program, args);
  }
}
