// A TSR that an application calls through a software interrupt: installed by one EXEC (31h keeps
// its resident part, 4Dh reports termination type 3), it opens a file on behalf of a later
// application by switching to that application's PSP (51h, 50h) — the handle lands in the
// application's own JFT, and the application reads the file through it.
import { afterAll, describe, expect, it } from 'vitest';
import { rd16 } from '../../src/cpu/guest-memory';
import { MCB, PSP } from '../../src/dos/layout';
import { cleanupTemps, hex4, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

describe('a TSR opening a file for the application that calls it', async () => {
  const run = await runGuest({
    programs: { 'MAIN.COM': 'roms/tests/dos-core-tsrmain.com', 'TSR.COM': 'roms/tests/dos-core-tsr.com', 'APP.COM': 'roms/tests/dos-core-app.com' },
    files: { 'DATA.TXT': 'resident data\r\n' },
  });
  const v = values(run.output);
  const tsr = parseInt(v.get('TSRPSP'), 16);
  const app = parseInt(v.get('APPPSP'), 16);
  const mem = run.machine.mem;

  it('runs to the end', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('EXECTSR')).toBe('ok');
    expect(v.get('EXECAPP')).toBe('ok');
  });

  it('keeps the TSR resident: type 3 in 4Dh, its vector and its shrunk block stay', () => {
    expect(v.get('CODETSR')).toBe('0300');
    expect(v.get('INT60SEG')).toBe(hex4(tsr));
    expect(rd16(mem, 0, 0x60 * 4 + 2)).toBe(tsr);
    // Still owned by the TSR after everyone else ended, and exactly as large as it asked.
    expect(rd16(mem, tsr - 1, MCB.OWNER)).toBe(tsr);
    const size = rd16(mem, tsr - 1, MCB.SIZE);
    expect(size).toBeGreaterThanOrEqual(0x10);
    expect(size).toBeLessThan(0x20);
    expect(rd16(mem, tsr, PSP.MEMORY_TOP)).toBe(tsr + size);
    // The application, a later child of MAIN, is gone.
    expect(rd16(mem, app - 1, MCB.OWNER)).toBe(0);
  });

  it('sees the application as the current PSP (51h) and opens into the application JFT', () => {
    expect(v.get('SEENPSP')).toBe(hex4(app));
    expect(v.get('TSROPEN')).toBe('ok');
    expect(v.get('HANDLE')).toBe('0005');
    expect(v.get('JFTENTRY')).not.toBe('FF');
    // Back in the application, its own PSP is current again.
    expect(v.get('CURRENT')).toBe(hex4(app));
  });

  it('lets the application read the file through that handle', () => {
    expect(v.get('READ')).toBe('ok');
    expect(v.get('DATA')).toBe(Buffer.from('resident data\r\n').toString('hex').toUpperCase());
    expect(v.get('CLOSE')).toBe('ok');
    expect(v.get('CODEAPP')).toBe('0005');
  });
});
