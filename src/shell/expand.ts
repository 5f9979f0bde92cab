// Expansion of a batch line before it runs (MS-DOS 5): %0-%9 are the batch parameters, %% is one
// %, %NAME% is the environment variable (empty when unset); a lone % is dropped. FOR's variable
// (%%V in a batch, %V typed) is substituted separately, per item (substituteForVariable).

export function expandBatchLine(line: string, params: readonly string[], getVar: (name: string) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    const next = line[i + 1];
    if (next === '%') {
      out += '%';
      i += 2;
    } else if (next !== undefined && next >= '0' && next <= '9') {
      out += params[Number(next)] ?? '';
      i += 2;
    } else {
      const end = line.indexOf('%', i + 1);
      if (end < 0) {
        i++;
        continue;
      }
      const name = line.slice(i + 1, end);
      out += getVar(name) ?? '';
      i = end + 1;
    }
  }
  return out;
}

/** Replaces FOR's %V (case-sensitive single character, as DOS matches it) with the item. */
export function substituteForVariable(text: string, variable: string, value: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && text[i + 1] === variable) {
      out += value;
      i++;
    } else out += text[i];
  }
  return out;
}
