// Taking a command line apart as COMMAND.COM does: pipes, then the redirections of each part,
// then the command name and its tail, and the batch-parameter split of a tail.

export interface Redirections {
  input?: string;
  output?: string;
  append: boolean;
}

export interface SimpleCommand extends Redirections {
  /** The command with its redirections taken out. */
  text: string;
}

/** Characters that end a command name or a parameter (besides blanks). */
const DELIMITERS = ' \t,;=';

/** Splits a line at '|' outside double quotes. */
export function splitPipes(line: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === '|' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Takes `<file`, `>file` and `>>file` out of a command (the last of each kind wins, as in DOS). */
export function parseRedirections(text: string): SimpleCommand {
  const out: SimpleCommand = { text: '', append: false };
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '<' || ch === '>')) {
      let append = false;
      i++;
      if (ch === '>' && text[i] === '>') {
        append = true;
        i++;
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      let name = '';
      while (i < text.length && !' \t<>|'.includes(text[i])) name += text[i++];
      if (ch === '<') out.input = name;
      else {
        out.output = name;
        out.append = append;
      }
      continue;
    }
    out.text += ch;
    i++;
  }
  return out;
}

/** The command name and the tail after it (the tail keeps its leading blank, as EXEC passes it).
 *  The name ends at a blank, a delimiter, '/', '+' or '"'; for internal commands it also ends at
 *  '.', '\' or ':' after a letter run ("ECHO.", "CD\", "CD.." are ECHO, CD, CD) — `internal`
 *  tells which names those are. */
export function splitCommand(text: string, internal: (name: string) => boolean): { name: string; tail: string } {
  const t = text.replace(/^[ \t,;=]+/, '');
  let i = 0;
  while (i < t.length && !DELIMITERS.includes(t[i]) && !'/+"'.includes(t[i])) i++;
  let name = t.slice(0, i);
  const word = /^[A-Za-z]+/.exec(name)?.[0] ?? '';
  if (word && word.length < name.length && '.\\['.includes(name[word.length]) && internal(word)) name = word;
  return { name, tail: t.slice(name.length) };
}

/** Batch parameters as DOS splits them: blanks, commas, semicolons and '=' separate; double
 *  quotes keep a parameter together (and stay part of it). */
export function splitParameters(tail: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of tail) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && DELIMITERS.includes(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Splits switches off arguments: "/W/P" counts as two switches. */
export function splitSwitches(tail: string): { args: string[]; switches: string[] } {
  const args: string[] = [];
  const switches: string[] = [];
  for (const p of splitParameters(tail)) {
    const pieces = p.split('/');
    if (pieces[0]) args.push(pieces[0]);
    for (const s of pieces.slice(1)) if (s) switches.push(s.toUpperCase());
  }
  return { args, switches };
}
