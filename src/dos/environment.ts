// Environment blocks as DOS builds them for EXEC: the parent's (or the given) strings, each
// "NAME=value\0", ending with an empty string (so the block's strings end in 00 00), then the
// word 0001h and the program's full path as ASCIIZ. DOS scans at most 32 KiB for the end and
// answers error 10 (bad environment) past that.
import { rd8 } from '../cpu/guest-memory';
import type { DosOptions } from './kernel';

/** The most DOS scans for the end of an environment (its REPNZ SCASB count). */
const ENVIRONMENT_MAX = 0x7fff;

/** Bytes of the strings area at seg:0 including the closing 00 00, or -1 when DOS would find no
 *  end within ENVIRONMENT_MAX bytes (error 10). */
export function environmentLength(mem: Uint8Array, seg: number): number {
  // DOS finds each NUL and checks whether the next byte is NUL too. Scanned in place: copying the
  // whole 32 KiB window first cost a fifth of an EXEC.
  for (let i = 0; i < ENVIRONMENT_MAX; i++) {
    if (rd8(mem, seg, i) === 0) {
      if (i + 1 >= ENVIRONMENT_MAX) return -1;
      if (rd8(mem, seg, i + 1) === 0) return i + 2;
    }
  }
  return -1;
}

/** The bytes of an environment block: strings (with their closing 00 00), 0001h, the path. */
export function environmentBlock(strings: Uint8Array, programPath: string): Uint8Array {
  const out = new Uint8Array(strings.length + 2 + programPath.length + 1);
  out.set(strings, 0);
  out[strings.length] = 1;
  out[strings.length + 1] = 0;
  for (let i = 0; i < programPath.length; i++) out[strings.length + 2 + i] = programPath.charCodeAt(i) & 0xff;
  return out;
}

/** The strings area of the first program's environment (what COMMAND.COM would hand down):
 *  the options' variables, with COMSPEC and PATH defaulted to the first drive's root. */
export function masterEnvironment(options: DosOptions): Uint8Array {
  const drive = (options.drives[0]?.letter ?? 'C').toUpperCase();
  const vars: [string, string][] = [];
  const given = options.env ?? {};
  const has = (n: string) => Object.keys(given).some((k) => k.toUpperCase() === n);
  // Z: holds the shell: vdm86's own (read-only, src/program-path.ts) or the user's.
  const shellDrive = options.drives.some((d) => d.letter.toUpperCase() === 'Z');
  if (!has('COMSPEC')) vars.push(['COMSPEC', shellDrive ? 'Z:\\COMMAND.COM' : `${drive}:\\COMMAND.COM`]);
  if (!has('PATH')) vars.push(['PATH', shellDrive && drive !== 'Z' ? `${drive}:\\;Z:\\` : `${drive}:\\`]);
  for (const [k, v] of Object.entries(given)) vars.push([k.toUpperCase(), v]);
  let text = '';
  for (const [k, v] of vars) text += `${k}=${v}\0`;
  text += '\0';
  if (text.length === 1) text += '\0'; // no variables at all: still the 00 00 DOS looks for
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
