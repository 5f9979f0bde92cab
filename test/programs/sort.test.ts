// SORT.COM (roms/programs/sort.c): a C text filter reading a file or the console and writing
// standard output, with its exit codes on errors.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, dosText, drive, outLines, run } from './helpers';

afterAll(cleanupTemps);

const FRUIT = dosText('pear', 'Apple', 'banana', 'apple', 'Cherry', 'banana');

/** DOS SORT's order: without case, stable. */
function dosSort(lines: string[]): string[] {
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => {
      const x = a.l.toLowerCase();
      const y = b.l.toLowerCase();
      return x < y ? -1 : x > y ? 1 : a.i - b.i;
    })
    .map((e) => e.l);
}

describe('SORT', () => {
  it('sorts a file without regard to case, keeping equal lines in input order', async () => {
    const dir = drive({ 'SORT.COM': 'sort.com' }, { 'FRUIT.TXT': FRUIT });
    const r = await run(dir, 'SORT.COM', ['FRUIT.TXT']);
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual(['Apple', 'apple', 'banana', 'banana', 'Cherry', 'pear']);
  });

  it('reverses with /R, drops repeats with /U and sorts from a column with /+n', async () => {
    const dir = drive({ 'SORT.COM': 'sort.com' }, { 'FRUIT.TXT': FRUIT, 'COLS.TXT': dosText('b 3', 'a 1', 'c 2') });
    const rev = await run(dir, 'SORT.COM', ['/R', '/U', 'FRUIT.TXT']);
    expect(rev.exitCode).toBe(0);
    expect(outLines(rev.output)).toEqual(['pear', 'Cherry', 'banana', 'Apple']);
    const col = await run(dir, 'SORT.COM', ['/+3', 'COLS.TXT']);
    expect(outLines(col.output)).toEqual(['a 1', 'c 2', 'b 3']);
  });

  it('sorts a few thousand lines held in malloc memory', async () => {
    let seed = 7;
    const words: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let w = '';
      for (let k = 0; k < 3 + (i % 9); k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const c = seed % 52;
        w += String.fromCharCode(c < 26 ? 65 + c : 97 + c - 26);
      }
      words.push(w);
    }
    const dir = drive({ 'SORT.COM': 'sort.com' }, { 'WORDS.TXT': dosText(...words) });
    const r = await run(dir, 'SORT.COM', ['WORDS.TXT']);
    expect(r.exitCode).toBe(0);
    expect(outLines(r.output)).toEqual(dosSort(words));
  });

  it('reads the console when no file is named: the typed lines echo, then the sorted ones follow', async () => {
    const dir = drive({ 'SORT.COM': 'sort.com' });
    const r = await run(dir, 'SORT.COM', [], { stdin: 'zeta\nalpha\nmid\n' });
    expect(r.exitCode).toBe(0);
    const lines = outLines(r.output);
    expect(lines.slice(0, 3)).toEqual(['zeta', 'alpha', 'mid']);
    expect(lines.slice(-3)).toEqual(['alpha', 'mid', 'zeta']);
  });

  it('filters redirected standard input to redirected standard output, as SORT <IN >OUT', async () => {
    const dir = drive({ 'SORT.COM': 'sort.com' });
    const out: Uint8Array[] = [];
    const r = await run(dir, 'SORT.COM', ['/R'], { inputFile: 'b\tx\r\na\r\nc\r\n', outputFile: (d) => out.push(d) });
    expect(r.exitCode).toBe(0);
    expect(Buffer.concat(out).toString('latin1')).toBe('c\r\nb\tx\r\na\r\n');
    expect(r.output).toBe('');
  });

  it('exits 1 on a bad switch and 2 on a file it cannot open, saying why', async () => {
    const dir = drive({ 'SORT.COM': 'sort.com' });
    const bad = await run(dir, 'SORT.COM', ['/Q']);
    expect(bad.exitCode).toBe(1);
    expect(outLines(bad.output)).toEqual(['SORT: invalid switch /Q']);
    const missing = await run(dir, 'SORT.COM', ['NOFILE.TXT']);
    expect(missing.exitCode).toBe(2);
    expect(outLines(missing.output)).toEqual(['SORT: cannot open NOFILE.TXT']);
  });
});
