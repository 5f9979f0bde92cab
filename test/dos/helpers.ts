// Whole-machine harness for the DOS-core tests: a temp folder as drive C: holding guest programs
// from roms/ (under the DOS names the test gives) and data files, a Machine with the DOS kernel,
// the first program started and run to its end. Output, exit, the folder and the machine (for
// memory checks) come back. Guest output in KEY=value lines is read with `values`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { BufferConsole, Machine, type MachineEnd } from '../../src/machine';
import { Dos, type DosOptions } from '../../src/dos/dos';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface CoreRun {
  end: MachineEnd;
  output: string;
  machine: Machine;
  dos: Dos;
  /** Host folder of C:. */
  dir: string;
}

export interface CoreRunOptions {
  /** DOS name -> program in the repository (e.g. { 'PSP.COM': 'roms/tests/dos-core-psp.com' }). */
  programs: Record<string, string>;
  /** The program to start (a DOS path; default: the first of `programs` on C:\). */
  start?: string;
  args?: string[];
  /** Data files to put on C:, by host path relative to the drive. */
  files?: Record<string, string | Uint8Array>;
  /** Keys typed on the console (input ends after them unless `inputOpen`). */
  input?: string;
  inputOpen?: boolean;
  env?: Record<string, string>;
  memoryKB?: number;
  maxInstructions?: number;
  /** Called with the Dos before the program starts (listeners...). */
  before?(dos: Dos, machine: Machine): void;
}

const temps: string[] = [];

export function tempDir(prefix = 'vdm86-core-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

export function cleanupTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A machine with DOS on a fresh C: holding the given programs and files (not started). */
export function prepare(opts: CoreRunOptions): { machine: Machine; dos: Dos; dir: string; console: BufferConsole } {
  const dir = tempDir();
  for (const [name, src] of Object.entries(opts.programs)) writeFileSync(join(dir, name), readFileSync(join(ROOT, src)));
  for (const [path, data] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  const machine = new Machine({ memoryKB: opts.memoryKB });
  const console = machine.console as BufferConsole;
  if (opts.input !== undefined) console.type(opts.input);
  console.ended = !opts.inputOpen;
  const options: DosOptions = { drives: [{ letter: 'C', hostPath: dir }], cwd: 'C:\\' };
  if (opts.env) options.env = opts.env;
  const dos = new Dos(machine, options);
  return { machine, dos, dir, console };
}

export async function runCore(opts: CoreRunOptions): Promise<CoreRun> {
  const { machine, dos, dir, console } = prepare(opts);
  opts.before?.(dos, machine);
  dos.start(opts.start ?? `C:\\${Object.keys(opts.programs)[0]}`, opts.args ?? []);
  const end = await machine.run({ maxInstructions: opts.maxInstructions ?? 5_000_000 });
  return { end, output: console.text(), machine, dos, dir };
}

/** KEY=value lines of the output; a key seen more than once keeps every value in `all`. */
export function values(output: string): { get(key: string): string; all(key: string): string[]; has(key: string): boolean } {
  const map = new Map<string, string[]>();
  // A bare CR (echo of a typed line) also starts a new line here.
  for (const line of output.split(/\r?\n|\r/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    const list = map.get(m[1]) ?? [];
    list.push(m[2]);
    map.set(m[1], list);
  }
  return {
    get(key: string): string {
      const v = map.get(key);
      if (!v) throw new Error(`no ${key}= line in the output:\n${output}`);
      return v[0];
    },
    all: (key: string) => map.get(key) ?? [],
    has: (key: string) => map.has(key),
  };
}

/** A 4-digit upper-case hex word, as the guest prints it. */
export function hex4(v: number): string {
  return (v & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** Bytes as the guest's print_bytes shows them (upper-case hex pairs). */
export function hexBytes(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => (b & 0xff).toString(16).toUpperCase().padStart(2, '0')).join('');
}
