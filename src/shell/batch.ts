// A running batch file: its lines (read once when it starts, up to a Ctrl-Z), the next line to
// run, its parameters (%0 is the name as typed; SHIFT moves them), and the ECHO state to restore
// when it ends (MS-DOS 5 keeps ECHO per batch: a batch that says ECHO OFF leaves the prompt's on).

export interface BatchFrame {
  /** The file as found, e.g. C:\BUILD.BAT. */
  path: string;
  lines: string[];
  /** Index of the next line to run. */
  pos: number;
  /** %0, %1, ...: more than ten are kept for SHIFT. */
  params: string[];
  /** ECHO as it was when the batch started. */
  savedEcho: boolean;
}

export function batchLines(text: string): string[] {
  const eof = text.indexOf('\x1a');
  const body = eof >= 0 ? text.slice(0, eof) : text;
  const lines = body.split(/\r\n|\n|\r/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Where GOTO goes: the line after ":label" (labels compare on their first 8 characters, case
 *  ignored, ending at a blank), or -1. */
export function findLabel(lines: readonly string[], label: string): number {
  const want = labelName(label);
  if (!want) return -1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].replace(/^[ \t@]+/, '');
    if (t.startsWith(':') && labelName(t.slice(1)) === want) return i + 1;
  }
  return -1;
}

function labelName(text: string): string {
  return (/^[^ \t,;=+:]*/.exec(text.replace(/^[ \t:]+/, ''))?.[0] ?? '').slice(0, 8).toUpperCase();
}
