// MAKE.COM (roms/programs/make.c) building a small project: it compares file dates (57h), EXECs
// CC.COM (C), LINK.EXE (a hand-built MZ .EXE) and SORT.COM found along PATH, redirects their
// standard handles, and stops on the first non-zero exit code, which it returns.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, dosText, drive, list, outLines, program, put, read, run } from './helpers';

afterAll(cleanupTemps);

const MAKEFILE = dosText(
  '# the demo project',
  'ALL: DEMO.BIN WORDS.SRT',
  '',
  'DEMO.BIN: MAIN.OBJ UTIL.OBJ',
  '\tLINK DEMO.BIN MAIN.OBJ UTIL.OBJ',
  'MAIN.OBJ: SRC\\MAIN.SRC SRC\\DEFS.H',
  '\tCC SRC\\MAIN.SRC MAIN.OBJ',
  'UTIL.OBJ: SRC\\UTIL.SRC SRC\\DEFS.H',
  '\tCC SRC\\UTIL.SRC UTIL.OBJ',
  'WORDS.SRT: WORDS.TXT',
  '\t@SORT /U <WORDS.TXT >WORDS.SRT',
  '\t-SORT /R <WORDS.TXT >>WORDS.SRT',
);

const SOURCES = {
  MAKEFILE,
  'SRC/MAIN.SRC': dosText('#include SRC\\DEFS.H', 'main body', '// a comment', 'end'),
  'SRC/UTIL.SRC': dosText('util code', '#include SRC\\DEFS.H'),
  'SRC/DEFS.H': dosText('define x'),
  'WORDS.TXT': dosText('cherry', 'apple', 'Apple', 'banana'),
};

const OLD = new Date('2020-01-01T12:00:00Z');

function project(): string {
  const dir = drive(
    { 'MAKE.COM': 'make.com', 'BIN/CC.COM': 'cc.com', 'BIN/LINK.EXE': 'link.exe', 'BIN/SORT.COM': 'sort.com' },
    SOURCES,
  );
  for (const f of Object.keys(SOURCES)) utimesSync(join(dir, f), OLD, OLD);
  return dir;
}

function touch(dir: string, file: string, hoursAhead: number): void {
  const t = new Date(Date.now() + hoursAhead * 3600_000);
  utimesSync(join(dir, file), t, t);
}

const make = (dir: string, args: string[] = []) => run(dir, 'MAKE.COM', args, { env: { PATH: 'C:\\BIN;C:\\NOWHERE' } });

/** What cc.c writes: "OBJ" 1Ah, the line count, the upper-cased lines ended by LF. */
function obj(lines: string[]): Buffer {
  const body = Buffer.from(lines.map((l) => `${l.toUpperCase()}\n`).join(''), 'latin1');
  return Buffer.concat([Buffer.from([0x4f, 0x42, 0x4a, 0x1a, lines.length & 0xff, lines.length >> 8]), body]);
}

const MAIN_LINES = ['define x', 'main body', 'end'];
const UTIL_LINES = ['util code', 'define x'];

