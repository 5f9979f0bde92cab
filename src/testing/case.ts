// A `vdm86 test` case file (YAML, parsed with the `yaml` package) as the runner's TestCases: read,
// checked against the published schema (case-schema.ts), paths made absolute from the case file's
// folder, and the shared top-level fields of a `cases` list given to each of its cases.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { CASE_SCHEMA } from './case-schema';
import { checkSchema } from './schema-check';
import { parseClock } from './clock';
import { parseKey } from './keys';
import type { HostKey } from '../host/keys';
import type { RunReason } from '../run';

/** Text to compare with: exact (CR LF = LF), a pattern, a golden file, or (files) absence. */
export interface TextExpect {
  text?: string;
  match?: string;
  /** Absolute path of the golden file. */
  golden?: string;
  absent?: boolean;
}

export type Step =
  | { kind: 'wait'; text: string; timeoutMs: number }
  | { kind: 'keys'; keys: HostKey[]; label: string }
  | { kind: 'screen'; row: number; col: number; lines: string[]; timeoutMs: number };

export interface CaseExpect {
  exit?: number;
  reason: RunReason;
  stdout?: TextExpect;
  files: Record<string, TextExpect>;
  /** Absolute path of the golden screen. */
  screen?: string;
}

export interface TestCase {
  /** "file#name": unique in a run, the shard and report key. */
  id: string;
  name: string;
  /** The case file, absolute, and the path it is shown by. */
  file: string;
  shown: string;
  program: string;
  args: string[];
  /** Drive letters (upper case, no colon) to absolute host folders. */
  drives: Record<string, string>;
  cwd?: string;
  env: Record<string, string>;
  stdin?: string;
  /** DOS paths (with drive letter) to their content. */
  files: Record<string, { text: string } | { from: string }>;
  steps: Step[];
  /** undefined: the run's default clock. */
  clock?: Date | 'host';
  timeoutMs?: number;
  maxInstructions?: number;
  memoryKB?: number;
  dosVersion?: string;
  expect: CaseExpect;
}

export class CaseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseFileError';
  }
}

/** Emulated milliseconds a wait or screen step waits by default. */
export const DEFAULT_STEP_TIMEOUT_MS = 5000;

type Raw = Record<string, unknown>;

