// User hooks (roms/tests/vdd-userhook, vdd-usera, vdd-userb): create and terminate callbacks in
// the right order across a nested EXEC and a TSR exit, each with the right PSP; block and resume
// when the host suspends and continues the VDM.
import { afterAll, describe, expect, it } from 'vitest';
import type { VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

function lifeVdds() {
  const events: string[] = [];
  const hooks = (tag: string) =>
    [
      (psp: number) => void events.push(`${tag} create ${hex4(psp)}`),
      (psp: number) => void events.push(`${tag} terminate ${hex4(psp)}`),
      (psp: number) => void events.push(`${tag} block ${hex4(psp)}`),
      (psp: number) => void events.push(`${tag} resume ${hex4(psp)}`),
    ] as const;
  const results: boolean[] = [];
  // LIFE installs its hooks when the guest registers it; EARLY at attach time, before any program.
  const life: VddModule = {
    name: 'LIFE',
    routines: {
      Init: (v) => {
        results.push(v.installUserHook(...hooks('LIFE')));
        results.push(v.installUserHook(...hooks('LIFE'))); // one set per VDD
      },
      Dispatch: () => {},
    },
  };
  const early: VddModule = {
    name: 'EARLY',
    routines: {},
    onAttach: (v) => void results.push(v.installUserHook(...hooks('EARLY'))),
  };
  return { events, results, life, early };
}

describe('VDD user hooks', () => {
  it('fire create and terminate in order across EXEC and a TSR exit', async () => {
    const { events, results, life, early } = lifeVdds();
    const run = await runGuest({
      program: 'roms/tests/vdd-userhook.com',
      programs: { 'CHILDA.COM': 'roms/tests/vdd-usera.com', 'CHILDB.COM': 'roms/tests/vdd-userb.com' },
      vdds: [early, life],
    });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    const out = lines(run.output);
    const psp = (prefix: string) => out.find((l) => l.startsWith(prefix))!.slice(prefix.length);
    const [P, A, B] = [psp('parent psp='), psp('A psp='), psp('B psp=')];
    expect(out).toEqual([
      'register: CF=0 AX=0001',
      `parent psp=${P}`,
      `A psp=${A}`,
      `B psp=${B}`,
      'B ended: CF=0 AX=0002',
      'A stays resident',
      'exec A: CF=0',
      'A ended: CF=0 AX=0305', // AH=3: terminate and stay resident, AL=5
    ]);
    expect(results).toEqual([true, true, false]);
    // EARLY was installed first, so it hears each event first; only it saw the parent start.
    expect(events).toEqual([
      `EARLY create ${P}`,
      `EARLY create ${A}`,
      `LIFE create ${A}`,
      `EARLY create ${B}`,
      `LIFE create ${B}`,
      `EARLY terminate ${B}`,
      `LIFE terminate ${B}`,
      `EARLY terminate ${A}`, // the TSR exit is a termination too
      `LIFE terminate ${A}`,
      `EARLY terminate ${P}`,
      `LIFE terminate ${P}`,
    ]);
  });

  it('fire block and resume when the host suspends and continues the VDM', async () => {
    const { events, life, early } = lifeVdds();
    const run = await runGuest({
      program: 'roms/tests/vdd-userhook.com',
      programs: { 'CHILDA.COM': 'roms/tests/vdd-usera.com', 'CHILDB.COM': 'roms/tests/vdd-userb.com' },
      vdds: [early, life],
      before: ({ bridge }) => {
        bridge.block();
        bridge.block(); // already blocked: not news
        bridge.resume();
      },
    });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(events.slice(0, 2)).toEqual(['EARLY block 0000', 'EARLY resume 0000']);
  });
});
