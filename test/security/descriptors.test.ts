// Issue 14: however a run ends — exit, fault, instruction limit, timeout, abort, a TSR — every
// host file the guest opened is closed when runProgram returns. Counted in /proc/self/fd (Linux;
// elsewhere the test is skipped).
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, type RunOptions } from '../../src/index';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';

afterAll(cleanupTemps);

const FD_DIR = '/proc/self/fd';
const openFds = () => readdirSync(FD_DIR).length;

describe.skipIf(!existsSync(FD_DIR))('host files after a run', () => {
  const ends: [string, string, Partial<RunOptions>, string][] = [
    ['exit', 'X', {}, 'exit'],
    ['fault', 'F', {}, 'fault'],
    ['instruction limit', 'L', { maxInstructions: 300_000 }, 'instruction-limit'],
    ['timeout', 'L', { timeoutMs: 3000 }, 'timeout'],
    ['abort', 'L', {}, 'stopped'],
    ['TSR', 'T', {}, 'exit'],
  ];
  for (const [label, tail, options, reason] of ends) {
    it(`are all closed after a run that ends by ${label}`, async () => {
      const dir = tempDir('vdm86-sec-');
      copyFileSync(join(ROOT, 'roms/tests/sec-openmany.com'), join(dir, 'PROG.COM'));
      const before = openFds();
      const abort = new AbortController();
      // The abort comes once the files are open (the program says "open").
      const onMachine: RunOptions['onMachine'] = ({ bios }) => {
        if (label === 'abort') bios.console.addSink((ch) => ch === 0x0a && abort.abort());
      };
      const r = await runProgram(join(dir, 'PROG.COM'), { drives: { C: dir }, args: [tail], signal: abort.signal, onMachine, ...options });
      expect(r.reason).toBe(reason);
      expect(r.output).toContain('open');
      expect(openFds()).toBeLessThanOrEqual(before);
      expect(readdirSync(dir)).toContain('FO.TXT');
    });
  }
});
