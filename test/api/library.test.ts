// The library surface the README documents, used only through src/index.ts: a machine built by
// hand (Machine, installBios, Dos, attachVdds) runs a program, as well as runProgram does.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine, installBios, Dos, DosLoadError, attachVdds, runProgram } from '../../src/index';

const HELLO = join(__dirname, '../../roms/demo/hello.com');

describe('the public API', () => {
  it('builds a machine by hand and runs a program on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vdm86-api-'));
    copyFileSync(HELLO, join(dir, 'HELLO.COM'));
    const machine = new Machine();
    const bios = installBios(machine);
    const out: number[] = [];
    bios.console.addSink((ch) => out.push(ch));
    const dos = new Dos(machine, { drives: [{ letter: 'C', hostPath: dir }] });
    const bridge = await attachVdds(machine, dos, []);
    dos.start('C:\\HELLO.COM', ['x']);
    const end = await machine.run({ maxInstructions: 1_000_000 });
    bridge.dispose();
    expect(end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(String.fromCharCode(...out)).toContain('Command tail: x');
    expect(() => dos.start('C:\\NOTHERE.COM', [])).toThrow(DosLoadError);
  });

  it('runs the same program through runProgram', async () => {
    const r = await runProgram(HELLO, { args: ['a', 'b'] });
    expect(r.reason).toBe('exit');
    expect(r.output).toMatch(/Hello from vdm86! DOS version 5\.00\r?\nCommand tail: a b/);
  });
});
