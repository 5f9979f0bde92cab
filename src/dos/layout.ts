// Byte offsets of the structures DOS keeps in guest memory, as DOS 5 / NTVDM lay them out
// (docs/DESIGN.md "DOS data structures"). Code reads and writes these structures only through these
// names, never through bare numbers.

/** Program Segment Prefix (256 bytes). */
export const PSP = {
  INT20: 0x00, // CD 20
  MEMORY_TOP: 0x02, // segment just past the program's memory block
  CPM_CALL: 0x05, // 9A + far pointer: CP/M-style CALL 5 entry (word at 06h = bytes available)
  CPM_SEG_SIZE: 0x06,
  INT22: 0x0a, // saved terminate address
  INT23: 0x0e, // saved Ctrl-C handler
  INT24: 0x12, // saved critical error handler
  PARENT: 0x16,
  JFT: 0x18, // the built-in 20-byte job file table
  ENVIRONMENT: 0x2c,
  SAVED_SS_SP: 0x2e, // SS:SP at entry to the last INT 21h (offset first, then segment)
  JFT_SIZE: 0x32,
  JFT_POINTER: 0x34, // far pointer (offset, segment) to the active JFT
  PREVIOUS_PSP: 0x38, // FFFFFFFFh
  DOS_VERSION: 0x40, // word: major in low byte, minor in high byte
  INT21_RETF: 0x50, // CD 21 CB
  FCB1: 0x5c,
  FCB2: 0x6c,
  TAIL_LENGTH: 0x80,
  TAIL: 0x81, // command tail, ends in 0Dh; also the default DTA at 80h
  DEFAULT_DTA: 0x80,
  SIZE: 0x100,
} as const;
/** The PSP in paragraphs: a program's image starts this far above its PSP segment. */
export const PSP_PARAS = PSP.SIZE >> 4;
export const JFT_DEFAULT_SIZE = 20;
export const JFT_FREE = 0xff;

/** Memory Control Block (one paragraph before each block). */
export const MCB = {
  TYPE: 0x00, // 'M' (4Dh) more follow, 'Z' (5Ah) last
  OWNER: 0x01, // PSP segment of the owner; 0 free, 8 DOS
  SIZE: 0x03, // paragraphs, not counting the MCB itself
  NAME: 0x08, // 8-byte owner name (DOS 4+), zero-padded
} as const;
export const MCB_TYPE_MORE = 0x4d;
export const MCB_TYPE_LAST = 0x5a;
export const MCB_OWNER_FREE = 0x0000;
export const MCB_OWNER_DOS = 0x0008;

/** System File Table block header. */
export const SFT_BLOCK = {
  NEXT: 0x00, // far pointer to the next block; offset FFFFh ends the chain
  COUNT: 0x04, // entries in this block
  ENTRIES: 0x06,
} as const;

/** One SFT entry, NTVDM layout, 3Bh bytes (docs/DESIGN.md). */
export const SFT = {
  REF_COUNT: 0x00, // word; 0 = free
  OPEN_MODE: 0x02, // word: access (bits 0-2), sharing (4-6), no-inherit (7)
  ATTRIBUTE: 0x04, // byte: file attribute
  DEVICE_INFO: 0x05, // word: see SFT_INFO
  DEVICE_POINTER: 0x07, // far pointer to the device header; FFFFFFFFh for host files
  TIME: 0x0b, // word, packed DOS time
  DATE: 0x0d, // word, packed DOS date
  SIZE: 0x0f, // dword
  POSITION: 0x13, // dword, authoritative file position
  RESERVED: 0x17, // 4 bytes
  OWNER_PSP: 0x1b, // word
  HOST_HANDLE: 0x1d, // dword id into the host handle table
  NAME: 0x21, // 11 bytes, FCB form (8+3, blank padded)
  ENTRY_SIZE: 0x3b,
} as const;

/** SFT device-information word (and IOCTL 4400h's DX). */
export const SFT_INFO = {
  DRIVE_MASK: 0x001f, // files: drive number (0 = A)
  IS_STDIN: 0x0001, // devices
  IS_STDOUT: 0x0002,
  IS_NUL: 0x0004,
  IS_CLOCK: 0x0008,
  SPECIAL: 0x0010, // device supports INT 29h output
  BINARY: 0x0020, // device in raw mode
  EOF_ON_INPUT: 0x0040, // devices: not at end of input; files: not written since opened
  NOT_WRITTEN: 0x0040,
  IS_DEVICE: 0x0080,
  NO_INHERIT: 0x1000,
} as const;

/** Open-mode bits (INT 21h/3Dh AL, SFT+02h). */
export const OPEN_MODE = {
  ACCESS_MASK: 0x07, // 0 read, 1 write, 2 read/write
  SHARE_MASK: 0x70,
  NO_INHERIT: 0x80,
} as const;

/** Device driver header. */
export const DEVHDR = {
  NEXT: 0x00, // far pointer; offset FFFFh ends the chain
  ATTRIBUTE: 0x04, // bit 15 character device; see DEVATTR
  STRATEGY: 0x06, // offset of the strategy routine
  INTERRUPT: 0x08, // offset of the interrupt routine
  NAME: 0x0a, // 8 bytes, blank padded
  SIZE: 0x12,
} as const;
export const DEVATTR = {
  CHARACTER: 0x8000,
  IOCTL: 0x4000,
  CLOCK: 0x0008,
  NUL: 0x0004,
  STDOUT: 0x0002,
  STDIN: 0x0001,
  SPECIAL: 0x0010,
} as const;

