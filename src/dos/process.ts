// Processes: the first program under a DOS-owned shell PSP, EXEC (INT 21h/4Bh), termination
// (4Ch, 00h, INT 20h), terminate-and-stay-resident (31h, INT 27h) and the return code (4Dh).
// WORK IN PROGRESS: the seam's names are fixed; the bodies are being written.
import type { Dos } from './dos';
import { DosLoadError } from './dos';
import { DOS_ERROR } from './errors';

/** Termination type (INT 21h/4Dh AH). */
export const TERMINATION = {
  NORMAL: 0,
  CTRL_C: 1,
  CRITICAL_ERROR: 2,
  TSR: 3,
} as const;

export function terminateProcess(dos: Dos, code: number, type: number, keepParas?: number): void {
  dos.machine.terminate({ reason: 'exit', exitCode: code & 0xff, message: `terminate type ${type} ${keepParas ?? ''}` });
}

export function startFirstProcess(dos: Dos, program: string, args: string[]): void {
  throw new DosLoadError(`cannot load ${program} ${args.join(' ')}: loader not written yet`, DOS_ERROR.INVALID_FUNCTION);
}
