// A `vdm86 test` run: case files found under the given paths, one shard of them chosen, run
// `jobs` at a time (in worker threads when more than one), each outcome handed to `onOutcome` as
// it comes, under a whole-run timeout. Outcomes come back in case-id order whatever finished first.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CaseFileError, loadCaseFile, type TestCase } from './case';
import { runCase, type CaseOutcome, type CaseRunOptions } from './run-case';
import { selectShard, type Shard } from './shard';
import type { WorkerJob } from './worker';

/** Folders are searched for files named like this; files given by name are taken as they are. */
export const CASE_FILE_PATTERN = /\.case\.ya?ml$/i;

export interface SuiteOptions {
  /** Case files and folders (searched recursively, skipping node_modules and dot folders). */
  paths: string[];
  /** Paths are resolved from here and reports name files relative to it. Default process.cwd(). */
  cwd?: string;
  /** Cases run at once; 1 runs them in this thread. */
  jobs: number;
  shard?: Shard;
  clock: Date | 'host';
  update?: boolean;
  /** Host milliseconds per case (a case's own `timeout` wins). */
  caseTimeoutMs: number;
  /** Host milliseconds for the whole run. */
  totalTimeoutMs?: number;
  /** Called as each case ends, with how many have ended and how many there are. */
  onOutcome?: (o: CaseOutcome, done: number, total: number) => void;
  /** Called once the cases are known (after sharding). */
  onStart?: (total: number) => void;
}

function findCaseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findCaseFiles(p));
    else if (CASE_FILE_PATTERN.test(e.name)) out.push(p);
  }
  return out;
}

/** An outcome for a case file that could not be read or parsed. */
function fileError(shown: string, message: string): CaseOutcome {
  return { id: `${shown}#(file)`, name: '(file)', file: shown, status: 'error', failures: [{ what: 'case file', message }], updated: [], reason: 'error', exitCode: -1, output: '', screen: '', instructions: 0, durationMs: 0 };
}

/** The cases under `paths`, and an error outcome for every file or path that is not usable. */
export function discoverCases(paths: readonly string[], cwd = process.cwd()): { cases: TestCase[]; errors: CaseOutcome[] } {
  const cases: TestCase[] = [];
  const errors: CaseOutcome[] = [];
  const files = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      errors.push(fileError(p, 'no such file or folder'));
      continue;
    }
    for (const f of isDir ? findCaseFiles(abs) : [abs]) files.add(f);
  }
  for (const f of [...files].sort()) {
    const shown = relative(cwd, f).split('\\').join('/');
    try {
      cases.push(...loadCaseFile(f, shown));
    } catch (err) {
      if (!(err instanceof CaseFileError)) throw err;
      errors.push(fileError(shown, err.message.startsWith(`${shown}: `) ? err.message.slice(shown.length + 2) : err.message));
    }
  }
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) errors.push(fileError(c.shown, `two cases have the id ${c.id}`));
    ids.add(c.id);
  }
  return { cases, errors };
}

/** How to start a worker: the bundle's sibling (dist/testing-worker.js), or, when the runner runs
 *  from source (tests, `tsx bin/cli.ts`), a bootstrap that registers tsx in the new thread (a
 *  worker does not inherit the parent's loader) and then imports worker.ts. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./testing-worker.js', here));
  // The ESM build of tsx's API (require.resolve would give its CommonJS one).
  const tsxApi = pathToFileURL(createRequire(fileURLToPath(here)).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const script = new URL('./worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((t) => { t.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(boot, { eval: true });
}

type Runner = (tc: TestCase, opts: CaseRunOptions) => Promise<CaseOutcome>;

/** A pool of `n` worker threads running cases; each runs one case at a time. */
function workerPool(n: number): { run: Runner; close(): Promise<void> } {
  const idle: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  const all: Worker[] = [];
  const take = (): Promise<Worker> => {
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.length < n) {
      const nw = startWorker();
      all.push(nw);
      return Promise.resolve(nw);
    }
    return new Promise((r) => waiting.push(r));
  };
  const give = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const run: Runner = async (tc, opts) => {
    const w = await take();
    const { signal, ...rest } = opts;
    const job: WorkerJob = { tc, opts: rest };
    return new Promise<CaseOutcome>((resolveOutcome) => {
      const done = (o: CaseOutcome) => {
        w.off('message', onMessage);
        w.off('error', onError);
        signal?.removeEventListener('abort', onAbort);
        resolveOutcome(o);
      };
      const onMessage = (o: CaseOutcome) => {
        done(o);
        give(w);
      };
      const onError = (err: Error) => {
        all.splice(all.indexOf(w), 1);
        done({ ...fileError(tc.shown, `worker failed: ${err.message}`), id: tc.id, name: tc.name });
      };
      // The whole-run timeout: a worker busy with a case is ended, not waited for.
      const onAbort = () => {
        all.splice(all.indexOf(w), 1);
        void w.terminate();
        done({ ...fileError(tc.shown, 'the whole run timed out'), id: tc.id, name: tc.name, status: 'fail', failures: [{ what: 'timeout', message: 'the whole run timed out' }] });
      };
      w.on('message', onMessage);
      w.on('error', onError);
      signal?.addEventListener('abort', onAbort);
      if (signal?.aborted) onAbort();
      else w.postMessage(job);
    });
  };
  return { run, close: async () => void (await Promise.all(all.map((w) => w.terminate()))) };
}

/** Runs the suite; returns every outcome (file errors first, then cases in id order). */
export async function runSuite(o: SuiteOptions): Promise<CaseOutcome[]> {
  const { cases: found, errors } = discoverCases(o.paths, o.cwd);
  const cases = selectShard(found, o.shard);
  const total = cases.length + errors.length;
  o.onStart?.(total);
  let done = 0;
  for (const e of errors) o.onOutcome?.(e, ++done, total);
  const controller = new AbortController();
  const timer = o.totalTimeoutMs === undefined ? null : setTimeout(() => controller.abort(), o.totalTimeoutMs);
  const jobs = Math.max(1, Math.min(o.jobs, cases.length || 1));
  const pool = jobs > 1 ? workerPool(jobs) : null;
  const run: Runner = pool ? pool.run : runCase;
  const opts: CaseRunOptions = { clock: o.clock, update: o.update, timeoutMs: o.caseTimeoutMs, signal: controller.signal };
  const outcomes = new Map<string, CaseOutcome>();
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const tc = cases[next++];
      const outcome = await run(tc, opts);
      outcomes.set(tc.id, outcome);
      o.onOutcome?.(outcome, ++done, total);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    if (timer) clearTimeout(timer);
    await pool?.close();
  }
  return [...errors, ...cases.map((c) => outcomes.get(c.id) as CaseOutcome)];
}
