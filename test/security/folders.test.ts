// Issue 14: folder work is incremental. The kernel applies its own creations, deletions and
// renames to its listing of the folder instead of listing it again, so a program that creates
// thousands of files does not make the host list the folder once per call (quadratic work that
// also kept limits and signals waiting). Counted through the resolver's listing counter.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderListings } from '../../src/dos/paths';
import { HostWorkMeter, SLICE_HOST_MS } from '../../src/dos/host-work';
import { cleanupTemps } from '../helpers/folders';
import { lines } from '../helpers/output';
import { runInSandbox, sandbox } from './helpers';

afterAll(cleanupTemps);

describe('a folder with thousands of files', () => {
  it('is created, searched and emptied with a bounded number of host listings; outside changes still show', async () => {
    const s = sandbox();
    const before = folderListings.count;
    const run = await runInSandbox(s, 'roms/tests/sec-manyfiles.com', 200_000_000);
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual(['found 07D0', 'left 0000']);
    // 2000 creations, 2000 deletions and two searches: a handful of listings, not thousands.
    expect(folderListings.count - before).toBeLessThan(20);
    // and a file another host process adds afterwards is still seen
    const paths = run.dos.files.paths;
    expect((paths.resolve('C:\\NEW.TXT') as { stat: unknown }).stat).toBeNull();
    writeFileSync(join(s.drive, 'NEW.TXT'), 'x');
    expect((paths.resolve('C:\\NEW.TXT') as { stat: unknown }).stat).not.toBeNull();
  });
});

describe('slow host work inside DOS calls', () => {
  it('ends the CPU slice once 10 ms of it have gathered, so limits and signals are seen', () => {
    let clock = 0;
    const meter = new HostWorkMeter(() => clock);
    let ended = 0;
    for (let i = 0; i < 12; i++) meter.measure(() => ended++, () => (clock += 3)); // 3 ms per call
    expect(SLICE_HOST_MS).toBe(10);
    expect(ended).toBe(3); // after calls 4, 8 and 12
    expect(() => meter.measure(() => ended++, () => { clock += 20; throw new Error('host failure'); })).toThrow('host failure');
    expect(ended).toBe(4); // counted even when the call throws
  });
});
