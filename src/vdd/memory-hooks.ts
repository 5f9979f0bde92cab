// VDDInstallMemoryHook / VDDDeInstallMemoryHook with VDDAllocMem / VDDFreeMem over the CPU's
// 4 KiB page hooks. As in NTVDM a hooked range is reserved but not backed: it reads as open bus
// (FFh), and any access to a page of it calls the VDD's handler with the faulting address and
// the access kind; the handler typically commits the page with allocMem (which zero-fills it and
// stops the trapping) and fills it, and then the access is retried and sees that memory. freeMem
// decommits a page again (open bus, trapping). Pages are hooked in whole: one VDD per page.
import type { Cpu } from '../cpu/cpu';
import { ADDRESS_MASK, MEMORY_SIZE } from '../cpu/guest-memory';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
/** Pages in the 1 MiB (the length of the CPU's pageHooks). */
const PAGE_COUNT = MEMORY_SIZE >>> PAGE_SHIFT;
/** What an unbacked address reads on a PC bus. */
const OPEN_BUS = 0xff;
/** Read/write mode passed to the handler, as NTVDM's RWMode. */
export const MEMORY_ACCESS = { READ: 0, WRITE: 1 } as const;

/** VDD_MEMORY_HANDLER: called with the linear fault address and 0 (read) or 1 (write). */
export type VddMemoryHandler = (faultAddress: number, rwMode: number) => void;

interface PageHook {
  owner: object;
  handler: VddMemoryHandler;
  committed: boolean;
}

export interface MemoryHookLimits {
  /** Lowest linear address a hook may cover (the top of conventional memory). */
  low: number;
  /** One past the highest (the system ROM at F0000h stays out of reach). */
  high: number;
}

/** The page hooks of every VDD in one machine. */
export class MemoryHooks {
  private readonly pages: (PageHook | null)[] = new Array(PAGE_COUNT).fill(null);
  /** VDDExcludeMem: pages a VDD claimed for its adapter (others may not hook them). */
  private readonly excluded: (object | null)[] = new Array(PAGE_COUNT).fill(null);
  private readonly previous: ((linear: number, isWrite: boolean) => void) | null;

  constructor(
    private readonly cpu: Cpu,
    private readonly limits: MemoryHookLimits,
  ) {
    // Pages vdm86 does not own stay with whoever hooked them before (if anyone).
    this.previous = cpu.onPageHook;
    cpu.onPageHook = (linear, isWrite) => this.fault(linear, isWrite);
  }

  private fault(linear: number, isWrite: boolean): void {
    const page = this.pages[(linear & ADDRESS_MASK) >>> PAGE_SHIFT];
    if (page && !page.committed) page.handler(linear & ADDRESS_MASK, isWrite ? MEMORY_ACCESS.WRITE : MEMORY_ACCESS.READ);
    else if (!page && this.previous) this.previous(linear, isWrite);
  }

  private pageRange(start: number, count: number): [number, number] | string {
    if (!Number.isInteger(start) || !Number.isInteger(count) || count <= 0)
      return `the range ${start}, ${count} is not a linear address and a positive byte count`;
    const end = start + count;
    if (start < this.limits.low || end > this.limits.high)
      return `${hex(start)}-${hex(end - 1)} is outside the adapter area ${hex(this.limits.low)}-${hex(this.limits.high - 1)}`;
    return [start >>> PAGE_SHIFT, (end - 1) >>> PAGE_SHIFT];
  }

  private setTrap(page: number, on: boolean): void {
    this.cpu.pageHooks[page] = on ? 1 : 0;
  }

  private fillPage(page: number, value: number): void {
    this.cpu.mem.fill(value, page << PAGE_SHIFT, (page + 1) << PAGE_SHIFT);
  }

  /** Each of these answers '' when done, or why not (the service's getLastErrorMessage). */
  install(owner: object, start: number, count: number, handler: VddMemoryHandler): string {
    const r = this.pageRange(start, count);
    if (typeof r === 'string') return r;
    if (typeof handler !== 'function') return 'the handler is not a function';
    for (let p = r[0]; p <= r[1]; p++) {
      if (this.pages[p] || this.cpu.pageHooks[p]) return `page ${hex(p << PAGE_SHIFT)} is hooked already`;
      if (this.excluded[p] && this.excluded[p] !== owner) return `page ${hex(p << PAGE_SHIFT)} is excluded by another VDD`;
    }
    for (let p = r[0]; p <= r[1]; p++) {
      this.pages[p] = { owner, handler, committed: false };
      this.fillPage(p, OPEN_BUS);
      this.setTrap(p, true);
    }
    this.cpu.pageHooksChanged();
    return '';
  }

