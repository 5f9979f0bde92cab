// Host failures as DOS sees them: every HostFsError becomes a DOS error code (never a raw errno,
// never an exception out of the machine), the way NTVDM maps Win32 errors for its DOS clients.
import { HostFsError, type HostErrorCode } from '../host/fs';
import { DOS_ERROR } from './errors';

/** Windows NT's ERROR_NEGATIVE_SEEK, which NTVDM returns for a seek before the start of a file
 *  (MS-DOS itself allowed it; vdm86 follows NT, as docs/DESIGN.md asks). */
export const ERROR_NEGATIVE_SEEK = 0x83;

const MAP: Record<HostErrorCode, number> = {
  'not-found': DOS_ERROR.FILE_NOT_FOUND,
  'not-dir': DOS_ERROR.PATH_NOT_FOUND,
  'is-dir': DOS_ERROR.ACCESS_DENIED,
  exists: DOS_ERROR.FILE_EXISTS,
  access: DOS_ERROR.ACCESS_DENIED,
  'not-empty': DOS_ERROR.ACCESS_DENIED, // DOS 5 answers 5 for RMDIR of a directory with files
  'too-many-open': DOS_ERROR.TOO_MANY_OPEN_FILES,
  'no-space': DOS_ERROR.HANDLE_DISK_FULL,
  'cross-device': DOS_ERROR.NOT_SAME_DEVICE,
  busy: DOS_ERROR.SHARING_VIOLATION,
  'read-only-fs': DOS_ERROR.WRITE_PROTECTED,
  'name-too-long': DOS_ERROR.PATH_NOT_FOUND,
  loop: DOS_ERROR.PATH_NOT_FOUND,
  invalid: DOS_ERROR.INVALID_DATA,
  io: DOS_ERROR.GENERAL_FAILURE,
};

/** The DOS error for a host failure. Anything that is not a HostFsError is a bug in vdm86 and is
 *  rethrown so the machine reports it as a fault instead of hiding it behind an error code. */
export function dosErrorOf(err: unknown): number {
  if (err instanceof HostFsError) return MAP[err.code];
  throw err;
}

/** Runs a host operation; a host failure comes back as a DOS error code (a number), success as
 *  `{ value }`. */
export function tryHost<T>(fn: () => T): { value: T } | number {
  try {
    return { value: fn() };
  } catch (err) {
    return dosErrorOf(err);
  }
}
