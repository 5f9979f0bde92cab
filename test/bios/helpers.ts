// Whole-machine harness for the BIOS tests: copies guest programs from roms/tests into a temp
// folder that becomes drive C:, and runs one through runProgram (BIOS, DOS, console; through
// test/helpers/program-run.ts), so every check sees what a user of the library would see. Guest output in name=value lines is read
// with `values` (test/helpers/output.ts). runVirtual runs one on a virtual clock instead (timer
// tests: no host time).
import { join } from 'node:path';
import type { RunOptions, RunResult } from '../../src/run';
import { Machine, type MachineEnd } from '../../src/machine';
import { installBios, type Bios } from '../../src/bios/bios';
import { Dos } from '../../src/dos/dos';
import { frameLines } from '../../src/host/terminal';
import { ROOT, cleanupTemps, putFromRepo, tempDir } from '../helpers/folders';
import { VirtualClock } from '../helpers/virtual-clock';
import { programDrive, runOnDrive } from '../helpers/program-run';

export { ROOT, cleanupTemps };
export const ROMS_TESTS = join(ROOT, 'roms/tests');

/** A fresh folder holding copies of the named roms/tests programs. */
export function programFolder(...names: string[]): string {
  return programDrive(Object.fromEntries(names.map((n) => [n, `roms/tests/${n}`])));
}

/** Runs roms/tests/<name> from a temp C: with a 20 s safety limit unless given. */
export async function runBios(name: string, options: RunOptions = {}): Promise<RunResult> {
  const { args = [], ...rest } = options;
  return runOnDrive(programFolder(name), name, args, { timeoutMs: 20000, ...rest });
}


/** Guest instructions per virtual millisecond (a 1 MIPS machine, about a fast 8086's pace). */
export const INSTRUCTIONS_PER_MS = 1000;
/** Instructions per slice: timers are serviced between slices, so an event is seen at most
 *  this many instructions (here 1 virtual ms) after it is due. */
export const VIRTUAL_SLICE = 1000;

export interface VirtualRun {
  end: MachineEnd;
  output: string;
  screen: string[];
  clock: VirtualClock;
  machine: Machine;
  bios: Bios;
  /** Virtual time (ms) at the program's first instruction and after its end. */
  startedAt: number;
  endedAt: number;
  /** Virtual time of every IRQ0 the PIT raised. */
  irq0: number[];
}

/** Runs roms/tests/<name> (as C:\PROG.COM) on a machine whose host clock and wall clock are a
 *  VirtualClock: the same instructions always meet the same ticks, however loaded the host is.
 *  `watch` is called after every slice with the BIOS and the time the slice ended. */
export async function runVirtual(
  name: string,
  opts: { args?: string[]; virtualTimeoutMs?: number; watch?: (bios: Bios, now: number) => void } = {},
): Promise<VirtualRun> {
  const dir = tempDir();
  putFromRepo(dir, { 'PROG.COM': `roms/tests/${name}` });
  const clock = new VirtualClock(INSTRUCTIONS_PER_MS);
  const machine = new Machine({ now: clock.now });
  const bios = installBios(machine, { wallClock: clock.wallClock });
  const irq0: number[] = [];
  const raiseIrq0 = bios.pit.onIrq0;
  bios.pit.onIrq0 = () => {
    irq0.push(clock.now());
    raiseIrq0();
  };
  // Before the clock's own hook, so a watcher sees the time a slice ended, before any idle skip.
  if (opts.watch) {
    const watch = opts.watch;
    machine.addSliceHook(() => watch(bios, clock.now()));
  }
  clock.attach(machine, VIRTUAL_SLICE, () => Math.min(bios.pit.nextEvent(), bios.system.nextEvent()));
  const bytes: number[] = [];
  bios.console.addSink((ch) => bytes.push(ch));
  bios.endInput();
  const dos = new Dos(machine, { drives: [{ letter: 'C', hostPath: dir }], cwd: 'C:\\' });
  dos.start('C:\\PROG.COM', opts.args ?? []);
  const startedAt = clock.now();
  const end = await machine.run({ sliceInstructions: VIRTUAL_SLICE, timeoutMs: opts.virtualTimeoutMs ?? 60000 });
  return {
    end,
    output: Buffer.from(bytes).toString('latin1'),
    screen: frameLines(bios.frame()),
    clock,
    machine,
    bios,
    startedAt,
    endedAt: clock.now(),
    irq0,
  };
}
