// The timer path end to end: IRQ0 from the PIT at 18.2 Hz, INT 08h counting 40:6Ch and chaining
// to a program's INT 1Ch hook; plus the PIT/port/BIOS services probed by bios-ports.com.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, runBios, values } from './helpers';

afterAll(cleanupTemps);

describe('timer ticks (bios-ticks.com)', () => {
  it('delivers INT 1Ch at about 18.2 Hz, one per BIOS tick', async () => {
    const r = await runBios('bios-ticks.com');
    expect(r.reason).toBe('exit');
    expect(r.output).toContain('hooked=36 bda=36');
    expect(r.exitCode).toBe(0); // the hook count equals the tick count's advance
    // 36 ticks at 18.2065 Hz take 1.98 s; allow a wide band for a loaded machine.
    const rate = 36 / (r.durationMs / 1000);
    expect(rate).toBeGreaterThan(14);
    expect(rate).toBeLessThan(20);
  });
});

describe('midnight (bios-midnight.com)', () => {
  it('wraps the tick count at 1800B0h and reports the rollover once through INT 1Ah/00h', async () => {
    const r = await runBios('bios-midnight.com');
    expect(r.reason).toBe('exit');
    expect(r.output).toBe('rollover=01 ticks=00000001 again=00\r\n');
  });
});

describe('chips and small services (bios-ports.com)', () => {
  it('answers the probes programs make', async () => {
    const r = await runBios('bios-ports.com');
    expect(r.reason).toBe('exit');
    const v = values(r.output);
    expect(v.pic_imr).toBe('00B8'); // mask 00h at start, B8h read back
    expect(v.pic_isr).toBe('0000');
    expect(v.pit2_down).toBe('0001'); // counter 2 counted down between two latched reads
    expect(v.refresh).toBe('0001'); // port 61h bit 4 toggled
    expect(v.kbc_status).toBe('0014'); // system flag, not inhibited, output buffer empty
    expect(v.crtc_cursor).toBe('0057');
    expect(v.vsync).toBe('0001');
    expect(v.rtc_year).toBe(String(new Date().getFullYear()));
    expect(v.rtc_time_cf).toBe('0000');
    expect(v.model).toBe('00FE');
    expect(v.ext_mem).toBe('0000');
    expect(v.int15_42).toBe('8601'); // AH=86h, CF=1
    // 200 ms is 3.6 ticks: the wait returned after 3 or 4 (it sleeps, it does not spin).
    expect(['0003', '0004']).toContain(v.wait_ticks);
    expect(v.pushed_key).toBe('1234');
    expect(v.shift).toBe('0000');
  });
});
