// DOS file names: the 8.3 form, the 11-byte FCB form ("NAME    EXT"), wildcards, and the short
// names ("LONGNA~1.TXT") under which host names that are not valid 8.3 appear to the guest.
// DOS names are upper case; host names are matched case-insensitively. Inside the kernel a DOS
// name is a string of CP437 bytes (char codes 0-255); a host name is Unicode, and characters
// beyond ASCII cross between the two through code page 437.
import { CP437, toCp437 } from '../host/cp437';

/** A string of ASCII characters only: the kernel's names are, nearly always, and then need no
 *  character-by-character conversion (a start names every entry of the program's folder). */
const ASCII = /^[\x00-\x7f]*$/;

/** Characters DOS refuses in a file name (besides controls and space), as MS-DOS 5 does. */
const INVALID_CHARS = '"*+,./:;<=>?[\\]|';

/** True when `c` (a char code 0-255) may appear in a DOS 8.3 name part. */
export function isNameChar(c: number): boolean {
  if (c <= 0x20 || c === 0x7f) return false;
  return !INVALID_CHARS.includes(String.fromCharCode(c));
}

/** DOS's upper-casing of name bytes: ASCII letters only (the country table's upper half is
 *  identity for the names vdm86 produces). */
export function upperDos(s: string): string {
  // ASCII only (the usual case): toUpperCase touches only a-z there, as DOS does.
  if (ASCII.test(s)) return s.toUpperCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 0x20) : s[i];
  }
  return out;
}

/** Splits "NAME.EXT" at its last dot (DOS names have at most one). */
function splitExt(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot + 1)];
}

/** "FOO.C" -> "FOO     C  ". The parts are taken as they are (already checked and truncated). */
export function toFcbForm(name: string): string {
  const [base, ext] = splitExt(name);
  return base.padEnd(8, ' ').slice(0, 8) + ext.padEnd(3, ' ').slice(0, 3);
}

/** "FOO     C  " -> "FOO.C" (trailing blanks dropped, no dot without an extension). */
export function fromFcbForm(fcb: string): string {
  const base = fcb.slice(0, 8).replace(/ +$/, '');
  const ext = fcb.slice(8, 11).replace(/ +$/, '');
  return ext ? `${base}.${ext}` : base;
}

/** The result of reading one path component as DOS does. */
export type ComponentParse = { fcb: string; wild: boolean } | { error: 'invalid' };

/**
 * One path component typed by the guest -> its FCB form, as MS-DOS 5 parses it: upper-cased,
 * the name cut to 8 and the extension to 3 characters (silently, as DOS does), `*` expanded to
 * `?` up to the end of its part. "." and ".." are handled by the caller.
 */
export function parseComponent(text: string): ComponentParse {
  const up = upperDos(text);
  const dot = up.indexOf('.');
  const base = dot < 0 ? up : up.slice(0, dot);
  const ext = dot < 0 ? '' : up.slice(dot + 1);
  if (base.length === 0 || ext.includes('.')) return { error: 'invalid' };
  let wild = false;
  const part = (s: string, width: number): string | null => {
    let out = '';
    for (let i = 0; i < s.length && out.length < width; i++) {
      const c = s.charCodeAt(i);
      if (s[i] === '*') {
        wild = true;
        out = out.padEnd(width, '?');
        break;
      }
      if (s[i] === '?') {
        wild = true;
        out += '?';
        continue;
      }
      if (!isNameChar(c)) return null;
      out += s[i];
    }
    // Characters past the width are dropped, but must still be legal.
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch !== '*' && ch !== '?' && !isNameChar(s.charCodeAt(i))) return null;
    }
    return out.padEnd(width, ' ');
  };
  const b = part(base, 8);
  const e = part(ext, 3);
  if (b === null || e === null) return { error: 'invalid' };
  return { fcb: b + e, wild };
}

/** Wildcard match of two FCB-form names: `?` in the pattern matches any character, blanks too. */
export function matchFcb(pattern: string, name: string): boolean {
  for (let i = 0; i < 11; i++) {
    const p = pattern[i];
    if (p !== '?' && p !== name[i]) return false;
  }
  return true;
}

