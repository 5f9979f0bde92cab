// The host handle table (docs/DESIGN.md "Host files and drives"): a 32-bit id, stored at SFT+1Dh,
// names an open host object — a host file, or any object a VDD supplies. The DOS kernel closes
// the object when the last SFT reference to it goes; VDDReleaseDosHandle drops the DOS side only.

/** An open host object. Reads and writes are positioned (pread/pwrite): the position lives in
 *  the SFT entry, so duplicated handles share it exactly as DOS does. */
export interface HostObject {
  /** Reads up to buf.length bytes at `position`; returns the count (0 at end of file), or -1
   *  (READ_WAIT, a host stream with nothing yet): the DOS read waits for input and runs again. */
  read(position: number, buf: Uint8Array): number;
  /** Writes `data` at `position`; returns the count written. */
  write(position: number, data: Uint8Array): number;
  /** Current size in bytes. */
  size(): number;
  /** Sets the size (a zero-length write at `length` truncates there). Optional. */
  truncate?(length: number): void;
  /** Flushes to the host (INT 21h/68h, 6Ah). Optional. */
  commit?(): void;
  close(): void;
  /** The host path behind it, when there is one (shown by the handle walk). */
  readonly hostPath?: string;
  /** A short description for objects without a path (shown by the handle walk). */
  readonly description?: string;
}

export class HostHandleTable {
  private readonly objects = new Map<number, HostObject>();
  private nextId = 1;

  /** Registers an object and returns its id (never 0: 0 means "none" at SFT+1Dh). */
  add(obj: HostObject): number {
    while (this.objects.has(this.nextId) || this.nextId === 0) this.nextId = (this.nextId + 1) >>> 0;
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0;
    this.objects.set(id, obj);
    return id;
  }

  get(id: number): HostObject | undefined {
    return this.objects.get(id >>> 0);
  }

  /** Closes the object and forgets the id. Errors from close() are swallowed: the guest's close
   *  has already succeeded from DOS's point of view. */
  close(id: number): void {
    const obj = this.objects.get(id >>> 0);
    if (!obj) return;
    this.objects.delete(id >>> 0);
    try {
      obj.close();
    } catch {
      /* the host object is gone either way */
    }
  }

  /** Forgets the id without closing the object (the caller keeps it). */
  detach(id: number): HostObject | undefined {
    const obj = this.objects.get(id >>> 0);
    this.objects.delete(id >>> 0);
    return obj;
  }

  get size(): number {
    return this.objects.size;
  }

  entries(): IterableIterator<[number, HostObject]> {
    return this.objects.entries();
  }

  /** Closes everything (the machine is going away). */
  closeAll(): void {
    for (const id of [...this.objects.keys()]) this.close(id);
  }
}
