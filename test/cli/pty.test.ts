// vdm86 under a real pseudo-terminal: the screen drawn with ANSI (colours, CP437, the cursor),
// keys read raw (an arrow key reaches the program as its scan code), and the terminal restored
// at exit with the final screen left on the normal screen. util-linux `script` provides the pty
// (Debian's bsdutils, always installed); a second test renders through tmux when it is present.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, buildCli, cleanupTemps, withPrograms } from './helpers';
import { TERMINAL_LEAVE } from '../../src/host/terminal';
import { VirtualTerminal } from './vt';

const hasScript = spawnSync('script', ['--version']).status === 0;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasScript) console.warn('pty test skipped: util-linux `script` is not installed');
if (!hasTmux) console.warn('tmux pty test skipped: tmux is not installed');

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(cleanupTemps);

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe.skipIf(!hasScript)('under a pseudo-terminal (script)', () => {
  it('draws the screen, reads raw keys, and restores the terminal', async () => {
    const dir = withPrograms('bios-tty.com');
    const cmd = `stty cols 80 rows 25; ${sh(process.execPath)} ${sh(cli)} bios-tty.com; echo "rc=$?"`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let raw = '';
    const seen = (text: string) => raw.includes(text);
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const poll = () => (seen(text) ? resolve() : Date.now() - t0 > 20000 ? reject(new Error(`timed out waiting for ${text}`)) : setTimeout(poll, 20));
        poll();
      });
    child.stdout.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));

    await waitFor('press keys, q quits');
    const vt = new VirtualTerminal();
    vt.write(raw);
    // The program's screen, on the alternate screen, in colour.
    expect(vt.screen).toBe(vt.alternate);
    expect(vt.lines()[2]).toBe(' '.repeat(30) + 'VDM86 TTY ░▒▓█');
    expect(vt.sgrAt(2, 30)).toBe('0;93;44'); // attribute 1Eh: yellow on blue
    expect(vt.lines()[5]).toBe('press keys, q quits');
    expect(vt.cursorVisible).toBe(true);

    child.stdin.write('\x1b[A'); // Up: scan code 48h, E0h as INT 16h/00h reports 00h
    await waitFor('key=4800');
    child.stdin.write('q');
    await waitFor('rc=');
    await closed;

    const end = new VirtualTerminal();
    end.write(raw);
    // Restored: back on the normal screen, cursor shown, autowrap on, raw mode off (the shell's
    // echo of rc= is on a fresh line), with the program's final screen printed there.
    expect(end.screen).toBe(end.normal);
    expect(end.modes.slice(-3)).toEqual(['?7h', '?25h', '?1049l']);
    expect(end.cursorVisible).toBe(true);
    const text = end.lines().join('\n');
    expect(text).toContain(' '.repeat(30) + 'VDM86 TTY ░▒▓█');
    expect(text).toContain('key=1071');
    expect(text).toContain('bye');
    expect(text).toMatch(/\nrc=5$/m);
  });
});

describe.skipIf(!hasScript)('terminal restore after a crash', () => {
  it('puts the terminal back when the process dies with the screen drawn and raw mode on', async () => {
    const dir = withPrograms();
    const crash = join(dir, 'crash.ts');
    writeFileSync(
      crash,
      `import { guardTerminal } from ${JSON.stringify(join(ROOT, 'src/host/tty-guard.ts'))};\n` +
        `import { TERMINAL_ENTER } from ${JSON.stringify(join(ROOT, 'src/host/terminal.ts'))};\n` +
        `process.stdin.setRawMode(true);\n` +
        `guardTerminal({ fd: 1, input: process.stdin });\n` +
        `process.stdout.write(TERMINAL_ENTER + 'drawn');\n` +
        `setTimeout(() => { throw new Error('boom'); }, 10);\n`,
    );
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const cmd = `stty -g > before; ${sh(tsx)} ${sh(crash)}; echo "rc=$?"; stty -g > after; cmp -s before after && echo same-modes`;
    const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', input: '', timeout: 30000 });
    const out = r.stdout;
    expect(out).toContain('drawn');
    expect(out).toContain('Error: boom');
    expect(out.indexOf(TERMINAL_LEAVE)).toBeGreaterThan(out.indexOf('drawn'));
    expect(out).toMatch(/rc=1/);
    expect(out).toContain('same-modes'); // raw mode undone
  });
});

describe.skipIf(!hasTmux)('under a pseudo-terminal (tmux renders it)', () => {
  it('shows the program screen and takes keys', async () => {
    const dir = withPrograms('bios-tty.com');
    const sock = `vdm86-test-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', sock, ...args], { encoding: 'utf8' });
    const pane = () => tmux('capture-pane', '-p', '-t', 'vdm').stdout;
    const waitFor = async (text: string) => {
      const t0 = Date.now();
      while (!pane().includes(text)) {
        if (Date.now() - t0 > 20000) throw new Error(`timed out waiting for ${text}; pane:\n${pane()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      const cmd = `${sh(process.execPath)} ${sh(cli)} bios-tty.com; echo "rc=$?"; sleep 60`;
      const started = tmux('new-session', '-d', '-s', 'vdm', '-x', '80', '-y', '25', '-c', dir, cmd);
      expect(started.status).toBe(0);
      await waitFor('press keys');
      const screen = pane().split('\n');
      expect(screen[2]).toBe(' '.repeat(30) + 'VDM86 TTY ░▒▓█');
      expect(screen[5].trimEnd()).toBe('press keys, q quits');
      const colours = tmux('capture-pane', '-p', '-e', '-t', 'vdm').stdout.split('\n')[2];
      expect(colours).toMatch(/\x1b\[[0-9;]*93[0-9;]*m.*VDM86/); // bright yellow text
      tmux('send-keys', '-t', 'vdm', 'F1');
      await waitFor('key=3B00');
      tmux('send-keys', '-t', 'vdm', 'q');
      await waitFor('rc=5');
      expect(pane()).toContain('bye');
    } finally {
      tmux('kill-server');
    }
  });
});
