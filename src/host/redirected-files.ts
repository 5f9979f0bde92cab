// Host data standing in for a program's redirected standard input and output (SORT <IN >OUT):
// host objects behind SFT entries, so the program sees files, not the console. Input is bytes
// given up front, read at the entry's position (a program may seek in it, as in a redirected
// file); output goes to a sink as written, in order (a stream: positions are not kept). Both
// have the DOS layer's HostObject shape (positioned read/write, size, close).

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
