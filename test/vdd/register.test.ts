// RegisterModule / UnRegisterModule / DispatchCall from a guest program (roms/tests/vdd-register,
// vdd-badcall): every error code, routines picked by name, two VDDs at once, invalid handles.
import { afterAll, describe, expect, it } from 'vitest';
import { readAsciiz } from '../../src/cpu/guest-memory';
import type { VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

function modules() {
  const initSaw: string[] = [];
  const alpha: VddModule = {
    name: 'ALPHA',
    routines: {
      // The init routine runs with the caller's registers: DS:SI is still the DLL name.
      Init: (v) => void initSaw.push(readAsciiz(v.mem, v.getDS(), v.getSI())),
      InitRefuse: (v) => {
        v.setAX(0x0bad);
        v.setCF(1);
      },
      Dispatch: (v) => {
        v.setAX(v.getBX() + 1);
        v.setCF(0);
      },
    },
  };
  const beta: VddModule = {
    name: 'beta.dll',
    routines: {
      Dispatch: (v) => {
        v.setAX(v.getBX() ^ 0xffff);
        v.setCF(1);
      },
    },
  };
  return { alpha, beta, initSaw };
}

describe('RegisterModule, DispatchCall, UnRegisterModule', () => {
  it('answers every error code and dispatches to two VDDs by name', async () => {
    const { alpha, beta, initSaw } = modules();
    const run = await runGuest({ program: 'roms/tests/vdd-register.com', vdds: [alpha, beta], bridge: { maxRegistrations: 8 } });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'no such DLL: CF=1 AX=0001',
      'no dispatch: CF=1 AX=0002',
      'no init: CF=1 AX=0003',
      // NTVDM looks the init routine up before the dispatch routine
      'no init, no dispatch: CF=1 AX=0003',
      'alpha: CF=0 AX=0001',
      'beta: CF=0 AX=0002',
      'dispatch alpha: CF=0 AX=1235',
      'dispatch beta: CF=1 AX=EDCB',
      // NTVDM calls the init routine and ignores what it leaves in CF: the registration stands
      'init sets CF: CF=0 AX=0003',
      // handles 4-8 are left of the 8: five more registrations, then error 4
      'full after 0005 more: CF=1 AX=0004',
      // a full table answers 4 before the DLL is even looked up
      'full, no such DLL: CF=1 AX=0004',
      'unregister alpha, register again: CF=0 AX=0001',
    ]);
    // Init ran for the two ALPHA registrations naming it
    expect(initSaw).toEqual(['alpha', 'ALPHA.DLL']);
    expect(run.bridge.registry.liveHandles).toBe(8);
  });

  it('ends the run with a clear error on a DispatchCall with an invalid handle', async () => {
    const { alpha } = modules();
    const run = await runGuest({ program: 'roms/tests/vdd-badcall.com', vdds: [alpha] });
    expect(run.end.reason).toBe('fault');
    expect(run.end.message).toMatch(/DispatchCall: invalid handle 0007h/);
    expect(lines(run.output)).toEqual(['before']);
  });

  it('ends the run with a clear error on an UnRegisterModule with an invalid handle', async () => {
    const { alpha } = modules();
    const run = await runGuest({ program: 'roms/tests/vdd-badcall.com', args: ['U'], vdds: [alpha] });
    expect(run.end.reason).toBe('fault');
    expect(run.end.message).toMatch(/UnRegisterModule: invalid handle 0007h/);
    expect(lines(run.output)).toEqual(['before']);
  });

  it('ends the run naming the VDD when a routine throws', async () => {
    const { beta } = modules();
    const broken: VddModule = {
      name: 'ALPHA',
      routines: {
        Init: () => {
          throw new Error('init exploded');
        },
        Dispatch: () => {},
        InitRefuse: () => {},
      },
    };
    const run = await runGuest({ program: 'roms/tests/vdd-register.com', vdds: [broken, beta] });
    expect(run.end.reason).toBe('fault');
    expect(run.end.message).toMatch(/VDD ALPHA: init routine Init threw: init exploded/);
  });

  it('terminateVDM ends the run', async () => {
    const { beta } = modules();
    const quitter: VddModule = { name: 'ALPHA', routines: { Init: (v) => v.terminateVDM(), Dispatch: () => {}, InitRefuse: () => {} } };
    const run = await runGuest({ program: 'roms/tests/vdd-register.com', vdds: [quitter, beta] });
    expect(run.end).toMatchObject({ reason: 'stopped', message: 'VDD ALPHA terminated the VDM' });
    expect(run.output.endsWith('alpha: ')).toBe(true);
  });
});
