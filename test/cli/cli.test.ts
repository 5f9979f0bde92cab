// The vdm86 command, option by option, run as a user runs it (a child process, stdin and stdout
// pipes): exit codes, the stream, screen dumps, drives and directories, limits, result records.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanupTemps, runCli, tempDir, withPrograms } from './helpers';
import { putFromRepo } from '../helpers/folders';
import { values as readValues } from '../helpers/output';

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(cleanupTemps);

/** Most tests here read the screen stream on stdout: they make stdout the console (a pipe is
 *  otherwise the program's handle 1 as a file, with the screen on stderr; see 'stdin and stdout'). */
const CONSOLE_OUT = ['--stdout', 'console'];

const values = (text: string) => readValues(text).record();

describe('vdm86 command', () => {
  it('runs a program with its arguments and exits with its exit code', async () => {
    const dir = withPrograms('bios-exit.com');
    const r = await runCli(cli, [...CONSOLE_OUT, 'bios-exit.com', '42'], { cwd: dir });
    expect(r.code).toBe(42);
    expect(r.stdout.toString()).toBe('exit 42\r\n');
    expect(r.stderr).toBe('');
  });

  it('finds the program as DOS would: any case, .COM then .EXE without an extension', async () => {
    const dir = withPrograms('bios-exit.com');
    expect((await runCli(cli, [...CONSOLE_OUT, 'BIOS-EXIT', '4'], { cwd: dir })).code).toBe(4);
    expect((await runCli(cli, [...CONSOLE_OUT, 'Bios-Exit.COM', '5'], { cwd: dir })).code).toBe(5);
  });

  it('passes everything after the program to it, options included', async () => {
    const dir = withPrograms('bios-cli.com');
    const r = await runCli(cli, [...CONSOLE_OUT, 'bios-cli.com', '/x', '--timeout', '-y'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(values(r.stdout.toString()).tail).toBe('[ /x --timeout -y]');
  });

  it('runs a plain command line (a program and its arguments, no options) as commander would read it', async () => {
    // The command reads this form itself, without commander (bin/cli.ts plainRun): the program
    // must see the same tail, and the run the same defaults (stdout a pipe: the screen on stderr).
    const dir = withPrograms('bios-cli.com');
    const plain = await runCli(cli, ['bios-cli.com', '/x', '--timeout', '-y'], { cwd: dir });
    const parsed = await runCli(cli, ['--redirect', 'bios-cli.com', '/x', '--timeout', '-y'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(values(plain.stderr.toString()).tail).toBe('[ /x --timeout -y]');
    expect(plain.stderr.toString()).toBe(parsed.stderr.toString());
    expect(plain.stdout.toString()).toBe(parsed.stdout.toString());
  });

  it('sets the environment, memory size, DOS version and starting directory', async () => {
    const dir = withPrograms('bios-cli.com');
    mkdirSync(join(dir, 'SUB'));
    const r = await runCli(cli, [...CONSOLE_OUT, '-e', 'FOO=bar baz', '--memory', '320', '--dos-version', '3.30', '--cwd', 'C:\\SUB', 'bios-cli.com'], { cwd: dir });
    expect(r.code).toBe(0);
    const v = values(r.stdout.toString());
    expect(v).toMatchObject({ drive: 'C', dir: '\\SUB', foo: 'bar baz', mem: '320', dosver: '3.30' });
  });

  it('takes --cwd as a host folder inside a drive, and maps drives with --drive', async () => {
    const dir = withPrograms('bios-cli.com');
    const other = tempDir();
    mkdirSync(join(other, 'work'));
    writeFileSync(join(other, 'CLI.COM'), readFileSync(join(dir, 'bios-cli.com')));
    const r = await runCli(cli, [...CONSOLE_OUT, '--drive', `E=${other}`, '--cwd', join(other, 'work'), join(other, 'CLI.COM')], { cwd: dir });
    expect(r.code).toBe(0);
    expect(values(r.stdout.toString())).toMatchObject({ drive: 'E', dir: '\\WORK' });
  });

  it('maps the folder of a program outside every drive as D:', async () => {
    const dir = withPrograms('bios-cli.com');
    const elsewhere = tempDir();
    const json = join(elsewhere, 'result.json');
    const r = await runCli(cli, [...CONSOLE_OUT, '--result-json', json, join(dir, 'bios-cli.com')], { cwd: elsewhere });
    expect(r.code).toBe(0);
    expect(values(r.stdout.toString())).toMatchObject({ drive: 'C', dir: '\\' });
    const rec = JSON.parse(readFileSync(json, 'utf8'));
    expect(rec.dosPath).toBe('D:\\BIOS-CLI.COM');
    // Z: is the shell's read-only drive (Z:\COMMAND.COM).
    expect(Object.keys(rec.drives)).toEqual(['C:', 'D:', 'Z:']);
  });

  it('streams CP437 as UTF-8, or raw bytes with --raw', async () => {
    const dir = withPrograms('bios-cli.com');
    const utf = await runCli(cli, [...CONSOLE_OUT, 'bios-cli.com'], { cwd: dir });
    expect(utf.stdout.toString('utf8')).toContain('cp437=é▒\r\n');
    const raw = await runCli(cli, [...CONSOLE_OUT, '--raw', 'bios-cli.com'], { cwd: dir });
    expect(raw.stdout.includes(Buffer.from([0x3d, 0x82, 0xb1, 0x0d, 0x0a]))).toBe(true);
  });

  it('prints the final screen with --screen-dump, after the stream, and to a file', async () => {
    const dir = withPrograms('bios-video.com');
    const r = await runCli(cli, [...CONSOLE_OUT, '--screen-dump', '--screen-dump-file', 'screen.txt', 'bios-video.com'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    const streamEnd = text.indexOf('DONE\r\n') + 'DONE\r\n'.length;
    expect(text.slice(0, streamEnd)).toContain(`${' '.repeat(20)}DIRECT\r\n`); // the stream: every way text reached the screen
    const dump = text.slice(streamEnd);
    expect(dump.split('\n')[10]).toBe(' '.repeat(20) + 'DIRECT');
    expect(dump.endsWith('SCROLLME\n')).toBe(true);
    expect(readFileSync(join(dir, 'screen.txt'), 'utf8')).toBe(dump);
  });

  it('shows nothing with --screen none, the stream with --screen stream, ANSI with --screen tty', async () => {
    const dir = withPrograms('bios-exit.com');
    const none = await runCli(cli, [...CONSOLE_OUT, '--screen', 'none', 'bios-exit.com', '3'], { cwd: dir });
    expect(none.code).toBe(3);
    expect(none.stdout.length).toBe(0);
    const stream = await runCli(cli, [...CONSOLE_OUT, '--screen', 'stream', 'bios-exit.com', '3'], { cwd: dir });
    expect(stream.stdout.toString()).toBe('exit 3\r\n');
    const tty = await runCli(cli, [...CONSOLE_OUT, '--screen', 'tty', 'bios-exit.com', '3'], { cwd: dir });
    const text = tty.stdout.toString();
    expect(text.startsWith('\x1b[?1049h')).toBe(true); // drawn even into a pipe when asked
    expect(text).toContain('\x1b[1;1H\x1b[0;37;40mexit 3');
    expect(text.endsWith('\x1b[?1049lexit 3\n')).toBe(true); // then the final screen as text
  });

  it('types stdin at the keyboard with --stdin console (echoed, edited as typed keys)', async () => {
    const dir = withPrograms('bios-keys.com');
    const r = await runCli(cli, ['--stdin', 'console', ...CONSOLE_OUT, 'bios-keys.com'], { cwd: dir, input: 'x\nline one\nz' });
    expect(r.code).toBe(2);
    const out = r.stdout.toString();
    expect(out).toContain('key=2D78\r\nkey=1C0D\r\n');
    expect(out).toContain('line=line one\r\n');
    expect(out).toContain('eof');
  });

  it('writes a disassembled trace with --trace', async () => {
    const dir = withPrograms('bios-exit.com');
    const r = await runCli(cli, [...CONSOLE_OUT, '--trace', 'trace.txt', 'bios-exit.com', '5'], { cwd: dir });
    expect(r.code).toBe(5);
    const lines = readFileSync(join(dir, 'trace.txt'), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^[0-9A-F]{4}:0100  BE8100 +MOV SI,0081 +AX=[0-9A-F]{4} BX=/);
    expect(lines.some((l) => /INT 21/.test(l))).toBe(true);
    expect(lines.some((l) => /^F000:[0-9A-F]{4}  C4C410  BOP 10h/.test(l))).toBe(true);
  });

  it('records how the run ended with --result-json (a long host name runs under its short name)', async () => {
    const dir = withPrograms('bios-exit.com');
    const r = await runCli(cli, [...CONSOLE_OUT, '--result-json', 'r.json', 'bios-exit.com', '9'], { cwd: dir });
    expect(r.code).toBe(9);
    const rec = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(rec).toMatchObject({ reason: 'exit', exitCode: 9, processExitCode: 9, message: null, dosPath: 'C:\\BIOS-E~1.COM', outputBytes: 8 });
    expect(rec.instructions).toBeGreaterThan(0);
  });

  it('prints --help and --version', async () => {
    const help = await runCli(cli, ['--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    for (const opt of ['--drive', '--cwd', '--env', '--screen', '--raw', '--screen-dump', '--max-instructions', '--timeout', '--memory', '--dos-version', '--result-json', '--trace']) {
      expect(help.stdout.toString()).toContain(opt);
    }
    const version = await runCli(cli, ['--version'], { cwd: tempDir() });
    expect(version.code).toBe(0);
    expect(version.stdout.toString().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("vdm86's own verdicts: one stderr line and a reserved exit code", () => {
  const cases: [string, string[], number, RegExp, string?][] = [
    ['program not found', ['NOPE.COM'], 127, /^vdm86: program not found: cannot find NOPE\.COM\n$/],
    ['bad program file', ['EMPTY.EXE'], 126, /^vdm86: bad program file: .*EMPTY\.EXE/],
    ['instruction limit', ['--max-instructions', '20000', 'bios-spin.com'], 123, /^vdm86: instruction limit of 20000 reached\n$/],
    ['time limit', ['--timeout', '0.3', 'bios-spin.com'], 124, /^vdm86: time limit of 300 ms reached\n$/],
    ['guest fault', ['bios-fault.com'], 122, /^vdm86: guest fault: BOP FDh at [0-9A-F]{4}:0113 has no handler\n$/],
    ['input exhausted', ['bios-anykey.com'], 120, /^vdm86: input exhausted: /],
    ['bad usage', ['--screen', 'fancy', 'bios-exit.com'], 125, /^vdm86: error: option '--screen <mode>' argument 'fancy' is invalid/],
    ['a bad drive', ['--drive', 'C=/no/such/folder', 'bios-exit.com'], 125, /^vdm86: drive C: "\/no\/such\/folder" is not a folder\n$/],
  ];
  for (const [what, args, code, stderr] of cases) {
    it(what, async () => {
      const dir = withPrograms('bios-spin.com', 'bios-fault.com', 'bios-anykey.com', 'bios-exit.com');
      writeFileSync(join(dir, 'EMPTY.EXE'), '');
      const r = await runCli(cli, [...CONSOLE_OUT, ...args], { cwd: dir });
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('stops on SIGTERM with the stop code, leaving nothing behind', async () => {
    const dir = withPrograms('bios-spin.com');
    const r = await runCli(cli, [...CONSOLE_OUT, '--result-json', 'r.json', 'bios-spin.com'], { cwd: dir, killWhenOutput: 'spinning' });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^vdm86: stopped by SIGTERM\n$/);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).reason).toBe('stopped');
    expect(existsSync(join(dir, 'bios-spin.com'))).toBe(true);
  });
});

describe('stdin and stdout', () => {
  it('a pipe on stdin is standard input as a file, a pipe on stdout standard output as a file; the screen goes to stderr', async () => {
    const dir = withPrograms('dos-stdin.com');
    const r = await runCli(cli, ['dos-stdin.com', 'K'], { cwd: dir, input: 'kline\nmrest' });
    expect(r.code).toBe(0);
    // Handle 1 holds only DOS's echo of the 0Ah line; INT 16h and 3Fh took the rest, unechoed.
    expect(r.stdout.toString('latin1')).toBe('line\r');
    expect(r.stderr).toBe('KEY=256B\r\nLINE=6C696E65\r\nKEY=326D\r\nREAD=72657374\r\n');
  });

  it('--stdin console types the pipe at the keyboard, --stdout console puts the screen on stdout', async () => {
    const dir = withPrograms('dos-stdin.com');
    const r = await runCli(cli, ['--stdin', 'console', '--stdout', 'console', 'dos-stdin.com', 'C'], { cwd: dir, input: 'ab\n' });
    expect(r.code).toBe(4);
    // The echo of 01h on the console; the Ctrl-Z at the end shows as CP437's arrow.
    expect(r.stdout.toString('utf8')).toBe('aC=61\r\nbC=62\r\n\rC=0D\r\n→C=1A\r\n');
    expect(r.stderr).toBe('');
  });

  it('streams a large stdin through handle 0 and out of handle 1 byte for byte', async () => {
    const dir = withPrograms();
    putFromRepo(dir, { 'TEE.COM': 'roms/programs/tee.com' });
    const data = Buffer.alloc(1 << 20);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) >>> 5;
    const r = await runCli(cli, ['TEE.COM', 'COPY.BIN'], { cwd: dir, input: data });
    expect(r.code).toBe(0);
    expect(r.stdout.equals(data)).toBe(true);
    expect(readFileSync(join(dir, 'COPY.BIN')).equals(data)).toBe(true);
    expect(r.stderr).toBe(`TEE: ${data.length} bytes\r\n`);
  });

  it('a file on stdin (PROG < FILE) is standard input as a file, read in place; /dev/null is an empty one', async () => {
    const dir = withPrograms('dos-stdin.com');
    writeFileSync(join(dir, 'in.txt'), 'kline\nmrest');
    const r = await runCli(cli, ['dos-stdin.com', 'K'], { cwd: dir, stdinFile: join(dir, 'in.txt') });
    expect(r.code).toBe(0);
    expect(r.stdout.toString('latin1')).toBe('line\r');
    expect(r.stderr).toBe('KEY=256B\r\nLINE=6C696E65\r\nKEY=326D\r\nREAD=72657374\r\n');
    // A file larger than one chunk (64 KiB), byte for byte through handle 0 and handle 1.
    putFromRepo(dir, { 'TEE.COM': 'roms/programs/tee.com' });
    const data = Buffer.alloc(300000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) >>> 5;
    writeFileSync(join(dir, 'big.bin'), data);
    const t = await runCli(cli, ['TEE.COM', 'COPY.BIN'], { cwd: dir, stdinFile: join(dir, 'big.bin') });
    expect(t.code).toBe(0);
    expect(t.stdout.equals(data)).toBe(true);
    expect(t.stderr).toBe(`TEE: ${data.length} bytes\r\n`);
    if (existsSync('/dev/null')) {
      const e = await runCli(cli, ['TEE.COM', 'EMPTY.BIN'], { cwd: dir, stdinFile: '/dev/null' });
      expect(e.code).toBe(0);
      expect(e.stdout.length).toBe(0);
      expect(e.stderr).toBe('TEE: 0 bytes\r\n');
      expect(readFileSync(join(dir, 'EMPTY.BIN')).length).toBe(0);
    }
  });

  it('--help into a pipe whose reader has gone (vdm86 --help | head) ends quietly', async () => {
    const r = await runCli(cli, ['--help'], { cwd: tempDir(), stdoutGone: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a program writing to a stdout whose reader has gone (vdm86 PROG | head) is stopped, not a guest fault', async () => {
    const dir = withPrograms();
    putFromRepo(dir, { 'TYPEOUT.COM': 'roms/bench/programs/typeout.com' });
    const r = await runCli(cli, ['TYPEOUT.COM'], { cwd: dir, stdoutGone: true });
    expect(r.stderr).toBe('vdm86: stopped: standard output was closed (its reader went away)\n');
    expect(r.code).toBe(130);
  });

  it('a program that reads a closed handle 0 for ever after stdin ended stops at once: input exhausted', async () => {
    const dir = withPrograms('dos-stdin.com');
    const r = await runCli(cli, ['--timeout', '20', 'dos-stdin.com', 'X'], { cwd: dir, input: 'abc' });
    expect(r.code).toBe(120);
    expect(r.stderr).toBe('EOF\r\nvdm86: input exhausted: the program kept reading standard input after it ended (1000 reads)\n');
  });
});
