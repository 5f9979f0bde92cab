// DOS error codes, error classes, suggested actions and loci (INT 21h/59h), shared by the whole
// kernel. Codes and the default class/action/locus of each follow MS-DOS 5's extended-error table.

export const DOS_ERROR = {
  INVALID_FUNCTION: 0x01,
  FILE_NOT_FOUND: 0x02,
  PATH_NOT_FOUND: 0x03,
  TOO_MANY_OPEN_FILES: 0x04,
  ACCESS_DENIED: 0x05,
  INVALID_HANDLE: 0x06,
  MCB_DESTROYED: 0x07,
  INSUFFICIENT_MEMORY: 0x08,
  INVALID_BLOCK: 0x09,
  BAD_ENVIRONMENT: 0x0a,
  BAD_FORMAT: 0x0b,
  INVALID_ACCESS: 0x0c,
  INVALID_DATA: 0x0d,
  INVALID_DRIVE: 0x0f,
  CURRENT_DIRECTORY: 0x10,
  NOT_SAME_DEVICE: 0x11,
  NO_MORE_FILES: 0x12,
  WRITE_PROTECTED: 0x13,
  UNKNOWN_UNIT: 0x14,
  NOT_READY: 0x15,
  UNKNOWN_COMMAND: 0x16,
  CRC_ERROR: 0x17,
  BAD_REQUEST_LENGTH: 0x18,
  SEEK_ERROR: 0x19,
  UNKNOWN_MEDIA: 0x1a,
  SECTOR_NOT_FOUND: 0x1b,
  OUT_OF_PAPER: 0x1c,
  WRITE_FAULT: 0x1d,
  READ_FAULT: 0x1e,
  GENERAL_FAILURE: 0x1f,
  SHARING_VIOLATION: 0x20,
  LOCK_VIOLATION: 0x21,
  INVALID_DISK_CHANGE: 0x22,
  FCB_UNAVAILABLE: 0x23,
  SHARING_BUFFER_OVERFLOW: 0x24,
  HANDLE_EOF: 0x26,
  HANDLE_DISK_FULL: 0x27,
  NOT_SUPPORTED: 0x32,
  FILE_EXISTS: 0x50,
  CANNOT_MAKE: 0x52,
  FAIL_ON_INT24: 0x53,
  INVALID_PARAMETER: 0x57,
} as const;

/** Error class (INT 21h/59h BH). */
export const ERROR_CLASS = {
  OUT_OF_RESOURCE: 0x01,
  TEMPORARY: 0x02,
  AUTHORIZATION: 0x03,
  INTERNAL: 0x04,
  HARDWARE: 0x05,
  SYSTEM: 0x06,
  APPLICATION: 0x07,
  NOT_FOUND: 0x08,
  BAD_FORMAT: 0x09,
  LOCKED: 0x0a,
  MEDIA: 0x0b,
  ALREADY_EXISTS: 0x0c,
  UNKNOWN: 0x0d,
} as const;

/** Suggested action (INT 21h/59h BL). */
export const ERROR_ACTION = {
  RETRY: 0x01,
  DELAY_RETRY: 0x02,
  REENTER: 0x03,
  ABORT_CLEANUP: 0x04,
  ABORT_NOW: 0x05,
  IGNORE: 0x06,
  USER_RETRY: 0x07,
} as const;

/** Where the error happened (INT 21h/59h CH). */
export const ERROR_LOCUS = {
  UNKNOWN: 0x01,
  BLOCK_DEVICE: 0x02,
  NETWORK: 0x03,
  SERIAL_DEVICE: 0x04,
  MEMORY: 0x05,
} as const;

export interface ErrorInfo {
  cls: number;
  action: number;
  locus: number;
}

const C = ERROR_CLASS;
const A = ERROR_ACTION;
const L = ERROR_LOCUS;
const E = DOS_ERROR;

/** The class/action/locus MS-DOS reports for an error when the failing function gives no better one. */
const DEFAULTS: Record<number, ErrorInfo> = {
  [E.INVALID_FUNCTION]: { cls: C.APPLICATION, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
  [E.FILE_NOT_FOUND]: { cls: C.NOT_FOUND, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.PATH_NOT_FOUND]: { cls: C.NOT_FOUND, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.TOO_MANY_OPEN_FILES]: { cls: C.OUT_OF_RESOURCE, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
  [E.ACCESS_DENIED]: { cls: C.AUTHORIZATION, action: A.USER_RETRY, locus: L.UNKNOWN },
  [E.INVALID_HANDLE]: { cls: C.APPLICATION, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
  [E.MCB_DESTROYED]: { cls: C.APPLICATION, action: A.ABORT_NOW, locus: L.MEMORY },
  [E.INSUFFICIENT_MEMORY]: { cls: C.OUT_OF_RESOURCE, action: A.ABORT_CLEANUP, locus: L.MEMORY },
  [E.INVALID_BLOCK]: { cls: C.APPLICATION, action: A.ABORT_CLEANUP, locus: L.MEMORY },
  [E.BAD_ENVIRONMENT]: { cls: C.APPLICATION, action: A.ABORT_CLEANUP, locus: L.MEMORY },
  [E.BAD_FORMAT]: { cls: C.BAD_FORMAT, action: A.ABORT_CLEANUP, locus: L.MEMORY },
  [E.INVALID_ACCESS]: { cls: C.APPLICATION, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
  [E.INVALID_DATA]: { cls: C.BAD_FORMAT, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
  [E.INVALID_DRIVE]: { cls: C.NOT_FOUND, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.CURRENT_DIRECTORY]: { cls: C.AUTHORIZATION, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.NOT_SAME_DEVICE]: { cls: C.UNKNOWN, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.NO_MORE_FILES]: { cls: C.NOT_FOUND, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.WRITE_PROTECTED]: { cls: C.MEDIA, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.SHARING_VIOLATION]: { cls: C.LOCKED, action: A.DELAY_RETRY, locus: L.BLOCK_DEVICE },
  [E.LOCK_VIOLATION]: { cls: C.LOCKED, action: A.DELAY_RETRY, locus: L.BLOCK_DEVICE },
  [E.HANDLE_DISK_FULL]: { cls: C.OUT_OF_RESOURCE, action: A.ABORT_CLEANUP, locus: L.BLOCK_DEVICE },
  [E.NOT_SUPPORTED]: { cls: C.APPLICATION, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
  [E.FILE_EXISTS]: { cls: C.ALREADY_EXISTS, action: A.USER_RETRY, locus: L.BLOCK_DEVICE },
  [E.CANNOT_MAKE]: { cls: C.OUT_OF_RESOURCE, action: A.ABORT_CLEANUP, locus: L.BLOCK_DEVICE },
  [E.FAIL_ON_INT24]: { cls: C.UNKNOWN, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
  [E.INVALID_PARAMETER]: { cls: C.APPLICATION, action: A.ABORT_CLEANUP, locus: L.UNKNOWN },
};

/** Hardware-style errors (13h-1Fh) are media/hardware class, retry, on a block device. */
const HARDWARE: ErrorInfo = { cls: C.HARDWARE, action: A.RETRY, locus: L.BLOCK_DEVICE };
const UNKNOWN: ErrorInfo = { cls: C.UNKNOWN, action: A.ABORT_CLEANUP, locus: L.UNKNOWN };

/** Class, action and locus for an error code, as INT 21h/59h reports them by default. */
export function errorInfo(code: number): ErrorInfo {
  const d = DEFAULTS[code];
  if (d) return d;
  if (code >= E.WRITE_PROTECTED && code <= E.GENERAL_FAILURE) return HARDWARE;
  return UNKNOWN;
}
