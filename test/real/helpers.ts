// Harness for the real-software suite: Microsoft's own MS-DOS programs from ../shared/msdos (MS-DOS
// 1.25 and 2.0's tools, MS-DOS 4.0's build toolchain; see its ABOUT.md), copied into a temp folder
// that becomes drive C: and run with runProgram the way their users ran them: arguments on the
// command line, `inputFile`/`outputFile` where DOS would redirect with < and >. The suite is skipped
// with a message when the folder is absent. Runs go through test/helpers/program-run.ts; what is
// here is this suite's own: the staging, the process list, and the sources and checks several of
// its files share.
import { chmodSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunOptions, RunResult } from '../../src/run';
import { ROOT, cleanupTemps, putFiles, tempDir } from '../helpers/folders';
import { dosText, driveFile, runOnDrive } from '../helpers/program-run';

export { cleanupTemps };

/** ../shared/msdos beside the checkout (the layout of Microsoft's MS-DOS repository). */
export const MSDOS = join(ROOT, '..', 'shared', 'msdos');

/** Where each version's programs are, relative to MSDOS. */
export const V125 = 'v1.25/bin';
export const V20 = 'v2.0/bin';
export const TOOLS = 'v4.0/src/TOOLS';

/** Microsoft C 5.10 as a user installs it: CL and its passes, LINK, the headers in INC and the
 *  small and large model libraries (with the 8087 emulator) in LIB; name on the drive -> path
 *  relative to MSDOS, for stage(). */
export const MSC510: Record<string, string> = {
  'CL.EXE': `${TOOLS}/CL.EXE`,
  'CL.ERR': `${TOOLS}/CL.ERR`,
  'C1.EXE': `${TOOLS}/C1.EXE`,
  'C1L.EXE': `${TOOLS}/C1L.EXE`,
  'C1.ERR': `${TOOLS}/C1.ERR`,
  'C2.EXE': `${TOOLS}/C2.EXE`,
  'C3.EXE': `${TOOLS}/C3.EXE`,
  'C23.ERR': `${TOOLS}/C23.ERR`,
  'LINK.EXE': `${TOOLS}/LINK.EXE`,
  INC: `${TOOLS}/BLD/INC`,
  'LIB/SLIBCE.LIB': `${TOOLS}/BLD/LIB/SLIBCE.LIB`,
  'LIB/LLIBCE.LIB': `${TOOLS}/BLD/LIB/LLIBCE.LIB`,
  'LIB/EM.LIB': `${TOOLS}/BLD/LIB/EM.LIB`,
};

export const msdosAvailable = [V125, V20, TOOLS].every((d) => existsSync(join(MSDOS, d)));

/** Warns once per file that the suite is skipped (as the conformance suite does). */
export function warnIfAbsent(what: string): void {
  if (!msdosAvailable) console.warn(`${what} skipped: ${MSDOS} (with ${V125}, ${V20} and ${TOOLS}) is absent`);
}

/** Copies a file or a whole folder from MSDOS to `to` inside dir, writable (several of these
 *  programs write next to themselves, and EXEMOD changes the header in place). */
function copyIn(dir: string, from: string, to: string): void {
  const src = join(MSDOS, from);
  if (statSync(src).isDirectory()) {
    for (const name of readdirSync(src)) copyIn(dir, join(from, name), join(to, name));
    return;
  }
  putFiles(dir, { [to]: readFileSync(src) });
  chmodSync(join(dir, to), 0o644);
}

/**
 * A fresh drive folder holding `programs` (a list of files in `from`, kept under their names, or
 * name-in-drive -> path relative to MSDOS; a folder is copied whole) and data `files`.
 */
export function stage(
  programs: { from: string; names: string[] } | Record<string, string>,
  files: Record<string, string | Uint8Array> = {},
): string {
  const dir = tempDir('vdm86-real-');
  if ('from' in programs && Array.isArray(programs.names)) {
    for (const n of programs.names) copyIn(dir, join(programs.from as string, n), n);
  } else {
    for (const [to, from] of Object.entries(programs as Record<string, string>)) copyIn(dir, from, to);
  }
  putFiles(dir, files);
  return dir;
}

/** Adds more programs to a staged folder. */
export function addPrograms(dir: string, from: string, names: string[]): void {
  for (const n of names) copyIn(dir, join(from, n), n);
}

export interface RealRun {
  result: RunResult;
  /** The console output (CON), as runProgram captures it. */
  output: string;
  /** What the program wrote to handle 1 when `stdoutFile` redirected it (DOS `>`), as text. */
  stdout: string;
  /** Every program started, in order (the first one, then each EXEC'd child), by the name DOS
   *  gave its memory block: how a test sees that CL ran C1, C2, C3 and LINK. */
  started: string[];
}

