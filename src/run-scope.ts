// Containment of errors thrown later: a VDD (or any code a run sets going) may throw from a timer
// or reject a promise after the call that started it returned. Node would end the whole process
// for it — the embedding program and every parallel run with it (issue 14). Each run executes
// inside an AsyncLocalStorage scope; work started during the run carries it, so an uncaught error
// can be traced to its run, which then ends as a fault naming the culprit. Errors outside every
// run are left to the process's other listeners, or end the process as Node would without us.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RunScope {
  /** An error thrown asynchronously by something the run set going. */
  fail(err: unknown): void;
}

const scopes = new AsyncLocalStorage<RunScope>();
let installed = false;

/** The process's behaviour without this module: the error printed, exit code 1. */
function asNodeWould(err: unknown): never {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

function onUncaught(err: unknown): void {
  const scope = scopes.getStore();
  if (scope) return scope.fail(err);
  if (process.listenerCount('uncaughtException') === 1) asNodeWould(err);
}

function onRejection(reason: unknown): void {
  const scope = scopes.getStore();
  if (scope) return scope.fail(reason);
  if (process.listenerCount('unhandledRejection') === 1) asNodeWould(reason);
}

/** True when the current asynchronous context belongs to a run (the CLI leaves such errors to it). */
export function insideRun(): boolean {
  return scopes.getStore() !== undefined;
}

/** Runs `fn` (one whole run) in its own scope. The process listeners stay once installed: a timer a
 *  plugin left behind can fire after its run has ended. */
export function withinRun<T>(scope: RunScope, fn: () => Promise<T>): Promise<T> {
  if (!installed) {
    installed = true;
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onRejection);
  }
  return scopes.run(scope, fn);
}
