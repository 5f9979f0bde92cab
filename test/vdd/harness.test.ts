// runVddTest (a VDD against a small guest program, no CLI run) and the guest-memory helpers a
// plugin would otherwise rewrite: ASCIIZ strings, far pointers, a result or a negative DOS error
// handed back in AX and CF. The guest is roms/vdd/vddclient.com, the client `vdm86 vdd init`
// writes (its DLL name field reads TEMPLATE).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  errorToAX,
  farToLinear,
  mkFarPointer,
  readFarPointer,
  readString,
  runVddTest,
  VddUsageError,
  writeFarPointer,
  writeString,
  type VddModule,
} from '../../src/index';
import { ROOT } from '../helpers/guest';

const CLIENT = join(ROOT, 'roms/vdd/vddclient.com');

function template(dispatch: VddModule['routines'][string]): { module: VddModule; seen: Record<string, unknown> } {
  const seen: Record<string, unknown> = {};
  const module: VddModule = {
    name: 'TEMPLATE',
    routines: {
      // The init routine sees RegisterModule's registers: DS:SI -> the DLL name, ES:DI -> its own.
      VddInit: (v) => {
        seen.dll = readString(v, v.getDS(), v.getSI());
        seen.init = readString(v, v.getES(), v.getDI());
      },
      VddDispatch: dispatch,
    },
  };
  return { module, seen };
}

describe('runVddTest', () => {
  it('runs a guest against a VDD module and hands back output, exit code and services', async () => {
    const { module, seen } = template((v) => errorToAX(v, v.getBX() + v.getCX()));
    const r = await runVddTest({ vdds: [module], program: CLIENT });
    expect(r).toMatchObject({ reason: 'exit', exitCode: 0, output: 'TEMPLATE answered AX=0005\r\n' });
    expect(seen).toEqual({ dll: 'TEMPLATE', init: 'VddInit' });
    expect(r.services.TEMPLATE.name).toBe('TEMPLATE');
  });

  it('errorToAX turns a negative result into CF=1 and the DOS error', async () => {
    const { module } = template((v) => errorToAX(v, -1));
    const r = await runVddTest({ vdds: [module], program: CLIENT });
    expect(r).toMatchObject({ reason: 'exit', exitCode: 1, output: 'the VDD refused function 1\r\n' });
  });

  it('takes a program as bytes, and reports a VDD that throws', async () => {
    const { module } = template(() => {
      throw new Error('not today');
    });
    const bytes = new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(CLIENT)));
    const r = await runVddTest({ vdds: [module], program: bytes });
    expect(r.reason).toBe('fault');
    expect(r.message).toMatch(/^VDD TEMPLATE: dispatch routine VddDispatch threw: not today/);
  });
});

describe('guest-memory helpers', () => {
  it('strings and far pointers round-trip through guest memory; mistakes are named', async () => {
    const checks: unknown[] = [];
    const { module } = template((v) => {
      const seg = v.getDS();
      writeString(v, seg, 0xf000, 'C:\\AUTOEXEC.BAT', 32);
      checks.push(readString(v, seg, 0xf000));
      writeFarPointer(v, seg, 0xf100, { seg: 0x1234, off: 0x5678 });
      checks.push(readFarPointer(v, seg, 0xf100), v.getVDMAddr(seg, 0xf100, 4).join(','));
      checks.push(farToLinear({ seg: 0xffff, off: 0x10 }), mkFarPointer(0xb800, 0x10).toString(16));
      for (const bad of [() => writeString(v, seg, 0xf000, 'too long', 8), () => readString(v, seg, 0xf000, 3), () => errorToAX(v, 0x10000)])
        try {
          bad();
        } catch (e) {
          checks.push(e instanceof VddUsageError ? e.message : e);
        }
      errorToAX(v, 5);
    });
    const r = await runVddTest({ vdds: [module], program: CLIENT });
    expect(r.exitCode).toBe(0);
    expect(checks).toEqual([
      'C:\\AUTOEXEC.BAT',
      { seg: 0x1234, off: 0x5678 },
      '120,86,52,18',
      0x100000,
      'b8000010',
      'writeString: 8 characters and a NUL do not fit 8 bytes',
      expect.stringMatching(/^readString: no NUL within 3 bytes at [0-9A-F]{4}:F000$/),
      'errorToAX(65536): a result is a word, or a negative DOS error',
    ]);
  });
});
