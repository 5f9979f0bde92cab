// SET, PATH and PROMPT: the shell's environment (MS-DOS 5 upper-cases names, keeps values as
// typed, and removes a variable set to nothing).
import type { Syscall } from '../protocol';
import type { Internal, Shell } from '../shell';
import { MSG } from '../messages';

function* setCommand(sh: Shell, tail: string): Syscall<void> {
  const text = tail.replace(/^[ \t]+/, '');
  if (!text) {
    for (const [k, v] of sh.env.entries()) yield* sh.println(`${k}=${v}`);
    return;
  }
  const eq = text.indexOf('=');
  if (eq <= 0) {
    yield* sh.println(MSG.SYNTAX_ERROR);
    return;
  }
  if (!sh.env.set(text.slice(0, eq).trim(), text.slice(eq + 1))) yield* sh.println(MSG.OUT_OF_ENVIRONMENT);
}

function* pathCommand(sh: Shell, tail: string): Syscall<void> {
  const text = tail.replace(/^[ \t=]+/, '').trim();
  if (!text) {
    const p = sh.env.get('PATH');
    yield* sh.println(p ? `PATH=${p}` : MSG.NO_PATH);
    return;
  }
  if (!sh.env.set('PATH', text === ';' ? '' : text.toUpperCase())) yield* sh.println(MSG.OUT_OF_ENVIRONMENT);
}

function* promptCommand(sh: Shell, tail: string): Syscall<void> {
  const text = tail.replace(/^[ \t=]/, '');
  if (!sh.env.set('PROMPT', text.trim() ? text : '')) yield* sh.println(MSG.OUT_OF_ENVIRONMENT);
}

export const ENVIRONMENT_COMMANDS: Record<string, Internal> = {
  SET: setCommand,
  PATH: pathCommand,
  PROMPT: promptCommand,
};
