// The INT 21h table: every function number (AH) DOS 5 knows, its DOS name and the handler that
// serves it, top to bottom. A number not listed here, or listed as MISSING, answers AX=1, CF=1
// (invalid function) as MS-DOS does for numbers it does not know; the README's coverage table is
// checked against this list (test/dos/int21-table.test.ts). The handlers of the file side are built
// over the machine's FileSystem; see docs/DESIGN.md "The INT 21h table".
import type { Kernel } from './kernel';
import type { Int21Handler } from './int21';
import type { FileSystem } from './filesystem';
import { int21_01, int21_02, int21_03, int21_04, int21_05, int21_06, int21_07, int21_08, int21_09, int21_0A, int21_0B, int21_0C, int21_0D } from './console-functions';
import { int21_1A, int21_25, int21_2E, int21_2F, int21_30, int21_33, int21_34, int21_35, int21_37, int21_52, int21_54, int21_59, int21_5D, int21_63, nullFunction } from './system';
import { int21_2A, int21_2B, int21_2C, int21_2D } from './time';
import { int21_48, int21_49, int21_4A, int21_58 } from './memory-functions';
import { int21_00, int21_26, int21_31, int21_4B, int21_4C, int21_4D, int21_50, int21_51, int21_55 } from './process';
import { int21_38, int21_65, int21_66 } from './country';
import { handleFunctions } from './handle-functions';
import { entryFunctions } from './entry-functions';
import { directoryFunctions } from './directory-functions';
import { driveFunctions } from './drive-functions';
import { findFunctions } from './find';
import { fcbFunctions } from './fcb';
import { fcbParseFunctions } from './fcb-parse';
import { ioctlFunctions } from './ioctl';

/** A function DOS 5 has that vdm86 does not serve (README lists it as missing). */
export const MISSING = null;

/** AH, the function's DOS name, and its handler (MISSING: answered as invalid). */
export type Int21Row = readonly [ah: number, name: string, handler: Int21Handler<Kernel> | typeof MISSING];

