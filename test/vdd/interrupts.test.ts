// simulateInterrupt (roms/tests/vdd-irq): a VDD's interrupt requests go through the 8259 PIC, so
// the guest takes them only with IF=1 and the line unmasked, one per EOI, and a count is
// delivered in full.
import { afterAll, describe, expect, it } from 'vitest';
import type { VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

describe('simulateInterrupt', () => {
  it('raises IRQ lines through the PIC, honouring IF, the mask and EOI', async () => {
    const irq: VddModule = {
      name: 'IRQ',
      routines: {
        Dispatch: (v) => {
          if (v.getDL() === 1) v.simulateInterrupt(0, 3, v.getCX());
          else v.setAX(v.simulateInterrupt(1, 2, 1) ? 1 : 0);
          v.setCF(0);
        },
      },
    };
    const run = await runGuest({ program: 'roms/tests/vdd-irq.com', vdds: [irq], bios: true });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'with IF=0: 0000',
      'after STI: 0003',
      'masked: 0003',
      'unmasked: 0004',
      'slave PIC: CF=0 AX=0000',
    ]);
  });
});
