// Issue 14: a host process that swaps a file inside the drive for a link pointing out, as fast
// as it can, while the guest opens it over and over. The open is checked after it is made (the
// descriptor's file against the canonical path, which must be inside), so the guest never reads
// the outside file, however the race falls.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps } from '../helpers/folders';
import { lines } from '../helpers/output';
import { runInSandbox, sandbox } from './helpers';

afterAll(cleanupTemps);

// Swaps TARGET.TXT between a file and a link out until STOP appears (or 20 s pass, whatever
// happens to the test).
const SWAPPER = `
const fs = require('node:fs');
const [drive, secret] = process.argv.slice(1);
const t = drive + '/TARGET.TXT', stop = drive + '/STOP', end = Date.now() + 20000;
for (let i = 0; !fs.existsSync(stop) && Date.now() < end; i++) {
  try {
    if (i % 2) { fs.symlinkSync(secret, drive + '/L.TMP'); fs.renameSync(drive + '/L.TMP', t); }
    else { fs.writeFileSync(drive + '/F.TMP', 'inside'); fs.renameSync(drive + '/F.TMP', t); }
  } catch {}
}
`;

describe('a file swapped for a link while the guest opens it', () => {
  it('never yields the outside file', async () => {
    const s = sandbox();
    writeFileSync(join(s.drive, 'TARGET.TXT'), 'inside');
    const swapper = spawn(process.execPath, ['-e', SWAPPER, s.drive, join(s.base, 'SECRET.TXT')], { stdio: 'ignore' });
    const exited = new Promise((resolve) => swapper.on('exit', resolve));
    try {
      const run = await runInSandbox(s, 'roms/tests/sec-race.com', 50_000_000);
      expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
      expect(lines(run.output)).toEqual(['leaks 0000', 'opened some']);
    } finally {
      writeFileSync(join(s.drive, 'STOP'), '');
      await exited;
    }
  });
});
