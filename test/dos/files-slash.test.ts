// A DOS path rooted with '/' names the drive's root, as '\' does (MS-DOS takes both as
// separators): C:/NEW.TXT, /X.TXT, C:/%PIPE1.$$$ (MS-DOS 2.0 COMMAND.COM's pipe files) and 5Ah in
// "C:/" (MS-DOS 4.0 COMMAND.COM's) are created on C:, never taken for host absolute paths.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cleanupTemps, runGuest, values } from '../helpers/guest';

const DOS2 = '../shared/msdos/v2.0/bin';
const haveDos2 = existsSync(join(ROOT, DOS2, 'COMMAND.COM'));
if (!haveDos2) console.warn(`MS-DOS 2.0 pipe check skipped: ${join(ROOT, DOS2)} is absent`);

afterAll(cleanupTemps);

describe("paths rooted with '/'", () => {
  it('create files in the root of the drive, missing first component or not', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-slash.com' });
    const v = values(run.output);
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect([v.get('NEW'), v.get('X'), v.get('PIPE'), v.get('TEMP')]).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(readFileSync(join(run.dir, 'NEW.TXT'), 'latin1')).toBe('new');
    expect(readFileSync(join(run.dir, 'X.TXT'), 'latin1')).toBe('x');
    expect(readFileSync(join(run.dir, '%PIPE1.$$$'), 'latin1')).toBe('x');
    const temp = v.get('TEMPNAME');
    expect(temp).toMatch(/^C:\/[0-9A-F]{8}$/);
    expect(readdirSync(run.dir)).toContain(temp.slice(3));
  });
});

describe.skipIf(!haveDos2)('MS-DOS 2.0 COMMAND.COM pipes (its pipe files are C:/%PIPEn.$$$)', () => {
  it('TYPE X.TXT | SORT > Y.TXT in a batch file run with /C gives what SORT < X.TXT gives', async () => {
    const run = await runGuest({
      programs: { 'COMMAND.COM': `${DOS2}/COMMAND.COM`, 'SORT.EXE': `${DOS2}/SORT.EXE` },
      files: { 'X.TXT': 'pear\r\napple\r\nfig\r\n', 'P.BAT': 'TYPE X.TXT | SORT > Y.TXT\r\nSORT < X.TXT > Z.TXT\r\n' },
      args: ['/C', 'P.BAT'],
      maxInstructions: 50_000_000,
    });
    expect(run.end).toMatchObject({ reason: 'exit' });
    expect(run.output).not.toMatch(/Intermediate file error/);
    // (SORT 2.0 ends its last line without CR LF, piped or redirected alike.)
    expect(readFileSync(join(run.dir, 'Y.TXT'), 'latin1')).toBe('apple\r\nfig\r\npear');
    expect(readFileSync(join(run.dir, 'Y.TXT'))).toEqual(readFileSync(join(run.dir, 'Z.TXT')));
    // The pipe files are gone.
    expect(readdirSync(run.dir).filter((n) => n.startsWith('%PIPE'))).toEqual([]);
  });
});
