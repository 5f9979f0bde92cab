// INT 2Fh as the DOS 5 kernel answers it when nothing else is loaded: the DOS-internal install
// check (1200h), the HMA query (4A01h/4A02h: DOS is low, no HMA), the SFT lookups 1216h/1220h that
// programs use to reach a handle's SFT entry; every other request passes with registers untouched
// (an install check with AL=00h then reads "not installed"). INT 2Fh returns with IRET from its
// ROM stub, so CF goes into the FLAGS word the INT pushed (bios/iret-frame.ts).
import { setReturnCarry } from '../bios/iret-frame';
import { sftSlot } from './sft';
import { Jft } from './jft';
import type { Kernel } from './kernel';

export function multiplex(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  switch (cpu.ax) {
    case 0x1200: // DOS internal services: installed
      cpu.al = 0xff;
      return;
    case 0x1216: {
      // ES:DI -> the SFT entry of system file number BX; CF=1 if there is none.
      const e = sftSlot(dos.mem, cpu.bx);
      if (!e) return setReturnCarry(cpu, true);
      cpu.es = e.seg;
      cpu.di = e.off;
      return setReturnCarry(cpu, false);
    }
    case 0x1220: {
      // ES:DI -> the JFT byte of handle BX in the current PSP; CF=1 with AL=6 if out of range.
      const jft = new Jft(dos.mem, dos.currentPsp);
      if (cpu.bx >= jft.size) {
        cpu.al = 6;
        return setReturnCarry(cpu, true);
      }
      const p = jft.pointer;
      cpu.es = p.seg;
      cpu.di = (p.off + cpu.bx) & 0xffff;
      return setReturnCarry(cpu, false);
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
