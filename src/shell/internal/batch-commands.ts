// The batch language's commands (MS-DOS 5): ECHO, REM, PAUSE, GOTO, IF, FOR, CALL, SHIFT.
import type { Syscall } from '../protocol';
import type { Internal, Shell } from '../shell';
import { MSG } from '../messages';
import { findLabel } from '../batch';
import { splitCommand } from '../command-line';
import { substituteForVariable } from '../expand';
import { ATTR } from '../guest-calls';

/** ECHO [ON|OFF|message]; "ECHO." (or ECHO followed by any of . / [ etc.) prints an empty line. */
function* echo(sh: Shell, tail: string): Syscall<void> {
  const text = tail.slice(1);
  const word = tail.trim().toUpperCase();
  if (tail.length === 0 || (!tail.trim() && !/^[.:\[/]/.test(tail))) {
    yield* sh.println(sh.echo ? MSG.ECHO_ON : MSG.ECHO_OFF);
    return;
  }
  if (word === 'ON' && /^[ \t]/.test(tail)) {
    sh.echo = true;
    return;
  }
  if (word === 'OFF' && /^[ \t]/.test(tail)) {
    sh.echo = false;
    return;
  }
  yield* sh.println(text);
}

function* rem(): Syscall<void> {
  // nothing
}

function* pause(sh: Shell): Syscall<void> {
  yield* sh.print(MSG.PAUSE);
  yield* sh.dos.readKey();
  yield* sh.print('\r\n');
}

function* gotoLabel(sh: Shell, tail: string): Syscall<void> {
  const f = sh.currentBatch;
  if (!f) return;
  const at = findLabel(f.lines, tail);
  if (at < 0) {
    yield* sh.println(MSG.LABEL_NOT_FOUND);
    f.pos = f.lines.length; // the batch ends
    return;
  }
  f.pos = at;
}

function* shift(sh: Shell): Syscall<void> {
  const f = sh.currentBatch;
  if (f && f.params.length) f.params.shift();
}

function* call(sh: Shell, tail: string): Syscall<void> {
  const { name, tail: rest } = splitCommand(tail, (n) => sh.isInternal(n));
  if (!name) return;
  if (sh.isInternal(name)) {
    yield* sh.runLine(tail);
    return;
  }
  yield* sh.runProgram(name, rest, true);
}

/** IF [NOT] ERRORLEVEL n | EXIST file | s1==s2 command. */
function* ifCommand(sh: Shell, tail: string): Syscall<void> {
  let rest = tail.replace(/^[ \t]+/, '');
  let negate = false;
  const word = () => /^[^ \t]*/.exec(rest)?.[0] ?? '';
  const skipWord = () => {
    rest = rest.slice(word().length).replace(/^[ \t]+/, '');
  };
  if (word().toUpperCase() === 'NOT') {
    negate = true;
    skipWord();
  }
  let result: boolean;
  const kw = word().toUpperCase();
  if (kw === 'ERRORLEVEL') {
    skipWord();
    const n = word();
    if (!/^\d+$/.test(n)) {
      yield* sh.println(MSG.SYNTAX_ERROR);
      return;
    }
    result = sh.errorlevel >= Number(n);
    skipWord();
  } else if (kw === 'EXIST') {
    skipWord();
    const name = word();
    skipWord();
    const nulIn = /^(.*)[\\:]NUL$/i.exec(name);
    if (nulIn) {
      // "IF EXIST DIR\NUL": the NUL device exists in every directory that exists.
      const dir = nulIn[1] || '\\';
      const attr = /^[A-Za-z]:?$|^\\$/.test(dir) ? (yield* sh.dos.truename(dir.endsWith(':') ? dir + '\\' : dir)) : yield* sh.dos.getAttributes(dir);
      result = typeof attr === 'string' || (attr >= 0 && (attr & ATTR.DIRECTORY) !== 0);
    } else {
      const found = yield* sh.dos.findFirst(name, 0);
      result = typeof found !== 'number';
    }
  } else {
    const m = /^([^=]*?)==[ \t]*([^ \t]*)[ \t]*(.*)$/s.exec(rest);
    if (!m) {
      yield* sh.println(MSG.SYNTAX_ERROR);
      return;
    }
    result = m[1].trim() === m[2];
    rest = m[3];
  }
  if (!rest.trim()) {
    yield* sh.println(MSG.SYNTAX_ERROR);
    return;
  }
  if (result !== negate) yield* sh.runLine(rest);
}

/** FOR %V IN (set) DO command: each item of the set in turn (a file pattern gives the files it
 *  matches, with the pattern's drive and directory before each name). */
function* forCommand(sh: Shell, tail: string): Syscall<void> {
  const m = /^[ \t]*%([^ \t])[ \t]+IN[ \t]*\(([^)]*)\)[ \t]*DO[ \t]+(.*)$/is.exec(tail);
  if (!m) {
    yield* sh.println(MSG.SYNTAX_ERROR);
    return;
  }
  const [, variable, set, command] = m;
  const items = set.split(/[ \t,;=]+/).filter((s) => s);
  for (const item of items) {
    if (/[*?]/.test(item)) {
      const dir = /^(.*[\\:])?/.exec(item)?.[0] ?? '';
      const files = yield* sh.dos.findAll(item, 0);
      for (const f of files) {
        if (f.attr & (ATTR.DIRECTORY | ATTR.VOLUME)) continue;
        yield* sh.runLine(substituteForVariable(command, variable, dir + f.name));
      }
    } else yield* sh.runLine(substituteForVariable(command, variable, item));
  }
}

export const BATCH_COMMANDS: Record<string, Internal> = {
  ECHO: echo,
  REM: rem,
  PAUSE: pause,
  GOTO: gotoLabel,
  SHIFT: shift,
  CALL: call,
  IF: ifCommand,
  FOR: forCommand,
};
