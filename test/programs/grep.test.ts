// GREP.COM (roms/programs/grep.c): wildcard specs walked with find first/next, paths in
// subdirectories, /S recursion with one DTA per level, and exit codes 0/1/2.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, dosText, drive, outLines, run } from './helpers';

afterAll(cleanupTemps);

function tree(): string {
  return drive(
    { 'GREP.COM': 'grep.com' },
    {
      'A.TXT': dosText('hello world', 'foo bar', 'Hello again'),
      'B.TXT': dosText('nothing here'),
      'NOTES.DOC': dosText('hello from a doc'),
      'SRC/MAIN.C': dosText('int main() {', '  hello();', '}'),
      'SRC/UTIL.C': dosText('void hello(void) {}'),
      'SRC/LIB/DEEP.C': dosText('/* HELLO */', 'hello deep'),
      'SRC/LIB/DEEP.H': dosText('hello header'),
      'DOC/README.TXT': dosText('say Hello'),
    },
  );
}

/** Output lines sorted: the order files are found in is the directory's, not the test's. */
function sorted(output: string): string[] {
  return outLines(output).sort();
}

describe('GREP', () => {
  it('searches the files a wildcard spec matches, naming each file found with its directory', async () => {
    const dir = tree();
    const r = await run(dir, 'GREP.COM', ['hello', '*.TXT', 'SRC\\*.C']);
    expect(r.exitCode).toBe(0);
    expect(sorted(r.output)).toEqual(['A.TXT:hello world', 'SRC\\MAIN.C:  hello();', 'SRC\\UTIL.C:void hello(void) {}']);
  });

  it('walks subdirectories with /S, each level keeping its own search going', async () => {
    const dir = tree();
    const r = await run(dir, 'GREP.COM', ['/S', '/I', '/N', 'hello', '*.*']);
    expect(r.exitCode).toBe(0);
    expect(sorted(r.output)).toEqual(
      [
        'A.TXT:1:hello world',
        'A.TXT:3:Hello again',
        'NOTES.DOC:1:hello from a doc',
        'DOC\\README.TXT:1:say Hello',
        'SRC\\MAIN.C:2:  hello();',
        'SRC\\UTIL.C:1:void hello(void) {}',
        'SRC\\LIB\\DEEP.C:1:/* HELLO */',
        'SRC\\LIB\\DEEP.C:2:hello deep',
        'SRC\\LIB\\DEEP.H:1:hello header',
      ].sort(),
    );
  });

  it('counts with /C and lists names with /L, from a spec with a drive and a directory', async () => {
    const dir = tree();
    const counts = await run(dir, 'GREP.COM', ['/C', '/S', 'hello', 'C:\\SRC\\*.C']);
    expect(sorted(counts.output)).toEqual(['C:\\SRC\\LIB\\DEEP.C:1', 'C:\\SRC\\MAIN.C:1', 'C:\\SRC\\UTIL.C:1']);
    const names = await run(dir, 'GREP.COM', ['/L', '/I', 'HELLO', 'SRC\\LIB\\DEEP.?']);
    expect(sorted(names.output)).toEqual(['SRC\\LIB\\DEEP.C', 'SRC\\LIB\\DEEP.H']);
  });

  it('runs in a subdirectory as the current directory, with .. in the spec', async () => {
    const dir = tree();
    const r = await run(dir, 'GREP.COM', ['again', '..\\*.TXT'], { cwd: 'C:\\SRC' });
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual(['..\\A.TXT:Hello again']);
  });

  it('gets its arguments in CP437: text typed as Unicode matches a CP437 file', async () => {
    const dir = drive({ 'GREP.COM': 'grep.com' }, { 'MENU.TXT': Buffer.from('caf\x82 au lait\r\ntea\r\n', 'latin1') });
    const r = await run(dir, 'GREP.COM', ['café', 'MENU.TXT']);
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual(['MENU.TXT:café au lait']);
  });

  it('exits 1 when nothing matches and 2 when a spec matches no file or the usage is wrong', async () => {
    const dir = tree();
    const none = await run(dir, 'GREP.COM', ['absent', '*.TXT']);
    expect(none.exitCode).toBe(1);
    expect(none.output).toBe('');
    const nofile = await run(dir, 'GREP.COM', ['hello', '*.XYZ', 'A.TXT']);
    expect(nofile.exitCode).toBe(2);
    expect(outLines(nofile.output)).toEqual(['GREP: no file matches *.XYZ', 'A.TXT:hello world']);
    const usage = await run(dir, 'GREP.COM', ['hello']);
    expect(usage.exitCode).toBe(2);
  });
});