describe('MAKE', () => {
  it('builds everything the first time: EXEC along PATH, .COM and .EXE tools, redirection', async () => {
    const dir = project();
    const r = await make(dir);
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual([
      'CC SRC\\MAIN.SRC MAIN.OBJ',
      'SRC\\MAIN.SRC: 3 lines',
      'CC SRC\\UTIL.SRC UTIL.OBJ',
      'SRC\\UTIL.SRC: 2 lines',
      'LINK DEMO.BIN MAIN.OBJ UTIL.OBJ',
      'LINK: 2 objects, 5 lines',
      'SORT /R <WORDS.TXT >>WORDS.SRT',
    ]);
    expect(read(dir, 'MAIN.OBJ')).toEqual(obj(MAIN_LINES));
    expect(read(dir, 'UTIL.OBJ')).toEqual(obj(UTIL_LINES));
    const body = Buffer.concat([obj(MAIN_LINES).subarray(6), obj(UTIL_LINES).subarray(6)]);
    expect(read(dir, 'DEMO.BIN')).toEqual(Buffer.concat([Buffer.from([0x42, 0x49, 0x4e, 0x1a, 2, 0, 5, 0]), body]));
    // The child's standard output went to the file (created, then appended to), not the console.
    expect(read(dir, 'WORDS.SRT').toString('latin1')).toBe(
      dosText('apple', 'banana', 'cherry', 'cherry', 'banana', 'apple', 'Apple'),
    );
  });

  it('is up to date on a second run, and rebuilds only what a newer source affects', async () => {
    const dir = project();
    expect((await make(dir)).exitCode).toBe(0);
    const again = await make(dir);
    expect(again.exitCode).toBe(0);
    expect(outLines(again.output)).toEqual(['make: ALL is up to date']);

    touch(dir, 'SRC/UTIL.SRC', 1);
    const rebuilt = await make(dir);
    expect(rebuilt.exitCode).toBe(0);
    expect(outLines(rebuilt.output)).toEqual([
      'CC SRC\\UTIL.SRC UTIL.OBJ',
      'SRC\\UTIL.SRC: 2 lines',
      'LINK DEMO.BIN MAIN.OBJ UTIL.OBJ',
      'LINK: 2 objects, 5 lines',
    ]);

    touch(dir, 'SRC/DEFS.H', 2);
    const dry = await make(dir, ['/N', 'DEMO.BIN']);
    expect(outLines(dry.output)).toEqual(['CC SRC\\MAIN.SRC MAIN.OBJ', 'CC SRC\\UTIL.SRC UTIL.OBJ', 'LINK DEMO.BIN MAIN.OBJ UTIL.OBJ']);
  });

  it('stops at the first tool that fails and exits with its code; the failing tool leaves no output', async () => {
    const dir = project();
    put(dir, { 'SRC/UTIL.SRC': dosText('util code', '#error no util today') });
    const r = await make(dir);
    expect(r.exitCode).toBe(1);
    expect(outLines(r.output)).toEqual([
      'CC SRC\\MAIN.SRC MAIN.OBJ',
      'SRC\\MAIN.SRC: 3 lines',
      'CC SRC\\UTIL.SRC UTIL.OBJ',
      'SRC\\UTIL.SRC(2): error: no util today',
      'make: *** [UTIL.OBJ] Error 1',
    ]);
    expect(existsSync(join(dir, 'MAIN.OBJ'))).toBe(true);
    expect(existsSync(join(dir, 'UTIL.OBJ'))).toBe(false);
    expect(existsSync(join(dir, 'DEMO.BIN'))).toBe(false);
  });

  it("passes on the .EXE's own exit code (3: not an object file)", async () => {
    const dir = project();
    put(dir, { 'JUNK.OBJ': 'not an object', MAKEFILE: dosText('OUT.BIN: JUNK.OBJ', '\tLINK OUT.BIN JUNK.OBJ') });
    const r = await make(dir);
    expect(r.exitCode).toBe(3);
    expect(outLines(r.output)).toEqual(['LINK OUT.BIN JUNK.OBJ', 'LINK: not an object file: JUNK.OBJ', 'make: *** [OUT.BIN] Error 3']);
    expect(list(dir)).not.toContain('OUT.BIN');
  });

  it('exits 2 for a program that is nowhere, a file it cannot make, or a missing makefile', async () => {
    const dir = project();
    put(dir, { 'BAD.MAK': dosText('X.OUT: X.IN', '\tNOSUCH X.IN'), 'NEED.MAK': dosText('Y.OUT: MISSING.IN', '\tCC MISSING.IN Y.OUT') });
    put(dir, { 'X.IN': 'x' });
    const noProgram = await make(dir, ['/F', 'BAD.MAK']);
    expect(noProgram.exitCode).toBe(2);
    expect(outLines(noProgram.output)).toEqual(['NOSUCH X.IN', 'make: NOSUCH: program not found', 'make: *** [X.OUT] Error 2']);
    const noSource = await make(dir, ['/F', 'NEED.MAK']);
    expect(noSource.exitCode).toBe(2);
    expect(outLines(noSource.output)).toEqual(["make: don't know how to make MISSING.IN"]);
    const noMakefile = await make(dir, ['/F', 'NONE.MAK']);
    expect(noMakefile.exitCode).toBe(2);
    expect(outLines(noMakefile.output)).toEqual(['make: cannot open NONE.MAK']);
  });

  it('runs pipelines through temporary files in %TEMP%, removing them afterwards', async () => {
    const dir = project();
    put(dir, {
      'BIN/GREP.COM': program('grep.com'),
      'TMP/KEEP.ME': '',
      'PIPE.MAK': dosText('ALL:', '\tGREP /I apple WORDS.TXT | SORT /R', '\tSORT WORDS.TXT | SORT /U | SORT /R >OUT.TXT'),
    });
    const r = await run(dir, 'MAKE.COM', ['/F', 'PIPE.MAK'], { env: { PATH: 'C:\\BIN', TEMP: 'C:\\TMP' } });
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual([
      'GREP /I apple WORDS.TXT | SORT /R',
      'WORDS.TXT:apple',
      'WORDS.TXT:Apple',
      'SORT WORDS.TXT | SORT /U | SORT /R >OUT.TXT',
    ]);
    expect(read(dir, 'OUT.TXT').toString('latin1')).toBe(dosText('cherry', 'banana', 'apple'));
    expect(list(dir, 'TMP')).toEqual(['KEEP.ME']);
  });

  it('puts pipe files in the root without TEMP (MS-DOS 5 makes 5Ah "" the root), out of a search of the current directory', async () => {
    const dir = project();
    put(dir, { 'BIN/GREP.COM': program('grep.com'), 'SRC/PIPE.MAK': dosText('ALL:', '\tGREP /C zz *.* | SORT') });
    const before = list(dir);
    const r = await run(dir, 'MAKE.COM', ['/F', 'PIPE.MAK'], { env: { PATH: 'C:\\BIN' }, cwd: 'C:\\SRC' });
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual(['GREP /C zz *.* | SORT', 'DEFS.H:0', 'MAIN.SRC:0', 'PIPE.MAK:1', 'UTIL.SRC:0']);
    expect(list(dir)).toEqual(before);
  });

  it('runs the .EXE a compiler step has just written (TC.COM), and stops on its exit code', async () => {
    const dir = project();
    put(dir, {
      'BIN/TC.COM': program('tc.com'),
      'HELLO.TC': dosText('PRINT Hello from HELLO.EXE', 'EXIT 0'),
      'FAIL.TC': dosText('PRINT about to fail', 'EXIT 7'),
      'RUN.MAK': dosText('ALL: HELLO.EXE FAIL.EXE', '\tHELLO', '\t-FAIL', '\tFAIL', '\tHELLO', 'HELLO.EXE: HELLO.TC', '\tTC HELLO.TC HELLO.EXE', 'FAIL.EXE: FAIL.TC', '\tTC FAIL.TC FAIL.EXE'),
    });
    const r = await make(dir, ['/F', 'RUN.MAK']);
    expect(r.exitCode).toBe(7);
    expect(outLines(r.output)).toEqual([
      'TC HELLO.TC HELLO.EXE',
      'HELLO.EXE: 2 lines, 96 bytes',
      'TC FAIL.TC FAIL.EXE',
      'FAIL.EXE: 2 lines, 80 bytes',
      'HELLO',
      'Hello from HELLO.EXE',
      'FAIL',
      'about to fail',
      'FAIL',
      'about to fail',
      'make: *** [ALL] Error 7',
    ]);
    expect(read(dir, 'HELLO.EXE').subarray(0, 2).toString()).toBe('MZ');
  });

  it('runs a make from a make (three levels of EXEC deep)', async () => {
    const dir = project();
    put(dir, { 'TOP.MAK': dosText('ALL:', '\tMAKE UTIL.OBJ', '\tMAKE /F TOP2.MAK'), 'TOP2.MAK': dosText('DONE:', '\tSORT /R WORDS.TXT') });
    const r = await make(dir, ['/F', 'TOP.MAK']);
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual([
      'MAKE UTIL.OBJ',
      'CC SRC\\UTIL.SRC UTIL.OBJ',
      'SRC\\UTIL.SRC: 2 lines',
      'MAKE /F TOP2.MAK',
      'SORT /R WORDS.TXT',
      'cherry',
      'banana',
      'apple',
      'Apple',
    ]);
  });
});