/** A DOS path on C: unless it names its drive, with backslashes. */
function dosPath(p: string): string {
  const s = p.replace(/\//g, '\\');
  return /^[A-Za-z]:/.test(s) ? s[0].toUpperCase() + s.slice(1) : `C:\\${s.replace(/^\\+/, '')}`;
}

function textExpect(raw: unknown, dir: string): TextExpect {
  if (typeof raw === 'string') return { text: raw };
  const r = raw as Raw;
  const e: TextExpect = { text: r.text as string | undefined, match: r.match as string | undefined, absent: r.absent as boolean | undefined };
  if (typeof r.golden === 'string') e.golden = resolve(dir, r.golden);
  return e;
}

function steps(raw: Raw[], where: string): Step[] {
  return raw.map((s, i) => {
    const kinds = ['wait', 'type', 'keys', 'screen'].filter((k) => k in s);
    if (kinds.length !== 1) throw new CaseFileError(`${where}.steps[${i}]: give exactly one of wait, type, keys, screen`);
    const timeoutMs = (s.timeout as number | undefined) ?? DEFAULT_STEP_TIMEOUT_MS;
    if (typeof s.wait === 'string') return { kind: 'wait', text: s.wait, timeoutMs };
    if (typeof s.type === 'string') return { kind: 'keys', keys: typedKeys(s.type), label: JSON.stringify(s.type) };
    if (Array.isArray(s.keys)) {
      try {
        return { kind: 'keys', keys: (s.keys as string[]).map(parseKey), label: (s.keys as string[]).join(' ') };
      } catch (err) {
        throw new CaseFileError(`${where}.steps[${i}].keys: ${(err as Error).message}`);
      }
    }
    const sc = s.screen as Raw;
    const lines = Array.isArray(sc.text) ? (sc.text as string[]) : String(sc.text).replace(/\n$/, '').split('\n');
    return { kind: 'screen', row: (sc.row as number) ?? 0, col: (sc.col as number) ?? 0, lines, timeoutMs };
  });
}

/** Text typed as keys: characters as CP437, LF or CR as Enter. */
export function typedKeys(text: string): HostKey[] {
  const keys: HostKey[] = [];
  for (const ch of text.replace(/\r\n?/g, '\n')) keys.push(ch === '\n' ? { name: 'Enter' } : parseKey(ch));
  return keys;
}

function toCase(raw: Raw, file: string, shown: string, name: string, where: string): TestCase {
  const dir = dirname(file);
  if (typeof raw.program !== 'string') throw new CaseFileError(`${where}: missing "program"`);
  const drives: Record<string, string> = {};
  for (const [letter, folder] of Object.entries((raw.drives as Record<string, string>) ?? {})) drives[letter[0].toUpperCase()] = resolve(dir, folder);
  const files: TestCase['files'] = {};
  for (const [p, v] of Object.entries((raw.files as Raw) ?? {})) {
    files[dosPath(p)] = typeof v === 'string' ? { text: v } : { from: resolve(dir, (v as Raw).from as string) };
  }
  let clock: TestCase['clock'];
  if (typeof raw.clock === 'string') {
    try {
      clock = parseClock(raw.clock);
    } catch (err) {
      throw new CaseFileError(`${where}.clock: ${(err as Error).message}`);
    }
  }
  const ex = (raw.expect as Raw) ?? {};
  const expectFiles: Record<string, TextExpect> = {};
  for (const [p, v] of Object.entries((ex.files as Raw) ?? {})) expectFiles[dosPath(p)] = textExpect(v, dir);
  // A program given as a host path is found from the case file; a DOS path is left to DOS.
  const program = /^[A-Za-z]:[\\/]/.test(raw.program) ? raw.program : resolve(dir, raw.program);
  return {
    id: `${shown}#${name}`,
    name,
    file,
    shown,
    program,
    args: ((raw.args as unknown[]) ?? []).map(String),
    drives,
    cwd: raw.cwd as string | undefined,
    env: (raw.env as Record<string, string>) ?? {},
    stdin: raw.stdin as string | undefined,
    files,
    steps: steps((raw.steps as Raw[]) ?? [], where),
    clock,
    timeoutMs: typeof raw.timeout === 'number' ? raw.timeout * 1000 : undefined,
    maxInstructions: raw.maxInstructions as number | undefined,
    memoryKB: raw.memory as number | undefined,
    dosVersion: raw.dosVersion as string | undefined,
    expect: {
      exit: ex.exit as number | undefined,
      reason: (ex.reason as RunReason | undefined) ?? 'exit',
      stdout: ex.stdout === undefined ? undefined : textExpect(ex.stdout, dir),
      files: expectFiles,
      screen: typeof ex.screen === 'string' ? resolve(dir, ex.screen) : undefined,
    },
  };
}

/** Parses case-file text; `file` is its absolute path (paths in it are relative to its folder),
 *  `shown` how reports name it. */
export function parseCases(source: string, file: string, shown = file): TestCase[] {
  let doc: unknown;
  try {
    doc = parseYaml(source);
  } catch (err) {
    if (err instanceof YAMLParseError) throw new CaseFileError(`${shown}: ${err.message.split('\n')[0]}`);
    throw err;
  }
  const problems = checkSchema(CASE_SCHEMA, doc ?? {});
  if (problems.length) throw new CaseFileError(`${shown}: ${problems.join('; ')}`);
  const raw = doc as Raw;
  const base = basename(file).replace(/\.ya?ml$/i, '').replace(/\.case$/i, '');
  if (!Array.isArray(raw.cases)) return [toCase(raw, file, shown, (raw.name as string) ?? base, shown)];
  const { cases, ...defaults } = raw;
  const seen = new Set<string>();
  return (cases as Raw[]).map((c, i) => {
    const merged: Raw = { ...defaults, ...c };
    // expect and env merge one level deep, so a list can share an expectation or a variable.
    if (defaults.expect && c.expect) merged.expect = { ...(defaults.expect as Raw), ...(c.expect as Raw) };
    if (defaults.env && c.env) merged.env = { ...(defaults.env as Raw), ...(c.env as Raw) };
    const name = (c.name as string) ?? String(i + 1);
    if (seen.has(name)) throw new CaseFileError(`${shown}: two cases named "${name}"`);
    seen.add(name);
    return toCase(merged, file, shown, name, `${shown}: cases[${i}]`);
  });
}

/** Reads and parses one case file. */
export function loadCaseFile(file: string, shown = file): TestCase[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CaseFileError(`${shown}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseCases(text, resolve(file), shown);
}
