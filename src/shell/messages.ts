// The messages of MS-DOS 5's COMMAND.COM that vdm86's shell prints (text as MS-DOS 5 shows it;
// CR LF added where it is printed).
export const MSG = {
  BAD_COMMAND: 'Bad command or file name',
  FILE_NOT_FOUND: 'File not found',
  PATH_NOT_FOUND: 'Path not found',
  INVALID_DRIVE: 'Invalid drive specification',
  INVALID_DIRECTORY: 'Invalid directory',
  INVALID_PATH: 'Invalid path, not directory,\r\nor directory not empty',
  UNABLE_TO_CREATE_DIRECTORY: 'Unable to create directory',
  ACCESS_DENIED: 'Access denied',
  DUPLICATE_FILE: 'Duplicate file name or file not found',
  REQUIRED_PARAMETER: 'Required parameter missing',
  INVALID_PARAMETER: 'Invalid parameter',
  INVALID_SWITCH: 'Invalid switch',
  TOO_MANY_PARAMETERS: 'Too many parameters',
  SYNTAX_ERROR: 'Syntax error',
  LABEL_NOT_FOUND: 'Label not found',
  OUT_OF_ENVIRONMENT: 'Out of environment space',
  ECHO_ON: 'ECHO is on',
  ECHO_OFF: 'ECHO is off',
  NO_PATH: 'No Path',
  PAUSE: 'Press any key to continue . . .',
  TERMINATE_BATCH: 'Terminate batch job (Y/N)? ',
  BATCH_MISSING: 'Batch file missing',
  FILE_CANNOT_BE_COPIED_ONTO_ITSELF: 'File cannot be copied onto itself',
  CONTENT_LOST: 'Content of destination lost before copy',
  FILES_COPIED: '%1 file(s) copied',
  ALL_FILES: 'All files in directory will be deleted!\r\nAre you sure (Y/N)?',
  VERSION: 'MS-DOS Version %1',
  NO_LABEL: ' Volume in drive %1 has no label',
  DIRECTORY_OF: ' Directory of %1',
  FILES: '%1 file(s) %2 bytes',
  BYTES_FREE: '%1 bytes free',
  CURRENT_DATE: 'Current date is %1',
  ENTER_DATE: 'Enter new date (mm-dd-yy): ',
  CURRENT_TIME: 'Current time is %1',
  ENTER_TIME: 'Enter new time: ',
  INVALID_DATE: 'Invalid date',
  INVALID_TIME: 'Invalid time',
  EXEC_FAILURE: 'Program too big to fit in memory',
  INSUFFICIENT_MEMORY: 'Insufficient memory',
  BANNER: 'vdm86 COMMAND.COM (MS-DOS 5 compatible shell)',
} as const;

/** MSG text with %1, %2 replaced. */
export function fmt(text: string, ...args: (string | number)[]): string {
  return text.replace(/%(\d)/g, (_, d: string) => String(args[Number(d) - 1] ?? ''));
}
