// VDDSimulateInterrupt(ms, line, count): a VDD raises device interrupts the way its hardware
// would, through the 8259 PIC (src/hw/pic.ts), so the guest takes them when IF, the PIC's mask
// and its priorities allow, and ends each with its EOI. The PIC latches one request per line, so
// a count above one is queued here and the next request is raised as soon as the PIC has
// acknowledged the previous one (it then waits in the IRR until the EOI lets it in), as NTVDM's
// virtual ICA delivers a count. Lines 0-7 of the master (ICA.MASTER); an 8086 PC/XT has no
// slave PIC, so ICA.SLAVE has no lines.
import type { Cpu, InterruptController } from '../cpu/cpu';
import { Pic } from '../hw/pic';

/** VDDSimulateInterrupt's controller numbers. */
export const ICA = { MASTER: 0, SLAVE: 1 } as const;
const LINES = 8;

/** Sits between the CPU and the PIC to feed queued requests in as earlier ones are taken. */
class IrqInjector implements InterruptController {
  private readonly queued: number[] = new Array(LINES).fill(0);

  constructor(
    private readonly pic: Pic,
    cpu: Cpu,
  ) {
    cpu.pic = this;
  }

  acknowledge(): number {
    const vector = this.pic.acknowledge();
    this.feed();
    return vector;
  }

  request(line: number, count: number): void {
    this.queued[line] += count;
    this.feed();
  }

  /** Raises every line that has requests queued and none latched in the IRR. */
  private feed(): void {
    for (let line = 0; line < LINES; line++) {
      if (this.queued[line] > 0 && !(this.pic.irr & (1 << line))) {
        this.queued[line]--;
        this.pic.raise(line);
      }
    }
  }
}

export class InterruptSimulator {
  private injector: IrqInjector | null = null;

  constructor(private readonly cpu: Cpu) {}

  /** False when there is no such controller or line, or no PIC in the machine. */
  simulate(controller: number, line: number, count: number): boolean {
    if (controller !== ICA.MASTER || !Number.isInteger(line) || line < 0 || line >= LINES) return false;
    if (!Number.isInteger(count) || count < 0) return false;
    if (!this.injector) {
      // Found lazily: the BIOS creates the PIC, possibly after the VDD bridge.
      const pic = this.cpu.pic;
      if (!(pic instanceof Pic)) return false;
      this.injector = new IrqInjector(pic, this.cpu);
    }
    if (count > 0) this.injector.request(line, count);
    return true;
  }
}
