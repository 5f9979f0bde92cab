// The host file system as the DOS kernel sees it: the only module that touches node:fs.
// Positioned reads and writes (the DOS position lives in the SFT, not here), stat, directory
// listings, rename, mkdir, unlink, chmod for the read-only bit, realpath for the escape check.
// Every failure is a HostFsError with a typed code; the DOS layer maps it to a DOS error.
import { chmodSync, closeSync, constants, fstatSync, fsyncSync, ftruncateSync, lstatSync, mkdirSync, openSync, readSync, readdirSync, realpathSync, renameSync, rmdirSync, statSync, statfsSync, unlinkSync, utimesSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';

/** What went wrong on the host, independent of the errno spelling of the platform. */
export type HostErrorCode =
  | 'not-found'
  | 'not-dir'
  | 'is-dir'
  | 'exists'
  | 'access'
  | 'not-empty'
  | 'too-many-open'
  | 'no-space'
  | 'cross-device'
  | 'busy'
  | 'read-only-fs'
  | 'name-too-long'
  | 'loop'
  | 'invalid'
  | 'io';

export class HostFsError extends Error {
  constructor(
    readonly code: HostErrorCode,
    readonly errno: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostFsError';
  }
}

const ERRNO_CODES: Record<string, HostErrorCode> = {
  ENOENT: 'not-found',
  ENOTDIR: 'not-dir',
  EISDIR: 'is-dir',
  EEXIST: 'exists',
  EACCES: 'access',
  EPERM: 'access',
  ENOTEMPTY: 'not-empty',
  EMFILE: 'too-many-open',
  ENFILE: 'too-many-open',
  ENOSPC: 'no-space',
  EDQUOT: 'no-space',
  EFBIG: 'no-space',
  EXDEV: 'cross-device',
  EBUSY: 'busy',
  ETXTBSY: 'busy',
  EROFS: 'read-only-fs',
  ENAMETOOLONG: 'name-too-long',
  ELOOP: 'loop',
  EINVAL: 'invalid',
  EBADF: 'invalid',
};

function toHostError(err: unknown): HostFsError {
  if (err instanceof HostFsError) return err;
  const e = err as NodeJS.ErrnoException;
  const errno = typeof e?.code === 'string' ? e.code : 'EIO';
  return new HostFsError(ERRNO_CODES[errno] ?? 'io', errno, e?.message ?? String(err));
}

/** Runs a node:fs call and rethrows its failure as a HostFsError. */
function host<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toHostError(err);
  }
}

export interface HostStat {
  kind: 'file' | 'dir' | 'other';
  size: number;
  /** Last modification, ms since the epoch. */
  mtimeMs: number;
  /** The owner-write permission bit (DOS shows its absence as the read-only attribute). */
  writable: boolean;
}

function toStat(s: Stats): HostStat {
  return {
    kind: s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other',
    size: s.size,
    mtimeMs: s.mtimeMs,
    writable: (s.mode & 0o200) !== 0,
  };
}

/** stat() following symbolic links; null when nothing is there (or a link dangles). A missing
 *  entry is an answer, not an exception (an exception costs a stack trace: the DOS kernel asks
 *  about missing files all the time, e.g. a compiler searching its INCLUDE path). */
export function statPath(path: string): HostStat | null {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st ? toStat(st) : null;
  } catch (err) {
    const e = toHostError(err);
    if (e.code === 'not-found' || e.code === 'not-dir' || e.code === 'loop') return null;
    throw e;
  }
}

/** True when a directory entry exists at `path` itself (a dangling symbolic link counts). */
export function entryExists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** True when the entry at `path` is itself a symbolic link (not followed). */
export function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  } catch {
    return false;
  }
}

/** The canonical absolute path with every symbolic link resolved. */
export function realPath(path: string): string {
  return host(() => realpathSync.native(path));
}

/** The names in a directory (without "." and ".."), in the host's order. */
export function listDirectory(path: string): string[] {
  return host(() => readdirSync(path));
}

export function makeDirectory(path: string, area?: HostArea): void {
  guardChange(area, path);
  host(() => mkdirSync(path));
}

export function removeDirectory(path: string, area?: HostArea): void {
  guardChange(area, path);
  host(() => rmdirSync(path));
}

export function removeFile(path: string, area?: HostArea): void {
  guardChange(area, path);
  host(() => unlinkSync(path));
}

/** Renames without replacing: an existing target is an error, as in DOS. With `area`, both names
 *  must stay inside its folder and the area be writable (as for every name-based change here). */
