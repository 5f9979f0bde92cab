// The four NTVDM DOS-handle calls (VDDAllocateDosHandle, VDDAssociateNtHandle,
// VDDRetrieveNtHandle, VDDReleaseDosHandle), done directly on the PSP, JFT and SFT in guest
// memory so that the guest, the DOS kernel and the VDD all see the same handle (docs/DESIGN.md).
import { ADDRESS_MASK, linear, rdLin16, wrLin16, rdLin32, wrLin32 } from '../cpu/guest-memory';
import { JFT_FREE, OPEN_MODE, SFT, SFT_INFO } from '../dos/layout';
import type { HostObject } from '../dos/host-handles';
import { Jft } from '../dos/jft';
import { allocateSftEntry, fillSftEntry, isSftEntry, sftSlot } from '../dos/sft';
import { currentPsp, isPsp } from './dos-tables';

/** DOS errors the handle calls answer with, negated (NTVDM's VDDAllocateDosHandle returns "a
 *  negative value; the absolute value of this number is the DOS error code"). */
export const HANDLE_ERROR = {
  TOO_MANY_OPEN_FILES: -4,
  /** pPDB does not point at a PSP. NTVDM does not check (it reads whatever is there); vdm86
   *  refuses in NTVDM's failure form with DOS's "invalid handle". */
  INVALID_HANDLE: -6,
} as const;

/** NTVDM's pPDB: the 16:16 real-mode pointer MK_FP(psp, 0) (segment in the high word). 0 stands
 *  for the current PSP. */
export function pdbPointer(psp: number): number {
  if (!Number.isInteger(psp) || psp < 0 || psp > 0xffff)
    throw new VddUsageError(`pdbPointer(${psp}): a PSP is a segment, 0 to FFFFh`);
  return (psp << 16) >>> 0;
}

export interface AllocatedHandle {
  /** The DOS handle (JFT index), or a negative DOS error: -4 no free JFT slot or SFT entry, -6 bad PSP. */
  handle: number;
  /** Linear address of the SFT entry (ppSFT), 0 on error. */
  sft: number;
  /** Linear address of the JFT (ppJFT), 0 on error. */
  jft: number;
}

export interface RetrievedHandle {
  /** The host handle id at SFT+1Dh (dos.hostHandles), or 0 for a bad, free or unused handle. */
  hostHandle: number;
  sft: number;
  jft: number;
}

/** A VDD's programming mistake (not the guest's): the bridge ends the run with its message. */
export class VddUsageError extends Error {}

/** The PSP segment pPDB points at, or 0 when it points at no PSP. pPDB is NTVDM's 16:16 pointer
 *  (0 = the current PSP, as NTVDM reads *pusCurrentPDB); any seg:off that lands on a paragraph
 *  holding a PSP names that PSP (NTVDM maps it with Sim32GetVDMPointer, so (PSP-1):0010 works
 *  too). A bare segment (0000:1234) is refused, never taken as a segment. */
export function pspOfPdb(mem: Uint8Array, pdb: number): number {
  if (!Number.isInteger(pdb) || pdb < 0 || pdb > 0xffffffff) return 0;
  if (pdb === 0) return currentPsp(mem);
  const at = linear(pdb >>> 16, pdb & 0xffff);
  if (at & 0xf) return 0;
  const psp = at >>> 4;
  return isPsp(mem, psp) ? psp : 0;
}

function resolvePsp(mem: Uint8Array, pdb: number): number {
  const psp = pspOfPdb(mem, pdb);
  return isPsp(mem, psp) ? psp : 0;
}

/** VDDAllocateDosHandle: the first free JFT slot of `pdb` and the first free SFT entry; the entry
 *  is zeroed and given a reference count of 1 (and the owner PSP, as DOS's own open does). */
export function allocateDosHandle(mem: Uint8Array, pdb: number): AllocatedHandle {
  const psp = resolvePsp(mem, pdb);
  if (!psp) return { handle: HANDLE_ERROR.INVALID_HANDLE, sft: 0, jft: 0 };
  const jft = new Jft(mem, psp);
  const handle = jft.firstFree();
  const slot = handle < 0 ? null : allocateSftEntry(mem);
  if (!slot) return { handle: HANDLE_ERROR.TOO_MANY_OPEN_FILES, sft: 0, jft: 0 };
  wrLin16(mem, slot.linear + SFT.REF_COUNT, 1);
  wrLin16(mem, slot.linear + SFT.OWNER_PSP, psp);
  jft.set(handle, slot.sfn);
  return { handle, sft: slot.linear, jft: jft.address };
}

