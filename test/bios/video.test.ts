// INT 10h and video memory through the whole machine: teletype text reaches the console stream,
// direct B800h writes and INT 10h/09h reach only the screen, and the size queries answer 80x25.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, runBios } from './helpers';

afterAll(cleanupTemps);

describe('video BIOS (bios-video.com)', () => {
  it('streams teletype output and shows direct writes on the final screen', async () => {
    const r = await runBios('bios-video.com');
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);

    // The stream holds exactly what went through the teletype, in order.
    expect(r.output).toContain('mode=03 cols=80 page=00\r\n');
    expect(r.output).toContain('equip=0020 mem=640\r\n');
    expect(r.output).toContain('dcc=08 rows=25\r\n');
    expect(r.output).toContain('TELETYPE LINE\r\n');
    expect(r.output).toContain('STRING13');
    expect(r.output).toContain('read=1E44 cur=0A14\r\n'); // 'D' in attribute 1Eh; cursor at 10,20
    expect(r.output).toContain('DONE\r\n');
    // Direct video memory writes and INT 10h/09h never enter the stream.
    expect(r.output).not.toContain('DIRECT');
    expect(r.output).not.toContain('XXX');

    // The screen has all of it where the program put it.
    expect(r.screen).toHaveLength(25);
    expect(r.screen[0]).toBe('mode=03 cols=80 page=00');
    expect(r.screen[3]).toBe('TELETYPE LINE');
    expect(r.screen[4]).toBe('read=1E44 cur=0A14');
    expect(r.screen[10]).toBe(' '.repeat(20) + 'DIRECT');
    expect(r.screen[12]).toBe('     XXX');
    expect(r.screen[14]).toBe('STRING13');
    expect(r.screen[16]).toBe('DONE');
    // Scrolled down by one inside rows 20-22; rows 23-24 cleared by a zero-line scroll.
    expect(r.screen[20]).toBe('');
    expect(r.screen[21]).toBe('SCROLLME');
    expect(r.screen[23]).toBe('');
  });

  it('reports the conventional memory size it was given', async () => {
    const r = await runBios('bios-video.com', { memoryKB: 512 });
    expect(r.output).toContain('mem=512');
  });
});

describe('video modes (bios-mode.com)', () => {
  const cases: [string, number, string, number][] = [
    ['1', 1, 'mode=01 cols=40 rows=25 height=16', 40],
    ['3', 3, 'mode=03 cols=80 rows=25 height=16', 80],
    ['7', 7, 'mode=07 cols=80 rows=25 height=16', 80],
    ['50', 3, 'mode=03 cols=80 rows=50 height=8', 80],
    ['13', 3, 'mode=03 cols=80 rows=25 height=16', 80], // graphics: refused, text mode 3 stays
  ];
  for (const [arg, code, report, cols] of cases) {
    it(`mode ${arg}: reports its size and shows the right text segment`, async () => {
      const r = await runBios('bios-mode.com', { args: [arg] });
      expect(r.reason).toBe('exit');
      expect(r.exitCode).toBe(code);
      expect(r.output).toBe(report + '\r\n');
      expect(r.screen[0]).toBe(report.slice(0, cols));
      expect(r.screen[1]).toBe('DIRECT'); // written to B000h in mode 7, B800h otherwise
      expect(r.screen).toHaveLength(arg === '50' ? 50 : 25);
    });
  }
});
