// Programs that run commands through COMSPEC: a C program's system() and spawnlp()
// (roms/tests/shell-system.c) and Microsoft's NMAKE from the MS-DOS 4.0 toolchain.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRAMS, cleanupTemps, dosText, drive, lines, read, runFile, shell } from './helpers';

afterAll(cleanupTemps);

const TOOLS = join(__dirname, '../../../shared/msdos/v4.0/src/TOOLS');
const hasNmake = existsSync(join(TOOLS, 'NMAKE.EXE'));
const hasMasm = existsSync(join(TOOLS, 'MASM.EXE')) && existsSync(join(TOOLS, 'LINK.EXE'));
if (!hasMasm) console.warn(`MASM build script test skipped: ${TOOLS} is absent`);
if (!hasNmake) console.warn(`NMAKE test skipped: ${TOOLS} is absent`);

describe('programs running commands through the shell', () => {
  it('system() runs COMSPEC /C with redirection, batch files and errorlevels; spawnlp() runs a program on PATH', async () => {
    const dir = drive(
      { 'SYS.COM': 'roms/tests/shell-system.com', 'BIN/EXITCODE.COM': PROGRAMS.EXITCODE },
      { 'A.TXT': 'a', 'B.TXT': 'b', 'RUN.BAT': dosText('@ECHO OFF', 'ECHO in batch', 'EXITCODE 3') },
    );
    const r = await runFile(dir, 'SYS.COM', [], { env: { PATH: 'C:\\BIN;Z:\\' } });
    expect(r.reason).toBe('exit');
    // bcc's stdio writes LF alone; the shell and MS-DOS programs write CR LF.
    const out = r.output.replace(/\r\n/g, '\n').split('\n');
    expect(out).toEqual([
      'system(DIR /B *.TXT > LIST.OUT) = 0',
      'A.TXT',
      'B.TXT',
      'system(TYPE LIST.OUT) = 0',
      'in batch',
      'exit 3',
      'system(RUN.BAT) = 3',
      'Bad command or file name',
      'system(NOSUCH) = 0',
      'exit 5',
      'spawnlp(EXITCODE 5) = 5',
      'spawnlp(NOSUCH) = -1',
      '',
    ]);
    expect(read(dir, 'LIST.OUT')).toBe('A.TXT\r\nB.TXT\r\n');
  });

  it('INT 2Eh runs a command line in the shell the program runs under; /P ignores EXIT', async () => {
    const dir = drive({ 'I2E.COM': 'roms/tests/shell-int2e.com', 'EXITCODE.COM': PROGRAMS.EXITCODE });
    const r = await shell(dir, 'I2E');
    expect(r.reason).toBe('exit');
    expect(lines(r.output)).toEqual(['one via INT 2Eh', 'back', 'exit 6', 'back']);
    const permanent = await shell(dir, 'Z:\\COMMAND.COM /P', { stdin: 'EXIT\rECHO still here\r' });
    expect(permanent.output).toContain('still here');
    expect(permanent.reason).toBe('input-exhausted');
  });

  it.skipIf(!hasNmake)('NMAKE runs a makefile whose commands need the shell (ECHO, redirection, COPY, IF)', async () => {
    const dir = drive(
      { 'EXITCODE.COM': PROGRAMS.EXITCODE },
      {
        'SRC.TXT': 'source\r\n',
        MAKEFILE: dosText('all: OUT.TXT', '', 'OUT.TXT: SRC.TXT', '\techo building> LOG.TXT', '\tcopy SRC.TXT OUT.TXT', '\tEXITCODE 0', '\tif exist OUT.TXT echo made>> LOG.TXT'),
      },
    );
    copyFileSync(join(TOOLS, 'NMAKE.EXE'), join(dir, 'NMAKE.EXE'));
    const r = await runFile(dir, 'NMAKE.EXE');
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(read(dir, 'OUT.TXT')).toBe('source\r\n');
    expect(read(dir, 'LOG.TXT')).toBe('building\r\nmade\r\n');
    expect(lines(r.output)).toContain('        1 file(s) copied');
  });

  it.skipIf(!hasMasm)('a build script runs MASM 5.10 and LINK, checking each with IF ERRORLEVEL', async () => {
    const source = (body: string[]) =>
      dosText('STACK SEGMENT STACK', ' DW 64 DUP(?)', 'STACK ENDS', 'CODE SEGMENT', ' ASSUME CS:CODE,DS:CODE', 'START: PUSH CS', ' POP DS', ...body, 'CODE ENDS', ' END START');
    const good = source([' MOV DX,OFFSET MSG', ' MOV AH,9', ' INT 21h', ' MOV AX,4C00h', ' INT 21h', 'MSG DB "built by MASM",13,10,"$"']);
    const script = dosText('@ECHO OFF', 'MASM HELLO;', 'IF ERRORLEVEL 1 GOTO failed', 'LINK HELLO;', 'IF ERRORLEVEL 1 GOTO failed', 'HELLO', 'GOTO end', ':failed', 'ECHO build failed', ':end');
    const dir = drive({}, { 'HELLO.ASM': good, 'BUILD.BAT': script });
    for (const tool of ['MASM.EXE', 'LINK.EXE']) copyFileSync(join(TOOLS, tool), join(dir, tool));
    const ok = await runFile(dir, 'BUILD.BAT');
    expect(ok.reason).toBe('exit');
    expect(lines(ok.output).slice(-1)).toEqual(['built by MASM']);
    expect(existsSync(join(dir, 'HELLO.EXE'))).toBe(true);

    const bad = drive({}, { 'HELLO.ASM': source([' NOSUCHOP AX']), 'BUILD.BAT': script });
    for (const tool of ['MASM.EXE', 'LINK.EXE']) copyFileSync(join(TOOLS, tool), join(bad, tool));
    const failed = await runFile(bad, 'BUILD.BAT');
    expect(lines(failed.output).slice(-1)).toEqual(['build failed']);
    expect(failed.exitCode).toBeGreaterThan(0);
    expect(existsSync(join(bad, 'HELLO.EXE'))).toBe(false);
  });
});