export function renamePath(from: string, to: string, area?: HostArea): void {
  guardChange(area, from);
  guardChange(area, to);
  if (entryExists(to) && nodePath.resolve(from) !== nodePath.resolve(to)) {
    // A case-only rename on a case-insensitive host names the same entry; anything else exists.
    let same = false;
    try {
      same = statSync(from).ino === statSync(to).ino;
    } catch {
      same = false;
    }
    if (!same) throw new HostFsError('exists', 'EEXIST', `rename target exists: ${to}`);
  }
  host(() => renameSync(from, to));
}

/** Sets or clears the write permission bits (the DOS read-only attribute). */
export function setWritable(path: string, writable: boolean, area?: HostArea): void {
  guardChange(area, path);
  host(() => {
    const mode = statSync(path).mode & 0o7777;
    chmodSync(path, writable ? mode | 0o200 : mode & ~0o222);
  });
}

/** Sets the modification time (INT 21h/57h). */
export function setModified(path: string, when: Date, area?: HostArea): void {
  guardChange(area, path);
  host(() => utimesSync(path, when, when));
}

export interface HostSpace {
  /** Bytes free for an unprivileged user. */
  free: number;
  total: number;
}

/** Free and total space of the file system holding `path`. */
export function diskSpace(path: string): HostSpace {
  return host(() => {
    const s = statfsSync(path);
    return { free: Number(s.bavail) * Number(s.bsize), total: Number(s.blocks) * Number(s.bsize) };
  });
}

/** The part of the host file system a drive gives the guest: a canonical folder nothing may
 *  leave, and whether the guest may change anything in it. */
export interface HostArea {
  readonly root: string;
  readonly readOnly?: boolean;
}

/** The refusal of a change on a read-only drive (DOS shows it as error 5, access denied). */
function readOnlyError(path: string): HostFsError {
  return new HostFsError('access', 'EROFS', `read-only drive: ${path}`);
}

/** Checks a name-based change: inside the area and the area writable. */
function guardChange(area: HostArea | undefined, path: string): void {
  if (area === undefined) return;
  if (area.readOnly) throw readOnlyError(path);
  assertInside(area.root, path);
}

export interface OpenFlags {
  read: boolean;
  write: boolean;
  /** Create the file when missing. */
  create?: boolean;
  /** Fail with 'exists' when the file is there already (with create). */
  exclusive?: boolean;
  /** Cut the file to zero length. */
  truncate?: boolean;
}

/** An open host file. It satisfies the DOS layer's HostObject shape (positioned read/write,
 *  size, truncate, commit, close) without importing it: the host layer knows nothing of DOS. */
export class HostFile {
  private fd: number;

  private constructor(
    fd: number,
    readonly hostPath: string,
  ) {
    this.fd = fd;
  }

  /**
   * Opens `path`. With `area`, nothing is written on a read-only drive, and the file opened must
   * lie inside the area's (canonical) folder: after the
   * open, the descriptor's file is compared (device and inode) with what the path's canonical
   * form names, and that form must be inside `root`. A host process that swaps the file for a
   * link pointing out between the DOS layer's checks and this open therefore gets 'access', not
   * the outside file. Truncation waits until the check has passed (O_TRUNC would cut the file
   * before it), and a created file is never reached through a link (O_EXCL does not follow one).
   */
  static open(path: string, flags: OpenFlags, area?: HostArea): HostFile {
    const root = area?.root;
    if (area?.readOnly && (flags.write || flags.create || flags.truncate)) throw readOnlyError(path);
    let f = flags.read && flags.write ? constants.O_RDWR : flags.write ? constants.O_WRONLY : constants.O_RDONLY;
    if (flags.create) f |= constants.O_CREAT;
    if (flags.exclusive) f |= constants.O_EXCL;
    if (flags.truncate && root === undefined) f |= constants.O_TRUNC;
    // A FIFO or device swapped in would block the open: never wait for one.
    if (root !== undefined) f |= constants.O_NONBLOCK;
    const fd = host(() => openSync(path, f, 0o666));
    const file = new HostFile(fd, path);
    if (root === undefined) return file;
    try {
      verifyOpened(fd, path, root);
      if (flags.truncate) host(() => ftruncateSync(fd, 0));
    } catch (err) {
      file.close();
      throw toHostError(err);
    }
    return file;
  }

