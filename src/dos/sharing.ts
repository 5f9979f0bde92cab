// File sharing as MS-DOS does it with SHARE loaded: the sharing mode of each open (bits 4-6 of
// the open mode) against every other open of the same host file, and byte-range locks
// (INT 21h/5Ch) that reads and writes through other opens run into.
import { DOS_ERROR } from './errors';
import { OPEN_MODE } from './layout';

export const SHARE = {
  COMPATIBILITY: 0,
  DENY_ALL: 1,
  DENY_WRITE: 2,
  DENY_READ: 3,
  DENY_NONE: 4,
} as const;
export const ACCESS = { READ: 0, WRITE: 1, READ_WRITE: 2 } as const;

function reads(access: number): boolean {
  return access === ACCESS.READ || access === ACCESS.READ_WRITE;
}
function writes(access: number): boolean {
  return access === ACCESS.WRITE || access === ACCESS.READ_WRITE;
}

/** Does sharing mode `share` (of one open) forbid another open with `access`? Compatibility mode
 *  is treated as deny-none (vdm86 runs one machine; compatibility opens only conflict with the
 *  deny modes of others, which those modes already express). */
function denies(share: number, access: number): boolean {
  switch (share) {
    case SHARE.DENY_ALL:
      return true;
    case SHARE.DENY_WRITE:
      return writes(access);
    case SHARE.DENY_READ:
      return reads(access);
    default:
      return false;
  }
}

/** May a new open (mode) coexist with existing opens (their modes) of the same file? 0 or 32. */
export function checkSharing(mode: number, existing: Iterable<number>): number {
  const access = mode & OPEN_MODE.ACCESS_MASK;
  const share = (mode & OPEN_MODE.SHARE_MASK) >>> 4;
  for (const m of existing) {
    const a = m & OPEN_MODE.ACCESS_MASK;
    const s = (m & OPEN_MODE.SHARE_MASK) >>> 4;
    if (denies(s, access) || denies(share, a)) return DOS_ERROR.SHARING_VIOLATION;
  }
  return 0;
}

interface Lock {
  file: string; // host path
  owner: number; // SFN of the open that holds it
  start: number;
  length: number;
}

function overlaps(aStart: number, aLen: number, bStart: number, bLen: number): boolean {
  return aStart < bStart + bLen && bStart < aStart + aLen;
}

/** Byte-range locks over host files. */
export class LockTable {
  private locks: Lock[] = [];

  /** 0, or 33 when the range overlaps a lock already held (by anyone, as DOS refuses). */
  lock(file: string, owner: number, start: number, length: number): number {
    if (this.locks.some((l) => l.file === file && overlaps(l.start, l.length, start, length))) {
      return DOS_ERROR.LOCK_VIOLATION;
    }
    this.locks.push({ file, owner, start, length });
    return 0;
  }

  /** 0, or 33 unless exactly this range is locked by this owner (DOS requires the same region). */
  unlock(file: string, owner: number, start: number, length: number): number {
    const i = this.locks.findIndex((l) => l.file === file && l.owner === owner && l.start === start && l.length === length);
    if (i < 0) return DOS_ERROR.LOCK_VIOLATION;
    this.locks.splice(i, 1);
    return 0;
  }

  /** 0, or 33 when reading/writing the range through `owner` runs into another owner's lock. */
  check(file: string, owner: number, start: number, length: number): number {
    if (length === 0) return 0;
    for (const l of this.locks) {
      if (l.file === file && l.owner !== owner && overlaps(l.start, l.length, start, length)) return DOS_ERROR.LOCK_VIOLATION;
    }
    return 0;
  }

  /** The open went away: its locks go with it. */
  release(owner: number): void {
    this.locks = this.locks.filter((l) => l.owner !== owner);
  }
}
