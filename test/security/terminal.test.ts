// Issue 14: the terminal is never left raw. SIGQUIT, SIGUSR2 and SIGALRM end the run like SIGTERM
// (terminal restored, a `vdm86:` line, the stop code); SIGTSTP gives the terminal back before the
// process stops and SIGCONT takes it again; a timed-out run exits even when nobody reads its
// stdout pipe. Under a real pseudo-terminal made by util-linux `script`, as test/cli/pty.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanupTemps, withPrograms } from '../cli/helpers';
import { TERMINAL_ENTER, TERMINAL_LEAVE } from '../../src/host/terminal';

const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('terminal signal tests skipped: util-linux `script` is not installed');

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(cleanupTemps);

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts bios-tty.com under `script`; the inner shell prints vdm86's pid before exec'ing it,
 *  and the terminal modes are compared before and after. */
function startTty() {
  const dir = withPrograms('bios-tty.com');
  const inner = `echo pid=$$; exec ${sh(process.execPath)} ${sh(cli)} bios-tty.com`;
  const cmd = `stty cols 80 rows 25; stty -g > before; sh -c ${sh(inner)}; echo "rc=$?"; stty -g > after; cmp -s before after && echo same-modes`;
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout.on('data', (d: Buffer) => (raw += d.toString('utf8')));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const waitFor = (test: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = () => (test() ? resolve() : Date.now() - t0 > 20000 ? reject(new Error(`timed out waiting for ${what}:\n${raw}`)) : setTimeout(poll, 20));
      poll();
    });
  const pid = () => Number(/pid=(\d+)/.exec(raw)?.[1]);
  return { child, closed, waitFor, pid, text: () => raw };
}

describe.skipIf(!hasScript)('signals at a terminal', () => {
  for (const signal of ['SIGQUIT', 'SIGUSR2', 'SIGALRM'] as const) {
    it(`${signal} restores the terminal and says so`, async () => {
      const t = startTty();
      await t.waitFor(() => t.text().includes('press keys, q quits'), 'the program');
      process.kill(t.pid(), signal);
      await t.waitFor(() => t.text().includes('rc='), 'the end');
      await t.closed;
      const out = t.text();
      expect(out).toContain(`vdm86: stopped by ${signal}`);
      expect(out).toMatch(/rc=130/);
      expect(out.lastIndexOf(TERMINAL_LEAVE)).toBeGreaterThan(out.indexOf('press keys'));
      expect(out).toContain('same-modes'); // raw mode undone
    });
  }

  it('SIGTSTP gives the terminal back before stopping, SIGCONT takes it again', async () => {
    const t = startTty();
    await t.waitFor(() => t.text().includes('press keys, q quits'), 'the program');
    const at = t.text().length;
    process.kill(t.pid(), 'SIGTSTP');
    await t.waitFor(() => t.text().indexOf(TERMINAL_LEAVE, at) >= 0, 'the terminal given back');
    const left = t.text().indexOf(TERMINAL_LEAVE, at);
    process.kill(t.pid(), 'SIGCONT');
    await t.waitFor(() => t.text().indexOf(TERMINAL_ENTER, left) >= 0, 'the terminal taken again');
    t.child.stdin.write('q'); // raw again: one key, no Enter
    await t.waitFor(() => t.text().includes('rc='), 'the end');
    await t.closed;
    expect(t.text()).toMatch(/rc=5/);
    expect(t.text()).toContain('same-modes');
  });
});

// With stdout a pipe it is the program's handle 1, written straight to the descriptor: a pipe
// nobody reads fills, and the write must stop waiting when the time limit is reached (a merge of
// the redirection and the security work once hung here).
describe('a timed-out run with a stdout pipe nobody reads', () => {
  it('still exits, with the time-limit code', async () => {
    const dir = withPrograms('sec-flood.com');
    // 100 KB of output, more than a pipe holds, then a loop until the timeout
    const child = spawn(process.execPath, [cli, '--screen', 'stream', '--timeout', '0.5', 'sec-flood.com', 'L'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause(); // never read
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(124);
  });
});
