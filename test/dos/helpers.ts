// Whole-machine harness for the DOS-core tests: a temp folder as drive C: holding guest programs
// from roms/ (under the DOS names the test gives) and data files, a Machine with the DOS kernel,
// the first program started and run to its end. Output, exit, the folder and the machine (for
// memory checks) come back. Guest output in KEY=value lines is read with `values`.
import { BufferConsole, Machine, type MachineEnd } from '../../src/machine';
import { Dos, type DosOptions } from '../../src/dos/dos';
import { ROOT, cleanupTemps, putFiles, putFromRepo, tempDir } from '../helpers/folders';

export { ROOT, cleanupTemps, tempDir };
export { hex4, hexBytes, values } from '../helpers/output';

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

/** A machine with DOS on a fresh C: holding the given programs and files (not started). */
export function prepare(opts: CoreRunOptions): { machine: Machine; dos: Dos; dir: string; console: BufferConsole } {
  const dir = tempDir();
  putFromRepo(dir, opts.programs);
  putFiles(dir, opts.files ?? {});
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
