// The shell's environment: a block of its own (allocated at start, /E:size bytes, the parent's
// strings copied in) that SET, PATH and PROMPT change in place and every child gets a copy of
// through EXEC. "NAME=value\0" strings ending with an empty one, as DOS expects.
import { copyFromSegment, copyToSegment, wr8 } from '../cpu/guest-memory';
import { fromBytes, toBytes } from './guest-calls';

/** MS-DOS 5's default environment size (COMMAND /E: 160-32768, default 256). We keep at least
 *  this much free above what the parent handed down, so SET works in a shell started with a
 *  long environment. */
export const ENV_DEFAULT = 256;
export const ENV_MIN = 160;
export const ENV_MAX = 32768;
export const ENV_SPARE = 512;

export class ShellEnvironment {
  constructor(
    private readonly mem: Uint8Array,
    readonly seg: number,
    readonly size: number,
  ) {}

  /** Reads the strings of an environment block at seg (up to its 00 00). */
  static readStrings(mem: Uint8Array, seg: number): string[] {
    const raw = fromBytes(copyFromSegment(mem, seg, 0, ENV_MAX));
    const end = raw.indexOf('\0\0');
    const text = end < 0 ? '' : raw.slice(0, end);
    return text.split('\0').filter((s) => s.length > 0);
  }

  entries(): [string, string][] {
    return ShellEnvironment.readStrings(this.mem, this.seg).map((s) => {
      const eq = s.indexOf('=');
      return eq < 0 ? [s, ''] : [s.slice(0, eq), s.slice(eq + 1)];
    });
  }

  get(name: string): string | undefined {
    const n = name.toUpperCase();
    return this.entries().find(([k]) => k.toUpperCase() === n)?.[1];
  }

  /** Sets (or with an empty value removes) a variable; false when the block is full ("Out of
   *  environment space"). */
  set(name: string, value: string): boolean {
    const n = name.toUpperCase();
    const list = this.entries().filter(([k]) => k.toUpperCase() !== n);
    if (value !== '') list.push([n, value]);
    return this.store(list);
  }

  store(list: [string, string][]): boolean {
    let text = list.map(([k, v]) => `${k}=${v}\0`).join('') + '\0';
    if (list.length === 0) text = '\0\0';
    if (text.length > this.size) return false;
    copyToSegment(this.mem, this.seg, 0, toBytes(text));
    // An EXEC'd child's environment copy ends at the 00 00; clear past it so no stale "0001h +
    // path" could be taken for strings.
    for (let i = text.length; i < Math.min(this.size, text.length + 4); i++) wr8(this.mem, this.seg, i, 0);
    return true;
  }
}
