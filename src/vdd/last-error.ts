// Why a VDD service call answered false: NTVDM's services report it through the thread's last
// error (GetLastError after VDDInstallIOHook, VDDInstallMemoryHook, ...), so vdm86 keeps the
// same Win32 codes per VDD and adds a sentence naming the mistake (getLastErrorMessage).

/** The Win32 error codes vdm86's services set (winerror.h values). */
export const VDD_ERROR = {
  SUCCESS: 0,
  /** A port range, page or IRQ line another owner holds. */
  ACCESS_DENIED: 5,
  /** An argument out of range or of the wrong kind. */
  INVALID_PARAMETER: 87,
  /** The VDD already holds the one set of hooks (or the line, channel) it asked for again. */
  ALREADY_EXISTS: 183,
  /** A range the VDD does not own. */
  NOT_OWNER: 288,
} as const;

export type VddErrorCode = (typeof VDD_ERROR)[keyof typeof VDD_ERROR];
