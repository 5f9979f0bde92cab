// The vdm86 command with the shell: a .BAT runs through Z:\COMMAND.COM /C, -c runs one command
// line, no program opens the prompt (piped and in a pseudo-terminal, with history), and a file
// that is neither .COM, .EXE nor .BAT is refused with exit 126.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../cli/helpers';
import { PROGRAMS, cleanupTemps, dosText, drive } from './helpers';

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(cleanupTemps);

const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('shell pty test skipped: util-linux `script` is not installed');
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('vdm86 and the shell', () => {
  it('vdm86 BUILD.BAT args runs the batch; its exit code is the last errorlevel', async () => {
    const dir = drive({ 'EXITCODE.COM': PROGRAMS.EXITCODE }, { 'BUILD.BAT': dosText('@ECHO OFF', 'ECHO target %1', 'EXITCODE %2') });
    const r = await runCli(cli, ['BUILD.BAT', 'ALL', '9'], { cwd: dir });
    // ECHO writes handle 1 (stdout, a pipe here: DOS redirection); EXITCODE prints through the
    // BIOS teletype, the screen, which goes to stderr when stdout is the program's handle 1.
    expect(r.stdout.toString('latin1')).toBe('target ALL\r\n');
    expect(r.stderr).toContain('exit 9');
    expect(r.code).toBe(9);
  });

  it('vdm86 -c runs one command line as COMMAND /C does', async () => {
    const dir = drive({}, { 'ONE.TXT': '1', 'TWO.TXT': '2' });
    const r = await runCli(cli, ['-c', 'DIR /B /ON *.TXT'], { cwd: dir });
    expect(r.stdout.toString('latin1')).toBe('ONE.TXT\r\nTWO.TXT\r\n');
    expect(r.code).toBe(0);
    const both = await runCli(cli, ['-c', 'VER', 'X.COM'], { cwd: dir });
    expect(both.code).toBe(125);
  });

  it('a file that is neither .COM, .EXE nor .BAT is refused with exit 126', async () => {
    const dir = drive({}, { 'NOTES.TXT': 'text, not code' });
    const r = await runCli(cli, ['NOTES.TXT'], { cwd: dir });
    expect(r.code).toBe(126);
    expect(r.stderr).toBe('vdm86: bad program file: NOTES.TXT is not a .COM, .EXE or .BAT file\n');
  });

  it('with no program, the prompt reads commands from piped input until EXIT', async () => {
    const dir = drive({}, {});
    const r = await runCli(cli, [], { cwd: dir, input: 'ECHO hi\rEXIT\r' });
    expect(r.stdout.toString('latin1')).toBe('\r\nC:\\>ECHO hi\r\nhi\r\n\r\nC:\\>EXIT\r\n');
    expect(r.code).toBe(0);
  });

  it.skipIf(!hasScript)('the interactive prompt in a pseudo-terminal, with Up recalling the last line', async () => {
    const dir = drive({}, {});
    const cmd = `stty cols 80 rows 25; ${sh(process.execPath)} ${sh(cli)} --screen stream; echo "rc=$?"`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let raw = '';
    child.stdout.on('data', (d: Buffer) => (raw += d.toString('latin1')));
    const count = (text: string) => raw.split(text).length - 1;
    const waitFor = (text: string, times = 1) =>
      new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const poll = () => (count(text) >= times ? resolve() : Date.now() - t0 > 20000 ? reject(new Error(`timed out waiting for ${text}: ${raw}`)) : setTimeout(poll, 20));
        poll();
      });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor('C:\\>');
    child.stdin.write('ECHO first\r');
    await waitFor('C:\\>', 2);
    child.stdin.write('\x1b[A\r'); // Up recalls "ECHO first"
    await waitFor('C:\\>', 3);
    child.stdin.write('EXIT\r');
    await waitFor('rc=');
    await closed;
    expect(raw).toContain('rc=0');
    // Typed and echoed, recalled and echoed.
    expect(count('ECHO first')).toBe(2);
    expect(count('first')).toBe(4);
  });
});
