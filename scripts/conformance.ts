// npm run conformance [-- --dir DIR] [-- --only KEY,KEY]: runs the single-instruction 8086 tests
// and prints one line per failing opcode file (first failing test and its diff), then
// "conformance: N passed, N failed" counting tests. Exit status 1 on any failure.
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
} from './conformance-suite';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(argValue('--dir') ?? defaultDir(repoRoot));
if (!suiteAvailable(dir)) {
  console.error(`conformance: no test suite at ${dir} (expected metadata.json and XX.json.gz files)`);
  process.exit(1);
}
const only = argValue('--only')?.split(',').map((k) => k.toUpperCase());
const meta = loadMetadata(dir);
const cpu = conformanceCpu();
let passed = 0;
let failed = 0;
let filesFailed = 0;
const keys = listKeys(dir).filter((k) => !only || only.includes(k.toUpperCase()));
const t0 = performance.now();
for (const key of keys) {
  const r = runFile(cpu, dir, meta, key);
  passed += r.passed;
  failed += r.failed;
  if (r.failed) {
    filesFailed++;
    console.log(describeFailure(r));
  }
}
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`${passed + failed} tests in ${keys.length} opcode files, ${keys.length - filesFailed} files clean (${secs} s)`);
// The counts are tests (single instructions), not opcode files.
console.log(`conformance: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
