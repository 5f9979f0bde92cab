// COPY, DEL/ERASE, REN/RENAME and TYPE, with MS-DOS 5's messages.
import type { Syscall } from '../protocol';
import type { Internal, Shell } from '../shell';
import { MSG, fmt } from '../messages';
import { ATTR, type FoundFile } from '../guest-calls';
import { splitSwitches } from '../command-line';

const CTRL_Z = 0x1a;

/** The directory part of a path, with its separator ("C:\SRC\" of "C:\SRC\*.C"). */
function dirOf(path: string): string {
  return /^(.*[\\:])?/.exec(path)?.[0] ?? '';
}

/** The files a name or pattern matches (not directories). */
function* matches(sh: Shell, spec: string): Syscall<FoundFile[]> {
  return (yield* sh.dos.findAll(spec, 0)).filter((f) => !(f.attr & (ATTR.DIRECTORY | ATTR.VOLUME)));
}

/** A name after a wildcard rename/copy target: '?' keeps the source character, '*' the rest of
 *  that part (name or extension), as DOS's 29h-style template does. */
export function applyTemplate(source: string, template: string): string {
  const [sn, se = ''] = splitDot(source);
  const [tn, te = ''] = splitDot(template);
  const part = (s: string, t: string) => {
    let out = '';
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '*') return out + s.slice(i);
      out += t[i] === '?' ? (s[i] ?? '') : t[i];
    }
    return out;
  };
  const n = part(sn, tn);
  const e = part(se, te);
  return e ? `${n}.${e}` : n;
}

function splitDot(name: string): [string, string?] {
  const dot = name.indexOf('.');
  return dot < 0 ? [name] : [name.slice(0, dot), name.slice(dot + 1)];
}

function* isDirectory(sh: Shell, path: string): Syscall<boolean> {
  if (/^[A-Za-z]:$/.test(path) || /[\\:]$/.test(path) || path === '.' || path === '..') return true;
  const attr = yield* sh.dos.getAttributes(path);
  return attr >= 0 && (attr & ATTR.DIRECTORY) !== 0;
}

/** Copies bytes from an open handle to another; `ascii` stops at the first Ctrl-Z. Returns
 *  false on a write error. */
function* pump(sh: Shell, from: number, to: number, ascii: boolean): Syscall<boolean> {
  for (;;) {
    const chunk = yield* sh.dos.read(from, sh.dos.dataSize);
    if (typeof chunk === 'number' || chunk.length === 0) return true;
    let data = chunk;
    const z = ascii ? data.indexOf(CTRL_Z) : -1;
    if (z >= 0) data = data.subarray(0, z);
    if (data.length && (yield* sh.dos.write(to, data)) !== data.length) return false;
    if (z >= 0) return true;
  }
}

/** COPY src[+src...] [dest] [/A] [/B] [/V]. One source (wildcards allowed) copies file by file,
 *  keeping each file's date and time; '+' concatenates into one file (text mode: each source up
 *  to its Ctrl-Z, one Ctrl-Z at the end). */
