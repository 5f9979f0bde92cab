// The handle walk a kernel debugger does (shared/seeds, "PSP -> JFT -> SFT"), as a library call
// usable at any moment: PSP -> JFT size (PSP+32h) and far pointer (PSP+34h) -> each open handle's
// SFN -> that SFT entry's fields -> the host handle and the host path or object behind it.
// Read from guest memory only, so it shows what the guest itself would find.
import { rd16, rdLin16, rdLin32, copyFromSegment } from '../cpu/guest-memory';
import type { HostHandleTable } from '../dos/host-handles';
import { hex4 as h4 } from '../hw/board';
import { DEVHDR, JFT_FREE, PSP, SFT, SFT_INFO } from '../dos/layout';
import { Jft } from '../dos/jft';
import { sftSlots, type SftSlot } from '../dos/sft';
import { currentPsp, isPsp } from './dos-tables';

export interface FarPointer {
  seg: number;
  off: number;
}

export interface SftRecord {
  sfn: number;
  /** Where the entry lives. */
  address: FarPointer;
  linear: number;
  refCount: number;
  openMode: number;
  attribute: number;
  deviceInfo: number;
  isDevice: boolean;
  noInherit: boolean;
  devicePointer: FarPointer;
  /** The device header's name for a character device ("CON"), else null. */
  deviceName: string | null;
  time: number;
  date: number;
  size: number;
  position: number;
  ownerPsp: number;
  hostHandle: number;
  /** SFT+21h as "NAME.EXT" (from the FCB-form 8+3). */
  name: string;
}

export interface HostRecord {
  id: number;
  /** False when the id is not (or no longer) in the host handle table. */
  open: boolean;
  path?: string;
  description?: string;
}

export interface HandleRecord {
  handle: number;
  sfn: number;
  /** Null when the SFN points past the SFT chain (a corrupted JFT). */
  sft: SftRecord | null;
  /** The host object behind a non-device entry with a host handle, when a table was given. */
  host: HostRecord | null;
}

export interface HandleWalk {
  psp: number;
  /** False when `psp` does not start with INT 20h: then nothing else was read. */
  valid: boolean;
  parentPsp: number;
  jftSize: number;
  jftPointer: FarPointer;
  /** The slots in use (SFN != FFh), in handle order. */
  handles: HandleRecord[];
}

function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function sftRecord(mem: Uint8Array, slot: SftSlot): SftRecord {
  const a = slot.linear;
  const info = rdLin16(mem, a + SFT.DEVICE_INFO);
  const devOff = rdLin16(mem, a + SFT.DEVICE_POINTER);
  const devSeg = rdLin16(mem, a + SFT.DEVICE_POINTER + 2);
  const isDevice = (info & SFT_INFO.IS_DEVICE) !== 0;
  const raw = text(mem.subarray(a + SFT.NAME, a + SFT.NAME + 11));
  const stem = raw.slice(0, 8).trimEnd();
  const ext = raw.slice(8).trimEnd();
  return {
    sfn: slot.sfn,
    address: { seg: slot.seg, off: slot.off },
    linear: a,
    refCount: rdLin16(mem, a + SFT.REF_COUNT),
    openMode: rdLin16(mem, a + SFT.OPEN_MODE),
    attribute: mem[a + SFT.ATTRIBUTE],
    deviceInfo: info,
    isDevice,
    noInherit: (info & SFT_INFO.NO_INHERIT) !== 0,
    devicePointer: { seg: devSeg, off: devOff },
    deviceName:
      isDevice && !(devSeg === 0xffff && devOff === 0xffff)
        ? text(copyFromSegment(mem, devSeg, devOff + DEVHDR.NAME, 8)).trimEnd()
        : null,
    time: rdLin16(mem, a + SFT.TIME),
    date: rdLin16(mem, a + SFT.DATE),
    size: rdLin32(mem, a + SFT.SIZE),
    position: rdLin32(mem, a + SFT.POSITION),
    ownerPsp: rdLin16(mem, a + SFT.OWNER_PSP),
    hostHandle: rdLin32(mem, a + SFT.HOST_HANDLE),
    name: ext ? `${stem}.${ext}` : stem,
  };
}