/** A host name as CP437 bytes, or null when some character has no CP437 form. */
export function hostToDosBytes(hostName: string): string | null {
  // ASCII is itself in CP437.
  if (ASCII.test(hostName)) return hostName;
  let out = '';
  for (const ch of hostName) {
    const c = ch.codePointAt(0) as number;
    const b = c < 0x80 ? c : toCp437(c);
    if (b < 0) return null;
    out += String.fromCharCode(b);
  }
  return out;
}

/** The host name for a DOS name (CP437 bytes above 7Fh become their Unicode characters). */
export function dosToHostName(dosName: string): string {
  let out = '';
  for (let i = 0; i < dosName.length; i++) {
    const b = dosName.charCodeAt(i) & 0xff;
    out += b < 0x80 ? dosName[i] : CP437[b];
  }
  return out;
}

/** True when the host name, upper-cased, is already a valid 8.3 DOS name. */
export function isValid83(hostName: string): boolean {
  const bytes = hostToDosBytes(hostName);
  if (bytes === null || bytes === '.' || bytes === '..') return false;
  const [base, ext] = splitExt(bytes);
  if (base.length < 1 || base.length > 8 || ext.length > 3) return false;
  if (bytes.endsWith('.')) return false;
  for (const part of [base, ext]) {
    for (let i = 0; i < part.length; i++) if (!isNameChar(part.charCodeAt(i))) return false;
  }
  return true;
}

/** The characters of a long host name that can stand in a short name (others become "_"). */
function shortChars(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === ' ' || ch === '.') continue; // dropped, as Windows does for short names
    const b = hostToDosBytes(ch);
    out += b !== null && isNameChar(b.charCodeAt(0)) ? upperDos(b) : '_';
  }
  return out;
}

/** One host directory entry with the DOS name the guest sees for it. */
export interface NamedEntry {
  host: string;
  dos: string; // "NAME.EXT"
}

/**
 * Gives every host name in one directory a DOS name: names that are valid 8.3 keep their
 * upper-cased spelling; the others (too long, bad characters, non-ASCII, or a case-only twin of
 * a name already taken) get "BASE~N.EXT" with the smallest free N. Host names are taken in sorted
 * order so the answer is the same every time the directory is unchanged.
 */
export function nameDirectory(hostNames: readonly string[]): NamedEntry[] {
  const sorted = [...hostNames].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const taken = new Set<string>();
  const result = new Map<string, string>();
  const later: string[] = [];
  for (const h of sorted) {
    const up = upperDos(hostToDosBytes(h) ?? '');
    if (isValid83(h) && !taken.has(up)) {
      taken.add(up);
      result.set(h, up);
    } else later.push(h);
  }
  // Where the search for a free N starts, for each run of candidates: a candidate is the base's
  // first 6 characters at most (fewer as N grows) and the extension, so names alike in those
  // try the same candidates in the same order. Every N below the start was taken when a search
  // passed it and stays taken, so the smallest free N is still found. Searching from 1 each
  // time made a folder of names with one prefix quadratic (5,000 names
  // "source_file_number_N.txt", all SOURCE~N.TXT: 1.4 s a listing).
  const searchFrom = new Map<string, number>();
  for (const h of later) {
    const trimmed = h.replace(/^\.+/, '');
    const dot = trimmed.lastIndexOf('.');
    let base = shortChars(dot > 0 ? trimmed.slice(0, dot) : trimmed);
    const ext = shortChars(dot > 0 ? trimmed.slice(dot + 1) : '').slice(0, 3);
    if (!base) base = '_';
    const key = `${base.slice(0, 6)}.${ext}`;
    for (let n = searchFrom.get(key) ?? 1; ; n++) {
      const tail = `~${n}`;
      const candidate = base.slice(0, 8 - tail.length) + tail + (ext ? `.${ext}` : '');
      if (!taken.has(candidate)) {
        taken.add(candidate);
        result.set(h, candidate);
        searchFrom.set(key, n + 1);
        break;
      }
    }
  }
  return hostNames.map((h) => ({ host: h, dos: result.get(h) as string }));
}

/** Device names DOS recognises in any directory and with any extension. */
export function deviceBaseName(fcb: string): string {
  return fcb.slice(0, 8).replace(/ +$/, '');
}
