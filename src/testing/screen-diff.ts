// A failed screen comparison: the expected and the actual 80x25 text screens side by side, each
// row prefixed with its number, and a marker line under every row that differs with ^ at each
// differing cell, so a one-character change in a menu is found at a glance.

/** Screen text (as screenText writes it) as `rows` lines of `cols` cells, blank-padded. */
export function screenGrid(text: string, rows = 25, cols = 80): string[] {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const chars = [...(lines[r] ?? '')].slice(0, cols);
    out.push(chars.join('') + ' '.repeat(cols - chars.length));
  }
  return out;
}

/** Count of differing cells between two screen texts. */
export function screenDifferences(expected: string, actual: string): number {
  const e = screenGrid(expected);
  const a = screenGrid(actual);
  let n = 0;
  for (let r = 0; r < e.length; r++) {
    const ec = [...e[r]];
    const ac = [...a[r]];
    for (let c = 0; c < ec.length; c++) if (ec[c] !== ac[c]) n++;
  }
  return n;
}

/** The side-by-side picture; empty when the screens are equal. */
export function screenDiff(expected: string, actual: string): string {
  const e = screenGrid(expected);
  const a = screenGrid(actual);
  const cols = 80;
  const bar = '-'.repeat(cols);
  const lines = [`    ${'expected'.padEnd(cols)}   actual`, `    +${bar}+ +${bar}+`];
  let differs = false;
  for (let r = 0; r < e.length; r++) {
    const ec = [...e[r]];
    const ac = [...a[r]];
    let marks = '';
    for (let c = 0; c < cols; c++) marks += ec[c] === ac[c] ? ' ' : '^';
    const changed = marks.trim() !== '';
    differs ||= changed;
    lines.push(`${changed ? '>' : ' '}${String(r).padStart(2)} |${e[r]}| |${a[r]}|`);
    if (changed) lines.push(`    |${marks}| |${marks}|`);
  }
  lines.push(`    +${bar}+ +${bar}+`);
  return differs ? lines.join('\n') + '\n' : '';
}
