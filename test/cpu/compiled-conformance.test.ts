// The 8086 conformance suite (../shared/conformance/8086) through the compiled tier: each test's
// instruction is translated afresh into a one-instruction block (hot 1, nothing kept) and run
// compiled; forms a block does not hold fall back to the interpreter as in a real run. A sample of
// each opcode file keeps the run short (every test compiles a JavaScript function). Skipped with
// a message when the suite is not next to the repository.
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { defaultDir, suiteAvailable, loadMetadata, listKeys, loadTests, flagsMask, runTest, conformanceCpu } from '../../scripts/conformance-suite';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = defaultDir(repoRoot);
const available = suiteAvailable(dir);
/** Tests taken from each opcode file. */
const SAMPLE = 250;
/** Opcode files whose instruction a block holds: each must have been compiled at least once. */
const COMPILED_KEYS = ['00', '01', '02', '03', '04', '05', '13', '1B', '29', '38', '3B', '40', '4F', '50', '5F', '74', '7C',
  '80.0', '81.5', '83.7', '84', '85', '88', '89', '8A', '8B', '8C', '8D', '98', '99', 'A0', 'A3', 'B0', 'BF', 'C3', 'C2',
  'C6', 'C7', 'D1.4', 'D1.5', 'E2', 'E3', 'E8', 'E9', 'EB', 'FE.0', 'FF.1', 'FF.2', 'FF.4',
  // Segment pushes, XCHG, POP r/m, far transfers, flag instructions, strings without REP, LES/LDS,
  // shifts and rotates, group 3 but DIV/IDIV, XLAT, PUSH r/m.
  '06', '0E', '16', '1E', '86', '87', '8F', '9A', '9C', '9E', '9F', 'A4', 'A6', 'A7', 'AA', 'AB', 'AC', 'AD', 'AE', 'AF',
  'C4', 'C5', 'C8', 'C9', 'CA', 'CB', 'D7', 'EA', 'F5', 'F8', 'F9', 'FC', 'FD', 'FF.3', 'FF.5', 'FF.6', 'FF.7',
  ...['D0', 'D1', 'D2', 'D3'].flatMap((op) => [0, 1, 2, 3, 4, 5, 6, 7].map((g) => `${op}.${g}`)),
  ...['F6', 'F7'].flatMap((op) => [0, 1, 2, 3, 4, 5].map((g) => `${op}.${g}`))];

if (!available) console.warn(`8086 conformance suite (compiled tier) skipped: ${dir} is absent`);

describe.skipIf(!available)('8086 conformance through the compiled tier', () => {
  const meta = available ? loadMetadata(dir) : { opcodes: {} };
  const keys = available ? listKeys(dir) : [];
  it('every sampled test passes with its instruction compiled', () => {
    const cpu = conformanceCpu();
    cpu.setCompiledTier(true, { hot: 1, maxInstructions: 1, keep: false });
    const failures: string[] = [];
    const compiledPerKey = new Map<string, number>();
    for (const key of keys) {
      const tests = loadTests(dir, key);
      const mask = flagsMask(meta, key);
      const before = cpu.compiledTier?.compiled ?? 0;
      const step = Math.max(1, Math.floor(tests.length / SAMPLE));
      for (let i = 0; i < tests.length; i += step) {
        const diff = runTest(cpu, tests[i], mask);
        if (diff && failures.length < 20) failures.push(`${key} #${i} "${tests[i].name}": ${diff}`);
      }
      compiledPerKey.set(key, (cpu.compiledTier?.compiled ?? 0) - before);
    }
    expect(failures).toEqual([]);
    const notCompiled = COMPILED_KEYS.filter((k) => keys.includes(k) && !compiledPerKey.get(k));
    expect(notCompiled).toEqual([]);
  }, 600_000);
});
