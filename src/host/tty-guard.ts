// Last-resort terminal restore: while vdm86 holds the terminal (raw mode, alternate screen,
// hidden cursor, autowrap off), a process 'exit' listener puts it back, so even a crash or an
// unexpected process.exit leaves a usable shell behind. A stop signal (SIGTSTP) gives the
// terminal back before the process stops, and SIGCONT takes it again and redraws.
import { writeSync } from 'node:fs';
import { TERMINAL_ENTER, TERMINAL_LEAVE } from './terminal';

export interface GuardedTerminal {
  /** The output's file descriptor (1 for process.stdout). */
  fd?: number;
  /** The input in raw mode, if any. */
  input?: { setRawMode?(mode: boolean): unknown };
  /** After SIGCONT, once the terminal is taken again: redraw everything. */
  onResume?: () => void;
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
        writeSync(t.fd, TERMINAL_LEAVE);
      } catch {
        // nothing more can be done at exit
      }
    }
  };
  const resume = () => {
    try {
      t.input?.setRawMode?.(true);
      if (t.fd !== undefined) writeSync(t.fd, TERMINAL_ENTER);
    } catch {
      // the terminal may be gone; the run goes on
    }
    t.onResume?.();
  };
  // Handling SIGTSTP replaces Node's default (stop): restore, then stop for real with SIGSTOP.
  const suspend = () => {
    restore();
    process.once('SIGCONT', resume);
    process.kill(process.pid, 'SIGSTOP');
  };
  process.once('exit', restore);
  if (process.platform !== 'win32') process.on('SIGTSTP', suspend);
  return () => {
    process.off('exit', restore);
    process.off('SIGTSTP', suspend);
    process.off('SIGCONT', resume);
  };
}
