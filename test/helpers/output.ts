// Reading what a guest test program printed: lines, KEY=value lines, and hex the way the guest
// libraries in roms/ print it (upper case, zero-padded).

/** The output as lines, CR LF removed, empty lines dropped. */
export function lines(output: string): string[] {
  return output.split(/\r?\n/).filter((l) => l.length > 0);
}

/** What a guest printed as name=value lines. */
export interface Values {
  /** The first value of `key`; throws (showing the output) when there is none. */
  get(key: string): string;
  /** Every value of `key`, in order. */
  all(key: string): string[];
  has(key: string): boolean;
  /** Each key's first value, for toMatchObject and property access. */
  record(): Record<string, string>;
}

/** The one reader of name=value output, for guest programs and the command alike: a line that is
 *  one whole pair (leading blanks allowed; several pairs on a line are not read), the name a word,
 *  the value the rest of the line. A key seen more than once keeps every value in `all`. */
export function values(output: string): Values {
  const map = new Map<string, string[]>();
  // A bare CR (echo of a typed line) also starts a new line here.
  for (const line of output.split(/\r?\n|\r/)) {
    const m = /^\s*(\w+)=(.*)$/.exec(line);
    if (!m || /\s\w+=/.test(m[2])) continue;
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
    record: () => Object.fromEntries([...map].map(([k, v]) => [k, v[0]])),
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