/** Walks the handles of `psp` (default: the current PSP). With `hostHandles` (dos.hostHandles)
 *  each host handle is resolved to its path or description. */
export function walkHandles(machine: { mem: Uint8Array }, psp?: number, hostHandles?: HostHandleTable): HandleWalk {
  const mem = machine.mem;
  const seg = psp ?? currentPsp(mem);
  const walk: HandleWalk = { psp: seg, valid: false, parentPsp: 0, jftSize: 0, jftPointer: { seg: 0, off: 0 }, handles: [] };
  if (!isPsp(mem, seg)) return walk;
  const jft = new Jft(mem, seg);
  walk.valid = true;
  walk.parentPsp = rd16(mem, seg, PSP.PARENT);
  walk.jftSize = jft.size;
  walk.jftPointer = jft.pointer;
  const slots = sftSlots(mem);
  for (let h = 0; h < jft.size; h++) {
    const sfn = jft.get(h);
    if (sfn === JFT_FREE) continue;
    const slot = slots[sfn];
    const sft = slot ? sftRecord(mem, slot) : null;
    let host: HostRecord | null = null;
    if (sft && !sft.isDevice && sft.hostHandle !== 0) {
      const obj = hostHandles?.get(sft.hostHandle);
      host = hostHandles
        ? { id: sft.hostHandle, open: !!obj, path: obj?.hostPath, description: obj?.description }
        : { id: sft.hostHandle, open: true };
    }
    walk.handles.push({ handle: h, sfn, sft, host });
  }
  return walk;
}

const h2 = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');
const h8 = (v: number) => v.toString(16).toUpperCase().padStart(8, '0');
const ptr = (p: FarPointer) => `${h4(p.seg)}:${h4(p.off)}`;

/** The walk as a debugger would print it, one line per open handle. */
export function formatHandleWalk(walk: HandleWalk): string {
  if (!walk.valid) return `PSP ${h4(walk.psp)}: not a PSP (no INT 20h at offset 0)\n`;
  const lines = [
    `PSP ${h4(walk.psp)} (parent ${h4(walk.parentPsp)}): JFT of ${walk.jftSize} handles at ${ptr(walk.jftPointer)}` +
      (walk.jftPointer.seg === walk.psp && walk.jftPointer.off === PSP.JFT ? ' (in the PSP)' : ''),
  ];
  if (walk.handles.length === 0) lines.push('  no open handles');
  for (const r of walk.handles) {
    const head = `  ${String(r.handle).padStart(3)}  SFN ${h2(r.sfn)}`;
    const s = r.sft;
    if (!s) {
      lines.push(`${head}  (no such SFT entry)`);
      continue;
    }
    const common = `  SFT ${ptr(s.address)} refs ${s.refCount} mode ${h4(s.openMode)} info ${h4(s.deviceInfo)}`;
    if (s.isDevice) {
      lines.push(`${head}${common}  device ${s.deviceName ?? '?'}${s.noInherit ? ' no-inherit' : ''}`);
      continue;
    }
    let hostText = '';
    if (r.host) {
      const what = r.host.path ?? r.host.description ?? '';
      hostText = `  host #${r.host.id}${r.host.open ? '' : ' (closed)'}${what ? ' ' + what : ''}`;
    }
    lines.push(
      `${head}${common}  ${s.name || '(no name)'} pos ${h8(s.position)} size ${h8(s.size)} owner ${h4(s.ownerPsp)}` +
        `${s.noInherit ? ' no-inherit' : ''}${hostText}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** `vdm86 --handles`: prints the walk of each process as it terminates, before its handles
 *  close. Returns the function that stops it. */
export function traceHandlesOnTerminate(
  machine: { mem: Uint8Array },
  dos: {
    readonly hostHandles: HostHandleTable;
    addProcessListener(l: { onTerminate?(psp: number): void }): () => void;
  },
  write: (text: string) => void,
): () => void {
  return dos.addProcessListener({
    onTerminate: (psp) => write(formatHandleWalk(walkHandles(machine, psp, dos.hostHandles))),
  });
}
