// The headless screen stream: text that reaches the screen through INT 10h/09h and 0Ah or by
// stores into video memory joins the console stream once, in screen order, among the teletype's
// and DOS's own output (roms/tests/bios-screen.asm); a prompt a program leaves on the screen
// shows before it waits for a key.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, runBios } from './helpers';

afterAll(cleanupTemps);

describe('screen stream (bios-screen.com)', () => {
  it('streams 09h, 0Ah and video memory text with the teletype and DOS output, each line once, in order', async () => {
    const chunks: string[] = [];
    const r = await runBios('bios-screen.com', { screen: 'stream', stdout: { write: (c) => chunks.push(String(c)) } });
    expect(r.reason).toBe('exit');
    const numbered = Array.from({ length: 30 }, (_, i) => `L${String(i + 1).padStart(2, '0')}`);
    const lines = ['T1', 'NINE', 'TEN', 'Name: Bob', 'DIRECT', 'DOS', ...numbered, 'M1', 'M2', 'M3', 'END'];
    // END is on the cursor's row at the end: like a teletype line without CR LF, it stays open.
    expect(chunks.join('')).toBe(lines.join('\r\n'));
    // The captured console output stays what went through the teletype.
    expect(r.output).toBe('T1\r\n\r\n\r\nName: \r\nDOS\r\n');
  });

  it('shows a prompt stored in video memory before the program waits for its key', async () => {
    const chunks: string[] = [];
    const input = new PassThrough();
    let seenBeforeKey = '';
    const typing = (async () => {
      for (let i = 0; i < 200 && !chunks.join('').includes('Key?'); i++) await new Promise((res) => setTimeout(res, 10));
      seenBeforeKey = chunks.join('');
      input.end('y');
    })();
    const r = await runBios('bios-screen.com', { args: ['W'], stdin: input, screen: 'stream', stdout: { write: (c) => chunks.push(String(c)) } });
    await typing;
    expect(r.reason).toBe('exit');
    expect(seenBeforeKey).toBe('Key? ');
    // The key stored after the prompt continues that line; the teletype's "done" follows.
    expect(chunks.join('')).toBe('Key? y\r\ndone\r\n');
  });
});
