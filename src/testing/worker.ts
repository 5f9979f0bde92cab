// A worker thread of `vdm86 test --jobs N`: receives cases one at a time, runs each with runCase
// and posts the outcome back. Dates cross the thread boundary as structured clones.
import { parentPort } from 'node:worker_threads';
import { runCase, type CaseRunOptions } from './run-case';
import type { TestCase } from './case';

export interface WorkerJob {
  tc: TestCase;
  opts: Omit<CaseRunOptions, 'signal'>;
}

const port = parentPort;
if (port) {
  port.on('message', async (job: WorkerJob | 'stop') => {
    if (job === 'stop') {
      port.close();
      return;
    }
    port.postMessage(await runCase(job.tc, job.opts));
  });
}
