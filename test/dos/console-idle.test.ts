// INT 28h, the DOS idle interrupt: while a console function waits for a key, DOS lets a TSR that
// hooked INT 28h run (InDOS is 1 then, and DOS calls above 0Ch are allowed), and the read goes on
// when the key comes. vdm86 issues it once per wake-up and sleeps in between.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, prepare, values } from '../helpers/guest';

afterAll(cleanupTemps);

describe('a key typed while DOS waits', () => {
  it('runs the INT 28h handler with InDOS set, then returns the key', async () => {
    const { machine, dos, console } = prepare({ programs: { 'IDLE.COM': 'roms/tests/dos-core-idle.com' }, inputOpen: true });
    dos.start('C:\\IDLE.COM', []);
    setTimeout(() => {
      console.type('k');
      console.ended = true;
      machine.notify();
    }, 50);
    const end = await machine.run({ maxInstructions: 1_000_000, timeoutMs: 10_000 });
    const v = values(console.text());
    expect(end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('GOT')).toBe('016B');
    expect(console.text()).toContain('k\r\nGOT=');
    const calls = parseInt(v.get('IDLECALLS'), 16);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThan(10);
    expect(v.get('INDOSSEEN')).toBe('0001');
    expect(parseInt(v.get('YEARSEEN'), 16)).toBe(new Date().getFullYear());
    expect(v.get('INDOSNOW')).toBe('0000');
  });
});