export interface RealRunOptions extends Omit<RunOptions, 'args' | 'outputFile'> {
  /** Redirect handle 1 into a buffer (returned as `stdout`), as `PROG > FILE` would. */
  stdoutFile?: boolean;
}

/** Runs C:\<prog> with C: = dir, C:\ as the current directory, until it exits. */
export async function run(dir: string, prog: string, args: string[] = [], options: RealRunOptions = {}): Promise<RealRun> {
  const chunks: Uint8Array[] = [];
  const started: string[] = [];
  const { stdoutFile, ...rest } = options;
  const result = await runOnDrive(dir, prog, args, {
    onMachine: ({ dos: kernel }) => {
      kernel.addProcessListener({ onCreate: (psp) => started.push(kernel.memory.name(psp - 1)) });
    },
    maxInstructions: 200_000_000,
    timeoutMs: 30_000,
    ...rest,
    ...(stdoutFile ? { outputFile: (d: Uint8Array) => chunks.push(Uint8Array.from(d)) } : {}),
  });
  const stdout = Buffer.concat(chunks).toString('latin1');
  return { result, output: result.output, stdout, started };
}

/** Text with DOS line ends. */
export const dos = dosText;

/** A host file of the drive, as bytes. */
export const readBytes = driveFile;

/** A host file of the drive, as text (one char per byte). */
export function readText(dir: string, path: string): string {
  return readBytes(dir, path).toString('latin1');
}

export function exists(dir: string, path: string): boolean {
  return existsSync(join(dir, path));
}

// Stack, data and two code segments (for MASM/LINK, EXEMOD and DEBUG); the entry calls FAR into the other code segment, which
// prints its own line and returns 42 in AL for the 4Ch exit.
export const HELLO_ASM = dos(
  "STACK   SEGMENT PARA STACK 'STACK'",
  '        DW      128 DUP (?)',
  'STACK   ENDS',
  '',
  "DATA    SEGMENT PARA PUBLIC 'DATA'",
  "MSG     DB      'Hello from MASM 5.10', 13, 10, '$'",
  "MSG2    DB      'Far call returned', 13, 10, '$'",
  'DATA    ENDS',
  '',
  "CODE2   SEGMENT PARA PUBLIC 'CODE'",
  '        ASSUME  CS:CODE2, DS:DATA',
  'PRINT2  PROC    FAR',
  '        MOV     DX, OFFSET MSG2',
  '        MOV     AH, 9',
  '        INT     21h',
  '        MOV     AL, 42',
  '        RET',
  'PRINT2  ENDP',
  'CODE2   ENDS',
  '',
  "CODE    SEGMENT PARA PUBLIC 'CODE'",
  '        ASSUME  CS:CODE, DS:DATA, SS:STACK',
  'START:  MOV     AX, DATA',
  '        MOV     DS, AX',
  '        MOV     DX, OFFSET MSG',
  '        MOV     AH, 9',
  '        INT     21h',
  '        CALL    FAR PTR PRINT2',
  '        MOV     AH, 4Ch',
  '        INT     21h',
  'CODE    ENDS',
  '        END     START',
);

// A .COM-shaped program (one segment, ORG 100h) for EXE2BIN (MS-DOS 1.25's and 4.0's).
export const TINY_ASM = dos(
  'CODE    SEGMENT',
  '        ASSUME  CS:CODE, DS:CODE',
  '        ORG     100h',
  'START:  MOV     DX, OFFSET MSG',
  '        MOV     AH, 9',
  '        INT     21h',
  '        MOV     AX, 4C03h',
  '        INT     21h',
  "MSG     DB      'Tiny COM via EXE2BIN', 13, 10, '$'",
  'CODE    ENDS',
  '        END     START',
);

// A main program calling SAYHI, which only the library provides.

/** EXE2BIN (1.25 or 4.0) turns the TINY.EXE linked from TINY_ASM in dir into TINY.COM, silently;
 *  the image from ORG 100h on is MOV DX,010Ch / MOV AH,9 / INT 21h / MOV AX,4C03h / INT 21h and the
 *  text, and the .COM prints its line and exits with 3. */
export async function expectTinyComViaExe2bin(dir: string): Promise<void> {
  const e2b = await run(dir, 'EXE2BIN.EXE', ['TINY.EXE', 'TINY.COM']);
  expect(e2b.output).toBe('');
  expect(e2b.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  const com = readBytes(dir, 'TINY.COM');
  expect([...com.subarray(0, 12)]).toEqual([0xba, 0x0c, 0x01, 0xb4, 0x09, 0xcd, 0x21, 0xb8, 0x03, 0x4c, 0xcd, 0x21]);
  expect(com.toString('latin1', 12)).toBe('Tiny COM via EXE2BIN\r\n$');
  const tiny = await run(dir, 'TINY.COM');
  expect(tiny.output).toBe(dos('Tiny COM via EXE2BIN'));
  expect(tiny.result).toMatchObject({ reason: 'exit', exitCode: 3 });
}
