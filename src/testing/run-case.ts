// One case from start to verdict: its sandbox, the program run by runProgram under the case's
// clock with its keys and steps driven from the machine's slice hook, then every expectation
// checked (exit, stdout, files, final screen) — or, with `update`, golden files rewritten.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { runProgram, RunOptionError, type RunContext, type RunResult } from '../run';
import { frameLines, screenText } from '../host/terminal';
import { CP437 } from '../host/cp437';
import type { ByteStream } from '../host/input';
import { makeSandbox, type Sandbox } from './sandbox';
import { unifiedDiff } from './diff';
import { screenDiff } from './screen-diff';
import { typedKeys as typedKeysOf, type Step, type TestCase, type TextExpect } from './case';

export type CaseStatus = 'pass' | 'fail' | 'error';

export interface Failure {
  /** What was checked: "exit", "stdout", "file C:\OUT.TXT", "screen", "step 3", "timeout". */
  what: string;
  message: string;
  /** A unified diff, or the side-by-side screens. */
  diff?: string;
}

export interface CaseOutcome {
  id: string;
  name: string;
  file: string;
  status: CaseStatus;
  failures: Failure[];
  /** Golden files written (--update). */
  updated: string[];
  /** How the run ended, its exit code, console output and final screen text. */
  reason: string;
  exitCode: number;
  output: string;
  screen: string;
  instructions: number;
  durationMs: number;
}

export interface CaseRunOptions {
  /** The clock of cases that name none. Default: fixed at DEFAULT_TEST_CLOCK (set by the caller). */
  clock: Date | 'host';
  /** Rewrite golden files instead of failing on them. */
  update?: boolean;
  /** Host milliseconds a case may take unless it says otherwise. */
  timeoutMs: number;
  /** Aborts the case (the whole-run timeout). */
  signal?: AbortSignal;
}

/** A keyboard stream that never sends anything: keys are typed straight into the BIOS from the
 *  slice hook, in step order, and the input ends when the steps say so. */
const silentInput: ByteStream = { on: () => undefined, off: () => undefined, pause: () => undefined, resume: () => undefined };

/** CR LF and LF compare equal in text expectations. */
const lf = (s: string) => s.replace(/\r\n/g, '\n');

/** Drives the steps between slices; `failure` is set when one times out. */
class StepDriver {
  private index = 0;
  private since = 0;
  failure: Failure | null = null;

  constructor(
    private readonly ctx: RunContext,
    private readonly steps: Step[],
  ) {
    this.since = ctx.machine.now();
  }

  get done(): boolean {
    return this.index >= this.steps.length;
  }

  /** Runs every step that can run now. */
  advance(now: number): void {
    const { bios, machine } = this.ctx;
    while (!this.done && !this.failure) {
      const step = this.steps[this.index];
      if (step.kind === 'keys') {
        for (const k of step.keys) bios.type(k);
      } else {
        const lines = frameLines(bios.frame());
        const ok = step.kind === 'wait' ? lines.join('\n').includes(step.text) : regionLines(lines, step).every((l, i) => l === step.lines[i].trimEnd());
        if (!ok) {
          if (now - this.since <= step.timeoutMs) return;
          this.failure = this.timedOut(step, lines);
          machine.terminate({ reason: 'stopped', exitCode: -1, message: `step ${this.index + 1} failed` });
          return;
        }
      }
      this.index++;
      this.since = now;
      if (this.done) bios.endInput();
    }
  }

  private timedOut(step: Step, lines: string[]): Failure {
    const what = `step ${this.index + 1}`;
    const shown = screenText(lines);
    if (step.kind === 'wait') return { what, message: `"${step.text}" did not appear within ${step.timeoutMs} ms`, diff: shown };
    if (step.kind !== 'screen') return { what, message: 'failed' };
    const actual = regionLines(lines, step);
    const expected = step.lines.map((l) => l.trimEnd());
    const diff = unifiedDiff(expected.join('\n') + '\n', actual.join('\n') + '\n', `expected region at row ${step.row}, col ${step.col}`, 'actual region');
    return { what, message: `the screen at row ${step.row}, col ${step.col} did not show the text within ${step.timeoutMs} ms`, diff: diff + '\n' + shown };
  }
}

/** The screen region a screen step compares: as many rows and columns as its text has. */
function regionLines(lines: string[], step: Extract<Step, { kind: 'screen' }>): string[] {
  return step.lines.map((l, i) => [...(lines[step.row + i] ?? '')].slice(step.col, step.col + [...l].length).join('').trimEnd());
}

/** A produced file as text: CP437 shown as Unicode, control codes (CR, LF, TAB...) as they are. */
function fileText(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x20 || b === 0x7f ? String.fromCharCode(b) : CP437[b];
  return s;
}

function readGolden(path: string): Buffer | null {
  return existsSync(path) ? readFileSync(path) : null;
}

