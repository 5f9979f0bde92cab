// DOS path -> host path. A DOS path ("C:..\SRC\MAIN.C", "\TMP\X", "/TMP/X") is read as MS-DOS 5
// reads it (drive, the drive's current directory as the kernel keeps it, "\" or "/" separators, "." and
// "..", names upper-cased and cut to 8.3, device names in any directory), then matched one
// component at a time against the host folder, case-insensitively, through the short names of
// names.ts. Nothing outside the drive's folder is reachable (docs/DESIGN.md "Host files and drives"):
// ".." past the root, a path that names a host absolute path, and symbolic links that lead
// outside all give error 5.
import { DOS_ERROR } from './errors';
import { dosErrorOf } from './host-errors';
import { parseComponent, fromFcbForm, nameDirectory, deviceBaseName, dosToHostName, isValid83, hostToDosBytes, upperDos, type NamedEntry } from './names';
import { deviceByName, type Device } from './devices';
import type { Drive, Drives } from './drives';
import {
  listDirectory,
  statPath,
  entryExists,
  isSymbolicLink,
  realPath,
  isWithin,
  joinPath,
  assertInside,
  type HostStat,
} from '../host/fs';

export interface ResolvedPath {
  drive: Drive;
  /** DOS names after the root; existing entries appear under the names the guest sees. */
  components: string[];
  /** Canonical "C:\DIR\NAME.EXT". */
  dosPath: string;
  /** The last component in FCB form ("NAME    EXT"); '' for the root itself. */
  fcbName: string;
  /** The last component holds `?` or `*`. */
  wild: boolean;
  /** Host folder holding the last component (the drive root for the root itself). */
  parentHost: string;
  /** Host path of the entry: the existing one, or where a new one would be created. */
  hostPath: string;
  /** The entry exists (a dangling link does not). */
  stat: HostStat | null;
  /** Set when the last component names a character device. */
  device?: Device;
}

export interface ResolveOptions {
  /** Allow wildcards in the last component (find first, FCB search, delete by FCB). */
  wildcards?: boolean;
}

const E = DOS_ERROR;

/** A typed path split into drive and components, before any host lookup. */
interface ParsedPath {
  drive: number;
  components: string[]; // FCB-form names of the components (after "." and ".." are applied)
  wild: boolean;
}

/** A listed host folder, kept up to date by the kernel's own changes (changed()). */
interface NamedFolder {
  /** The folder's modification time when the listing was last known to be current. */
  mtimeMs: number;
  /** The listing may be reused while mtimeMs holds: it was listed while the folder was settled,
   *  or the kernel itself made the last change. */
  trusted: boolean;
  byDos: Map<string, NamedEntry>;
  byHost: Map<string, NamedEntry>;
  /** The upper-cased host names of entries shown under a made-up short name ("readme.txt" when
   *  "README.TXT" is there too): removing the name they lost to would rename them. */
  shadowed: Set<string>;
  /** The entries as an array, made on demand. */
  list: NamedEntry[] | null;
  /** Changes every time the listing does (directory searches key their sorted copy on it). */
  version: number;
}
/** A folder unchanged for this long (ms) may be kept listed: a change made just after a listing
 *  can leave the folder's modification time as it was when the file system keeps coarse times
 *  (FAT's 2 s, HFS+'s 1 s). */
const SETTLED_MS = 2000;
/** The same where the folder's time shows a fine-grained file system (not a whole 10 ms): there
 *  the times come from the kernel's coarse clock, which ticks every 1-10 ms. A folder the host
 *  changed just before a run (a build step, the previous run) is then trusted after 100 ms
 *  instead of being listed again at every lookup for 2 s (13 listings of CL 5.10's folder in a
 *  run that followed another, against 4). */
const SETTLED_FINE_MS = 100;

/** How long a folder with modification time `mtimeMs` must stay unchanged to be kept listed. */
function settledAfter(mtimeMs: number): number {
  return mtimeMs % 10 !== 0 ? SETTLED_FINE_MS : SETTLED_MS;
}
/** Listed folders kept at most (the oldest is dropped first). */
const MAX_FOLDERS = 256;