/** The table for one machine: the file-side handlers close over its FileSystem. */
export function int21Functions(files: FileSystem): readonly Int21Row[] {
  const handles = handleFunctions(files);
  const entries = entryFunctions(files);
  const directories = directoryFunctions(files);
  const drives = driveFunctions(files);
  const find = findFunctions(files);
  const fcb = fcbFunctions(files);
  const fcbParse = fcbParseFunctions(files);
  const ioctl = ioctlFunctions(files);
  return [
    [0x00, 'Terminate program', int21_00],
    [0x01, 'Character input with echo', int21_01],
    [0x02, 'Character output', int21_02],
    [0x03, 'Auxiliary input', int21_03],
    [0x04, 'Auxiliary output', int21_04],
    [0x05, 'Printer output', int21_05],
    [0x06, 'Direct console I/O', int21_06],
    [0x07, 'Direct character input, no echo', int21_07],
    [0x08, 'Character input, no echo', int21_08],
    [0x09, 'Display string', int21_09],
    [0x0a, 'Buffered keyboard input', int21_0A],
    [0x0b, 'Check standard input status', int21_0B],
    [0x0c, 'Flush buffer, then read standard input', int21_0C],
    [0x0d, 'Disk reset', int21_0D],
    [0x0e, 'Select default drive', drives.int21_0E],
    [0x0f, 'Open file (FCB)', fcb.int21_0F],
    [0x10, 'Close file (FCB)', fcb.int21_10],
    [0x11, 'Find first matching file (FCB)', fcb.int21_11],
    [0x12, 'Find next matching file (FCB)', fcb.int21_12],
    [0x13, 'Delete file (FCB)', fcb.int21_13],
    [0x14, 'Sequential read (FCB)', fcb.int21_14],
    [0x15, 'Sequential write (FCB)', fcb.int21_15],
    [0x16, 'Create or truncate file (FCB)', fcb.int21_16],
    [0x17, 'Rename file (FCB)', fcb.int21_17],
    [0x18, 'Null function (CP/M)', nullFunction],
    [0x19, 'Get default drive', drives.int21_19],
    [0x1a, 'Set disk transfer area address', int21_1A],
    [0x1b, 'Allocation information, default drive', drives.int21_1B],
    [0x1c, 'Allocation information, any drive', drives.int21_1C],
    [0x1d, 'Null function (CP/M)', nullFunction],
    [0x1e, 'Null function (CP/M)', nullFunction],
    [0x1f, 'Drive parameter block, default drive', drives.int21_1F],
    [0x20, 'Null function (CP/M)', nullFunction],
    [0x21, 'Random read (FCB)', fcb.int21_21],
    [0x22, 'Random write (FCB)', fcb.int21_22],
    [0x23, 'Get file size (FCB)', fcb.int21_23],
    [0x24, 'Set random record number (FCB)', fcb.int21_24],
    [0x25, 'Set interrupt vector', int21_25],
    [0x26, 'Create new PSP', int21_26],
    [0x27, 'Random block read (FCB)', fcb.int21_27],
    [0x28, 'Random block write (FCB)', fcb.int21_28],
    [0x29, 'Parse filename into FCB', fcbParse.int21_29],
    [0x2a, 'Get date', int21_2A],
    [0x2b, 'Set date', int21_2B],
    [0x2c, 'Get time', int21_2C],
    [0x2d, 'Set time', int21_2D],
    [0x2e, 'Set verify flag', int21_2E],
    [0x2f, 'Get disk transfer area address', int21_2F],
    [0x30, 'Get DOS version', int21_30],
    [0x31, 'Terminate and stay resident', int21_31],
    [0x32, 'Drive parameter block, any drive', drives.int21_32],
    [0x33, 'Ctrl-Break check, boot drive, true version', int21_33],
    [0x34, 'Get InDOS flag address', int21_34],
    [0x35, 'Get interrupt vector', int21_35],
    [0x36, 'Get free disk space', drives.int21_36],
    [0x37, 'Get/set switch character', int21_37],
    [0x38, 'Get/set country information', int21_38],
    [0x39, 'Create directory (MKDIR)', directories.int21_39],
    [0x3a, 'Remove directory (RMDIR)', directories.int21_3A],
    [0x3b, 'Set current directory (CHDIR)', directories.int21_3B],
    [0x3c, 'Create or truncate file', handles.int21_3C],
    [0x3d, 'Open file', handles.int21_3D],
    [0x3e, 'Close file', handles.int21_3E],
    [0x3f, 'Read from file or device', handles.int21_3F],
    [0x40, 'Write to file or device', handles.int21_40],
    [0x41, 'Delete file', entries.int21_41],
    [0x42, 'Move file pointer (LSEEK)', handles.int21_42],
    [0x43, 'Get/set file attributes', entries.int21_43],
    [0x44, 'IOCTL', ioctl.int21_44],
    [0x45, 'Duplicate handle', handles.int21_45],
    [0x46, 'Force duplicate handle', handles.int21_46],
    [0x47, 'Get current directory', directories.int21_47],
    [0x48, 'Allocate memory', int21_48],
    [0x49, 'Free memory', int21_49],
    [0x4a, 'Resize memory block', int21_4A],
    [0x4b, 'Load and execute program (EXEC)', int21_4B],
    [0x4c, 'Terminate with return code', int21_4C],
    [0x4d, 'Get return code', int21_4D],
    [0x4e, 'Find first matching file', find.int21_4E],
    [0x4f, 'Find next matching file', find.int21_4F],
    [0x50, 'Set current PSP', int21_50],
    [0x51, 'Get current PSP', int21_51],
    [0x52, 'Get List of Lists', int21_52],
    [0x53, 'Translate BIOS parameter block', MISSING],
    [0x54, 'Get verify flag', int21_54],
    [0x55, 'Create child PSP', int21_55],
    [0x56, 'Rename file', entries.int21_56],
    [0x57, 'Get/set file date and time', entries.int21_57],
    [0x58, 'Get/set allocation strategy', int21_58],
    [0x59, 'Get extended error', int21_59],
    [0x5a, 'Create temporary file', handles.int21_5A],
    [0x5b, 'Create new file', handles.int21_5B],
    [0x5c, 'Lock/unlock file region', handles.int21_5C],
    [0x5d, 'Server call, swappable data area, set extended error', int21_5D],
    [0x5e, 'Network machine name, printer setup', MISSING],
    [0x5f, 'Network redirection', MISSING],
    [0x60, 'Canonicalize path (TRUENAME)', directories.int21_60],
    [0x61, 'Null function (reserved)', nullFunction],
    [0x62, 'Get current PSP', int21_51],
    [0x63, 'DBCS lead-byte table, interim console flag', int21_63],
    [0x64, 'Set device driver lookahead', MISSING],
    [0x65, 'Get extended country information', int21_65],
    [0x66, 'Get/set global code page', int21_66],
    [0x67, 'Set handle count', handles.int21_67],
    [0x68, 'Commit file', handles.int21_68],
    [0x69, 'Get/set media ID', drives.int21_69],
    [0x6a, 'Commit file', handles.int21_6A],
    [0x6b, 'Null function (reserved)', nullFunction],
    [0x6c, 'Extended open/create', handles.int21_6C],
  ];
}

/** Fills the kernel's dispatch table from the list. */
export function installInt21Functions(dos: Kernel, files: FileSystem): void {
  for (const [ah, , handler] of int21Functions(files)) if (handler) dos.int21.set(ah, handler);
}
