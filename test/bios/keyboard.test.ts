// Keyboard input through the whole machine: stdin text becomes scan codes on port 60h, IRQ1,
// INT 09h and the BIOS buffer; programs read it with INT 16h (00h-02h, 05h, 10h-12h) and INT 21h;
// end of input is Ctrl-Z.
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, runBios } from './helpers';

afterAll(cleanupTemps);

describe('keyboard (bios-keys.com)', () => {
  it('reads INT 16h keys, an INT 21h/0Ah line and INT 21h/01h characters from stdin', async () => {
    const r = await runBios('bios-keys.com', { stdin: 'aB\x1b\n  hello, World!\nxyz' });
    expect(r.reason).toBe('exit');
    expect(r.output).toContain('key=1E61\r\nkey=3042\r\nkey=011B\r\nkey=1C0D\r\n');
    expect(r.output).toContain('line=  hello, World!\r\n');
    expect(r.output).toContain('xyz'); // echoed by INT 21h/01h
    expect(r.output).toContain('eof\r\n'); // then Ctrl-Z at the end of input
    expect(r.exitCode).toBe(4); // four keys through INT 16h/00h
  });

  it('takes CR LF as one Enter and types CP437 characters from UTF-8', async () => {
    const r = await runBios('bios-keys.com', { stdin: 'é\r\nÇa\r\n' });
    // é is CP437 82h: typed with Alt+keypad, stored with scan code 0.
    expect(r.output).toContain('key=0082\r\nkey=1C0D\r\n');
    expect(r.output).toContain('line=Ça\r\n');
  });

  it('reads a stream too, with raw bytes passed unconverted', async () => {
    const r = await runBios('bios-keys.com', { stdin: Readable.from([Buffer.from([0x61, 0x82, 0x0d])]), raw: true });
    expect(r.output).toContain('key=1E61\r\nkey=0082\r\nkey=1C0D\r\n');
  });

  it('gives a blocking read Ctrl-Z when there is no input at all', async () => {
    const r = await runBios('bios-keys.com');
    expect(r.output).toContain('key=2C1A');
    expect(r.exitCode).toBe(1);
  });

  it('ends a program that keeps waiting after input ended as input-exhausted', async () => {
    const r = await runBios('bios-anykey.com', { stdin: 'ab' });
    expect(r.reason).toBe('input-exhausted');
    expect(r.output).toContain('press q\r\n1E61\r\n3062\r\n2C1A\r\n');
    expect(r.message).toMatch(/kept reading the keyboard after input ended/);
  });

  it('lets a program finish when the key it waits for comes', async () => {
    const r = await runBios('bios-anykey.com', { stdin: 'xq' });
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(7);
  });
});

describe('INT 16h status and enhanced functions (bios-kbfunc.com)', () => {
  it('peeks with 01h/11h, reads with 10h, filters enhanced keys for 00h/01h, reports 12h flags', async () => {
    const r = await runBios('bios-kbfunc.com', { stdin: 'q' });
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(r.output.split('\r\n')).toEqual([
      // The typed key, found by polling 01h, still there for a second 01h, then read by 00h.
      'typed=1071',
      'st01=1071',
      'rd00=1071',
      // A stored 'a': 01h twice and 11h leave it in the buffer; 10h takes it; then it is empty.
      'st01=1E61',
      'st01=1E61',
      'st11=1E61',
      'rd10=1E61',
      'st01=none',
      'st11=none',
      // F11 then grey Up: 11h sees F11; 01h drops it (a program using the XT functions cannot
      // know the key) and shows grey Up with 00h for its E0h marker; 11h and 10h show grey Up as
      // stored, 00h as 4800h.
      'st11=8500',
      'st01=4800',
      'st11=48E0',
      'rd10=48E0',
      'rd00=4800',
      'st11=none',
      // 12h: AH = SysReq, Caps Lock, right Alt and left Ctrl held (C9h), AL = 40:17h (4Ch) as
      // 02h reports it; nothing once the program put the BDA bytes back.
      'sh12=C94C',
      'sh02=4C',
      'sh12=0000',
      '',
    ]);
  });
});

describe('an INT 09h hook that chains to the BIOS (bios-kbhook.com)', () => {
  it('sees every scan code, and the same byte on port 60h after chaining', async () => {
    const r = await runBios('bios-kbhook.com', { stdin: 'aB\x01' });
    expect(r.reason).toBe('exit');
    expect(r.output).toContain('key=1E61\r\nkey=3042\r\nkey=1E01\r\n');
    // 1E 9E | 2A 30 B0 AA | 1D 1E 9E 9D: the hook saw at least every byte up to Ctrl-A's make
    // (the third key), and maybe the two breaks that follow before it unhooked.
    const m = /irqs=(\d+) mismatches=(\d+)/.exec(r.output);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(8);
    expect(Number(m![1])).toBeLessThanOrEqual(10);
    expect(m![2]).toBe('0');
  });
});
