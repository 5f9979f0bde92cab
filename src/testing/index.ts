// `vdm86/testing`: the runner for JavaScript test frameworks. runDosCase runs one case — a case
// file, or the same fields as an object — with the same sandbox, fixed clock and expectations as
// `vdm86 test`, and returns what the program printed and left on the screen, ready for
// `expect(r.output).toMatchSnapshot()` (README "Testing DOS programs in CI").
import { resolve, join } from 'node:path';
import { loadCaseFile, parseCases, type TestCase } from './case';
import { runCase, type CaseOutcome, type Failure } from './run-case';
import { DEFAULT_TEST_CLOCK, parseClock } from './clock';

export { runSuite, discoverCases, type SuiteOptions } from './runner';
export { parseCases, loadCaseFile, CaseFileError, type TestCase } from './case';
export { runCase, type CaseOutcome, type Failure, type CaseRunOptions } from './run-case';
export { CASE_SCHEMA } from './case-schema';
export { junitReport, tapReport, jsonReport } from './reporters';

export interface DosCaseOptions {
  /** Folder that relative paths of an object case start from. Default process.cwd(). */
  dir?: string;
  /** Which case of a file with a `cases` list (its name). Default: the only one. */
  name?: string;
  /** The clock of a case that names none: a local date and time, or 'host'. Default 1990-01-01T00:00:00. */
  clock?: string | Date;
  /** Host milliseconds the case may take. Default 60000. */
  timeoutMs?: number;
  /** Rewrite golden files instead of failing on them. */
  update?: boolean;
}

export interface DosCaseResult {
  /** True when every expectation of the case held (a case with none only has to exit with 0). */
  passed: boolean;
  failures: Failure[];
  /** The program's exit code (-1 unless it exited), and how the run ended. */
  exitCode: number;
  reason: string;
  /** Console output, CR LF turned into LF for readable snapshots. */
  output: string;
  /** The final text screen, lines up to the last with text, LF-ended. */
  screen: string;
  outcome: CaseOutcome;
}

/** Runs one case: a case file path, or a case object (the fields of a case file). */
export async function runDosCase(source: string | Record<string, unknown>, options: DosCaseOptions = {}): Promise<DosCaseResult> {
  const cases: TestCase[] =
    typeof source === 'string'
      ? loadCaseFile(resolve(options.dir ?? process.cwd(), source), source)
      : parseCases(JSON.stringify(source), join(resolve(options.dir ?? process.cwd()), 'inline.case.yaml'), 'inline');
  const tc = options.name === undefined ? cases[0] : cases.find((c) => c.name === options.name);
  if (!tc || (options.name === undefined && cases.length > 1)) {
    throw new Error(options.name === undefined ? 'the file has several cases: choose one with `name`' : `no case named "${options.name}"`);
  }
  const clock = options.clock instanceof Date ? options.clock : parseClock(options.clock ?? DEFAULT_TEST_CLOCK);
  const outcome = await runCase(tc, { clock, timeoutMs: options.timeoutMs ?? 60000, update: options.update });
  return {
    passed: outcome.status === 'pass',
    failures: outcome.failures,
    exitCode: outcome.exitCode,
    reason: outcome.reason,
    output: outcome.output.replace(/\r\n/g, '\n'),
    screen: outcome.screen,
    outcome,
  };
}
