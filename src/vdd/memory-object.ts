// A host object held in host memory: a VDD hands it to the guest as a DOS handle and the guest
// reads, writes, seeks and closes it with INT 21h like a file. It grows on writes past the end
// (the gap reads as zeros, as a DOS file's does) and reports its close through `onClose`.
import type { HostObject } from '../dos/host-handles';

export class MemoryHostObject implements HostObject {
  private data: Uint8Array;
  private length: number;
  closed = false;

  constructor(
    initial: Uint8Array | string = new Uint8Array(0),
    readonly description = 'memory buffer',
    private readonly onClose?: (contents: Uint8Array) => void,
  ) {
    const bytes = typeof initial === 'string' ? Uint8Array.from(initial, (c) => c.charCodeAt(0) & 0xff) : initial;
    this.data = new Uint8Array(Math.max(16, bytes.length));
    this.data.set(bytes);
    this.length = bytes.length;
  }

  /** What the buffer holds now. */
  contents(): Uint8Array {
    return this.data.slice(0, this.length);
  }

  read(position: number, buf: Uint8Array): number {
    if (position >= this.length) return 0;
    const n = Math.min(buf.length, this.length - position);
    buf.set(this.data.subarray(position, position + n));
    return n;
  }

  write(position: number, bytes: Uint8Array): number {
    const end = position + bytes.length;
    if (end > this.data.length) {
      const grown = new Uint8Array(Math.max(end, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    if (position > this.length) this.data.fill(0, this.length, position);
    this.data.set(bytes, position);
    this.length = Math.max(this.length, end);
    return bytes.length;
  }

  size(): number {
    return this.length;
  }

  truncate(length: number): void {
    if (length < this.length) this.length = length;
    else if (length > this.length) this.write(length, new Uint8Array(0));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.(this.contents());
  }
}
