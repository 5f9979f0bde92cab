// Host input sources for the keyboard: a terminal read in raw mode (keys as they are pressed,
// no echo, Ctrl-\ reserved to stop vdm86), or any byte stream (a pipe, a file, a string), read
// with backpressure so a large input never piles up faster than the program takes it; or a
// byte stream as a redirected standard input (InputStream), which the keyboard reads on demand.
import type { HostKey } from './keys';
import { TerminalKeyParser } from './keyboard';
import { StreamInputDecoder } from './stream';
import { INPUT_OVER, NO_BYTE_YET, type InputStream } from './redirected-files';

export interface KeySource {
  /** Stops reading and gives the input back (raw mode off, listeners removed). */
  stop(): void;
  /** Flow control: stop taking data for a while / take it again. */
  pause(): void;
  resume(): void;
}

/** What a terminal input stream offers (process.stdin when it is a TTY). */
export interface TerminalInput {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', fn: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'close', fn: () => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** Ctrl-\ (FS, 1Ch): the key that stops vdm86 from a terminal, since Ctrl-C belongs to the program. */
export const QUIT_BYTE = 0x1c;

/** Reads a terminal in raw mode. `onQuit` is called for Ctrl-\ instead of typing it. */
export function readTerminalKeys(input: TerminalInput, onKey: (k: HostKey) => void, onQuit: () => void, onEnd: () => void): KeySource {
  const parser = new TerminalKeyParser();
  const wasRaw = (input as { isRaw?: boolean }).isRaw ?? false;
  input.setRawMode?.(true);
  const onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.includes(QUIT_BYTE)) {
      onQuit();
      return;
    }
    for (const k of parser.push(bytes)) onKey(k);
  };
  const onClose = () => onEnd();
  input.on('data', onData);
  input.on('end', onClose);
  return flowing(input, () => {
    input.off('data', onData as never);
    input.off('end', onClose as never);
    input.setRawMode?.(wasRaw);
  });
}

/** A readable byte stream (a Node Readable, e.g. process.stdin on a pipe). */
export interface ByteStream {
  on(event: 'data', fn: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'error', fn: (err?: unknown) => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** Reads a byte stream as typed input; `onEnd` once it is over (end of file or an error). */
export function readStreamKeys(input: ByteStream, raw: boolean, onKey: (k: HostKey) => void, onEnd: () => void): KeySource {
  const decoder = new StreamInputDecoder(raw);
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    for (const k of decoder.end()) onKey(k);
    onEnd();
  };
  const onData = (chunk: Buffer | string) => {
    for (const k of decoder.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk))) onKey(k);
  };
  return flowing(input, listen(input, onData, finish));
}

/** Attaches data and end listeners (an error ends the input too); returns their removal. */
function listen(input: ByteStream, onData: (chunk: Buffer | string) => void, finish: () => void): () => void {
  input.on('data', onData);
  input.on('end', finish);
  input.on('error', finish);
  return () => {
    input.off('data', onData as never);
    input.off('end', finish as never);
    input.off('error', finish as never);
  };
}

/** A stream with its listeners attached, as a KeySource: set flowing now; stop() runs `release`
 *  (detach the listeners, give the terminal back) and pauses the stream, once. */
function flowing(input: { pause(): unknown; resume(): unknown }, release: () => void): KeySource {
  input.resume();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      release();
      input.pause();
    },
    pause: () => input.pause(),
    resume: () => {
      if (!stopped) input.resume();
    },
  };
}

/** Input given all at once (a string or bytes): typed in order, then the end. */
export function typeAll(data: string | Uint8Array, raw: boolean, onKey: (k: HostKey) => void, onEnd: () => void): KeySource {
  const decoder = new StreamInputDecoder(raw);
  for (const k of decoder.push(data)) onKey(k);
  for (const k of decoder.end()) onKey(k);
  onEnd();
  return { stop() {}, pause() {}, resume() {} };
}

/** Feeds a byte stream into an InputStream (standard input as a redirected file) as it arrives;
 *  the caller pauses it while the program has not taken what is queued. */
export function readIntoStream(input: ByteStream, into: InputStream): KeySource {
  const onData = (chunk: Buffer | string) => into.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : new Uint8Array(chunk));
  const finish = () => into.end();
  return flowing(input, listen(input, onData, finish));
}

/** The keyboard's keys taken from the bytes of a redirected standard input, one key when asked
 *  (KeyboardBios.setFeed): text decoded as typed stdin is (StreamInputDecoder: UTF-8 or raw
 *  bytes, a line end as Enter). The LF of a CR LF whose CR a handle read took is not a key. */
export function streamKeyFeed(input: InputStream, raw: boolean): { next(): HostKey | null | 'end' } {
  const decoder = new StreamInputDecoder(raw);
  const ready: HostKey[] = [];
  const one = new Uint8Array(1);
  return {
    next() {
      for (;;) {
        const k = ready.shift();
        if (k) return k;
        if (input.lastByte() === 0x0d) decoder.followsCr();
        const b = input.takeByte();
        if (b === NO_BYTE_YET) return null;
        if (b === INPUT_OVER) {
          ready.push(...decoder.end());
          if (ready.length) continue;
          return 'end';
        }
        one[0] = b;
        ready.push(...decoder.push(one));
      }
    },
  };
}
