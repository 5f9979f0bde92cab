// Last-resort terminal restore: while vdm86 holds the terminal (raw mode, alternate screen,
// hidden cursor, autowrap off), a process 'exit' listener puts it back, so even a crash or an
// unexpected process.exit leaves a usable shell behind.
import * as fs from 'node:fs';
import { TERMINAL_LEAVE } from './terminal';

export interface GuardedTerminal {
  /** The output's file descriptor (1 for process.stdout). */
  fd?: number;
  /** The input in raw mode, if any. */
  input?: { setRawMode?(mode: boolean): unknown };
}

/** Registers the restore; returns the function that undoes the registration (after a normal stop). */
export function guardTerminal(t: GuardedTerminal): () => void {
  const restore = () => {
    try {
      t.input?.setRawMode?.(false);
    } catch {
      // the input may already be gone
    }
    if (t.fd !== undefined) {
      try {
        fs.writeSync(t.fd, TERMINAL_LEAVE);
      } catch {
        // nothing more can be done at exit
      }
    }
  };
  process.once('exit', restore);
  return () => process.off('exit', restore);
}
