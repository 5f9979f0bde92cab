// Issue 14: a VDD that throws later — from a timer or a rejected promise it set going — ends its
// own run as a fault that names it, and neither the embedding process nor a parallel run dies
// with it. A throw in onDetach (when the run is over) is reported in the result's warnings.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, type VddModule } from '../../src/index';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';

afterAll(cleanupTemps);

function spinner(): { dir: string; path: string } {
  const dir = tempDir('vdm86-sec-');
  copyFileSync(join(ROOT, 'roms/tests/bios-spin.com'), join(dir, 'SPIN.COM'));
  return { dir, path: join(dir, 'SPIN.COM') };
}

describe('a VDD that throws after returning', () => {
  it('ends its own run as a fault naming it; a parallel run goes on', async () => {
    const { dir, path } = spinner();
    const timerBomb: VddModule = {
      name: 'TIMERBOMB',
      routines: {},
      onAttach: () => void setTimeout(() => { throw new Error('late boom'); }, 50),
    };
    const promiseBomb: VddModule = {
      name: 'PROMISEBOMB',
      routines: {},
      onAttach: () => void new Promise((_, reject) => setTimeout(() => reject(new Error('rejected later')), 50)),
    };
    const [a, b, calm] = await Promise.all([
      runProgram(path, { hostCwd: dir, vdds: [timerBomb], timeoutMs: 10_000 }),
      runProgram(path, { hostCwd: dir, vdds: [promiseBomb], timeoutMs: 10_000 }),
      runProgram(path, { hostCwd: dir, timeoutMs: 700 }),
    ]);
    expect(a.reason).toBe('fault');
    expect(a.message).toBe('VDD TIMERBOMB threw after returning: late boom');
    expect(b.reason).toBe('fault');
    expect(b.message).toBe('VDD PROMISEBOMB threw after returning: rejected later');
    expect(calm.reason).toBe('timeout');
  });

  it('reports a throw in onDetach', async () => {
    const { dir, path } = spinner();
    const r = await runProgram(path, {
      hostCwd: dir,
      maxInstructions: 10_000,
      vdds: [{ name: 'DETACHER', routines: {}, onDetach: () => { throw new Error('cannot let go'); } }],
    });
    expect(r.reason).toBe('instruction-limit');
    expect(r.warnings).toEqual([expect.stringMatching(/^VDD DETACHER: onDetach threw: cannot let go/)]);
  });
});
