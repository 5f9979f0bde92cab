// What COMMAND.COM hands to the first program: the command tail for PSP:80h (a leading blank,
// the arguments, CR; at most 126 characters) and the two FCBs for PSP:5Ch/6Ch parsed from the
// first two arguments the way INT 21h/29h parses a name (drive, 8-character name, 3-character
// extension, upper case, '*' filling the rest of its part with '?').
import { upperChar } from './country';

/** Characters that end a file name in INT 21h/29h parsing. */
const TERMINATORS = new Set(['.', '"', '/', '\\', '[', ']', ':', '|', '<', '>', '+', '=', ';', ',', ' ', '\t']);
/** Leading separators 29h skips when asked to (AL bit 0), as COMMAND.COM asks. */
const SEPARATORS = new Set([':', '.', ';', ',', '=', '+', ' ', '\t']);

const TAIL_MAX = 126;
const CR = 0x0d;

/** The 128 bytes of PSP:80h for these arguments. */
export function commandTail(args: string[]): Uint8Array {
  const text = args.length ? ` ${args.join(' ')}`.slice(0, TAIL_MAX) : '';
  const out = new Uint8Array(0x80);
  out[0] = text.length;
  for (let i = 0; i < text.length; i++) out[1 + i] = text.charCodeAt(i) & 0xff;
  out[1 + text.length] = CR;
  return out;
}

/** 12 bytes (drive, name, extension) of an unopened FCB for one argument; no argument gives a
 *  blank FCB for the default drive. */
export function parseFcbArgument(arg: string | undefined): Uint8Array {
  const out = new Uint8Array(12).fill(0x20);
  out[0] = 0;
  if (arg === undefined) return out;
  let i = 0;
  while (i < arg.length && SEPARATORS.has(arg[i])) i++;
  if (i + 1 < arg.length && arg[i + 1] === ':' && /[A-Za-z]/.test(arg[i])) {
    out[0] = upperChar(arg.charCodeAt(i)) - 0x40;
    i += 2;
  }
  i = parsePart(arg, i, out, 1, 8);
  if (arg[i] === '.') parsePart(arg, i + 1, out, 9, 3);
  return out;
}

/** Copies one name part into out[at..at+len), upper-cased; '*' fills the rest with '?'. Returns
 *  the index of the first character not taken. */
function parsePart(s: string, i: number, out: Uint8Array, at: number, len: number): number {
  let n = 0;
  while (i < s.length && !TERMINATORS.has(s[i]) && s.charCodeAt(i) > 0x20) {
    if (s[i] === '*') {
      while (n < len) out[at + n++] = 0x3f;
    } else if (n < len) out[at + n++] = upperChar(s.charCodeAt(i));
    i++;
  }
  return i;
}
