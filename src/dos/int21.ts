// The INT 21h dispatch table: function number (AH) -> TypeScript handler. Each part of the kernel
// installs the functions it serves; a function nobody installed answers AX=1, CF=1 (invalid
// function), as MS-DOS does for numbers it does not know.
import type { Kernel } from './kernel';

/** Reads and writes the CPU registers of the caller and ends with dos.ok() / dos.fail(). */
export type Int21Handler = (dos: Kernel) => void;

export class Int21Table {
  private readonly handlers: (Int21Handler | undefined)[] = new Array(256);

  set(ah: number, handler: Int21Handler): void {
    this.handlers[ah & 0xff] = handler;
  }

  get(ah: number): Int21Handler | undefined {
    return this.handlers[ah & 0xff];
  }

  /** Function numbers that have a handler (for the README coverage table and tests). */
  served(): number[] {
    const out: number[] = [];
    for (let i = 0; i < 256; i++) if (this.handlers[i]) out.push(i);
    return out;
  }
}
