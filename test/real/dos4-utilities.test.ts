// Small utilities from MS-DOS 4.0's build tools folder: ATTRIB (43h get/set attributes, find
// first/next for a wildcard) and DBOF (seek and read a slice of a file, write it as DB lines).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOOLS, cleanupTemps, dos, msdosAvailable, readText, run, stage, warnIfAbsent } from './helpers';

afterAll(cleanupTemps);
warnIfAbsent('MS-DOS 4.0 utilities suite');

describe.skipIf(!msdosAvailable)('ATTRIB (MS-DOS 4.0)', () => {
  it('+R makes a file read-only (on the host too), ATTRIB shows it, -R clears it, a wildcard lists each file', async () => {
    const dir = stage({ from: TOOLS, names: ['ATTRIB.EXE'] }, { 'A.TXT': 'hi\r\n', 'B.TXT': 'there\r\n' });
    const set = await run(dir, 'ATTRIB.EXE', ['+R', 'A.TXT']);
    expect(set.output).toBe('');
    expect(set.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(statSync(join(dir, 'A.TXT')).mode & 0o222).toBe(0);

    const show = await run(dir, 'ATTRIB.EXE', ['A.TXT']);
    expect(show.output).toBe(dos('  A    R  C:\\A.TXT'));

    const clear = await run(dir, 'ATTRIB.EXE', ['-R', 'A.TXT']);
    expect(clear.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(statSync(join(dir, 'A.TXT')).mode & 0o200).not.toBe(0);

    const all = await run(dir, 'ATTRIB.EXE', ['*.TXT']);
    expect(all.output).toBe(dos('  A       C:\\A.TXT', '  A       C:\\B.TXT'));
    expect(all.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  it('no arguments: its message and exit code 11', async () => {
    const dir = stage({ from: TOOLS, names: ['ATTRIB.EXE'] });
    const r = await run(dir, 'ATTRIB.EXE');
    expect(r.output).toBe(dos('', 'Invalid number of parameters'));
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 11 });
  });
});

describe.skipIf(!msdosAvailable)('DBOF (MS-DOS 4.0 build tool)', () => {
  it('copies bytes 3-7 of a file as a DB line of hex', async () => {
    const dir = stage({ from: TOOLS, names: ['DBOF.EXE'] }, { 'S.TXT': 'abcdefghijklmnopqrstuvwxyz\r\n' });
    const r = await run(dir, 'DBOF.EXE', ['S.TXT', 'D.TXT', '3', '5']);
    expect(r.output).toBe('');
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // 'd' to 'h'.
    expect(readText(dir, 'D.TXT')).toBe(dos('\tdb\t064H,065H,066H,067H,068H'));
  });
});