function writeGolden(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Checks text (decoded) or bytes against an expectation. Golden files hold the exact bytes. */
function checkText(what: string, expect: TextExpect, text: string, bytes: Uint8Array, opts: CaseRunOptions, updated: string[], shownFrom: string): Failure | null {
  if (expect.text !== undefined && lf(text) !== lf(expect.text)) {
    return { what, message: 'differs from the expected text', diff: unifiedDiff(lf(expect.text), lf(text)) };
  }
  if (expect.match !== undefined && !new RegExp(expect.match, 'm').test(text)) {
    return { what, message: `does not match /${expect.match}/`, diff: text };
  }
  if (expect.golden) {
    const golden = readGolden(expect.golden);
    if (golden && Buffer.compare(golden, Buffer.from(bytes)) === 0) return null;
    const name = relative(shownFrom, expect.golden);
    if (opts.update) {
      writeGolden(expect.golden, bytes);
      updated.push(expect.golden);
      return null;
    }
    if (!golden) return { what, message: `golden file ${name} is missing (run with --update to write it)` };
    // Shown with CR LF as LF (a terminal would hide the CRs); the comparison was of the bytes.
    const diff = unifiedDiff(lf(golden.toString('utf8')), lf(Buffer.from(bytes).toString('utf8')), name, 'actual');
    return { what, message: `differs from ${name}`, diff: diff.includes('@@') ? diff : `the bytes differ (line ends or encoding): ${golden.length} bytes expected, ${bytes.length} actual\n` };
  }
  return null;
}

function checkRun(tc: TestCase, r: RunResult, box: Sandbox, opts: CaseRunOptions, updated: string[]): Failure[] {
  const failures: Failure[] = [];
  const ex = tc.expect;
  const shownFrom = dirname(tc.file);
  if (r.reason !== ex.reason) {
    failures.push({ what: 'reason', message: `the run ended by ${r.reason}${r.message ? ` (${r.message})` : ''}, expected ${ex.reason}` });
  }
  const wantExit = ex.exit ?? (ex.reason === 'exit' ? 0 : undefined);
  if (r.reason === 'exit' && wantExit !== undefined && r.exitCode !== wantExit) {
    failures.push({ what: 'exit', message: `exit code ${r.exitCode}, expected ${wantExit}` });
  }
  if (ex.stdout) {
    const f = checkText('stdout', ex.stdout, r.output, new TextEncoder().encode(r.output), opts, updated, shownFrom);
    if (f) failures.push(f);
  }
  for (const [dosPath, expect] of Object.entries(ex.files)) {
    const what = `file ${dosPath}`;
    const host = box.hostPathOf(dosPath);
    const exists = !!host && existsSync(host);
    if (expect.absent) {
      if (exists) failures.push({ what, message: 'exists, expected no such file' });
      continue;
    }
    if (!exists) {
      failures.push({ what, message: 'was not produced' });
      continue;
    }
    const bytes = readFileSync(host as string);
    const f = checkText(what, expect, fileText(bytes), bytes, opts, updated, shownFrom);
    if (f) failures.push(f);
  }
  if (ex.screen) {
    const actual = screenText(r.screen);
    const golden = readGolden(ex.screen);
    const name = relative(shownFrom, ex.screen);
    if (!golden || golden.toString('utf8') !== actual) {
      if (opts.update) {
        writeGolden(ex.screen, actual);
        updated.push(ex.screen);
      } else if (!golden) failures.push({ what: 'screen', message: `golden screen ${name} is missing (run with --update to write it)` });
      else failures.push({ what: 'screen', message: `differs from ${name}`, diff: screenDiff(golden.toString('utf8'), actual) });
    }
  }
  return failures;
}

/** Runs one case. Never throws: a case that cannot even start is an 'error' outcome. */
export async function runCase(tc: TestCase, opts: CaseRunOptions): Promise<CaseOutcome> {
  const started = performance.now();
  const base = { id: tc.id, name: tc.name, file: tc.shown, updated: [] as string[] };
  const errorOutcome = (message: string): CaseOutcome => ({
    ...base,
    status: 'error',
    failures: [{ what: 'setup', message }],
    reason: 'error',
    exitCode: -1,
    output: '',
    screen: '',
    instructions: 0,
    durationMs: performance.now() - started,
  });
  const clock = tc.clock ?? opts.clock;
  let box: Sandbox;
  try {
    box = makeSandbox(tc, clock);
  } catch (err) {
    return errorOutcome((err as Error).message);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timeoutMs = tc.timeoutMs ?? opts.timeoutMs;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onOuterAbort);
  if (opts.signal?.aborted) controller.abort();
  let driver: StepDriver | null = null;
  try {
    const result = await runProgram(box.program, {
      args: tc.args,
      drives: box.drives,
      cwd: tc.cwd,
      env: tc.env,
      screen: 'none',
      stdin: silentInput as unknown as NodeJS.ReadableStream,
      clock: clock === 'host' ? undefined : clock,
      maxInstructions: tc.maxInstructions,
      memoryKB: tc.memoryKB,
      dosVersion: tc.dosVersion,
      hostCwd: box.drives.C,
      signal: controller.signal,
      onStart: (ctx) => {
        if (tc.stdin !== undefined) for (const k of typedKeysOf(tc.stdin)) ctx.bios.type(k);
        if (!tc.steps.length) {
          ctx.bios.endInput();
          return;
        }
        const d = new StepDriver(ctx, tc.steps);
        driver = d;
        ctx.machine.addSliceHook((now) => d.advance(now));
      },
    });
    const updated: string[] = [];
    const failures: Failure[] = [];
    const stepFailure = (driver as StepDriver | null)?.failure;
    if (timedOut) failures.push({ what: 'timeout', message: `the case took longer than ${timeoutMs / 1000} s`, diff: screenText(result.screen) });
    else if (opts.signal?.aborted) failures.push({ what: 'timeout', message: 'the whole run timed out' });
    else if (stepFailure) failures.push(stepFailure);
    else failures.push(...checkRun(tc, result, box, opts, updated));
    return {
      ...base,
      updated,
      status: failures.length ? 'fail' : 'pass',
      failures,
      reason: result.reason,
      exitCode: result.exitCode,
      output: result.output,
      screen: screenText(result.screen),
      instructions: result.instructions,
      durationMs: performance.now() - started,
    };
  } catch (err) {
    if (err instanceof RunOptionError) return errorOutcome(err.message);
    return errorOutcome(`internal error: ${(err as Error).stack ?? err}`);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    box.remove();
  }
}
