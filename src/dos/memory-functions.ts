// INT 21h memory functions over the MCB arena, as MS-DOS 5 answers them: 48h allocate (BX = the
// largest free block on error 8), 49h free, 4Ah resize (the block is given to the caller, and
// grows as far as it can when it cannot grow enough), 58h allocation strategy and UMB link.
import { DOS_ERROR } from './errors';
import { MemoryArena } from './arena';
import type { Kernel } from './kernel';

/** 48h: allocate BX paragraphs for the current process; AX = segment. */
export function int21_48(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const seg = dos.memory.allocate(cpu.bx, dos.currentPsp);
  if (seg < 0) {
    if (-seg === DOS_ERROR.INSUFFICIENT_MEMORY) cpu.bx = dos.memory.lastMaxAvailable;
    return dos.fail(-seg);
  }
  cpu.ax = seg;
  dos.ok();
}

/** 49h: free the block at ES. */
export function int21_49(dos: Kernel): void {
  const r = dos.memory.free(dos.machine.cpu.es);
  if (r < 0) return dos.fail(-r);
  dos.ok();
}

/** 4Ah: resize the block at ES to BX paragraphs (BX = the most it can have on error 8). */
export function int21_4A(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const r = dos.memory.resize(cpu.es, cpu.bx, dos.currentPsp);
  if (r < 0) {
    if (-r === DOS_ERROR.INSUFFICIENT_MEMORY) cpu.bx = dos.memory.lastMaxAvailable;
    return dos.fail(-r);
  }
  dos.ok();
}

/** UMB link state (5802h/5803h): vdm86 has no upper memory, so the link is always off. */
const UMB_LINKED = 1;

/** 58h: 00h get strategy (AX), 01h set strategy (BX), 02h get UMB link (AL), 03h set UMB link (BX). */
export function int21_58(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  switch (cpu.al) {
    case 0x00:
      cpu.ax = dos.memory.strategy;
      return dos.ok();
    case 0x01:
      if (!MemoryArena.validStrategy(cpu.bx)) return dos.fail(DOS_ERROR.INVALID_FUNCTION);
      dos.memory.strategy = cpu.bx;
      return dos.ok();
    case 0x02:
      cpu.al = 0;
      return dos.ok();
    case 0x03:
      // Unlinking is always fine; there are no UMBs to link in.
      if (cpu.bx === UMB_LINKED) return dos.fail(DOS_ERROR.INVALID_FUNCTION);
      return dos.ok();
    default:
      return dos.fail(DOS_ERROR.INVALID_FUNCTION);
  }
}
