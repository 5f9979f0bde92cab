// Whole-machine harness for the DOS file tests: a temp folder as drive C: (plus any extra drives)
// holding the guest program from roms/ and the test's files, a Machine with the DOS kernel, the
// program started and run to its end; output, exit and the folder come back for checking.
import { BufferConsole, Machine, type MachineEnd } from '../../src/machine';
import { Dos } from '../../src/dos/dos';
import { ROOT, cleanupTemps, putFiles, putFromRepo, tempDir } from '../helpers/folders';

export { ROOT, cleanupTemps, tempDir };
export { lines } from '../helpers/output';

export interface FilesRun {
  end: MachineEnd;
  output: string;
  machine: Machine;
  dos: Dos;
  /** Host folder of C:. */
  dir: string;
}

export interface FilesRunOptions {
  /** The program, relative to the repository root (e.g. roms/tests/dos-files-io.com). */
  program: string;
  /** Its DOS name on C: (default PROG.COM). */
  name?: string;
  /** Files to put on C:, by host path relative to the drive ("SUB/X.TXT"). */
  files?: Record<string, string | Uint8Array>;
  /** More host preparation (symbolic links, permissions...) with C:'s folder. */
  setup?(dir: string): void;
  args?: string[];
  /** Keys typed on the console before the program starts. */
  input?: string;
  /** Keys typed one at a time while the program runs (each a millisecond after the last), so
   *  reads really wait for them; input ends after the last. */
  trickle?: string;
  /** Extra drives: letter -> host folder. */
  drives?: Record<string, string>;
  cwd?: string;
  maxInstructions?: number;
}

export async function runFiles(opts: FilesRunOptions): Promise<FilesRun> {
  const dir = tempDir();
  const name = opts.name ?? 'PROG.COM';
  putFromRepo(dir, { [name]: opts.program });
  putFiles(dir, opts.files ?? {});
  opts.setup?.(dir);
  const machine = new Machine();
  const console = machine.console as BufferConsole;
  if (opts.input !== undefined) console.type(opts.input);
  console.ended = opts.trickle === undefined;
  if (opts.trickle !== undefined) {
    const keys = [...opts.trickle];
    let due = 0;
    machine.addTimedDevice({
      nextEvent: () => (keys.length ? due : Infinity),
      service: (now) => {
        console.type(keys.shift() as string);
        if (!keys.length) console.ended = true;
        due = now + 1;
        machine.notify();
      },
    });
  }
  const drives = [{ letter: 'C', hostPath: dir }, ...Object.entries(opts.drives ?? {}).map(([letter, hostPath]) => ({ letter, hostPath }))];
  const dos = new Dos(machine, { drives, cwd: opts.cwd ?? 'C:\\' });
  dos.start(`C:\\${name}`, opts.args ?? []);
  const end = await machine.run({ maxInstructions: opts.maxInstructions ?? 5_000_000 });
  return { end, output: console.text(), machine, dos, dir };
}
