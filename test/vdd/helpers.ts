// Whole-machine harness for the VDD tests: a temp folder as drive C: holding the guest programs
// (copied from roms/ under 8.3 names) and any data files, a Machine with the DOS kernel and a
// VDD bridge, the first program started and run to its end.
import { BufferConsole, Machine, type MachineEnd } from '../../src/machine';
import { Dos } from '../../src/dos/dos';
import { Bios } from '../../src/bios/bios';
import { attachVdds, type VddBridge, type VddBridgeOptions, type VddModule } from '../../src/vdd';
import { ROOT, cleanupTemps, putFiles, putFromRepo, tempDir } from '../helpers/folders';

export { ROOT, cleanupTemps, tempDir };
export { lines } from '../helpers/output';

export interface GuestRun {
  end: MachineEnd;
  output: string;
  machine: Machine;
  dos: Dos;
  bridge: VddBridge;
  dir: string;
}

export interface GuestOptions {
  /** The program, relative to the repository root (e.g. roms/tests/vdd-register.com). */
  program: string;
  /** More programs to put on C:, as { 'CHILD.COM': 'roms/tests/vdd-hchild.com' }. */
  programs?: Record<string, string>;
  /** Data files to put on C:, by DOS name. */
  files?: Record<string, string | Uint8Array>;
  args?: string[];
  vdds: (VddModule | string)[];
  bridge?: VddBridgeOptions;
  maxInstructions?: number;
  /** Put the BIOS and its chips (PIC, PIT, ...) in the machine; output is then taken from the
   *  BIOS console. Default: no BIOS, a BufferConsole. */
  bios?: boolean;
  /** Called once everything is wired, before the program starts. */
  before?(ctx: { machine: Machine; dos: Dos; bridge: VddBridge }): void;
}

export async function runGuest(opts: GuestOptions): Promise<GuestRun> {
  const dir = tempDir();
  putFromRepo(dir, { 'PROG.COM': opts.program, ...opts.programs });
  putFiles(dir, opts.files ?? {});
  const machine = new Machine();
  const biosOutput: number[] = [];
  if (opts.bios) new Bios(machine).console.addSink((ch) => void biosOutput.push(ch));
  const dos = new Dos(machine, { drives: [{ letter: 'C', hostPath: dir }], cwd: 'C:\\' });
  const bridge = await attachVdds(machine, dos, opts.vdds, opts.bridge);
  opts.before?.({ machine, dos, bridge });
  dos.start('C:\\PROG.COM', opts.args ?? []);
  const end = await machine.run({ maxInstructions: opts.maxInstructions ?? 5_000_000 });
  const output = opts.bios ? String.fromCharCode(...biosOutput) : (machine.console as BufferConsole).text();
  return { end, output, machine, dos, bridge, dir };
}
