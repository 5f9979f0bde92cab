// DIR [path] [/W] [/P] [/S] [/B] [/O[:]order] [/A[:]attributes], with MS-DOS 5's layout:
//
//  Volume in drive C has no label
//  Directory of C:\SRC
//
// MAIN     C         1234 12-05-92  10:00a
// LIB          <DIR>     12-05-92  10:00a
//         2 file(s)       1234 bytes
//                     52428800 bytes free
//
// A file line is the name (8) and extension (3) apart, the size right-aligned in 10 columns (or
// <DIR>), the date mm-dd-yy and the time in 12-hour form with a/p. Options may also come from the
// DIRCMD variable, as in MS-DOS 5.
import type { Syscall } from '../protocol';
import type { Internal, Shell } from '../shell';
import { MSG, fmt } from '../messages';
import { ATTR, type FoundFile } from '../guest-calls';
import { splitSwitches } from '../command-line';
import { serialLine, volumeLine } from './system';

/** Lines per screen for /P before "Press any key to continue . . .". */
const PAGE_LINES = 23;

interface DirOptions {
  wide: boolean;
  page: boolean;
  subdirs: boolean;
  bare: boolean;
  order: string | null;
  /** Attribute filter: [mask, want] pairs; null = default (hide hidden and system). */
  attrs: [number, boolean][] | null;
}

const ATTR_LETTERS: Record<string, number> = { D: ATTR.DIRECTORY, H: ATTR.HIDDEN, S: ATTR.SYSTEM, R: ATTR.READ_ONLY, A: ATTR.ARCHIVE };

function parseOptions(switches: string[]): DirOptions | string {
  const o: DirOptions = { wide: false, page: false, subdirs: false, bare: false, order: null, attrs: null };
  for (const s of switches) {
    const k = s[0];
    const v = s.slice(1).replace(/^:/, '');
    if (k === 'W') o.wide = true;
    else if (k === 'P') o.page = true;
    else if (k === 'S') o.subdirs = true;
    else if (k === 'B') o.bare = true;
    else if (k === 'L') continue;
    else if (k === 'O') o.order = v || 'GN';
    else if (k === 'A') {
      o.attrs = [];
      for (let i = 0; i < v.length; i++) {
        const neg = v[i] === '-';
        if (neg) i++;
        const m = ATTR_LETTERS[v[i]];
        if (m === undefined) return s;
        o.attrs.push([m, !neg]);
      }
    } else return s;
  }
  return o;
}

function shown(f: FoundFile, o: DirOptions): boolean {
  if (f.attr & ATTR.VOLUME) return false;
  if (o.attrs === null) return !(f.attr & (ATTR.HIDDEN | ATTR.SYSTEM));
  return o.attrs.every(([mask, want]) => ((f.attr & mask) !== 0) === want);
}

function compare(order: string, a: FoundFile, b: FoundFile): number {
  for (let i = 0; i < order.length; i++) {
    const neg = order[i] === '-';
    if (neg) i++;
    const k = order[i];
    const [an, ae] = splitName(a.name);
    const [bn, be] = splitName(b.name);
    let c = 0;
    if (k === 'N') c = an < bn ? -1 : an > bn ? 1 : ae < be ? -1 : ae > be ? 1 : 0;
    else if (k === 'E') c = ae < be ? -1 : ae > be ? 1 : 0;
    else if (k === 'D') c = a.date - b.date || a.time - b.time;
    else if (k === 'S') c = a.size - b.size;
    else if (k === 'G') c = (b.attr & ATTR.DIRECTORY) - (a.attr & ATTR.DIRECTORY);
    if (c) return neg ? -c : c;
  }
  return 0;
}

function splitName(name: string): [string, string] {
  if (name === '.' || name === '..') return [name, ''];
  const dot = name.indexOf('.');
  return dot < 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot + 1)];
}

export function dirDate(date: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two((date >> 5) & 15)}-${two(date & 31)}-${two(((date >> 9) + 80) % 100)}`;
}

export function dirTime(time: number): string {
  const h = time >> 11;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${String(h12).padStart(2)}:${String((time >> 5) & 63).padStart(2, '0')}${h < 12 ? 'a' : 'p'}`;
}

/** One file line of DIR (39 columns). */
export function dirLine(f: FoundFile): string {
  const [n, e] = splitName(f.name);
  const size = f.attr & ATTR.DIRECTORY ? ' <DIR>    ' : String(f.size).padStart(10);
  return `${n.padEnd(8)} ${e.padEnd(3)}${size} ${dirDate(f.date)}  ${dirTime(f.time)}`;
}

export function filesLine(count: number, bytes: number): string {
  return `${String(count).padStart(9)} file(s)${String(bytes).padStart(11)} bytes`;
}

export function freeLine(free: number): string {
  return `${String(free).padStart(28)} bytes free`;
}

class Pager {
  lines = 0;
  constructor(
    private readonly sh: Shell,
    private readonly on: boolean,
  ) {}
  *line(text: string): Syscall<void> {
    yield* this.sh.println(text);
    if (!this.on) return;
    if (++this.lines >= PAGE_LINES) {
      this.lines = 0;
      yield* this.sh.print(MSG.PAUSE);
      yield* this.sh.dos.readKey();
      yield* this.sh.print('\r\n\r\n');
    }
  }
}

