// How runs end: the program's exit code, vdm86's limits, a guest fault, a host stop request, and
// programs that cannot be started.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram } from '../../src/run';
import { cleanupTemps, programFolder, runBios } from './helpers';

afterAll(cleanupTemps);

describe('run endings', () => {
  it('returns the DOS exit code', async () => {
    const r = await runBios('bios-exit.com', { args: ['201'] });
    expect(r).toMatchObject({ reason: 'exit', exitCode: 201 });
    expect(r.output).toBe('exit 201\r\n');
    expect(r.instructions).toBeGreaterThan(10);
  });

  it('stops at the instruction limit', async () => {
    const r = await runBios('bios-spin.com', { maxInstructions: 50000 });
    expect(r.reason).toBe('instruction-limit');
    expect(r.exitCode).toBe(-1);
    expect(r.instructions).toBe(50000);
    expect(r.output).toBe('spinning\r\n');
  });

  it('stops at the time limit', async () => {
    const r = await runBios('bios-spin.com', { timeoutMs: 300 });
    expect(r.reason).toBe('timeout');
    expect(r.message).toMatch(/time limit/);
  });

  it('stops when the host aborts', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const r = await runBios('bios-spin.com', { signal: ac.signal });
    expect(r.reason).toBe('stopped');
  });

  it('ends a BOP without a handler as a guest fault naming it', async () => {
    const r = await runBios('bios-fault.com');
    expect(r.reason).toBe('fault');
    expect(r.message).toMatch(/^BOP FDh at [0-9A-F]{4}:0113 has no handler$/);
    expect(r.output).toBe('before\r\n');
  });

  it('reports a missing program and a bad program file', async () => {
    const dir = programFolder();
    const missing = await runProgram(join(dir, 'NOPE.COM'), { hostCwd: dir });
    expect(missing.reason).toBe('not-found');
    writeFileSync(join(dir, 'EMPTY.EXE'), new Uint8Array(0));
    const bad = await runProgram(join(dir, 'EMPTY.EXE'), { hostCwd: dir });
    expect(bad.reason).toBe('bad-program');
    expect(bad.message).toMatch(/EMPTY\.EXE/);
  });
});