function* copy(sh: Shell, tail: string): Syscall<void> {
  const { args, switches } = splitSwitches(tail.replace(/[ \t]*\+[ \t]*/g, '+'));
  if (args.length === 0) {
    yield* sh.println(MSG.REQUIRED_PARAMETER);
    return;
  }
  if (args.length > 2) {
    yield* sh.println(MSG.TOO_MANY_PARAMETERS);
    return;
  }
  const sources = args[0].split('+').filter((s) => s);
  const concat = sources.length > 1;
  const ascii = switches.includes('A') || (concat && !switches.includes('B'));
  let dest = args[1] ?? '';
  let copied = 0;
  if (!concat) {
    const src = sources[0];
    const device = /^(CON|AUX|PRN|NUL|COM\d|LPT\d)(:)?$/i.test(src);
    const list = device ? [{ name: src.replace(/:$/, ''), attr: 0, time: 0, date: 0, size: 0 }] : yield* matches(sh, /^[A-Za-z]:$|[\\:]$/.test(src) ? src + '*.*' : (yield* isDirectory(sh, src)) ? src + '\\*.*' : src);
    if (list.length === 0) {
      yield* sh.println(`${MSG.FILE_NOT_FOUND} - ${src}`);
      yield* sh.println(fmt(MSG.FILES_COPIED, '        0'.slice(-9)));
      return;
    }
    const srcDir = device ? '' : /^[A-Za-z]:$|[\\:]$/.test(src) ? src : (yield* isDirectory(sh, src)) && !/[*?]/.test(src) ? src + '\\' : dirOf(src);
    const destIsDir = dest === '' || (yield* isDirectory(sh, dest));
    const multi = list.length > 1 || /[*?]/.test(src);
    for (const f of list) {
      const from = srcDir + f.name;
      let to: string;
      if (destIsDir) to = (dest === '' ? '' : /[\\:]$/.test(dest) ? dest : dest + '\\') + f.name;
      else to = /[*?]/.test(dest) ? dirOf(dest) + applyTemplate(f.name, dest.slice(dirOf(dest).length)) : dest;
      if (multi) yield* sh.println(from.toUpperCase());
      const a = yield* sh.dos.truename(from);
      const b = yield* sh.dos.truename(to);
      if (typeof a === 'string' && a === b) {
        yield* sh.println(MSG.FILE_CANNOT_BE_COPIED_ONTO_ITSELF);
        continue;
      }
      // A device is copied as text (to its Ctrl-Z) unless /B says otherwise: COPY CON FILE.
      const text = switches.includes('A') || (device && !switches.includes('B'));
      const ok = yield* copyFile(sh, from, to, text, multi && !destIsDir && copied > 0, !device);
      if (!ok) break;
      copied++;
    }
  } else {
    if (!dest) dest = sources[0];
    const out = yield* sh.dos.truename(dest);
    let h = -1;
    let first = 0;
    const firstTrue = yield* sh.dos.truename(sources[0]);
    if (typeof out === 'string' && out === firstTrue) {
      // COPY A+B A: append to A (over its Ctrl-Z).
      h = yield* sh.dos.open(dest, 2);
      if (h >= 0) {
        const size = yield* sh.dos.seek(h, 2, 0);
        if (size > 0) {
          yield* sh.dos.seek(h, 0, size - 1);
          const last = yield* sh.dos.read(h, 1);
          if (typeof last !== 'number' && last[0] === CTRL_Z) yield* sh.dos.seek(h, 0, size - 1);
        }
        first = 1;
        copied = 1;
      }
    }
    if (h < 0) h = yield* sh.dos.create(dest);
    if (h < 0) {
      yield* sh.println(MSG.ACCESS_DENIED);
      yield* sh.println(fmt(MSG.FILES_COPIED, '        0'.slice(-9)));
      return;
    }
    for (const s of sources.slice(first)) {
      for (const f of yield* matches(sh, s)) {
        const path = dirOf(s) + f.name;
        const t = yield* sh.dos.truename(path);
        if (t === out) {
          yield* sh.println(MSG.CONTENT_LOST);
          continue;
        }
        const r = yield* sh.dos.open(path, 0);
        if (r < 0) continue;
        yield* sh.println(path.toUpperCase());
        yield* pump(sh, r, h, ascii);
        yield* sh.dos.close(r);
        copied = 1;
      }
    }
    if (ascii) yield* sh.dos.write(h, Uint8Array.of(CTRL_Z));
    yield* sh.dos.close(h);
  }
  yield* sh.println(fmt(MSG.FILES_COPIED, String(copied).padStart(9)));
}

