// Reading what a guest test program printed: lines, KEY=value lines, and hex the way the guest
// libraries in roms/ print it (upper case, zero-padded).

/** The output as lines, CR LF removed, empty lines dropped. */
export function lines(output: string): string[] {
  return output.split(/\r?\n/).filter((l) => l.length > 0);
}

/** KEY=value lines of the output; a key seen more than once keeps every value in `all`. */
export function values(output: string): { get(key: string): string; all(key: string): string[]; has(key: string): boolean } {
  const map = new Map<string, string[]>();
  // A bare CR (echo of a typed line) also starts a new line here.
  for (const line of output.split(/\r?\n|\r/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    const list = map.get(m[1]) ?? [];
    list.push(m[2]);
    map.set(m[1], list);
  }
  return {
    get(key: string): string {
      const v = map.get(key);
      if (!v) throw new Error(`no ${key}= line in the output:\n${output}`);
      return v[0];
    },
    all: (key: string) => map.get(key) ?? [],
    has: (key: string) => map.has(key),
  };
}

/** A 4-digit upper-case hex word, as the guest's print_hex16 shows it. */
export function hex4(v: number): string {
  return (v & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** Bytes as the dos-core guests' print_bytes shows them (upper-case hex pairs, no separator). */
export function hexBytes(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => (b & 0xff).toString(16).toUpperCase().padStart(2, '0')).join('');
}
