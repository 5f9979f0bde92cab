// Host names as the guest sees them (dos-files-names): host names that are not 8.3 get stable
// "~N" short names, matching is case-insensitive, names DOS is given are truncated to 8.3 as
// MS-DOS does, and truename shows the canonical form.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';
import { nameDirectory, parseComponent, isValid83 } from '../../src/dos/names';

afterAll(cleanupTemps);

describe('short names and name matching', () => {
  it('lists, opens and creates by DOS names', async () => {
    const run = await runGuest({
      program: 'roms/tests/dos-files-names.com',
      files: {
        'LongFileName.text': 'long one',
        'another long name.txt': 'another',
        'MiXeD.TxT': 'mixed',
        'résumé.doc': 'cv',
        '日本語.txt': 'nihongo',
        '.hidden': 'dot',
        readme: 'read me',
        'SUB/X.C': 'c',
      },
    });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'found ANOTHE~1.TXT attr 0020',
      'found HIDDEN~1 attr 0022', // a host dot-file shows hidden
      'found LONGFI~1.TEX attr 0020',
      'found MIXED.TXT attr 0020',
      'found PROG.COM attr 0020',
      'found README attr 0020',
      'found R\x82SUM\x82.DOC attr 0020', // CP437 can spell it: no short name needed
      'found SUB attr 0010',
      'found ___~1.TXT attr 0020', // no CP437 form: a short name
      'open LONGFI~1.TEX ok 0005',
      '  long one',
      'open longfi~1.tex ok 0005',
      '  long one',
      'open ANOTHE~1.TXT ok 0005',
      '  another',
      'open mixed.txt ok 0005',
      '  mixed',
      'open README ok 0005',
      '  read me',
      'open resume in CP437 ok 0005',
      '  cv',
      'open ___~1.TXT ok 0005',
      '  nihongo',
      'open long name itself err 0002', // DOS cuts it to LONGFILE.TEX, which does not exist
      'truename ok',
      '  C:\\LONGFI~1.TEX',
      'truename ok',
      '  C:\\LONGFILE.TEX',
      'truename ok',
      '  C:\\SUB\\????????.C',
      'truename ok',
      '  C:/CON',
      'create verylongfilename.text ok 0005',
      'open VERYLONG.TEX ok 0005',
      'create cafe in CP437 ok 0005',
      'create A+B.TXT err 0003',
      'create A.B.C err 0003',
    ]);
    expect(existsSync(join(run.dir, 'VERYLONG.TEX'))).toBe(true);
    expect(existsSync(join(run.dir, 'CAFÉ.TXT'))).toBe(true);
  });

  it('gives short names in a stable order, avoiding names already taken', () => {
    const named = nameDirectory(['zeta long name.txt', 'ALPHA~1.TXT', 'alpha beta.txt', 'Readme', 'README', 'x.y.z']);
    const map = Object.fromEntries(named.map((e) => [e.host, e.dos]));
    expect(map['ALPHA~1.TXT']).toBe('ALPHA~1.TXT');
    expect(map['alpha beta.txt']).toBe('ALPHAB~1.TXT');
    expect(map['README']).toBe('README');
    expect(map['Readme']).toBe('README~1'); // a case-only twin of a name already taken
    expect(map['zeta long name.txt']).toBe('ZETALO~1.TXT');
    expect(map['x.y.z']).toBe('XY~1.Z');
    // the same listing in another order names everything the same way
    const again = Object.fromEntries(nameDirectory([...named.map((e) => e.host)].reverse()).map((e) => [e.host, e.dos]));
    expect(again).toEqual(map);
  });

  it('names a folder of one long prefix as the smallest free ~N each, past names already taken', () => {
    // 1,200 names share "SOURCE" (two bases, both cut to SOURCE~N at one and two digits, SOURC~NN
    // and SOUR~NNN after), some ~N spellings exist literally, and two extensions share the bases.
    const hosts: string[] = [];
    for (let i = 0; i < 500; i++) hosts.push(`source_file_${i}.txt`, `sourcexy_${i}.txt`);
    for (let i = 0; i < 200; i++) hosts.push(`source_file_${i}.c`);
    hosts.push('SOURCE~3.TXT', 'SOURC~12.TXT', 'SOUR~150.TXT', 'SOURCE~1.C');
    const named = nameDirectory(hosts);
    expect(named.map((e) => e.dos)).toEqual(referenceNames(hosts));
    expect(new Set(named.map((e) => e.dos)).size).toBe(hosts.length);
    const map = new Map(named.map((e) => [e.host, e.dos]));
    expect(map.get('SOURCE~3.TXT')).toBe('SOURCE~3.TXT');
    expect(map.get('source_file_0.c')).toBe('SOURCE~2.C');
  });

  it('reads typed components as MS-DOS does', () => {
    expect(parseComponent('verylongname.text')).toEqual({ fcb: 'VERYLONGTEX', wild: false });
    expect(parseComponent('*.c')).toEqual({ fcb: '????????C  ', wild: true });
    expect(parseComponent('a*b.?x')).toEqual({ fcb: 'A????????X ', wild: true });
    expect(parseComponent('a+b')).toEqual({ error: 'invalid' });
    expect(parseComponent('.x')).toEqual({ error: 'invalid' });
    expect(isValid83('hello.txt')).toBe(true);
    expect(isValid83('hello.text')).toBe(false);
    expect(isValid83('héllo.txt')).toBe(true); // é is CP437 82h
    expect(isValid83('日本.txt')).toBe(false);
  });
});

/** The short names as the search from ~1 for every name gives them (what nameDirectory did before
 *  it remembered where each base's search had got to): the answer it must still give. */
function referenceNames(hosts: string[]): string[] {
  const chars = (t: string) =>
    [...t]
      .filter((ch) => ch !== ' ' && ch !== '.')
      .map((ch) => (/^[A-Za-z0-9!#$%&'()\-@^_`{}~]$/.test(ch) ? ch.toUpperCase() : '_'))
      .join('');
  const sorted = [...hosts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const taken = new Set<string>();
  const result = new Map<string, string>();
  const later: string[] = [];
  for (const h of sorted) {
    if (isValid83(h) && !taken.has(h.toUpperCase())) {
      taken.add(h.toUpperCase());
      result.set(h, h.toUpperCase());
    } else later.push(h);
  }
  for (const h of later) {
    const trimmed = h.replace(/^\.+/, '');
    const dot = trimmed.lastIndexOf('.');
    const base = chars(dot > 0 ? trimmed.slice(0, dot) : trimmed) || '_';
    const ext = chars(dot > 0 ? trimmed.slice(dot + 1) : '').slice(0, 3);
    for (let n = 1; ; n++) {
      const candidate = base.slice(0, 8 - `~${n}`.length) + `~${n}` + (ext ? `.${ext}` : '');
      if (!taken.has(candidate)) {
        taken.add(candidate);
        result.set(h, candidate);
        break;
      }
    }
  }
  return hosts.map((h) => result.get(h) as string);
}
