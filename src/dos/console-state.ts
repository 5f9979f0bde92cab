// What the console keeps between INT 21h calls, and between re-runs of a call that waits for a
// key: the output column, the line being typed, a raw read in progress, a pending Ctrl-Break.
// One per machine, held by the kernel's state (kernel.ts).

/** A raw CON read in progress: the bytes gathered so far, and which call they belong to. */
export interface RawRead {
  call: string;
  bytes: number[];
}

/** What the console keeps between calls (and between re-runs of a waiting BOP). */
export class ConsoleState {
  /** Output column, for tab expansion and for the backspacing of line editing. */
  column = 0;
  /** The line being typed (cooked input), kept while the read waits for more keys. */
  line: number[] = [];
  /** True while `line` belongs to a read in progress. */
  lineActive = false;
  /** Column where the line being edited started (ESC and BS never back up over the prompt). */
  lineStartColumn = 0;
  /** Bytes of a completed cooked line not yet handed out (handle reads smaller than the line). */
  pending: number[] = [];
  /** INT 28h was issued for the current wait; the next re-run with no key sleeps instead. */
  idleIssued = false;
  /** Ctrl-Break was pressed (INT 1Bh): the next console read sees Ctrl-C. */
  breakPending = false;
  /** Redirected standard input as the character functions read it: the last byte was a CR, a
   *  LF is owed (a Linux line end, LF alone, reads as CR LF), and the 0Ah line being gathered. */
  stdinLastCr = false;
  stdinOwedLf = false;
  stdinLine: number[] | null = null;
  /** Reads of standard input past its end, towards EOF_READ_LIMIT. */
  readsPastEnd = 0;
  /** The program has met the end of its input (a console read at the end of host input, or
   *  handle 0 at end of file). */
  stdinEnded = false;
  /** The last INT 21h/0Ch is waiting and will run again, so it must not flush the input twice. */
  flushRunsAgain = false;
  /** A raw CON read in progress (the CON device), kept while it waits for more keys. */
  rawRead: RawRead | null = null;
}
