// The one whole-machine harness for guest programs: a temp folder as drive C: (plus any extra
// drives) holding programs from roms/ under their DOS names and the test's data files, a Machine
// with the DOS kernel (and, when asked, the BIOS and a VDD bridge), the first program started and
// run to its end. Output, the end, the folder, the machine and the kernel come back for checking.
import { BufferConsole, Machine, type MachineEnd } from '../../src/machine';
import { Dos, type DosOptions } from '../../src/dos/dos';
import { Bios } from '../../src/bios/bios';
import { attachVdds, type VddBridge, type VddBridgeOptions, type VddModule } from '../../src/vdd';
import { ROOT, cleanupTemps, putFiles, putFromRepo, tempDir } from './folders';

export { ROOT, cleanupTemps, tempDir };
export { hex4, hexBytes, lines, values } from './output';

export interface GuestOptions {
  /** The program, relative to the repository root (e.g. roms/tests/dos-files-io.com), put on C:
   *  as `name`. */
  program?: string;
  /** Its DOS name on C: (default PROG.COM). */
  name?: string;
  /** More programs: DOS name -> program in the repository (e.g. { 'CHILD.COM': 'roms/...' }). */
  programs?: Record<string, string>;
  /** The program to start (a DOS path; default: `program`, else the first of `programs`, on C:\). */
  start?: string;
  args?: string[];
  /** Data files to put on C:, by host path relative to the drive ("SUB/X.TXT"). */
  files?: Record<string, string | Uint8Array>;
  /** More host preparation (symbolic links, permissions...) with C:'s folder. */
  setup?(dir: string): void;
  /** C:'s host folder, when the test made it (a sandbox); default: a fresh temp folder. */
  dir?: string;
  /** Extra drives: letter -> host folder. */
  drives?: Record<string, string>;
  cwd?: string;
  env?: Record<string, string>;
  memoryKB?: number;
  /** Keys typed on the console before the program starts (input ends after them unless
   *  `inputOpen` or `trickle`). */
  input?: string;
  inputOpen?: boolean;
  /** Keys typed one at a time while the program runs (each a millisecond after the last), so
   *  reads really wait for them; input ends after the last. */
  trickle?: string;
  /** VDD modules (or plugin paths) to attach through a VDD bridge. */
  vdds?: (VddModule | string)[];
  bridge?: VddBridgeOptions;
  /** Put the BIOS and its chips (PIC, PIT, ...) in the machine; output is then taken from the
   *  BIOS console. Default: no BIOS, a BufferConsole. */
  bios?: boolean;
  maxInstructions?: number;
  /** Called once everything is wired, before the program starts. */
  before?(ctx: GuestContext): void;
}

export interface GuestContext {
  machine: Machine;
  dos: Dos;
  /** The VDD bridge (when `vdds` were given). */
  bridge: VddBridge;
  dir: string;
}

export interface GuestRun extends GuestContext {
  end: MachineEnd;
  output: string;
}

export interface PreparedGuest {
  machine: Machine;
  dos: Dos;
  dir: string;
  console: BufferConsole;
  /** The DOS path `run` starts. */
  start: string;
}

/** A machine with DOS on a fresh C: holding the given programs and files (not started). */
export function prepare(opts: GuestOptions): PreparedGuest {
  return build(opts);
}

/** prepare(), with `beforeDos` called between the machine and the kernel (the BIOS goes there,
 *  before DOS takes over the vectors it needs). */
function build(opts: GuestOptions, beforeDos?: (machine: Machine) => void): PreparedGuest {
  const dir = opts.dir ?? tempDir();
  const programs = { ...(opts.program ? { [opts.name ?? 'PROG.COM']: opts.program } : {}), ...opts.programs };
  putFromRepo(dir, programs);
  putFiles(dir, opts.files ?? {});
  opts.setup?.(dir);
  const machine = new Machine({ memoryKB: opts.memoryKB });
  const console = machine.console as BufferConsole;
  if (opts.input !== undefined) console.type(opts.input);
  console.ended = !opts.inputOpen && opts.trickle === undefined;
  if (opts.trickle !== undefined) trickle(machine, console, opts.trickle);
  beforeDos?.(machine);
  const drives = [{ letter: 'C', hostPath: dir }, ...Object.entries(opts.drives ?? {}).map(([letter, hostPath]) => ({ letter, hostPath }))];
  const options: DosOptions = { drives, cwd: opts.cwd ?? 'C:\\' };
  if (opts.env) options.env = opts.env;
  const dos = new Dos(machine, options);
  return { machine, dos, dir, console, start: opts.start ?? `C:\\${Object.keys(programs)[0]}` };
}

/** Types `keys` one at a time, a millisecond apart, while the machine runs. */
function trickle(machine: Machine, console: BufferConsole, keys: string): void {
  const left = [...keys];
  let due = 0;
  machine.addTimedDevice({
    nextEvent: () => (left.length ? due : Infinity),
    service: (now) => {
      console.type(left.shift() as string);
      if (!left.length) console.ended = true;
      due = now + 1;
      machine.notify();
    },
  });
}

/** Runs the first program to its end. */
export async function runGuest(opts: GuestOptions): Promise<GuestRun> {
  const biosOutput: number[] = [];
  const { machine, dos, dir, console, start } = build(opts, (m) => {
    if (opts.bios) new Bios(m).console.addSink((ch) => void biosOutput.push(ch));
  });
  // Without `vdds` there is no bridge; only VDD tests read it.
  const bridge = opts.vdds ? await attachVdds(machine, dos, opts.vdds, opts.bridge) : (undefined as unknown as VddBridge);
  opts.before?.({ machine, dos, bridge, dir });
  dos.start(start, opts.args ?? []);
  const end = await machine.run({ maxInstructions: opts.maxInstructions ?? 5_000_000 });
  const output = opts.bios ? String.fromCharCode(...biosOutput) : console.text();
  return { end, output, machine, dos, bridge, dir };
}
