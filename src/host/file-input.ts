// A standard input that is a file or /dev/null (`vdm86 PROG < data.txt`, the empty stdin of CI
// jobs and scripts), read with readSync in chunks. Node would make process.stdin an
// fs.ReadStream for it, whose modules (file streams, fs/promises, readline) cost ~5 ms to load
// and compile in a run that reads its stdin once (LINK reads it in every CL 5.10 run). A file
// never blocks a read, so reading it in place gives what the stream would; the events still
// come later, from the event loop, as a stream's do.
import { readSync } from 'node:fs';
import type { ByteStream } from './input';

/** Bytes read at a time (what fs.ReadStream reads). */
const CHUNK = 64 * 1024;

type Listener = (arg?: unknown) => void;

export class FileInput implements ByteStream {
  private readonly listeners: Record<'data' | 'end' | 'error', Listener[]> = { data: [], end: [], error: [] };
  private flowing = false;
  private scheduled = false;
  private over = false;

  constructor(private readonly fd: number) {}

  on(event: 'data' | 'end' | 'error', fn: (arg: never) => void): this {
    this.listeners[event]?.push(fn as Listener);
    return this;
  }

  off(event: string, fn: (...args: never[]) => void): this {
    const list = this.listeners[event as 'data' | 'end' | 'error'];
    const i = list ? list.indexOf(fn as Listener) : -1;
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  pause(): this {
    this.flowing = false;
    return this;
  }

  resume(): this {
    this.flowing = true;
    this.schedule();
    return this;
  }

  private schedule(): void {
    if (this.scheduled || this.over) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** One chunk, then the next from the event loop while flowing; the end at end of file. */
  private pump(): void {
    if (!this.flowing || this.over) return;
    const buf = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = readSync(this.fd, buf, 0, CHUNK, null);
    } catch (err) {
      this.over = true;
      this.emit('error', err);
      return;
    }
    if (n === 0) {
      this.over = true;
      this.emit('end');
      return;
    }
    this.emit('data', buf.subarray(0, n));
    this.schedule();
  }

  private emit(event: 'data' | 'end' | 'error', arg?: unknown): void {
    for (const fn of [...this.listeners[event]]) fn(arg);
  }
}