/** How often the host was asked to list a folder (tests check that folder work stays incremental). */
export const folderListings = { count: 0 };

function namedFolder(mtimeMs: number, trusted: boolean, entries: NamedEntry[], version: number): NamedFolder {
  const byDos = new Map<string, NamedEntry>();
  const byHost = new Map<string, NamedEntry>();
  const shadowed = new Set<string>();
  for (const e of entries) {
    byDos.set(e.dos, e);
    byHost.set(e.host, e);
    if (isAlias(e)) shadowed.add(upperDos(hostToDosBytes(e.host) ?? ''));
  }
  return { mtimeMs, trusted, byDos, byHost, shadowed, list: entries, version };
}

/** The entry is shown under a made-up short name, not its own. */
function isAlias(e: NamedEntry): boolean {
  return !isValid83(e.host) || upperDos(hostToDosBytes(e.host) ?? '') !== e.dos;
}

export class PathResolver {
  private readonly folders = new Map<string, NamedFolder>();
  /** The last listing version handed out (each machine counts its own). */
  private folderVersions = 0;

  constructor(
    private readonly drives: Drives,
    private readonly currentDrive: () => number,
  ) {}

  /** Reads the DOS syntax of a path; a number is a DOS error. */
  private parse(text: string, options: ResolveOptions): ParsedPath | number {
    let s = text;
    let drive = this.currentDrive();
    if (s.length >= 2 && s[1] === ':') {
      const c = s.charCodeAt(0) | 0x20;
      if (c < 0x61 || c > 0x7a) return E.PATH_NOT_FOUND;
      drive = c - 0x61;
      s = s.slice(2);
    }
    if (!this.drives.isValid(drive)) return E.PATH_NOT_FOUND;
    // '/' is a separator like '\\' (never a host absolute path): "C:/%PIPE1.$$$" is C:\%PIPE1.$$$.
    const absolute = s.startsWith('\\') || s.startsWith('/');
    const stack: string[] = absolute ? [] : this.drives.currentDirectory(drive).map((c) => {
      const p = parseComponent(c);
      return 'fcb' in p ? p.fcb : c;
    });
    const parts = s.split(/[\\/]/).filter((p) => p.length > 0);
    let wild = false;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if (part === '.') continue;
      if (part === '..') {
        if (stack.length === 0) return E.ACCESS_DENIED; // above the drive's root: an escape
        stack.pop();
        continue;
      }
      if (/^\.+$/.test(part)) return E.PATH_NOT_FOUND;
      const parsed = parseComponent(part);
      if ('error' in parsed) return E.PATH_NOT_FOUND;
      if (parsed.wild) {
        if (!last) return E.PATH_NOT_FOUND;
        if (!options.wildcards) return E.FILE_NOT_FOUND;
        wild = true;
      }
      stack.push(parsed.fcb);
    }
    return { drive, components: stack, wild };
  }

  /** The entries of a host folder under their DOS names, or a DOS error. */
  listNamed(hostDir: string): NamedEntry[] | number {
    const d = this.folder(hostDir);
    if (typeof d === 'number') return d;
    d.list ??= [...d.byHost.values()];
    return d.list;
  }

  /** A number that changes whenever the listing of `hostDir` may have (-1 for an error). */
  listingVersion(hostDir: string): number {
    const d = this.folder(hostDir);
    return typeof d === 'number' ? -1 : d.version;
  }

  /** The host entry a DOS name stands for in a host folder, or a DOS error / undefined. `known`
   *  is the folder's stat when the caller has just taken it. */
  private lookup(hostDir: string, dosName: string, known: HostStat | null = null): NamedEntry | undefined | number {
    const d = this.folder(hostDir, known);
    return typeof d === 'number' ? d : d.byDos.get(dosName);
  }

  /**
   * A host folder's names. A listing is reused while the folder's modification time is the one
   * it was known current at, and only when that is trustworthy: the folder had not changed for a
   * while when it was listed (a host clock that ticks coarsely could give a change made just after
   * a listing the same time), or the last change was the kernel's own, applied to the listing by
   * changed(). So a program creating thousands of files does not re-list the folder per call
   * (issue 14: creating files was quadratic), while a change made by another host process is seen.
   */
  private folder(hostDir: string, known: HostStat | null = null): NamedFolder | number {
    let st: HostStat | null = known;
    try {
      st ??= statPath(hostDir);
    } catch (err) {
      return dosErrorOf(err);
    }
    if (!st || st.kind !== 'dir') return E.PATH_NOT_FOUND;
    const cached = this.folders.get(hostDir);
    if (cached && cached.trusted && cached.mtimeMs === st.mtimeMs) return cached;
    let names: string[];
    try {
      folderListings.count++;
      names = listDirectory(hostDir);
    } catch (err) {
      return dosErrorOf(err);
    }
    const folder = namedFolder(st.mtimeMs, Date.now() - st.mtimeMs > settledAfter(st.mtimeMs), nameDirectory(names), ++this.folderVersions);
    this.remember(hostDir, folder);
    return folder;
  }

  private remember(hostDir: string, folder: NamedFolder): void {
    this.folders.delete(hostDir);
    this.folders.set(hostDir, folder);
    if (this.folders.size > MAX_FOLDERS) this.folders.delete(this.folders.keys().next().value as string);
  }

  /**
   * The kernel has just removed `removed` and/or added `added` (host names) in `hostDir`: the
   * listing is updated in place and stays trusted at the folder's new modification time. When
   * the change could rename other entries (a made-up short name involved), or the listing was not
   * current, the folder is listed again at its next use.
   */
  changed(hostDir: string, removed: string | null, added: string | null): void {
    const f = this.folders.get(hostDir);
    if (!f) return;
    this.folders.delete(hostDir);
    let st: HostStat | null;
    try {
      st = statPath(hostDir);
    } catch {
      return;
    }
    if (!st || st.kind !== 'dir') return;
    if (removed !== null) {
      const e = f.byHost.get(removed);
      if (!e || isAlias(e) || f.shadowed.has(e.dos)) return;
      f.byHost.delete(removed);
      f.byDos.delete(e.dos);
    }
    if (added !== null) {
      const dos = upperDos(hostToDosBytes(added) ?? '');
      if (!isValid83(added) || f.byDos.has(dos) || f.byHost.has(added)) return;
      const e = { host: added, dos };
      f.byHost.set(added, e);
      f.byDos.set(dos, e);
    }
    f.list = null;
    f.version = ++this.folderVersions;
    f.mtimeMs = st.mtimeMs;
    f.trusted = true;
    this.remember(hostDir, f);
  }

  /** Checks that a host entry stays inside the drive (following links); 0 or a DOS error. */
  private containment(drive: Drive, hostPath: string): number {
    if (!isSymbolicLink(hostPath)) return 0;
    let real: string;
    try {
      real = realPath(hostPath);
    } catch {
      return E.ACCESS_DENIED; // a dangling link: where it leads cannot be checked
    }
    return isWithin(drive.root, real) ? 0 : E.ACCESS_DENIED;
  }

  /** The last check on a path about to be returned: its folder, links resolved, is inside the
   *  drive and the entry is no link out. 0 or error 5. (The host calls check again as they act.) */
  private confined(drive: Drive, hostPath: string): number {
    try {
      assertInside(drive.root, hostPath);
      return 0;
    } catch {
      return E.ACCESS_DENIED;
    }
  }

  private deviceResult(drive: Drive, dev: Device, fcb: string): ResolvedPath {
    return {
      drive,
      components: [dev.name],
      dosPath: `${drive.letter}:/${dev.name}`,
      fcbName: fcb.slice(0, 8) + '   ',
      wild: false,
      parentHost: drive.root,
      hostPath: '',
      stat: null,
      device: dev,
    };
  }

  /** Resolves a DOS path; a number is a DOS error (a host failure on the way, such as a folder
   *  the host will not let us read, becomes its DOS error too). */
  resolve(text: string, options: ResolveOptions = {}): ResolvedPath | number {
    try {
      return this.resolveOrThrow(text, options);
    } catch (err) {
      return dosErrorOf(err);
    }
  }

  private resolveOrThrow(text: string, options: ResolveOptions): ResolvedPath | number {
    const parsed = this.parse(text, options);
    if (typeof parsed === 'number') return parsed;
    const drive = this.drives.get(parsed.drive) as Drive;
    const comps = parsed.components;
    const letter = drive.letter;

    let host = drive.root;
    // The stat of `host` when this walk has just taken it (each folder is stat'ed once a walk).
    let hostStat: HostStat | null = null;
    const names: string[] = [];
    for (let i = 0; i < comps.length - 1; i++) {
      const want = fromFcbForm(comps[i]);
      const hit = this.lookup(host, want, hostStat);
      if (typeof hit === 'number') return hit;
      if (!hit) {
        const dev = comps.length === 2 && want === 'DEV' && deviceByName(deviceBaseName(comps[1]));
        if (dev) return this.deviceResult(drive, dev, comps[1]);
        return E.PATH_NOT_FOUND;
      }
      const next = joinPath(host, hit.host);
      const escape = this.containment(drive, next);
      if (escape) return escape;
      const st = statPath(next);
      if (!st || st.kind !== 'dir') return E.PATH_NOT_FOUND;
      host = next;
      hostStat = st;
      names.push(hit.dos);
    }

    // Device names are found in any existing directory (and in the pseudo-directory \DEV), with any
    // extension, before the disk is asked.
    if (comps.length > 0 && !parsed.wild) {
      const dev = deviceByName(deviceBaseName(comps[comps.length - 1]));
      if (dev) return this.deviceResult(drive, dev, comps[comps.length - 1]);
    }

    if (comps.length === 0) {
      return {
        drive,
        components: [],
        dosPath: `${letter}:\\`,
        fcbName: '',
        wild: false,
        parentHost: drive.root,
        hostPath: drive.root,
        stat: statPath(drive.root),
      };
    }

    const fcbName = comps[comps.length - 1];
    const want = fromFcbForm(fcbName);
    let hostName = dosToHostName(want); // a new entry is created under its DOS name
    let stat: HostStat | null = null;
    if (!parsed.wild) {
      const hit = this.lookup(host, want, hostStat);
      if (typeof hit === 'number') return hit;
      if (hit) {
        hostName = hit.host;
        const path = joinPath(host, hit.host);
        // No containment() here: confined() below checks this entry's link, if it is one, with
        // its folder, and a link out is error 5 either way.
        stat = statPath(path);
        if (!stat && entryExists(path)) return E.ACCESS_DENIED;
      }
    }
    names.push(want);
    const hostPath = joinPath(host, hostName);
    const outside = this.confined(drive, hostPath);
    if (outside) return outside;
    return {
      drive,
      components: names,
      dosPath: `${letter}:\\${names.join('\\')}`,
      fcbName,
      wild: parsed.wild,
      parentHost: host,
      hostPath,
      stat,
    };
  }

  /**
   * INT 21h/60h: the canonical form of a path without requiring it to exist — existing
   * components under their DOS names, missing ones upper-cased and cut to 8.3, `*` shown as `?`,
   * devices as "C:/CON" (as MS-DOS 5 shows them).
   */
  truename(text: string): string | number {
    try {
      return this.truenameOrThrow(text);
    } catch (err) {
      return dosErrorOf(err);
    }
  }

  private truenameOrThrow(text: string): string | number {
    const parsed = this.parse(text, { wildcards: true });
    if (typeof parsed === 'number') return parsed;
    const drive = this.drives.get(parsed.drive) as Drive;
    const comps = parsed.components;
    if (comps.length > 0 && !parsed.wild) {
      const dev = deviceByName(deviceBaseName(comps[comps.length - 1]));
      if (dev) return `${drive.letter}:/${dev.name}`;
    }
    let host: string | null = drive.root;
    const names: string[] = [];
    for (const fcb of comps) {
      const want = fromFcbForm(fcb);
      if (host !== null) {
        const found = this.lookup(host, want);
        const hit = typeof found === 'number' ? undefined : found;
        if (hit) {
          const next = joinPath(host, hit.host);
          const escape = this.containment(drive, next);
          if (escape) return escape;
          host = statPath(next)?.kind === 'dir' ? next : null;
        } else host = null;
      }
      names.push(want);
    }
    return `${drive.letter}:\\${names.join('\\')}`;
  }
}
