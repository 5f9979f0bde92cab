// The EmulatedClock of reproducible runs (runProgram's `clock`): DOS and the BIOS start at the
// fixed date, time passes with the guest (instructions, and idle waits skipped to the next timer
// event), never with the host, so a program that waits on the timer gives the same bytes each run.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync } from 'node:fs';
import { runProgram } from '../../src/run';
import { EmulatedClock, EMULATED_INSTRUCTIONS_PER_MS } from '../../src/host/clock';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';

afterAll(cleanupTemps);

function guest(name: string): string {
  const dir = tempDir();
  copyFileSync(join(ROOT, 'roms/tests', name), join(dir, name));
  return dir;
}

describe('EmulatedClock', () => {
  it('counts instructions and skipped waits from a fixed start', async () => {
    let instructions = 500;
    const clock = new EmulatedClock(new Date(1990, 0, 1, 0, 0, 0));
    clock.attach(() => instructions);
    expect(clock.now()).toBe(0);
    instructions += 10 * EMULATED_INSTRUCTIONS_PER_MS;
    expect(clock.now()).toBe(10);
    await clock.sleep(55).done;
    expect(clock.now()).toBe(65);
    expect(clock.wallClock()).toEqual(new Date(1990, 0, 1, 0, 0, 0, 65));
  });

  it('a program that counts 36 timer ticks prints the same bytes twice and runs the same instructions', async () => {
    const dir = guest('bios-ticks.com');
    const start = new Date(1995, 5, 1, 8, 0, 0);
    const run = () => runProgram(join(dir, 'bios-ticks.com'), { drives: { C: dir }, hostCwd: dir, clock: start });
    const a = await run();
    const b = await run();
    expect(a.reason).toBe('exit');
    expect(a.exitCode).toBe(0);
    expect(b.output).toBe(a.output);
    expect(b.instructions).toBe(a.instructions);
  });

  it('the runner-clock program: DOS date and time, ticks and 36h come from the clock and the fixed disk', async () => {
    const dir = guest('runner-clock.com');
    const r = await runProgram(join(dir, 'runner-clock.com'), { drives: { C: dir }, hostCwd: dir, clock: new Date(2024, 1, 29, 23, 59, 59) });
    // 23:59:59 is tick 86399 s x 1193182 / 65536 = 1573024 (1800A0h)
    const lines = r.output.split('\r\n');
    expect(lines.slice(0, 4)).toEqual(['date 2024-02-29', 'time 23:59:59.00', 'ticks 001800A0', 'space spc=64 free=512 bps=512 total=1024']);
  });
});
