// INT 21h/29h: parse a file name from DS:SI into the FCB at ES:DI, as MS-DOS does it (the
// command-line parser DOS 1 programs and the loader's PSP FCBs rely on).
import type { FileSystem } from './filesystem';
import { linear } from '../cpu/guest-memory';
import { FCB } from './layout';
import { upperDos } from './names';

/** AL bits of INT 21h/29h. */
const PARSE = {
  SKIP_SEPARATORS: 0x01,
  KEEP_DRIVE: 0x02,
  KEEP_NAME: 0x04,
  KEEP_EXTENSION: 0x08,
} as const;

/** Leading separators skipped with PARSE.SKIP_SEPARATORS (after blanks). */
const SEPARATORS = ':.;,=+';
/** Characters that end a name or extension. */
const TERMINATORS = ':.;,=+<>|/\\"[] \t';

function isTerminator(c: number): boolean {
  return c < 0x20 || c === 0x7f || TERMINATORS.includes(String.fromCharCode(c));
}
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** The outcome of parsing: where the text ends, the FCB fields, and AL. */
interface ParsedFcbName {
  consumed: number;
  drive: number | null; // 1 = A; null when none was given
  name: string | null; // 8 chars, null when none was given
  extension: string | null; // 3 chars, null when none was given
  badDrive: boolean;
}

/**
 * Parses a name the way INT 21h/29h does. `peek(i)` gives the byte i positions after the start.
 * `driveValid(d)` says whether drive d (1 = A) exists.
 */
function parseFcbName(peek: (i: number) => number, flags: number, driveValid: (d: number) => boolean): ParsedFcbName {
  let i = 0;
  while (isBlank(peek(i))) i++;
  if (flags & PARSE.SKIP_SEPARATORS && SEPARATORS.includes(String.fromCharCode(peek(i)))) {
    i++;
    while (isBlank(peek(i))) i++;
  }
  let drive: number | null = null;
  let badDrive = false;
  const letter = upperDos(String.fromCharCode(peek(i))).charCodeAt(0);
  if (peek(i + 1) === 0x3a && letter >= 0x41 && letter <= 0x5a) {
    drive = letter - 0x40;
    if (!driveValid(drive)) badDrive = true;
    i += 2;
  }
  const part = (width: number): string | null => {
    let out = '';
    let any = false;
    while (!isTerminator(peek(i))) {
      const ch = peek(i);
      any = true;
      if (out.length < width) {
        if (ch === 0x2a) {
          // '*': the rest of the part is '?'
          out = out.padEnd(width, '?');
        } else out += upperDos(String.fromCharCode(ch));
      }
      i++;
    }
    if (!any) return null;
    return out.padEnd(width, ' ');
  };
  const name = part(8);
  let extension: string | null = null;
  if (peek(i) === 0x2e) {
    i++;
    extension = part(3) ?? '   ';
  }
  return { consumed: i, drive, name, extension, badDrive };
}

export function fcbParseFunctions(fs: FileSystem) {
  const int21_29 = () => {
    const c = fs.cpu;
    const mem = fs.mem;
    const flags = c.al;
    const ds = c.ds;
    const si = c.si;
    const parsed = parseFcbName(
      (i) => mem[linear(ds, si + i)],
      flags,
      (d) => fs.drives.isValid(d - 1),
    );
    const fcb = (off: number) => linear(c.es, c.di + off);
    if (parsed.drive !== null) mem[fcb(FCB.DRIVE)] = parsed.drive;
    else if (!(flags & PARSE.KEEP_DRIVE)) mem[fcb(FCB.DRIVE)] = 0;
    const put = (off: number, text: string) => {
      for (let k = 0; k < text.length; k++) mem[fcb(off + k)] = text.charCodeAt(k) & 0xff;
    };
    if (parsed.name !== null) put(FCB.NAME, parsed.name);
    else if (!(flags & PARSE.KEEP_NAME)) put(FCB.NAME, '        ');
    if (parsed.extension !== null) put(FCB.EXTENSION, parsed.extension);
    else if (!(flags & PARSE.KEEP_EXTENSION)) put(FCB.EXTENSION, '   ');
    // AL = 1 when the FCB now holds a wildcard (kept fields included), FFh for a bad drive.
    let wild = false;
    for (let k = 0; k < 11; k++) if (mem[fcb(FCB.NAME + k)] === 0x3f) wild = true;
    c.si = (si + parsed.consumed) & 0xffff;
    c.al = parsed.badDrive ? 0xff : wild ? 1 : 0;
  };
  return { int21_29 };
}
