// Memory hooks from a guest's loads and stores (roms/tests/vdd-memhook): an access to a hooked,
// uncommitted page calls the VDD's handler, which commits it with allocMem and fills it; the
// access is then retried and sees that memory. freeMem makes the page trap (and read FFh) again.
import { afterAll, describe, expect, it } from 'vitest';
import type { VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

const hex = (n: number) => n.toString(16).toUpperCase();

function memhookVdd() {
  const calls: string[] = [];
  const checks: Record<string, boolean> = {};
  let commit = true;
  const module: VddModule = {
    name: 'MEMHOOK',
    routines: {
      Init: (v) => {
        checks.conventional = v.installMemoryHook(0x90000, 0x1000, () => {});
        checks.rom = v.installMemoryHook(0xf0000, 0x1000, () => {});
        const ok = v.installMemoryHook(0xd0000, 0x2000, (address, mode) => {
          calls.push(`${hex(address)} ${mode}`);
          if (!commit) return;
          const page = address & ~0xfff;
          v.allocMem(page, 0x1000);
          if (page === 0xd0000) v.mem[0xd0010] = 0x5a;
        });
        checks.overlap = v.installMemoryHook(0xd1000, 0x10, () => {});
        checks.allocOutside = v.allocMem(0xd2000, 0x1000);
        v.setCF(ok ? 0 : 1);
      },
      Dispatch: (v) => {
        if (v.getDL() === 1) {
          checks.free = v.freeMem(0xd0000, 0x1000);
          commit = false;
        } else if (v.getDL() === 2) v.setAX(calls.length);
      },
    },
  };
  return { module, calls, checks };
}

describe('VDD memory hooks', () => {
  it('calls the handler on an access to a hooked page, then retries the access', async () => {
    const { module, calls, checks } = memhookVdd();
    const run = await runGuest({ program: 'roms/tests/vdd-memhook.com', vdds: [module] });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'register: CF=0 AX=0001',
      'read D000:0010 = 5A', // the value the handler stored after committing the page
      'write D000:1008, read back = 77, next byte = 00', // committed pages start zeroed
      'read D000:0011 = 00', // committed: no second call
      'after freeMem, read D000:0010 = FF', // decommitted, and the handler left it so: open bus
      'handler calls: 0003',
    ]);
    expect(calls).toEqual(['D0010 0', 'D1008 1', 'D0010 0']);
    expect(checks).toEqual({ conventional: false, rom: false, overlap: false, allocOutside: false, free: true });
  });
});
