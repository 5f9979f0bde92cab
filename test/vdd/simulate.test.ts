// simulate16 (roms/tests/vdd-simulate): a VDD runs guest routines from inside its dispatch
// routine, nested two deep, and each returns to the VDD at VDDUnSimulate16 (BOP FEh).
import { afterAll, describe, expect, it } from 'vitest';
import type { VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

function simVdd() {
  const depths: number[] = [];
  const module: VddModule = {
    name: 'SIM',
    routines: {
      Dispatch: (v) => {
        const fn = v.getDL();
        const cs = v.getCS();
        const ip = v.getIP();
        v.setCS(v.getES());
        v.setIP(v.getDI());
        const finished = v.simulate16();
        depths.push(fn);
        v.setCS(cs);
        v.setIP(ip);
        if (finished && fn === 1) v.setCX(v.getAX() + 1);
        v.setCF(0);
      },
    },
  };
  return { module, depths };
}

describe('simulate16', () => {
  it('calls into guest code and returns at VDDUnSimulate16, nested', async () => {
    const { module, depths } = simVdd();
    const run = await runGuest({ program: 'roms/tests/vdd-simulate.com', vdds: [module] });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'calling the VDD',
      'in routine1',
      'in routine2',
      'routine1 again',
      'back: CF=0 AX=1333',
      'CX=1334',
    ]);
    // the inner simulation (fn 2) finished before the outer one (fn 1)
    expect(depths).toEqual([2, 1]);
  });

  it('ends the run when BOP FEh runs with no simulate16 in progress', async () => {
    const stray: VddModule = {
      name: 'SIM',
      routines: {
        // Jump to the routine instead of simulating it: its VDDUnSimulate16 has nobody to return to.
        Dispatch: (v) => {
          v.setCS(v.getES());
          v.setIP(v.getDI());
        },
      },
    };
    const run = await runGuest({ program: 'roms/tests/vdd-simulate.com', vdds: [stray] });
    expect(run.end.reason).toBe('fault');
    expect(run.end.message).toMatch(/no simulate16 in progress/);
  });

  it('ends the run when a simulated routine never reaches VDDUnSimulate16', async () => {
    const looping: VddModule = {
      name: 'SIM',
      routines: {
        Dispatch: (v) => {
          // JMP $ in the PSP's unused FCB area, run as a routine: it never returns
          const psp = v.getCurrentPsp();
          v.getVDMAddr(psp, 0x5c, 2).set([0xeb, 0xfe]);
          v.setCS(psp);
          v.setIP(0x5c);
          v.simulate16();
        },
      },
    };
    const run = await runGuest({ program: 'roms/tests/vdd-simulate.com', vdds: [looping], bridge: { simulateLimit: 10_000 } });
    expect(run.end.reason).toBe('fault');
    expect(run.end.message).toMatch(/simulate16: the guest ran 10000 instructions without reaching VDDUnSimulate16/);
  });
});