/** List of Lists (INT 21h/52h returns ES:BX pointing at offset 0). DOS 5 layout. */
export const LOL = {
  FIRST_MCB: -0x02, // word: segment of the first MCB
  FIRST_DPB: 0x00,
  FIRST_SFT: 0x04,
  CLOCK_DEVICE: 0x08,
  CON_DEVICE: 0x0c,
  MAX_SECTOR_SIZE: 0x10,
  BUFFER_INFO: 0x12,
  CDS: 0x16,
  FCB_SFT: 0x1a,
  PROTECTED_FCBS: 0x1e,
  BLOCK_DEVICES: 0x20,
  LASTDRIVE: 0x21,
  NUL_DEVICE: 0x22, // the NUL device header itself (18 bytes), head of the device chain
  JOINED_DRIVES: 0x34,
  SETVER_LIST: 0x37,
  BUFFERS_X: 0x3f,
  BUFFERS_Y: 0x41,
  BOOT_DRIVE: 0x43, // 1 = A:
  CPU_386: 0x44,
  EXTENDED_MEMORY_KB: 0x45,
  SIZE: 0x47,
} as const;

/** Current Directory Structure entry (DOS 4+), one per drive. */
export const CDS = {
  PATH: 0x00, // 67 bytes, ASCIIZ, e.g. "C:\SRC"
  FLAGS: 0x43, // word, see CDS_FLAGS
  DPB: 0x45, // far pointer
  START_CLUSTER: 0x49,
  REDIRECTOR: 0x4b,
  ROOT_LENGTH: 0x4f, // word: offset of the root backslash (2)
  ENTRY_SIZE: 0x58,
} as const;
export const CDS_FLAGS = {
  PHYSICAL: 0x4000,
  NETWORK: 0x8000,
  JOIN: 0x2000,
  SUBST: 0x1000,
} as const;

/** Swappable Data Area (DOS 4+), returned by INT 21h/5D06h; INT 21h/34h points at INDOS. */
export const SDA = {
  CRITICAL_ERROR: 0x00, // byte, ErrorMode
  INDOS: 0x01, // byte
  ERROR_DRIVE: 0x02,
  ERROR_LOCUS: 0x03,
  EXTENDED_ERROR: 0x04, // word
  ERROR_ACTION: 0x06,
  ERROR_CLASS: 0x07,
  ERROR_POINTER: 0x08, // far pointer
  CURRENT_DTA: 0x0c, // far pointer (offset, segment)
  CURRENT_PSP: 0x10, // word
  INT23_SP: 0x12,
  RETURN_CODE: 0x14, // word: low byte exit code, high byte termination type (INT 21h/4Dh)
  CURRENT_DRIVE: 0x16, // byte, 0 = A
  BREAK_FLAG: 0x17, // byte, extended Ctrl-Break checking (INT 21h/33h)
  SIZE: 0x200,
} as const;

/** Find-first/next data in the DTA (INT 21h/4Eh-4Fh). */
export const FIND = {
  DRIVE: 0x00, // byte, drive number (1 = A)
  TEMPLATE: 0x01, // 11 bytes, FCB-form pattern
  SEARCH_ATTRIBUTE: 0x0c,
  ENTRY_INDEX: 0x0d, // word (vdm86 keeps its search state here and in 0Fh-14h)
  SEARCH_ID: 0x0f, // word + 4 reserved bytes
  ATTRIBUTE: 0x15,
  TIME: 0x16,
  DATE: 0x18,
  SIZE: 0x1a,
  NAME: 0x1e, // 13 bytes, ASCIIZ "NAME.EXT"
  LENGTH: 0x2b,
} as const;

/** File Control Block (normal form; an extended FCB prefixes 7 bytes: FFh, 5 reserved, attribute). */
export const FCB = {
  DRIVE: 0x00, // 0 default, 1 = A
  NAME: 0x01, // 8 bytes
  EXTENSION: 0x09, // 3 bytes
  CURRENT_BLOCK: 0x0c,
  RECORD_SIZE: 0x0e,
  FILE_SIZE: 0x10,
  DATE: 0x14,
  TIME: 0x16,
  RESERVED: 0x18, // 8 bytes (vdm86 keeps the SFN of an open FCB here)
  CURRENT_RECORD: 0x20,
  RANDOM_RECORD: 0x21, // dword (3 bytes when record size >= 64)
  SIZE: 0x25,
} as const;
export const XFCB = {
  FLAG: 0x00, // FFh
  ATTRIBUTE: 0x06,
  PREFIX_SIZE: 0x07,
} as const;

/** File attributes. */
export const ATTR = {
  READ_ONLY: 0x01,
  HIDDEN: 0x02,
  SYSTEM: 0x04,
  VOLUME: 0x08,
  DIRECTORY: 0x10,
  ARCHIVE: 0x20,
} as const;
