// The INT 21h dispatch array: function number (AH) -> TypeScript handler, filled from the INT 21h
// table (int21-functions.ts); a number with no handler answers AX=1, CF=1 (invalid function), as
// MS-DOS does for numbers it does not know. The kernel context (kernel.ts) holds one, typed with
// itself as the handlers' argument, so this file needs nothing from above. It also names what a
// handler answers (CALL_OUTCOME), the protocol docs/DESIGN.md "The call protocol" describes.

/** What became of an INT 21h call once its handler returned. A handler returns AGAIN when it must
 *  wait (nothing typed yet, a redirected input still arriving), or nothing when it is done; a
 *  handler that hands the CPU elsewhere (EXEC, terminate, Ctrl-C) records it in
 *  CallState.transferred, which outranks what it returns. */
export const CALL_OUTCOME = {
  /** It is finished: the caller gets its registers and the flags in its IRET frame. */
  DONE: 'done',
  /** It waits (for input, or for the INT 28h it asked for): the dispatcher puts IP back on its
   *  BOP (runAgain), it runs again with the same frame, and InDOS stays up meanwhile. */
  AGAIN: 'again',
  /** It does not return to its caller (EXEC started a child, a process ended, a Ctrl-C handler
   *  was entered): the CPU state is already the new one. */
  TRANSFERRED: 'transferred',
} as const;
export type CallOutcome = (typeof CALL_OUTCOME)[keyof typeof CALL_OUTCOME];

/** What an INT 21h handler returns: AGAIN to wait and run again; nothing (or DONE) when done. */
export type CallResult = CallOutcome | void;

/** Reads and writes the CPU registers of the caller, ends with dos.ok() / dos.fail(), and returns
 *  what happened (CallResult); the dispatcher (interrupts.ts) acts on it. */
export type Int21Handler<K> = (dos: K) => CallResult;

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
