// I/O hooks from a guest's IN/OUT (roms/tests/vdd-ioport): byte handlers, word accesses split
// into byte ones when a VDD has no word handler, string transfers falling back to byte or word
// handlers, the last VDD to hook a port winning until it lets go.
import { afterAll, describe, expect, it } from 'vitest';
import { linear } from '../../src/cpu/guest-memory';
import { portStringIn, type VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

const hex = (n: number) => n.toString(16).toUpperCase();

function portVdds() {
  const log: string[] = [];
  let latchE0 = 0;
  const ports: VddModule = {
    name: 'PORTS',
    routines: {
      Dispatch: (v) => {
        const fn = v.getDL();
        // the service methods, and once the free function they wrap
        if (fn === 1) v.portStringOut(0x300, linear(v.getDS(), v.getSI()), v.getCX(), 1);
        else if (fn === 2) portStringIn(v.machine.io, v.mem, 0x300, linear(v.getDS(), v.getDI()), v.getCX(), 2);
        else if (fn === 3) v.portStringIn(0x310, linear(v.getDS(), v.getDI()), v.getCX(), 2);
      },
    },
    onAttach: (v) => {
      // byte handlers only
      const ok1 = v.installIOHook([{ first: 0x300, last: 0x301 }, { first: 0xe0, last: 0xe0 }], {
        inb: (p) => {
          log.push(`inb ${hex(p)}`);
          return p === 0xe0 ? latchE0 : (p & 0xff) + 0x40;
        },
        outb: (p, value) => {
          log.push(`outb ${hex(p)} ${hex(value)}`);
          if (p === 0xe0) latchE0 = value;
        },
      });
      // one set of hooks per VDD (NTVDM): a second install, even of other ports, is refused
      const again = v.installIOHook({ first: 0x320, last: 0x320 }, { inb: () => 0, outb: () => {} });
      log.push(`installed ${ok1}, second set ${again}`);
    },
  };
  const wide: VddModule = {
    name: 'WIDE',
    routines: {},
    onAttach: (v) => {
      // byte, word and string handlers
      const ok2 = v.installIOHook(
        { first: 0x310, last: 0x311 },
        {
          inb: (p) => {
            log.push(`inb ${hex(p)}`);
            return 0x5a;
          },
          outb: (p, value) => void log.push(`outb ${hex(p)} ${hex(value)}`),
          inw: (p) => {
            log.push(`inw ${hex(p)}`);
            return 0xbeef;
          },
          outw: (p, value) => void log.push(`outw ${hex(p)} ${hex(value)}`),
          insw: (p, buf, count) => {
            log.push(`insw ${hex(p)} ${count}`);
            for (let i = 0; i < count; i++) {
              buf[2 * i] = 0x34 + i;
              buf[2 * i + 1] = 0x12;
            }
          },
        },
      );
      log.push(`wide installed ${ok2}`);
    },
  };
  const ports2: VddModule = {
    name: 'PORTS2',
    routines: {
      Init: (v) => {
        v.installIOHook({ first: 0x301, last: 0x301 }, {
          inb: () => 0,
          outb: (p, value) => void log.push(`PORTS2 outb ${hex(p)} ${hex(value)}`),
        });
      },
      Dispatch: (v) => {
        if (v.getDL() === 9) v.deInstallIOHook({ first: 0x301, last: 0x301 });
      },
    },
  };
  return { log, ports, ports2, wide };
}

describe('VDD I/O hooks', () => {
  it('routes IN/OUT to byte handlers, emulating word and string accesses from them', async () => {
    const { log, ports, ports2, wide } = portVdds();
    const run = await runGuest({ program: 'roms/tests/vdd-ioport.com', vdds: [ports, wide, ports2] });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'in ax,300h = 4140',
      'in ax,310h = BEEF',
      'in al,310h = 5A',
      'in al,E0h = 66',
      'words from 300h = 41404140',
      'words from 310h = 12341235',
      'in al,3FFh = FF',
    ]);
    expect(log).toEqual([
      'installed true, second set false',
      'wide installed true',
      'outb 300 11',
      'outb 300 33', // OUT DX,AX with no word handler: low byte to the port...
      'outb 301 22', // ...high byte to port+1
      'inb 300',
      'inb 301',
      'outw 310 4455',
      'inw 310',
      'inb 310',
      'outb E0 66',
      'inb E0',
      'PORTS2 outb 301 77', // the last VDD to hook a port wins
      'outb 301 88', // and gives it back when it unhooks
      'outb 300 A1', // a string output without outsb: one outb per byte
      'outb 300 A2',
      'outb 300 A3',
      'inb 300', // a word string input without insw or inw: two inb per word
      'inb 301',
      'inb 300',
      'inb 301',
      'insw 310 2', // the VDD's own string handler when it has one
    ]);
  });

  it('refuses a hook without byte handlers or with a bad range', async () => {
    const results: boolean[] = [];
    const probe: VddModule = {
      name: 'PROBE',
      routines: {},
      onAttach: (v) => {
        results.push(v.installIOHook({ first: 0x300, last: 0x300 }, { inb: () => 0 } as never));
        results.push(v.installIOHook({ first: 0x400, last: 0x3ff }, { inb: () => 0, outb: () => {} }));
        results.push(v.installIOHook({ first: 0xffff, last: 0x10000 }, { inb: () => 0, outb: () => {} }));
      },
    };
    const { ports, ports2, wide } = portVdds();
    const run = await runGuest({ program: 'roms/tests/vdd-ioport.com', vdds: [probe, ports, wide, ports2] });
    expect(results).toEqual([false, false, false]);
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
  });
});
