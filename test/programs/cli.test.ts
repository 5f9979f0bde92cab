// The same programs through the real vdm86 command, as a user runs them: piped stdin, --drive,
// --cwd, -e, the exit status, and the files left on the host.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../cli/helpers';
import { cleanupTemps, dosText, drive, list, outLines, read, tempDir } from './helpers';

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(cleanupTemps);

describe('real programs through the vdm86 command', () => {
  it('with --stdin console, piped stdin is typed: the keys echo as on a DOS console, the sorted lines follow', async () => {
    const dir = drive({ 'SORT.COM': 'sort.com' });
    const r = await runCli(cli, ['--stdin', 'console', '--stdout', 'console', 'SORT.COM', '/R'], { cwd: dir, input: 'pear\napple\nfig\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = outLines(r.stdout.toString('latin1'));
    expect(lines.slice(0, 3)).toEqual(['pear', 'apple', 'fig']);
    expect(lines.slice(-3)).toEqual(['pear', 'fig', 'apple']);
  });

  it('piped stdin and stdout are the program\'s files: no echo, TABs and bytes kept', async () => {
    const dir = drive({ 'SORT.COM': 'sort.com', 'TEE.COM': 'tee.com' });
    const sorted = await runCli(cli, ['SORT.COM'], { cwd: dir, input: 'pear\r\napple\tpie\r\nfig\r\n' });
    expect(sorted.code).toBe(0);
    expect(sorted.stdout.toString('latin1')).toBe('apple\tpie\r\nfig\r\npear\r\n');
    expect(sorted.stderr).toBe('');
    // The console (TEE's report on standard error) goes to stderr, out of the data.
    const tee = await runCli(cli, ['TEE.COM', 'COPY.TXT'], { cwd: dir, input: Buffer.from([0x41, 0x09, 0x1a, 0xff]) });
    expect(tee.code).toBe(0);
    expect([...tee.stdout]).toEqual([0x41, 0x09, 0x1a, 0xff]);
    expect(tee.stderr).toBe('TEE: 4 bytes\r\n');
    // --redirect, the old way to ask for this, is still accepted and changes nothing.
    const again = await runCli(cli, ['--redirect', 'SORT.COM'], { cwd: dir, input: 'b\r\na\r\n' });
    expect(again.stdout.toString('latin1')).toBe('a\r\nb\r\n');
  });

  it('children inherit the redirected handles (MAKE running SORT on its input)', async () => {
    const dir = drive({ 'MAKE.COM': 'make.com', 'SORT.COM': 'sort.com' }, { MAKEFILE: dosText('ALL:', '\t@SORT /R') });
    const r = await runCli(cli, ['MAKE.COM'], { cwd: dir, input: 'a\r\nc\r\nb\r\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.toString('latin1')).toBe('c\r\nb\r\na\r\n');
  });

  it('runs MAKE named by its DOS path on a drive mapped with --drive, tools found along PATH set with -e', async () => {
    const proj = drive(
      { 'MAKE.COM': 'make.com', 'TOOLS/CC.COM': 'cc.com', 'TOOLS/LINK.EXE': 'link.exe' },
      {
        'SRC/MAKEFILE': dosText('APP.BIN: A.OBJ', '\tLINK APP.BIN A.OBJ', 'A.OBJ: A.SRC', '\tCC A.SRC A.OBJ'),
        'SRC/A.SRC': dosText('hello'),
      },
    );
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(proj, 'SRC/A.SRC'), old, old);
    const elsewhere = tempDir();
    const args = ['--drive', `P=${proj}`, '--cwd', 'P:\\SRC', '-e', 'PATH=P:\\TOOLS', 'P:\\MAKE.COM'];
    const r = await runCli(cli, args, { cwd: elsewhere });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(outLines(r.stdout.toString('latin1'))).toEqual(['CC A.SRC A.OBJ', 'A.SRC: 1 lines', 'LINK APP.BIN A.OBJ', 'LINK: 1 objects, 1 lines']);
    expect(read(proj, 'SRC/APP.BIN').toString('latin1')).toBe('BIN\x1a\x01\x00\x01\x00HELLO\n');
    expect(list(elsewhere)).toEqual([]);

    // A failing step: MAKE's exit code is the command's exit status.
    const again = await runCli(cli, [...args.slice(0, -1), 'P:\\MAKE.COM', 'NOPE'], { cwd: elsewhere });
    expect(again.code).toBe(2);
    // MAKE's error goes to standard error, the console: vdm86's stderr when stdout is a file.
    expect(again.stderr).toContain("make: don't know how to make NOPE");
  });

  it('hands arguments and -e values to DOS in CP437', async () => {
    const dir = drive({ 'GREP.COM': 'grep.com' }, { 'MENU.TXT': Buffer.from('caf\x82 au lait\r\n', 'latin1') });
    const r = await runCli(cli, ['GREP.COM', 'café', 'MENU.TXT'], { cwd: dir });
    expect(r.code).toBe(0);
    // Standard output as a file gets DOS's bytes as they are (CP437 82h for é).
    expect(r.stdout.toString('latin1')).toBe('MENU.TXT:caf\x82 au lait\r\n');
    const lib = drive({ 'LIB.COM': 'lib.com' }, { 'M.OBJ': Buffer.from('MOD\x1a\x01\x00\x00\x00x', 'latin1') });
    const tmp = await runCli(cli, ['-e', 'TMP=C:\\NOWHERE\\Ä', 'LIB.COM', 'OUT.LIB', 'M.OBJ'], { cwd: lib });
    expect(tmp.code).toBe(2);
    // LIB reports on standard error: the console, shown on vdm86's stderr in UTF-8.
    expect(tmp.stderr).toBe('LIB: cannot create a temporary file in C:\\NOWHERE\\Ä\\ (error 3)\r\n');
  });

  it('greps a tree given with --cwd as a host folder', async () => {
    const dir = drive({ 'GREP.COM': 'grep.com' }, { 'DOCS/A.TXT': dosText('one', 'two'), 'DOCS/SUB/B.TXT': dosText('two too') });
    const r = await runCli(cli, ['--cwd', join(dir, 'DOCS'), join(dir, 'GREP.COM'), '/S', '/N', 'two', '*.TXT'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(outLines(r.stdout.toString('latin1')).sort()).toEqual(['A.TXT:2:two', 'SUB\\B.TXT:1:two too']);
    const none = await runCli(cli, ['--cwd', join(dir, 'DOCS'), join(dir, 'GREP.COM'), 'three', '*.TXT'], { cwd: dir });
    expect(none.code).toBe(1);
  });
});
