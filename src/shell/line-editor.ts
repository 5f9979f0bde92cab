// The prompt's line input when standard input is the console: DOS's own keys (Backspace, Esc
// clears the line, Enter) plus DOSKEY's history, Up and Down recalling earlier lines. Keys come
// one at a time through INT 21h/08h (extended keys as 00h then the scan code, as DOS gives them)
// and are echoed through standard output, so it all still goes through the guest's INT 21h.
import type { Syscall } from './protocol';
import type { Shell } from './shell';

const KEY = { ENTER: 0x0d, BACKSPACE: 0x08, ESC: 0x1b, EXTENDED: 0x00 } as const;
const SCAN = { UP: 0x48, DOWN: 0x50 } as const;
/** INT 21h/0Ah's limit: 127 characters and the CR. */
const LINE_MAX = 127;

export function* editLine(sh: Shell, history: readonly string[]): Syscall<string> {
  let line = '';
  let recall = history.length;
  const replace = function* (text: string): Syscall<void> {
    yield* sh.print('\b \b'.repeat(line.length) + text);
    line = text;
  };
  for (;;) {
    const k = yield* sh.dos.readKey();
    if (k === KEY.ENTER) return line; // the shell then writes CR LF
    if (k === KEY.EXTENDED) {
      const scan = yield* sh.dos.readKey();
      if (scan === SCAN.UP && recall > 0) yield* replace(history[--recall]);
      else if (scan === SCAN.DOWN && recall < history.length) {
        recall++;
        yield* replace(recall < history.length ? history[recall] : '');
      }
      continue;
    }
    if (k === KEY.BACKSPACE) {
      if (line.length) yield* replace(line.slice(0, -1));
      continue;
    }
    if (k === KEY.ESC) {
      yield* replace('');
      continue;
    }
    if ((k >= 0x20 || k === 0x09) && line.length < LINE_MAX) {
      line += String.fromCharCode(k);
      yield* sh.print(String.fromCharCode(k));
    }
  }
}
