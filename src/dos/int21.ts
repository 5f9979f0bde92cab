// The INT 21h dispatch array: function number (AH) -> TypeScript handler, filled from the INT 21h
// table (int21-functions.ts); a number with no handler answers AX=1, CF=1 (invalid function), as
// MS-DOS does for numbers it does not know. The kernel context (kernel.ts) holds one, typed with
// itself as the handlers' argument, so this file needs nothing from above.

/** Reads and writes the CPU registers of the caller and ends with dos.ok() / dos.fail(). */
export type Int21Handler<K> = (dos: K) => void;

export class Int21Table<K> {
  private readonly handlers: (Int21Handler<K> | undefined)[] = new Array(256);

  set(ah: number, handler: Int21Handler<K>): void {
    this.handlers[ah & 0xff] = handler;
  }

  get(ah: number): Int21Handler<K> | undefined {
    return this.handlers[ah & 0xff];
  }

  /** Function numbers that have a handler (for the README coverage table and tests). */
  served(): number[] {
    const out: number[] = [];
    for (let i = 0; i < 256; i++) if (this.handlers[i]) out.push(i);
    return out;
  }
}