  read(position: number, buf: Uint8Array): number {
    let done = 0;
    while (done < buf.length) {
      const n = host(() => readSync(this.fd, buf, done, buf.length - done, position + done));
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  /** Writes at `position`; writing past the end leaves a gap that reads as zeros. */
  write(position: number, data: Uint8Array): number {
    let done = 0;
    while (done < data.length) {
      done += host(() => writeSync(this.fd, data, done, data.length - done, position + done));
    }
    return done;
  }

  size(): number {
    return host(() => fstatSync(this.fd).size);
  }

  truncate(length: number): void {
    host(() => ftruncateSync(this.fd, length));
  }

  commit(): void {
    host(() => fsyncSync(this.fd));
  }

  close(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    host(() => closeSync(fd));
  }
}

/** Checks that descriptor `fd`, opened through `path`, is a regular file inside `root`: the
 *  canonical form of `path` must be inside and name the same file (device and inode). */
function verifyOpened(fd: number, path: string, root: string): void {
  const opened = fstatSync(fd);
  if (!opened.isFile()) throw new HostFsError('access', 'EACCES', `not a regular file: ${path}`);
  let real: string;
  let named: Stats;
  try {
    real = realpathSync.native(path);
    named = statSync(real);
  } catch {
    throw new HostFsError('access', 'EACCES', `changed while opening: ${path}`);
  }
  if (!isWithin(root, real) || named.dev !== opened.dev || named.ino !== opened.ino) {
    throw new HostFsError('access', 'EACCES', `outside the drive: ${path}`);
  }
}

/**
 * Throws 'access' unless `path` stays inside the canonical folder `root`: the folder holding it,
 * with every link resolved, is inside, and the entry itself, when it is a link, leads inside. The
 * last check before a host call that works by name (mkdir, rename, unlink, chmod, utimes).
 */
export function assertInside(root: string, path: string): void {
  if (path === root) return;
  const parent = nodePath.dirname(path);
  const name = nodePath.basename(path);
  let realParent: string;
  try {
    realParent = realpathSync.native(parent);
  } catch (err) {
    throw toHostError(err);
  }
  if (!isWithin(root, realParent) || name === '..' || name === '.' || name.includes('/')) {
    throw new HostFsError('access', 'EACCES', `outside the drive: ${path}`);
  }
  if (isSymbolicLink(path)) {
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch {
      throw new HostFsError('access', 'EACCES', `a link whose end cannot be checked: ${path}`);
    }
    if (!isWithin(root, real)) throw new HostFsError('access', 'EACCES', `outside the drive: ${path}`);
  }
}

/** Reads at most `max` bytes from the start of a file (the loader's view) and tells its whole
 *  size: a guest can make a file of any size (a sparse 2 GB one in an instant), and the host reads
 *  no more of it than a program could ever use. With `root`, the open is checked as HostFile's. */
export function readFileHead(path: string, max: number, area?: HostArea): { data: Uint8Array; size: number } {
  const file = HostFile.open(path, { read: true, write: false }, area);
  try {
    const size = file.size();
    const data = new Uint8Array(Math.min(size, max));
    const n = file.read(0, data);
    return { data: data.subarray(0, n), size };
  } finally {
    file.close();
  }
}

/** Joins host path pieces (kept here so the DOS layer needs no node:path). */
export function joinPath(...parts: string[]): string {
  return nodePath.join(...parts);
}

/** True when `path` is `root` or lies beneath it (both already canonical). */
export function isWithin(root: string, path: string): boolean {
  if (path === root) return true;
  const rel = nodePath.relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + nodePath.sep) && !nodePath.isAbsolute(rel);
}

/** The canonical host path of a drive root given on the command line (relative to the host cwd). */
export function resolveHostRoot(path: string): string {
  return realPath(nodePath.resolve(path));
}

/** Writes all of `data` to an open host descriptor (a redirected standard output), waiting out a
 *  full non-blocking pipe a millisecond at a time. */
export function writeAllToFd(fd: number, data: Uint8Array, giveUp?: () => boolean): void {
  let done = 0;
  while (done < data.length) {
    try {
      done += writeSync(fd, data, done, data.length - done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      // A pipe nobody reads stays full: whoever waits says when to stop waiting (the rest is lost).
      if (giveUp?.()) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** A file of fixed contents kept in a folder of the temp directory named after its hash
 *  (`PREFIX-hash/NAME`), written once and rewritten when something changed it; the folder, or
 *  null when the temp directory cannot hold it. (The shipped COMMAND.COM for drive Z: when a
 *  bundle finds no roms/shell beside it.) */
export function keptCopy(prefix: string, name: string, data: Uint8Array): string | null {
  const folder = nodePath.join(tmpdir(), `${prefix}-${createHash('sha256').update(data).digest('hex').slice(0, 12)}`);
  const file = nodePath.join(folder, name);
  try {
    if (statPath(file)?.kind !== 'file' || Buffer.compare(readFileHead(file, data.length + 1).data, data) !== 0) {
      if (!statPath(folder)) makeDirectory(folder);
      writeFileSync(file, data);
    }
    return folder;
  } catch {
    return null;
  }
}