function* copyFile(sh: Shell, from: string, to: string, ascii: boolean, append: boolean, keepTime: boolean): Syscall<boolean> {
  const r = yield* sh.dos.open(from, 0);
  if (r < 0) {
    yield* sh.println(`${MSG.FILE_NOT_FOUND} - ${from}`);
    return false;
  }
  let w = -1;
  if (append) {
    w = yield* sh.dos.open(to, 2);
    if (w >= 0) yield* sh.dos.seek(w, 2, 0);
  }
  if (w < 0) w = yield* sh.dos.create(to);
  if (w < 0) {
    yield* sh.dos.close(r);
    yield* sh.println(MSG.ACCESS_DENIED);
    return false;
  }
  const ok = yield* pump(sh, r, w, ascii);
  if (ascii) yield* sh.dos.write(w, Uint8Array.of(CTRL_Z));
  if (keepTime && !append) {
    const t = yield* sh.dos.int21({ ax: 0x5700, bx: r });
    yield* sh.dos.int21({ ax: 0x5701, bx: w, cx: t.cx, dx: t.dx });
  }
  yield* sh.dos.close(w);
  yield* sh.dos.close(r);
  return ok;
}

/** DEL/ERASE file: "*.*" asks first, as MS-DOS 5 does. */
function* del(sh: Shell, tail: string): Syscall<void> {
  const { args, switches } = splitSwitches(tail);
  if (args.length === 0) {
    yield* sh.println(MSG.REQUIRED_PARAMETER);
    return;
  }
  let spec = args[0];
  if (yield* isDirectory(sh, spec)) spec = /[\\:]$/.test(spec) ? spec + '*.*' : spec + '\\*.*';
  const base = spec.slice(dirOf(spec).length);
  if (/^\*(\.\*)?$/.test(base) || base === '????????.???') {
    yield* sh.print(MSG.ALL_FILES);
    const answer = (yield* sh.readLine()).trim().toUpperCase();
    if (answer !== 'Y') return;
  }
  const files = yield* matches(sh, spec);
  if (files.length === 0) {
    yield* sh.println(MSG.FILE_NOT_FOUND);
    return;
  }
  for (const f of files) {
    const path = dirOf(spec) + f.name;
    if (switches.includes('P')) {
      yield* sh.print(`${path.toUpperCase()},    Delete (Y/N)?`);
      const key = String.fromCharCode(yield* sh.dos.readKey()).toUpperCase();
      yield* sh.print(key + '\r\n');
      if (key !== 'Y') continue;
    }
    if ((yield* sh.dos.unlink(path)) < 0) yield* sh.println(MSG.ACCESS_DENIED);
  }
}

/** REN old new: new is a name (no path), '?' and '*' taken from each old name. */
function* ren(sh: Shell, tail: string): Syscall<void> {
  const { args } = splitSwitches(tail);
  if (args.length < 2) {
    yield* sh.println(MSG.REQUIRED_PARAMETER);
    return;
  }
  if (/[\\:]/.test(args[1])) {
    yield* sh.println(MSG.INVALID_PARAMETER);
    return;
  }
  const files = yield* matches(sh, args[0]);
  if (files.length === 0) {
    yield* sh.println(MSG.DUPLICATE_FILE);
    return;
  }
  const dir = dirOf(args[0]);
  for (const f of files) {
    const to = dir + applyTemplate(f.name, args[1]);
    if ((yield* sh.dos.rename(dir + f.name, to)) < 0) yield* sh.println(MSG.DUPLICATE_FILE);
  }
}

/** TYPE file: its text to standard output, up to the first Ctrl-Z. */
function* type(sh: Shell, tail: string): Syscall<void> {
  const { args } = splitSwitches(tail);
  if (args.length === 0) {
    yield* sh.println(MSG.REQUIRED_PARAMETER);
    return;
  }
  if (/[*?]/.test(args[0])) {
    yield* sh.println(MSG.INVALID_PARAMETER);
    return;
  }
  const h = yield* sh.dos.open(args[0], 0);
  if (h < 0) {
    yield* sh.println(h === -3 ? MSG.PATH_NOT_FOUND : `${MSG.FILE_NOT_FOUND} - ${args[0]}`);
    return;
  }
  yield* pump(sh, h, 1, true);
  yield* sh.dos.close(h);
}

export const FILE_COMMANDS: Record<string, Internal> = {
  COPY: copy,
  DEL: del,
  ERASE: del,
  REN: ren,
  RENAME: ren,
  TYPE: type,
};
