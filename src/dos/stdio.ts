// The standard handles as the character functions (INT 21h/01h-0Ch) use them: DOS reads stdin
// (handle 0) and writes stdout (handle 1), AUX (3) and PRN (4) of the current process, so a
// redirected handle sends 02h/09h output to a file. When the handle is the console device the
// console layer is used directly; otherwise the kernel calls its own INT 21h/3Fh or 40h on the
// handle, with a scratch buffer and frame in the SDA (DOS does the same through its own buffers).
import { FLAG } from '../cpu/cpu';
import { rd16, wr16, copyFromSegment, copyToSegment } from '../cpu/guest-memory';
import { IRET_FLAGS } from '../bios/iret-frame';
import { SFT, SFT_INFO } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import { SDA_INTERNAL } from './sysdata';
import { handleSftEntry } from './sft';
import type { CallState } from './kernel';
import { CALL_OUTCOME, callOutcome } from './call-frame';
import type { Kernel } from './kernel';

export const STD = { IN: 0, OUT: 1, ERR: 2, AUX: 3, PRN: 4 } as const;

export type StdTarget = 'console' | 'handle' | 'closed';

/** The device-information word of handle `h` of the current process, or -1 when it is not open. */
function openHandleInfo(dos: Kernel, h: number): number {
  const e = handleSftEntry(dos.mem, dos.currentPsp, h);
  if (!e || rd16(dos.mem, e.seg, e.off + SFT.REF_COUNT) === 0) return -1;
  return rd16(dos.mem, e.seg, e.off + SFT.DEVICE_INFO);
}

/** Whether handle `h` of the current process is the console (a character device flagged as
 *  standard input or output), another open file or device, or not open. */
export function stdTarget(dos: Kernel, h: number, forInput: boolean): StdTarget {
  const info = openHandleInfo(dos, h);
  if (info < 0) return 'closed';
  const flag = forInput ? SFT_INFO.IS_STDIN : SFT_INFO.IS_STDOUT;
  return info & SFT_INFO.IS_DEVICE && info & flag ? 'console' : 'handle';
}

/** True when handle `h` of the current process is the console in cooked mode: DOS checks for
 *  Ctrl-C before writing to it (raw mode turns the check off). */
export function isCookedConsole(dos: Kernel, h: number): boolean {
  const info = openHandleInfo(dos, h);
  return info >= 0 && (info & SFT_INFO.IS_DEVICE) !== 0 && (info & SFT_INFO.IS_STDOUT) !== 0 && (info & SFT_INFO.BINARY) === 0;
}

/** Runs INT 21h function `ah` of the kernel's own table on a handle, as if a program had called
 *  it with DS:DX at the SDA scratch buffer. The caller's registers and call state are kept.
 *  Returns AX and CF, and `wait` when the handle had nothing yet (a redirected standard input
 *  still arriving): the caller's handler then answers AGAIN, and its call runs again. */
function selfCall(dos: Kernel, ah: number, handle: number, count: number): { ax: number; carry: boolean; wait: boolean } {
  const cpu = dos.machine.cpu;
  const saved = { ax: cpu.ax, bx: cpu.bx, cx: cpu.cx, dx: cpu.dx, ds: cpu.ds, call: dos.call };
  const frame = DOSMEM.SDA + SDA_INTERNAL.SCRATCH_FRAME;
  wr16(dos.mem, DOS_SEG, frame + IRET_FLAGS, 0);
  const state: CallState = { frameSs: DOS_SEG, frameSp: frame, ah, cpm: false, transferred: false };
  dos.call = state;
  try {
    cpu.ah = ah;
    cpu.al = 0;
    cpu.bx = handle;
    cpu.cx = count;
    cpu.ds = DOS_SEG;
    cpu.dx = DOSMEM.SDA + SDA_INTERNAL.SCRATCH_BUFFER;
    const handler = dos.int21.get(ah);
    if (!handler) return { ax: 1, carry: true, wait: false };
    const result = handler(dos);
    return { ax: cpu.ax, carry: (rd16(dos.mem, DOS_SEG, frame + IRET_FLAGS) & FLAG.CF) !== 0, wait: callOutcome(state, result) === CALL_OUTCOME.AGAIN };
  } finally {
    cpu.ax = saved.ax;
    cpu.bx = saved.bx;
    cpu.cx = saved.cx;
    cpu.dx = saved.dx;
    cpu.ds = saved.ds;
    dos.call = saved.call;
  }
}

/** Writes bytes to a non-console handle through INT 21h/40h. */
export function handleWrite(dos: Kernel, h: number, data: Uint8Array): void {
  const max = SDA_INTERNAL.SCRATCH_BUFFER_SIZE;
  for (let i = 0; i < data.length; i += max) {
    const part = data.subarray(i, i + max);
    copyToSegment(dos.mem, DOS_SEG, DOSMEM.SDA + SDA_INTERNAL.SCRATCH_BUFFER, part);
    const r = selfCall(dos, 0x40, h, part.length);
    if (r.carry) return; // DOS drops character output it cannot deliver
  }
}

/** handleReadByte's answers besides a byte. */
export const READ_END = -1;
export const READ_WAITING = -2;

/** Reads one byte from a non-console handle through INT 21h/3Fh: the byte, READ_END at end of
 *  file or on an error, or READ_WAITING when nothing has arrived yet (the call runs again). */
export function handleReadByte(dos: Kernel, h: number): number {
  const r = selfCall(dos, 0x3f, h, 1);
  if (r.wait) return READ_WAITING;
  if (r.carry || r.ax === 0) return READ_END;
  return copyFromSegment(dos.mem, DOS_SEG, DOSMEM.SDA + SDA_INTERNAL.SCRATCH_BUFFER, 1)[0];
}
