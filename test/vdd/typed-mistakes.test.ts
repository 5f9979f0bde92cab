// A VDD's mistakes are named, not absorbed: register setters refuse values that do not fit,
// getVDMPointer refuses a view past FFFFFh instead of wrapping into the vector table, openHostFile
// refuses a folder at open, and every service call that answers false says why through
// getLastError (NTVDM's Win32 code) and getLastErrorMessage.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ICA, VDD_ERROR, VddUsageError, type VddModule, type VddService } from '../../src/vdd';
import { cleanupTemps, runGuest, tempDir } from '../helpers/guest';

afterAll(cleanupTemps);

/** Runs `probe` at attach time on a machine with DOS (and the BIOS's PIC). */
async function atAttach(probe: (v: VddService) => void): Promise<void> {
  const m: VddModule = { name: 'PROBE', routines: {}, onAttach: probe };
  const run = await runGuest({ program: 'roms/examples/ioport.com', vdds: [m], bios: true });
  expect(run.end.reason).toBe('exit');
}

describe('typed mistakes', () => {
  it('register setters refuse out-of-range values, naming the call', async () => {
    const errors: string[] = [];
    await atAttach((v) => {
      for (const f of [() => v.setBX(0x12345), () => v.setAL(0x100), () => v.setAX(-2), () => v.setCX(1.5), () => v.setFlags(0x10000)]) {
        try {
          f();
        } catch (e) {
          expect(e).toBeInstanceOf(VddUsageError);
          errors.push((e as Error).message);
        }
      }
      v.setBX(0xffff);
      v.setAL(0xff);
      expect(v.getBX()).toBe(0xffff);
    });
    expect(errors).toEqual([
      'setBX(0x12345): BX is 16 bits, 0 to 0xFFFF',
      'setAL(0x100): AL is 8 bits, 0 to 0xFF',
      'setAX(-2): AX is 16 bits, 0 to 0xFFFF (a negative DOS error goes to AX as its absolute value: errorToAX)',
      'setCX(1.5): CX is 16 bits, 0 to 0xFFFF',
      'setFlags(0x10000): Flags is 16 bits, 0 to 0xFFFF',
    ]);
  });

  it('getVDMPointer past FFFFFh is an error, not a wrap into the vector table', async () => {
    await atAttach((v) => {
      expect(v.getVDMPointer(0xffff0000, 16).length).toBe(16); // FFFF0h-FFFFFh: the last 16 bytes
      expect(() => v.getVDMPointer(0xffff0000, 17)).toThrow('getVDMPointer(FFFF:0000, 17): 17 bytes at FFFF0h run past FFFFFh, the end of the 1 MiB of guest memory');
      expect(() => v.getVDMPointer(0xffff0010, 1)).toThrow(/100000h run past FFFFFh/);
      expect(() => v.getVDMAddr(0xffff, 0x20, 1)).toThrow(VddUsageError);
      expect(() => v.getVDMPointer(0x00400000, 1, true)).toThrow(/real mode only/);
    });
  });

  it('openHostFile refuses a folder at open (-5) and says why', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    let id = 0;
    let why = '';
    await atAttach((v) => {
      id = v.openHostFile(join(dir, 'sub'));
      why = v.getLastErrorMessage();
    });
    expect(id).toBe(-5);
    expect(why).toBe(`openHostFile: ${join(dir, 'sub')} is a folder, not a file`);
  });

  it('install calls that answer false give a reason through getLastError / getLastErrorMessage', async () => {
    const got: [boolean, number, string][] = [];
    const note = (v: VddService, ok: boolean) => got.push([ok, v.getLastError(), v.getLastErrorMessage()]);
    await atAttach((v) => {
      const h = { inb: () => 0, outb: () => {} };
      note(v, v.installIOHook({ first: 0x300, last: 0x2ff }, h));
      note(v, v.installIOHook({ first: 0x300, last: 0x301 }, h));
      note(v, v.installIOHook({ first: 0x310, last: 0x310 }, h));
      note(v, v.installMemoryHook(0x1000, 0x1000, () => {}));
      note(v, v.installMemoryHook(0xd0000, 0x1000, () => {}));
      note(v, v.installMemoryHook(0xd0000, 0x1000, () => {}));
      note(v, v.allocMem(0xe0000, 0x1000));
      note(v, v.simulateInterrupt(ICA.SLAVE, 1, 1));
      note(v, v.deInstallUserHook());
    });
    expect(got).toEqual([
      [false, VDD_ERROR.INVALID_PARAMETER, 'installIOHook: {"first":768,"last":767} is not a port range { first, last } within 0-FFFFh with first <= last'],
      [true, 0, ''],
      [false, VDD_ERROR.ALREADY_EXISTS, 'installIOHook: this VDD has a set of I/O hooks installed already (one set per VDD: pass every range in one call, or deInstallIOHook first)'],
      [false, VDD_ERROR.INVALID_PARAMETER, 'installMemoryHook: 1000h-1FFFh is outside the adapter area A0000h-EFFFFh'],
      [true, 0, ''],
      [false, VDD_ERROR.ACCESS_DENIED, 'installMemoryHook: page D0000h is hooked already'],
      [false, VDD_ERROR.NOT_OWNER, 'allocMem: the range has pages this VDD did not hook'],
      [false, VDD_ERROR.INVALID_PARAMETER, 'simulateInterrupt: an 8086 PC/XT has no slave PIC (ICA.SLAVE)'],
      [false, VDD_ERROR.INVALID_PARAMETER, 'deInstallUserHook: this VDD has no user hooks installed'],
    ]);
  });
});