/** VDDAssociateNtHandle: binds host handle `hostHandle` to the SFT entry at `sft` (from
 *  allocateDosHandle). Mode = access & 7Fh; access bit 7 sets the no-inherit bit of the
 *  device-information word, so EXEC leaves the handle out of a child's JFT. The entry describes
 *  a host file: device pointer FFFFFFFFh, "not written since opened", position 0, and the size
 *  and FCB-form name of the object when it has them. */
export function associateNtHandle(
  mem: Uint8Array,
  sft: number,
  hostHandle: number,
  access: number,
  obj?: HostObject,
): void {
  if (!isSftEntry(mem, sft)) throw new VddUsageError(`associateNtHandle: ${sft.toString(16)}h is not an SFT entry`);
  let info = SFT_INFO.NOT_WRITTEN;
  if (access & OPEN_MODE.NO_INHERIT) info |= SFT_INFO.NO_INHERIT;
  let size = 0;
  try {
    size = obj ? obj.size() : 0;
  } catch {
    /* an object that cannot tell its size starts at 0 */
  }
  // The fields allocateDosHandle set (references, owner) and those it zeroed stay as they are.
  fillSftEntry(mem, sft, {
    mode: access & ~OPEN_MODE.NO_INHERIT & 0xff,
    attribute: mem[(sft + SFT.ATTRIBUTE) & ADDRESS_MASK],
    info,
    when: { date: rdLin16(mem, sft + SFT.DATE), time: rdLin16(mem, sft + SFT.TIME) },
    size: size >>> 0,
    owner: rdLin16(mem, sft + SFT.OWNER_PSP),
    hostHandle: hostHandle >>> 0,
    fcbName: fcbName(obj?.hostPath ?? ''),
    references: rdLin16(mem, sft + SFT.REF_COUNT),
  });
}

/** VDDRetrieveNtHandle: the host handle behind DOS handle `handle` of `pdb` (whoever opened
 *  it), with the SFT and JFT addresses; hostHandle 0 when the handle is out of range, free, or
 *  its SFT entry is free. */
export function retrieveNtHandle(mem: Uint8Array, pdb: number, handle: number): RetrievedHandle {
  const none = { hostHandle: 0, sft: 0, jft: 0 };
  const psp = resolvePsp(mem, pdb);
  if (!psp) return none;
  const jft = new Jft(mem, psp);
  if (!Number.isInteger(handle) || handle < 0 || handle >= jft.size) return none;
  const sft = sftSlot(mem, jft.get(handle))?.linear ?? -1;
  if (sft < 0 || rdLin16(mem, sft + SFT.REF_COUNT) === 0) return none;
  return { hostHandle: rdLin32(mem, sft + SFT.HOST_HANDLE), sft, jft: jft.address };
}

/** VDDReleaseDosHandle: frees the JFT slot and drops the SFT reference count. The host object
 *  is not closed: it stays in the host handle table for the VDD to keep or close. As in NTVDM
 *  (which finds the entry through VDDRetrieveNtHandle and gives up on a 0 NT handle) a handle
 *  allocated but never associated is not released: false. */
export function releaseDosHandle(mem: Uint8Array, pdb: number, handle: number): boolean {
  const r = retrieveNtHandle(mem, pdb, handle);
  if (!r.hostHandle) return false;
  const psp = resolvePsp(mem, pdb);
  new Jft(mem, psp).set(handle, JFT_FREE);
  wrLin16(mem, r.sft + SFT.REF_COUNT, rdLin16(mem, r.sft + SFT.REF_COUNT) - 1);
  return true;
}

/** "C:\DIR\README.TXT" or "/x/readme.txt" -> "README  TXT" (8+3, blank padded), as DOS keeps
 *  names in the SFT. Non-8.3 names are cut to fit; the walk shows the full host path anyway. */
export function fcbName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).toUpperCase();
  const ext = (dot > 0 ? base.slice(dot + 1) : '').toUpperCase();
  const clean = (s: string, n: number) =>
    s
      .replace(/[^\x21-\x7e]/g, '_')
      .slice(0, n)
      .padEnd(n, ' ');
  return clean(stem, 8) + clean(ext, 3);
}