function* dir(sh: Shell, tail: string): Syscall<void> {
  const dircmd = sh.env.get('DIRCMD') ?? '';
  const { args, switches } = splitSwitches(dircmd + ' ' + tail);
  const o = parseOptions(switches);
  if (typeof o === 'string') {
    yield* sh.println(`${MSG.INVALID_SWITCH} - /${o}`);
    return;
  }
  if (args.length > 1) {
    yield* sh.println(`${MSG.TOO_MANY_PARAMETERS} - ${args[1]}`);
    return;
  }
  let spec = args[0] ?? '';
  // A directory (or a drive, or nothing) means all of it; a name without extension means NAME.*.
  if (!spec || /[\\:]$/.test(spec) || spec === '.' || spec === '..') spec = spec + (/[\\:]$|^$/.test(spec) ? '*.*' : '\\*.*');
  else if (!/[*?]/.test(spec)) {
    const attr = yield* sh.dos.getAttributes(spec);
    if (attr >= 0 && attr & ATTR.DIRECTORY) spec += '\\*.*';
  }
  const slash = Math.max(spec.lastIndexOf('\\'), spec.lastIndexOf(':'));
  let dirPart = spec.slice(0, slash + 1);
  let pattern = spec.slice(slash + 1);
  if (!pattern.includes('.')) pattern += '.*';
  const full = yield* sh.dos.truename(dirPart || '.');
  if (typeof full === 'number') {
    yield* sh.println(full === -15 ? MSG.INVALID_DRIVE : MSG.PATH_NOT_FOUND);
    return;
  }
  const drive = full.charCodeAt(0) - 0x41;
  const pager = new Pager(sh, o.page);
  if (!o.bare) {
    const vol = yield* volumeLine(sh, drive);
    if (vol === null) {
      yield* sh.println(MSG.INVALID_DRIVE);
      return;
    }
    yield* pager.line('');
    yield* pager.line(vol);
    const serial = yield* serialLine(sh, drive);
    if (serial) yield* pager.line(serial);
  }
  dirPart = full.endsWith('\\') ? full : full + '\\';
  let totalFiles = 0;
  let totalBytes = 0;
  let dirsListed = 0;
  const listOne = function* (dirPath: string): Syscall<void> {
    const all = yield* sh.dos.findAll(dirPath + pattern, ATTR.DIRECTORY | ATTR.HIDDEN | ATTR.SYSTEM);
    let files = all.filter((f) => shown(f, o));
    if (o.order) {
      const order = o.order;
      files = [...files].sort((a, b) => compare(order, a, b));
    }
    if (o.bare) files = files.filter((f) => f.name !== '.' && f.name !== '..');
    if (files.length || !o.subdirs) {
      const display = dirPath.length > 3 ? dirPath.slice(0, -1) : dirPath;
      if (!o.bare) {
        if (files.length || dirsListed === 0) {
          yield* pager.line(fmt(MSG.DIRECTORY_OF, display));
          yield* pager.line('');
        }
      }
      if (files.length) {
        dirsListed++;
        let bytes = 0;
        let count = 0;
        let row = '';
        for (const f of files) {
          if (!(f.attr & ATTR.DIRECTORY)) bytes += f.size;
          count++;
          if (o.bare) yield* pager.line(o.subdirs ? dirPath + f.name : f.name);
          else if (o.wide) {
            const shownName = f.attr & ATTR.DIRECTORY ? `[${f.name}]` : f.name;
            row += shownName.padEnd(16);
            if (row.length >= 80) {
              yield* pager.line(row.trimEnd());
              row = '';
            }
          } else yield* pager.line(dirLine(f));
        }
        if (row) yield* pager.line(row.trimEnd());
        if (!o.bare) yield* pager.line(filesLine(count, bytes));
        totalFiles += count;
        totalBytes += bytes;
        if (o.subdirs && !o.bare) yield* pager.line('');
      }
    }
    if (o.subdirs) {
      const subs = yield* sh.dos.findAll(dirPath + '*.*', ATTR.DIRECTORY | ATTR.HIDDEN | ATTR.SYSTEM);
      for (const s of subs) {
        if (!(s.attr & ATTR.DIRECTORY) || s.name === '.' || s.name === '..') continue;
        yield* listOne(dirPath + s.name + '\\');
      }
    }
  };
  yield* listOne(dirPart);
  if (o.bare) {
    if (totalFiles === 0) yield* sh.println(MSG.FILE_NOT_FOUND);
    return;
  }
  if (totalFiles === 0) {
    yield* pager.line(MSG.FILE_NOT_FOUND);
    return;
  }
  if (o.subdirs) {
    yield* pager.line('Total files listed:'.padStart(24));
    yield* pager.line(filesLine(totalFiles, totalBytes));
  }
  const free = yield* sh.dos.diskFree(drive + 1);
  if (typeof free !== 'number') yield* pager.line(freeLine(free.free));
}

export const DIR_COMMANDS: Record<string, Internal> = { DIR: dir };
