// The per-run disk quota (RunOptions.diskQuota, --disk-quota): how many bytes a run may add to
// the host's disk. Every byte a write adds to a file's size counts (overwriting does not), and
// each new file or folder counts 32 bytes, the size of its DOS directory entry; deleting gives
// nothing back (the quota bounds what one run can make the host store, however it juggles files).
// Over the quota the guest sees what a full disk shows it in DOS: a write writes what fits and
// returns the shorter count with no error (INT 21h/40h, AX < CX), and a new directory entry is
// refused with error 5, as DOS refuses one when the disk has no cluster to grow a directory.

/** What a new file or folder costs: one 32-byte directory entry. */
export const DIRECTORY_ENTRY_BYTES = 32;

export class DiskQuota {
  private used = 0;

  /** `limit` bytes; Infinity for no quota. */
  constructor(readonly limit: number) {}

  get limited(): boolean {
    return this.limit !== Infinity;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** A new directory entry: true (and counted) when it fits. */
  takeEntry(): boolean {
    if (this.remaining < DIRECTORY_ENTRY_BYTES) return false;
    this.used += DIRECTORY_ENTRY_BYTES;
    return true;
  }

  /** A file of `size` bytes set to `length` (a zero-length write): true (and counted) when the
   *  growth fits. */
  grantResize(length: number, size: number): boolean {
    const growth = Math.max(0, length - size);
    if (growth > this.remaining) return false;
    this.used += growth;
    return true;
  }

  /** How many of `count` bytes may be written at `position` in a file of `size` bytes: all of
   *  them, or as many as keep the file's growth within the quota (counted). */
  grantWrite(position: number, count: number, size: number): number {
    const end = size + this.remaining;
    const n = Math.max(0, Math.min(count, end - position));
    this.used += Math.max(0, position + n - size);
    return n;
  }
}
