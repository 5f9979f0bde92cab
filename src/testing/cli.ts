// `vdm86 test [options] [FILES|DIRS...]`: the runner's command line. One line per case with a
// running count (and a progress bar on a terminal), failure details as they happen, a summary,
// reports for CI (--reporter), and exit status 0 only when every case passed.
import type { Command } from 'commander';
import { command, invalidArgument, isCommanderError } from '../host/commander';
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { runSuite } from './runner';
import { parseShard, type Shard } from './shard';
import { DEFAULT_TEST_CLOCK, parseClock } from './clock';
import { REPORTERS, failureText, report, type ReporterName } from './reporters';
import type { CaseOutcome } from './run-case';

/** Exit statuses: 1 some case failed; 125 bad command line (as vdm86 itself). */
const EXIT = { FAILED: 1, USAGE: 125 } as const;
const DEFAULT_CASE_TIMEOUT_S = 60;
const BAR_WIDTH = 24;

interface TestCliOptions {
  update?: boolean;
  reporter?: ReporterName;
  reportFile?: string;
  jobs: number;
  shard?: Shard;
  clock: Date | 'host';
  timeout: number;
  totalTimeout?: number;
}

function positive(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw invalidArgument(`${what} must be a positive number`);
    return n;
  };
}

function wrap<T>(fn: (v: string) => T) {
  return (v: string): T => {
    try {
      return fn(v);
    } catch (err) {
      throw invalidArgument((err as Error).message);
    }
  };
}

function buildCommand(): Command {
  return command('vdm86 test')
    .description('Run DOS program test cases (YAML case files; folders are searched for *.case.yaml).')
    .argument('[paths...]', 'case files and folders', ['.'])
    .option('-u, --update', 'rewrite golden files (stdout, files, screens) with what the programs produce')
    .option('--reporter <name>', `write a report: ${REPORTERS.join(', ')}`, wrap((v) => {
      if (!(REPORTERS as readonly string[]).includes(v)) throw new Error(`expected ${REPORTERS.join(', ')}`);
      return v as ReporterName;
    }))
    .option('--report-file <file>', 'where the report goes (default stdout; the case lines then go to stderr)')
    .option('-j, --jobs <n>', 'cases run at once, in worker threads (default: the number of cores)', wrap((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error('--jobs must be a positive integer');
      return n;
    }), availableParallelism())
    .option('--shard <i/n>', 'run only the i-th of n deterministic parts of the suite (a CI matrix)', wrap(parseShard))
    .option('--clock <when>', `the DOS clock's start (local YYYY-MM-DDTHH:MM:SS), advanced by the emulated timer; "host" for the host clock`, wrap(parseClock), parseClock(DEFAULT_TEST_CLOCK))
    .option('--timeout <seconds>', 'host time a case may take (a case\'s own timeout wins)', positive('--timeout'), DEFAULT_CASE_TIMEOUT_S)
    .option('--total-timeout <seconds>', 'host time the whole run may take', positive('--total-timeout'))
    .allowExcessArguments(false);
}

/** Human output: a line per case, details of failures, and a bar on a terminal. */
class Progress {
  private barShown = false;
  constructor(private readonly out: NodeJS.WriteStream) {}

  private clearBar(): void {
    if (this.barShown) this.out.write('\r\x1b[K');
    this.barShown = false;
  }

  private bar(done: number, total: number): void {
    if (!this.out.isTTY || done >= total) return;
    const filled = Math.round((done / Math.max(1, total)) * BAR_WIDTH);
    this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
    this.barShown = true;
  }

  start(total: number): void {
    this.bar(0, total);
  }

  outcome(o: CaseOutcome, done: number, total: number): void {
    this.clearBar();
    const width = String(total).length;
    const label = o.status === 'pass' ? 'PASS' : o.status === 'fail' ? 'FAIL' : 'ERROR';
    const extra = o.updated.length ? ` (updated ${o.updated.length} golden file${o.updated.length > 1 ? 's' : ''})` : '';
    this.out.write(`[${String(done).padStart(width)}/${total}] ${label.padEnd(5)} ${o.id} ${Math.round(o.durationMs)} ms${extra}\n`);
    if (o.status !== 'pass') this.out.write(failureText(o).replace(/^/gm, '    ') + '\n');
    this.bar(done, total);
  }

  summary(outcomes: readonly CaseOutcome[], ms: number): void {
    this.clearBar();
    const n = (s: string) => outcomes.filter((o) => o.status === s).length;
    const updated = outcomes.reduce((t, o) => t + o.updated.length, 0);
    const parts = [`${n('pass')} passed`, `${n('fail')} failed`];
    if (n('error')) parts.push(`${n('error')} errors`);
    if (updated) parts.push(`${updated} golden files updated`);
    this.out.write(`\n${outcomes.length} cases: ${parts.join(', ')} (${(ms / 1000).toFixed(1)} s)\n`);
  }
}

/** Runs `vdm86 test` with the arguments after "test"; returns the exit status. */
export async function runTestCommand(args: string[]): Promise<number> {
  const cmd = buildCommand();
  cmd.exitOverride();
  cmd.configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `vdm86 test: ${s}` : s) });
  try {
    cmd.parse(args, { from: 'user' });
  } catch (err) {
    if (isCommanderError(err)) return err.exitCode === 0 ? 0 : EXIT.USAGE;
    throw err;
  }
  const paths = cmd.processedArgs[0] as string[];
  const o = cmd.opts<TestCliOptions>();
  const reportToStdout = !!o.reporter && !o.reportFile;
  const progress = new Progress(reportToStdout ? process.stderr : process.stdout);
  const started = performance.now();
  const outcomes = await runSuite({
    paths,
    jobs: o.jobs,
    shard: o.shard,
    clock: o.clock,
    update: o.update,
    caseTimeoutMs: o.timeout * 1000,
    totalTimeoutMs: o.totalTimeout === undefined ? undefined : o.totalTimeout * 1000,
    onStart: (total) => progress.start(total),
    onOutcome: (out, done, total) => progress.outcome(out, done, total),
  });
  progress.summary(outcomes, performance.now() - started);
  if (o.reporter) {
    const text = report(o.reporter, outcomes);
    if (o.reportFile) writeFileSync(o.reportFile, text);
    else process.stdout.write(text);
  }
  return outcomes.every((x) => x.status === 'pass') ? 0 : EXIT.FAILED;
}