  /** Removes `owner`'s hooks from the range; the pages become plain memory again, keeping
   *  whatever they hold. */
  deinstall(owner: object, start: number, count: number): string {
    const r = this.pageRange(start, count);
    if (typeof r === 'string') return r;
    if (!this.ownsAll(owner, r)) return NOT_OWNED;
    for (let p = r[0]; p <= r[1]; p++) this.release(p);
    this.cpu.pageHooksChanged();
    return '';
  }

  deinstallAll(owner: object): void {
    for (let p = 0; p < this.pages.length; p++) {
      if (this.pages[p]?.owner === owner) this.release(p);
      if (this.excluded[p] === owner) this.excluded[p] = null;
    }
    this.cpu.pageHooksChanged();
  }

  /** Page `p` is nobody's: plain memory again, with what it holds. */
  private release(p: number): void {
    this.pages[p] = null;
    this.setTrap(p, false);
  }

  /** VDDAllocMem: commits the pages of a range `owner` hooked (zero-filled, as committed memory
   *  starts); accesses to them no longer trap. */
  alloc(owner: object, address: number, size: number): string {
    const r = this.pageRange(address, size);
    if (typeof r === 'string') return r;
    if (!this.ownsAll(owner, r)) return NOT_OWNED;
    for (let p = r[0]; p <= r[1]; p++) {
      const page = this.pages[p]!;
      if (page.committed) continue;
      page.committed = true;
      this.fillPage(p, 0);
      this.setTrap(p, false);
    }
    this.cpu.pageHooksChanged();
    return '';
  }

  /** VDDFreeMem: decommits the pages; they read as open bus and trap again. */
  free(owner: object, address: number, size: number): string {
    const r = this.pageRange(address, size);
    if (typeof r === 'string') return r;
    if (!this.ownsAll(owner, r)) return NOT_OWNED;
    for (let p = r[0]; p <= r[1]; p++) {
      const page = this.pages[p]!;
      if (!page.committed) continue;
      page.committed = false;
      this.fillPage(p, OPEN_BUS);
      this.setTrap(p, true);
    }
    this.cpu.pageHooksChanged();
    return '';
  }

  /** VDDExcludeMem: `owner` claims the pages for its adapter. */
  exclude(owner: object, address: number, size: number): string {
    const r = this.pageRange(address, size);
    if (typeof r === 'string') return r;
    for (let p = r[0]; p <= r[1]; p++) {
      if (this.excluded[p] && this.excluded[p] !== owner) return `page ${hex(p << PAGE_SHIFT)} is excluded by another VDD`;
      if (this.pages[p] && this.pages[p]!.owner !== owner) return `page ${hex(p << PAGE_SHIFT)} is hooked by another VDD`;
    }
    for (let p = r[0]; p <= r[1]; p++) this.excluded[p] = owner;
    return '';
  }

  /** VDDIncludeMem: gives excluded pages back. */
  include(owner: object, address: number, size: number): string {
    const r = this.pageRange(address, size);
    if (typeof r === 'string') return r;
    for (let p = r[0]; p <= r[1]; p++) if (this.excluded[p] !== owner) return 'the range has pages this VDD did not exclude';
    for (let p = r[0]; p <= r[1]; p++) this.excluded[p] = null;
    return '';
  }

  private ownsAll(owner: object, r: [number, number]): boolean {
    for (let p = r[0]; p <= r[1]; p++) if (this.pages[p]?.owner !== owner) return false;
    return true;
  }

  dispose(): void {
    for (let p = 0; p < this.pages.length; p++) if (this.pages[p]) this.release(p);
    this.cpu.pageHooksChanged();
    this.cpu.onPageHook = this.previous;
  }
}

const NOT_OWNED = 'the range has pages this VDD did not hook';

function hex(a: number): string {
  return `${a.toString(16).toUpperCase()}h`;
}

/** The adapter area between the top of conventional memory and the system ROM: where NTVDM lets
 *  VDDs hook memory (it is not RAM the DOS arena hands out). */
export function adapterArea(memoryKB: number): MemoryHookLimits {
  return { low: memoryKB * 1024, high: 0xf0000 };
}
