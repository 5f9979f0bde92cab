// The single-instruction 8086 conformance suite (../shared/conformance/8086), one test per
// opcode file. Skipped with a message when the suite is not next to the repository.
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import {
  defaultDir,
  suiteAvailable,
  loadMetadata,
  listKeys,
  runFile,
  conformanceCpu,
  describeFailure,
} from '../../scripts/conformance-suite';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = defaultDir(repoRoot);
const available = suiteAvailable(dir);

if (!available) {
  console.warn(`8086 conformance suite skipped: ${dir} is absent`);
}

describe.skipIf(!available)('8086 conformance (SingleStepTests)', () => {
  const meta = available ? loadMetadata(dir) : { opcodes: {} };
  const keys = available ? listKeys(dir) : [];
  const cpu = conformanceCpu();
  for (const key of keys) {
    it(`opcode ${key}`, () => {
      const r = runFile(cpu, dir, meta, key);
      expect(r.failed, describeFailure(r)).toBe(0);
      expect(r.passed).toBeGreaterThan(0);
    });
  }
});
