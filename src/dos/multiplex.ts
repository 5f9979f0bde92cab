// INT 2Fh as the DOS 5 kernel answers it when nothing else is loaded: the DOS-internal install
// check (1200h), the HMA query (4A01h/4A02h: DOS is low, no HMA), the SFT lookups 1216h/1220h that
// programs use to reach a handle's SFT entry; every other request passes with registers untouched
// (an install check with AL=00h then reads "not installed").
import { FLAG } from '../cpu/cpu';
import { rd16, rd32 } from '../cpu/guest-memory';
import { setFrameFlag } from '../bios/iret-frame';
import { LOL, SFT, SFT_BLOCK, JFT_FREE } from './layout';
import { Jft } from './jft';
import { DOS_SEG, DOSMEM } from './sysvars';
import type { Kernel } from './kernel';

export function multiplex(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  switch (cpu.ax) {
    case 0x1200: // DOS internal services: installed
      cpu.al = 0xff;
      return;
    case 0x1216: {
      // ES:DI -> the SFT entry of system file number BX; CF=1 if there is none.
      const e = sftEntryAddress(dos.mem, cpu.bx);
      if (!e) return setLiveCarry(dos, true);
      cpu.es = e.seg;
      cpu.di = e.off;
      return setLiveCarry(dos, false);
    }
    case 0x1220: {
      // ES:DI -> the JFT byte of handle BX in the current PSP; CF=1 with AL=6 if out of range.
      const jft = new Jft(dos.mem, dos.currentPsp);
      if (cpu.bx >= jft.size) {
        cpu.al = 6;
        return setLiveCarry(dos, true);
      }
      const p = jft.pointer;
      cpu.es = p.seg;
      cpu.di = (p.off + cpu.bx) & 0xffff;
      return setLiveCarry(dos, false);
    }
    case 0x4a01: // free HMA space: DOS is not in the HMA
    case 0x4a02:
      cpu.bx = 0;
      cpu.es = 0xffff;
      cpu.di = 0xffff;
      return;
    default:
      return; // not ours: AL stays as the caller set it
  }
}

/** INT 2Fh returns with IRET from the ROM stub: CF goes into the FLAGS word the INT pushed. */
function setLiveCarry(dos: Kernel, on: boolean): void {
  const cpu = dos.machine.cpu;
  setFrameFlag(dos.mem, cpu.ss, cpu.sp, FLAG.CF, on);
}

/** The guest address of SFT entry `sfn`, walking the chain from LoL+04h as DOS does. */
export function sftEntryAddress(mem: Uint8Array, sfn: number): { seg: number; off: number } | null {
  let ptr = rd32(mem, DOS_SEG, DOSMEM.LOL + LOL.FIRST_SFT);
  let n = sfn;
  for (let guard = 0; guard < 64; guard++) {
    const off = ptr & 0xffff;
    const seg = ptr >>> 16;
    if (off === 0xffff) return null;
    const count = rd16(mem, seg, off + SFT_BLOCK.COUNT);
    if (n < count) return { seg, off: (off + SFT_BLOCK.ENTRIES + n * SFT.ENTRY_SIZE) & 0xffff };
    n -= count;
    ptr = rd32(mem, seg, off + SFT_BLOCK.NEXT);
  }
  return null;
}

/** The SFT entry behind handle `h` of `psp`, or null when the handle is free or out of range. */
export function handleSftEntry(mem: Uint8Array, psp: number, h: number): { seg: number; off: number } | null {
  const sfn = new Jft(mem, psp).get(h);
  if (sfn === JFT_FREE) return null;
  return sftEntryAddress(mem, sfn);
}
