// Console as a byte stream, for runs without a terminal (CI, pipes, files): what the program
// writes through the console goes out as text (CP437 shown as UTF-8, or the raw bytes), and
// what arrives on stdin becomes typed keys (line ends as Enter, CP437 from UTF-8 or raw bytes).
import { CP437, toCp437OrQuestionMark } from './cp437';
import type { HostKey } from './keys';

/** Bytes that keep their control meaning in a text stream: BEL, BS, TAB, LF, CR. ESC does not:
 *  it shows as its CP437 glyph "←", because a guest's escape sequences would drive the user's
 *  terminal (its title, the clipboard through OSC 52, the alternate screen; issue 14). With
 *  `raw` the bytes go out as they are — raw output is for pipes, not for a terminal. */
const STREAM_CONTROLS = new Set([0x07, 0x08, 0x09, 0x0a, 0x0d]);

/** The text form of one console byte in a UTF-8 stream. */
export function streamText(byte: number): string {
  byte &= 0xff;
  if (STREAM_CONTROLS.has(byte)) return String.fromCharCode(byte);
  return CP437[byte];
}

/** Where stream output goes: a Node Writable, or any function taking text or bytes. */
export type OutputTarget = { write(chunk: string | Uint8Array): unknown } | ((chunk: string | Uint8Array) => void);

/** How long console output may wait to be batched into one write. */
const FLUSH_DELAY_MS = 15;

/** Collects console bytes and writes them out in batches, as UTF-8 text or, with `raw`, the
 *  bytes unchanged: a write when 4 KiB are waiting, else at most FLUSH_DELAY_MS after the first
 *  byte (a host timer, which runs whenever the machine yields or sleeps), and at the end. */
export class StreamOutput {
  private bytes: number[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly target: OutputTarget,
    private readonly raw: boolean,
  ) {}

  push(byte: number): void {
    this.bytes.push(byte & 0xff);
    if (this.bytes.length >= 4096) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.bytes.length) return;
    const chunk = this.raw ? Uint8Array.from(this.bytes) : this.bytes.map(streamText).join('');
    this.bytes = [];
    if (typeof this.target === 'function') this.target(chunk);
    else this.target.write(chunk);
  }
}

/** How much console output a run keeps for its result unless told otherwise: the last 16 MiB. */
export const DEFAULT_CAPTURE_LIMIT = 16 * 1024 * 1024;
/** Captured output is stored in byte chunks of this size (no per-byte objects). */
const CAPTURE_CHUNK = 64 * 1024;

/**
 * Everything the program wrote to the console, kept for runProgram's result: bytes in 64 KiB
 * chunks, at most `limit` of them. When more arrive, the oldest go (the tail, where a program says
 * how it ended, is what a caller wants) and `dropped` counts them, so a guest printing without end
 * cannot exhaust the embedding process's memory (issue 14: 557 MB of output killed it).
 */
export class OutputCapture {
  private chunks: Uint8Array[] = [];
  private current = new Uint8Array(CAPTURE_CHUNK);
  private used = 0;
  /** Bytes in `chunks`. */
  private sealed = 0;
  private droppedBytes = 0;

  constructor(readonly limit = DEFAULT_CAPTURE_LIMIT) {}

  push(byte: number): void {
    this.current[this.used++] = byte;
    if (this.used === CAPTURE_CHUNK) this.seal();
  }

  /** Bytes that were written but are no longer kept. */
  get dropped(): number {
    this.trim();
    return this.droppedBytes;
  }

  private seal(): void {
    if (this.used === 0) return;
    this.chunks.push(this.used === CAPTURE_CHUNK ? this.current : this.current.slice(0, this.used));
    this.sealed += this.used;
    this.current = new Uint8Array(CAPTURE_CHUNK);
    this.used = 0;
    // Whole chunks beyond the limit go at once; trim() cuts the rest to the byte.
    while (this.chunks.length > 1 && this.sealed - this.chunks[0].length >= this.limit) {
      const first = this.chunks.shift() as Uint8Array;
      this.sealed -= first.length;
      this.droppedBytes += first.length;
    }
  }

  /** Seals what is pending and cuts the head so that at most `limit` bytes remain. */
  private trim(): void {
    this.seal();
    const excess = this.sealed - this.limit;
    if (excess <= 0) return;
    const all = this.concat();
    this.chunks = [all.slice(excess)];
    this.sealed -= excess;
    this.droppedBytes += excess;
  }

  private concat(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.sealed);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks = this.sealed ? [out] : [];
    return out;
  }

  /** The kept bytes (at most `limit`, the most recent). */
  bytes(): Uint8Array {
    this.trim();
    return this.chunks.length ? this.concat() : new Uint8Array(0);
  }

  /** The kept bytes as text: CP437 shown as Unicode, or one char per byte with `raw`. */
  text(raw: boolean): string {
    const b = this.bytes();
    const parts: string[] = [];
    for (let at = 0; at < b.length; at += 4096) {
      let s = '';
      const stop = Math.min(b.length, at + 4096);
      for (let i = at; i < stop; i++) s += raw ? String.fromCharCode(b[i]) : streamText(b[i]);
      parts.push(s);
    }
    return parts.join('');
  }
}

/** Turns stdin bytes into typed keys. Text is UTF-8 (or CP437 bytes with `raw`); LF, CR and
 *  CR LF are each one Enter, as a person at the keyboard would press it; other control codes
 *  are typed as Ctrl+key (1Ah is Ctrl-Z, DOS's end-of-file mark). */
export class StreamInputDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private lastWasCR = false;

  constructor(private readonly raw: boolean) {}

  push(chunk: Uint8Array | string): HostKey[] {
    const keys: HostKey[] = [];
    if (typeof chunk === 'string') {
      for (const ch of chunk) this.codePoint(ch.codePointAt(0) as number, keys, false);
    } else if (this.raw) {
      for (const b of chunk) this.codePoint(b, keys, true);
    } else {
      for (const ch of this.decoder.decode(chunk, { stream: true })) this.codePoint(ch.codePointAt(0) as number, keys, false);
    }
    return keys;
  }

  /** The byte before the next one was a CR that someone else took (a handle read of the same
   *  input): a LF next is the rest of that CR LF, not an Enter of its own. */
  followsCr(): void {
    this.lastWasCR = true;
  }

  /** Input ended: whatever an unfinished UTF-8 sequence held. */
  end(): HostKey[] {
    const keys: HostKey[] = [];
    if (!this.raw) for (const ch of this.decoder.decode()) this.codePoint(ch.codePointAt(0) as number, keys, false);
    return keys;
  }

  private codePoint(cp: number, keys: HostKey[], isByte: boolean): void {
    if (cp === 0x0a) {
      if (!this.lastWasCR) keys.push({ name: 'Enter' });
      this.lastWasCR = false;
      return;
    }
    this.lastWasCR = cp === 0x0d;
    if (cp === 0x0d) {
      keys.push({ name: 'Enter' });
      return;
    }
    if (cp === 0xfeff) return; // a byte-order mark is not a keystroke
    keys.push({ char: isByte ? cp : toCp437OrQuestionMark(cp) });
  }
}
