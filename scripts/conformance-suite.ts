// Loads and runs the single-instruction 8086 conformance tests (SingleStepTests 8086 v1, see
// ../shared/conformance/README.md) against vdm86's CPU. Shared by scripts/conformance.ts and
// test/cpu/conformance.test.ts.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Cpu } from '../src/cpu/cpu';
import { IoPorts } from '../src/cpu/bus';

export type RegName = 'ax' | 'bx' | 'cx' | 'dx' | 'cs' | 'ss' | 'ds' | 'es' | 'sp' | 'bp' | 'si' | 'di' | 'ip' | 'flags';
export const REG_NAMES: readonly RegName[] = ['ax', 'bx', 'cx', 'dx', 'cs', 'ss', 'ds', 'es', 'sp', 'bp', 'si', 'di', 'ip', 'flags'];

export interface CpuSnapshot {
  regs: Partial<Record<RegName, number>>;
  ram: [number, number][];
}

export interface ConformanceTest {
  name: string;
  bytes: number[];
  initial: CpuSnapshot;
  final: CpuSnapshot;
  idx: number;
}

interface OpcodeInfo {
  status?: string;
  'flags-mask'?: number;
  reg?: Record<string, OpcodeInfo>;
}

export interface Metadata {
  opcodes: Record<string, OpcodeInfo>;
}

export interface FileResult {
  /** The file's key, e.g. "00" or "F6.7". */
  key: string;
  status: string;
  passed: number;
  failed: number;
  /** The first failing test and what differed. */
  firstFailure?: { name: string; idx: number; diff: string };
}

/** The default test folder: ../shared/conformance/8086 next to the repository. */
export function defaultDir(repoRoot: string): string {
  return join(repoRoot, '..', 'shared', 'conformance', '8086');
}

export function suiteAvailable(dir: string): boolean {
  return existsSync(join(dir, 'metadata.json'));
}

export function loadMetadata(dir: string): Metadata {
  return JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as Metadata;
}

/** The opcode file keys in the folder, in order ("00", ..., "80.0", ..., "FF.7"). */
export function listKeys(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json.gz'))
    .map((f) => f.slice(0, -'.json.gz'.length))
    .sort();
}

export function loadTests(dir: string, key: string): ConformanceTest[] {
  return JSON.parse(gunzipSync(readFileSync(join(dir, `${key}.json.gz`))).toString('utf8')) as ConformanceTest[];
}

function info(meta: Metadata, key: string): OpcodeInfo {
  const [op, reg] = key.split('.');
  const top = meta.opcodes[op.toUpperCase()] ?? {};
  return reg !== undefined && top.reg ? top.reg[reg] ?? {} : top;
}

/** The AND mask applied to both flags words (undefined flags of this opcode cleared). */
export function flagsMask(meta: Metadata, key: string): number {
  return info(meta, key)['flags-mask'] ?? 0xffff;
}

const STRING_OPS = new Set([0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf]);
const PREFIXES = new Set([0x26, 0x2e, 0x36, 0x3e, 0xf0, 0xf1, 0xf2, 0xf3]);

/** True for a REP-prefixed string instruction, which runs until CX = 0 (or ZF stops it). */
function isRepString(bytes: number[]): boolean {
  let rep = false;
  for (const b of bytes) {
    if (b === 0xf2 || b === 0xf3) rep = true;
    else if (!PREFIXES.has(b)) return rep && STRING_OPS.has(b);
  }
  return false;
}

function hex(v: number, digits: number): string {
  return v.toString(16).toUpperCase().padStart(digits, '0');
}

function loadState(cpu: Cpu, t: ConformanceTest): void {
  // reset() also drops what the previous test left pending (an armed trap, a shadow).
  cpu.reset();
  for (const name of REG_NAMES) cpu[name] = t.initial.regs[name] ?? 0;
  for (const [a, v] of t.initial.ram) cpu.mem[a] = v;
}

/** Runs one test on `cpu` (whose memory is all zero on entry and is left all zero); returns
 *  null when it passes, otherwise a register/memory diff. */
export function runTest(cpu: Cpu, t: ConformanceTest, mask: number): string | null {
  loadState(cpu, t);
  const cs0 = cpu.cs;
  const ip0 = cpu.ip;
  cpu.run(1);
  if (isRepString(t.bytes)) {
    for (let i = 0; i < 0x20000 && cpu.cs === cs0 && cpu.ip === ip0; i++) cpu.run(1);
  }
  const diffs: string[] = [];
  for (const name of REG_NAMES) {
    const expected = t.final.regs[name] ?? t.initial.regs[name] ?? 0;
    const actual = cpu[name];
    if (name === 'flags') {
      if ((expected & mask) !== (actual & mask)) {
        diffs.push(`flags expected ${hex(expected, 4)} got ${hex(actual, 4)} (mask ${hex(mask, 4)})`);
      }
    } else if (expected !== actual) {
      diffs.push(`${name} expected ${hex(expected, 4)} got ${hex(actual, 4)}`);
    }
  }
  for (const [a, v] of t.final.ram) {
    if (cpu.mem[a] !== v) diffs.push(`[${hex(a, 5)}] expected ${hex(v, 2)} got ${hex(cpu.mem[a], 2)}`);
  }
  for (const [a] of t.initial.ram) cpu.mem[a] = 0;
  for (const [a] of t.final.ram) cpu.mem[a] = 0;
  return diffs.length ? diffs.join('; ') : null;
}

/** A CPU set up for conformance runs: no BOP hook, no interrupt controller. */
export function conformanceCpu(): Cpu {
  const cpu = new Cpu(new IoPorts());
  cpu.bopEnabled = false;
  return cpu;
}

/** Runs every test of one opcode file. Also checks that nothing was written outside the
 *  addresses the test lists (memory must be all zero again afterwards). */
export function runFile(cpu: Cpu, dir: string, meta: Metadata, key: string): FileResult {
  const tests = loadTests(dir, key);
  const mask = flagsMask(meta, key);
  const result: FileResult = { key, status: info(meta, key).status ?? 'normal', passed: 0, failed: 0 };
  for (const t of tests) {
    const diff = runTest(cpu, t, mask);
    if (diff === null) result.passed++;
    else {
      result.failed++;
      if (!result.firstFailure) result.firstFailure = { name: t.name, idx: t.idx, diff };
    }
  }
  const stray = cpu.mem.findIndex((b) => b !== 0);
  if (stray >= 0) {
    result.failed++;
    if (!result.firstFailure) {
      result.firstFailure = { name: '(memory check)', idx: -1, diff: `stray write at ${hex(stray, 5)}` };
    }
    cpu.mem.fill(0);
  }
  return result;
}

export function describeFailure(r: FileResult): string {
  const f = r.firstFailure;
  if (!f) return `${r.key}: ok`;
  return `${r.key} (${r.status}): ${r.failed} of ${r.passed + r.failed} failed; first: #${f.idx} "${f.name}": ${f.diff}`;
}
