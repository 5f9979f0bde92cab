// The README's INT 21h coverage table against the kernel's one INT 21h table (src/dos/int21-functions.ts):
// every function the README calls served has a handler, every one it calls missing has none, and
// no handler goes unmentioned. The kernel's dispatch table is what a machine really installs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine';
import { Dos } from '../../src/dos/dos';
import { int21Functions } from '../../src/dos/int21-functions';
import { ROOT, cleanupTemps, tempDir } from '../helpers/folders';

afterAll(cleanupTemps);

/** The function numbers a cell of the README's first column names ("0Fh-17h, 21h-24h; INT 20h"). */
function functionNumbers(cell: string): number[] {
  const out: number[] = [];
  const int21Part = cell.split(';')[0];
  for (const item of int21Part.split(',')) {
    const m = /^\s*([0-9A-F]{2})h(?:-([0-9A-F]{2})h)?\s*$/.exec(item);
    if (!m) throw new Error(`README coverage: cannot read "${item}" in "${cell}"`);
    const from = parseInt(m[1], 16);
    const to = m[2] ? parseInt(m[2], 16) : from;
    for (let ah = from; ah <= to; ah++) out.push(ah);
  }
  return out;
}

function readmeCoverage(): { served: Set<number>; missing: Set<number> } {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = text.split('## INT 21h coverage')[1].split('\n## ')[0];
  const served = new Set<number>();
  const missing = new Set<number>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !/^[0-9A-F]{2}h/.test(cells[1])) continue;
    const target = cells[3].startsWith('**missing**') ? missing : served;
    for (const ah of functionNumbers(cells[1])) target.add(ah);
  }
  return { served, missing };
}

const hex = (list: Iterable<number>) => [...list].sort((a, b) => a - b).map((n) => n.toString(16).toUpperCase().padStart(2, '0') + 'h');

describe('INT 21h coverage', () => {
  const dir = tempDir();
  const dos = new Dos(new Machine(), { drives: [{ letter: 'C', hostPath: dir }] });
  const rows = int21Functions(dos.files);
  const readme = readmeCoverage();

  it('lists each function number once, in order', () => {
    const ahs = rows.map(([ah]) => ah);
    expect(ahs).toEqual([...new Set(ahs)].sort((a, b) => a - b));
  });

  it('serves exactly what the README calls served', () => {
    const served = rows.filter(([, , h]) => h !== null).map(([ah]) => ah);
    expect(hex(served)).toEqual(hex(readme.served));
    expect(hex(dos.int21.served())).toEqual(hex(served));
  });

  it('lists as missing exactly what the README calls missing', () => {
    const missing = rows.filter(([, , h]) => h === null).map(([ah]) => ah);
    expect(hex(missing)).toEqual(hex(readme.missing));
  });
});
