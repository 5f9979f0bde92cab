// INT 10h and video memory through the whole machine: teletype and INT 29h text reach the console
// stream, direct B800h writes and INT 10h/09h/0Ah reach only the screen, the size queries answer
// 80x25, the cursor shape reaches the CRTC, and the screen shown is the active display page.
import { afterAll, describe, expect, it } from 'vitest';
import type { Bios } from '../../src/bios/bios';
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
    expect(r.output).toContain('INT29 LINE\r\n');
    expect(r.output).toContain('DONE\r\n');
    // Direct video memory writes and INT 10h/09h/0Ah never enter the stream.
    expect(r.output).not.toContain('DIRECT');
    expect(r.output).not.toMatch(/XX|-X/);

    // The screen has all of it where the program put it.
    expect(r.screen).toHaveLength(25);
    expect(r.screen[0]).toBe('mode=03 cols=80 page=00');
    expect(r.screen[3]).toBe('TELETYPE LINE');
    expect(r.screen[4]).toBe('read=1E44 cur=0A14');
    expect(r.screen[6]).toBe('INT29 LINE');
    expect(r.screen[10]).toBe(' '.repeat(20) + 'DIRECT');
    expect(r.screen[12]).toBe('     X-X'); // 0Ah replaced the middle character only
    expect(r.screen[14]).toBe('STRING13');
    expect(r.screen[16]).toBe('DONE');
    // Scrolled down by one inside rows 20-22; rows 23-24 cleared by a zero-line scroll.
    expect(r.screen[20]).toBe('');
    expect(r.screen[21]).toBe('SCROLLME');
    expect(r.screen[23]).toBe('');
  });

  it('writes a character without its attribute (0Ah), shapes the cursor (01h), answers 12h BL=10h', async () => {
    let bios: Bios | undefined;
    const r = await runBios('bios-video.com', { onMachine: (ctx) => void (bios = ctx.bios) });
    // '-' in the attribute the X had (4Fh, not the 70h in BL); the cursor still at 12,6.
    expect(r.output).toContain('wc=4F2D cur=0C06\r\n');
    // Scan lines 0-15: INT 10h/03h's CX and CRTC registers 0Ah/0Bh.
    expect(r.output).toContain('shape=000F crtc=000F\r\n');
    // VGA, colour: BH=00h, BL=03h (256 KiB), CX = feature bits 0, switches 9.
    expect(r.output).toContain('ega=0003 sw=0009\r\n');
    expect(r.screen[7]).toBe('wc=4F2D cur=0C06');
    // The program ended with CX=2000h: the cursor is hidden on the final screen.
    expect(bios?.frame().cursorVisible).toBe(false);
    expect(bios?.crtc.regs[0x0a]).toBe(0x20);
  });

  it('streams INT 29h output to stdout, in order with the teletype text', async () => {
    const chunks: string[] = [];
    const r = await runBios('bios-video.com', { screen: 'stream', stdout: { write: (c) => chunks.push(String(c)) } });
    expect(r.reason).toBe('exit');
    const out = chunks.join('');
    expect(out).toContain('TELETYPE LINE\r\nINT29 LINE\r\n');
    // The teletype's bytes are all there, in order; the stream adds the text written to the
    // screen other ways (09h, video memory) as its rows become final.
    expect(out.startsWith('mode=03 cols=80 page=00\r\nequip=0020 mem=640\r\ndcc=08 rows=25\r\nTELETYPE LINE\r\nINT29 LINE\r\n' + ' '.repeat(20) + 'DIRECT\r\n')).toBe(true);
    expect(r.output).not.toContain('DIRECT');
  });

  it('reports the conventional memory size it was given', async () => {
    const r = await runBios('bios-video.com', { memoryKB: 512 });
    expect(r.output).toContain('mem=512');
  });
});

describe('display pages (bios-pages.com)', () => {
  it('writes on page 1 while page 0 shows, then shows page 1 on the screen', async () => {
    let bios: Bios | undefined;
    const r = await runBios('bios-pages.com', { onMachine: (ctx) => void (bios = ctx.bios) });
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);
    // 0Fh: page 0 before 05h, page 1 after; each page keeps its own cursor.
    expect(r.output).toContain('before=00 after=01\r\n');
    expect(r.output).toContain('cur0=0100 cur1=0400\r\n');
    // 08h on page 1: the '=' from 0Ah in the attribute 09h gave the cell.
    expect(r.output).toContain('cell1=1E3D\r\n');
    // Teletype and 13h text is streamed whichever page it lands on; 09h/0Ah text is not.
    expect(r.output).toContain('ON PAGE 0\r\n');
    expect(r.output).toContain('ON PAGE 1');
    expect(r.output).not.toContain('P==P');

    // The screen is page 1 (CRTC start address 800h cells), not page 0.
    expect(r.screen[0]).toBe('ON PAGE 1');
    expect(r.screen[2]).toBe('PP==PP');
    expect(r.screen[4]).toBe('before=00 after=01');
    expect(r.screen[5]).toBe('cur0=0100 cur1=0400');
    expect(r.screen[6]).toBe('cell1=1E3D');
    expect(r.screen.join('\n')).not.toContain('ON PAGE 0');
    expect(bios?.crtc.startAddress()).toBe(0x800);
    // The hardware cursor is page 1's, below the last line printed there.
    const frame = bios?.frame();
    expect([frame?.cursorRow, frame?.cursorCol]).toEqual([7, 0]);
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
