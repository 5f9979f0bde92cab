// Host data standing in for a program's redirected standard input and output (SORT <IN >OUT):
// host objects behind SFT entries, so the program sees files, not the console. Input is bytes
// given up front, read at the entry's position (a program may seek in it, as in a redirected
// file), or a host stream read in order as it arrives; output goes to a sink as written, in
// order (a stream: positions are not kept). All have the DOS layer's HostObject shape
// (positioned read/write, size, close).

export class InputBytes {
  constructor(
    private readonly data: Uint8Array,
    readonly description: string,
  ) {}

  read(position: number, buf: Uint8Array): number {
    const n = Math.max(0, Math.min(buf.length, this.data.length - position));
    buf.set(this.data.subarray(position, position + n));
    return n;
  }

  /** Opened for reading only: DOS refuses writes before they get here. */
  write(): number {
    return 0;
  }

  size(): number {
    return this.data.length;
  }

  close(): void {}
}

export class OutputSink {
  private written = 0;

  constructor(
    private readonly sink: (data: Uint8Array) => void,
    readonly description: string,
  ) {}

  /** Opened for writing only: DOS refuses reads before they get here. */
  read(): number {
    return 0;
  }

  write(_position: number, data: Uint8Array): number {
    this.sink(data.slice());
    this.written += data.length;
    return data.length;
  }

  size(): number {
    return this.written;
  }

  close(): void {}
}

/** What InputStream.read answers when nothing has arrived yet and the stream has not ended: the
 *  DOS read answers that it waits, and its call runs again. */
export const READ_WAIT = -1;

/** InputStream.takeByte's answers besides a byte. */
export const NO_BYTE_YET = -1;
export const INPUT_OVER = -2;

/**
 * Standard input from a host stream (a pipe, a file given on stdin), as DOS redirection gives it
 * (SORT <IN): handle 0 reads the bytes as they are, in order, as they arrive. The stream is read
 * once, front to back: bytes are dropped as they are read, so an input of any size never sits in
 * memory whole; a seek moves only the position DOS reports (a pipe cannot go back). The keyboard
 * takes its keys from the same bytes (takeByte), so INT 16h and handle 0 share one input.
 */
export class InputStream {
  private chunks: Uint8Array[] = [];
  /** Read offset inside chunks[0]. */
  private head = 0;
  private queued = 0;
  private consumed = 0;
  private ended = false;
  private last = -1;

  /** Called when bytes or the end arrive (wakes a machine waiting for them). */
  onArrival: () => void = () => {};

  /** Called once, at the program's first read (handle 0 or the keyboard): the host stream is
   *  opened only then, as most programs never read standard input (src/run.ts). */
  onFirstRead: (() => void) | null = null;

  constructor(readonly description: string) {}

  /** Bytes from the host. */
  push(chunk: Uint8Array): void {
    if (this.ended || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.queued += chunk.length;
    this.onArrival();
  }

  /** The host stream is over: reads get end of file once the queued bytes are gone. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onArrival();
  }

  /** Bytes arrived and not yet read (for flow control). */
  buffered(): number {
    return this.queued;
  }

  /** True once the stream ended and every byte was read. */
  atEnd(): boolean {
    return this.ended && this.queued === 0;
  }

  /** The next byte, NO_BYTE_YET, or INPUT_OVER at the end. */
  takeByte(): number {
    if (this.onFirstRead) this.firstRead();
    if (this.queued === 0) return this.ended ? INPUT_OVER : NO_BYTE_YET;
    const first = this.chunks[0];
    const b = first[this.head++];
    this.advance(first, 1);
    this.last = b;
    return b;
  }

  /** The last byte taken, by either reader (-1 before the first). */
  lastByte(): number {
    return this.last;
  }

  /** Reads up to buf.length bytes, as many as have arrived: the count, 0 at the end of the
   *  stream, READ_WAIT while nothing has arrived. `position` is ignored: a stream is read in order. */
  read(_position: number, buf: Uint8Array): number {
    if (this.onFirstRead) this.firstRead();
    if (this.queued === 0) return this.ended ? 0 : READ_WAIT;
    let n = 0;
    while (n < buf.length && this.queued > 0) {
      const first = this.chunks[0];
      const part = Math.min(buf.length - n, first.length - this.head);
      buf.set(first.subarray(this.head, this.head + part), n);
      this.head += part;
      n += part;
      this.advance(first, part);
    }
    if (n > 0) this.last = buf[n - 1];
    return n;
  }

  private firstRead(): void {
    const start = this.onFirstRead as () => void;
    this.onFirstRead = null;
    start();
  }

  private advance(first: Uint8Array, n: number): void {
    this.queued -= n;
    this.consumed += n;
    if (this.head >= first.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** Opened for reading only: DOS refuses writes before they get here. */
  write(): number {
    return 0;
  }

  /** What is known of the size: the bytes read and those waiting (the whole size at the end). */
  size(): number {
    return this.consumed + this.queued;
  }

  close(): void {}
}
