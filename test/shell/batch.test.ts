// Batch files of real-world shape through vdm86's COMMAND.COM, the whole machine running them.
// Expected outputs are written from MS-DOS 5's behaviour as documented in the MS-DOS 5 User's
// Guide and Reference (batch commands chapter) and as MS-DOS 5 shows it on screen: with ECHO on
// each command is shown after a blank line and the prompt; messages are MS-DOS 5's own text.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRAMS, cleanupTemps, dosText, drive, lines, read, runFile, shell } from './helpers';

afterAll(cleanupTemps);

const SHARED_BIN = join(__dirname, '../../../shared/msdos/v2.0/bin');
const hasDos2 = existsSync(join(SHARED_BIN, 'SORT.EXE')) && existsSync(join(SHARED_BIN, 'FIND.EXE'));
if (!hasDos2) console.warn(`MS-DOS 2.0 SORT/FIND pipe test skipped: ${SHARED_BIN} is absent`);

describe('batch files', () => {
  it('a build script: IF ERRORLEVEL picks the branch with GOTO, the exit code is the last errorlevel', async () => {
    const dir = drive(
      { 'EXITCODE.COM': PROGRAMS.EXITCODE },
      {
        'BUILD.BAT': dosText(
          '@ECHO OFF',
          'REM build: compile, then report',
          'ECHO Building %1...',
          'EXITCODE %2',
          'IF ERRORLEVEL 2 GOTO fatal',
          'IF ERRORLEVEL 1 GOTO warn',
          'ECHO Build of %1 succeeded',
          'GOTO end',
          ':warn',
          'ECHO Build of %1 had warnings',
          'GOTO end',
          ':fatal',
          'ECHO Build of %1 FAILED',
          ':end',
        ),
      },
    );
    // EXITCODE prints "exit N" and ends with N (roms/tests/bios-exit.asm).
    const ok = await runFile(dir, 'BUILD.BAT', ['APP', '0']);
    expect(ok.reason).toBe('exit');
    expect(lines(ok.output)).toEqual(['Building APP...', 'exit 0', 'Build of APP succeeded']);
    expect(ok.exitCode).toBe(0);
    const warn = await runFile(dir, 'BUILD.BAT', ['APP', '1']);
    expect(lines(warn.output)).toEqual(['Building APP...', 'exit 1', 'Build of APP had warnings']);
    expect(warn.exitCode).toBe(1);
    const fatal = await runFile(dir, 'BUILD.BAT', ['LIB', '7']);
    expect(lines(fatal.output)).toEqual(['Building LIB...', 'exit 7', 'Build of LIB FAILED']);
    expect(fatal.exitCode).toBe(7);
  });

  it('with ECHO on, each command shows after a blank line and the prompt; @ hides one line', async () => {
    const dir = drive({}, { 'SHOW.BAT': dosText('ECHO hello', '@ECHO quiet', 'ECHO OFF', 'ECHO after') });
    const r = await shell(dir, 'SHOW');
    // MS-DOS 5: "\r\nC:\>ECHO hello\r\nhello\r\n" ... ECHO OFF is itself shown, later lines not.
    expect(r.output).toBe('\r\nC:\\>ECHO hello\r\nhello\r\nquiet\r\n\r\nC:\\>ECHO OFF\r\nafter\r\n');
  });

  it('ECHO with no text reports the state; ECHO. prints an empty line', async () => {
    const dir = drive({}, { 'E.BAT': dosText('@ECHO', '@ECHO OFF', 'ECHO', 'ECHO.', 'ECHO  two  spaces') });
    const r = await shell(dir, 'E.BAT');
    expect(lines(r.output)).toEqual(['ECHO is on', 'ECHO is off', '', ' two  spaces']);
  });

  it('FOR %%V IN (set) DO runs once per file a wildcard matches and once per plain word', async () => {
    const dir = drive({}, { 'A.C': 'a', 'B.C': 'b', 'X.H': 'x', 'SUB/C.C': 'c', 'F.BAT': dosText('@ECHO OFF', 'FOR %%F IN (*.C SUB\\*.C extra) DO ECHO compile %%F') });
    const r = await shell(dir, 'F');
    const out = lines(r.output);
    expect(out.slice(0, 2).sort()).toEqual(['compile A.C', 'compile B.C']);
    expect(out.slice(2)).toEqual(['compile SUB\\C.C', 'compile extra']);
  });

  it('CALL runs another batch with its own parameters and comes back; a batch without CALL does not', async () => {
    const dir = drive(
      {},
      {
        'MAIN.BAT': dosText('@ECHO OFF', 'ECHO main %1', 'CALL SUB.BAT one two', 'ECHO back in main', 'SUB three', 'ECHO never shown'),
        'SUB.BAT': dosText('ECHO sub %0 %1 %2', 'CALL LEAF %2'),
        'LEAF.BAT': dosText('ECHO leaf %1'),
      },
    );
    const r = await shell(dir, 'MAIN first');
    expect(lines(r.output)).toEqual(['main first', 'sub SUB.BAT one two', 'leaf two', 'back in main', 'sub SUB three ', 'leaf ']);
  });

  it('a SHIFT loop walks more than nine arguments', async () => {
    const dir = drive({}, { 'ARGS.BAT': dosText('@ECHO OFF', ':loop', 'IF "%1"=="" GOTO done', 'ECHO arg %1', 'SHIFT', 'GOTO loop', ':done', 'ECHO %0 finished') });
    const r = await shell(dir, 'ARGS a b c d e f g h i j k');
    expect(lines(r.output)).toEqual([...'abcdefghijk'].map((c) => `arg ${c}`).concat(['k finished']));
  });

  it('> creates, >> appends (over a closing Ctrl-Z), < feeds standard input', async () => {
    const dir = drive({ 'SORT.COM': PROGRAMS.SORT }, { 'OLD.TXT': 'first\r\n\x1a', 'LOG.BAT': dosText('@ECHO OFF', 'ECHO one> LOG.TXT', 'ECHO two>>LOG.TXT', 'ECHO three >> LOG.TXT', 'ECHO second>>OLD.TXT', 'SORT /R < LOG.TXT > SORTED.TXT') });
    const r = await shell(dir, 'LOG');
    expect(r.output).toBe('');
    expect(read(dir, 'LOG.TXT')).toBe('one\r\ntwo\r\nthree \r\n');
    expect(read(dir, 'OLD.TXT')).toBe('first\r\nsecond\r\n');
    expect(read(dir, 'SORTED.TXT')).toBe('two\r\nthree \r\none\r\n');
  });

  it('a pipe runs through temporary files in the current root, which are gone afterwards', async () => {
    const dir = drive({ 'SORT.COM': PROGRAMS.SORT }, { 'NAMES.TXT': dosText('pear', 'apple', 'fig') });
    const r = await shell(dir, 'TYPE NAMES.TXT | SORT | SORT /R');
    expect(lines(r.output)).toEqual(['pear', 'fig', 'apple']);
    const left = (await shell(dir, 'DIR /B')).output;
    expect(left).not.toContain('$$$');
  });

  it.skipIf(!hasDos2)('a pipe through MS-DOS 2.0 SORT and FIND', async () => {
    const dir = drive({}, { 'NAMES.TXT': dosText('banana', 'cherry', 'apple', 'mango', 'grape') });
    const { copyFileSync } = await import('node:fs');
    copyFileSync(join(SHARED_BIN, 'SORT.EXE'), join(dir, 'SORT.EXE'));
    copyFileSync(join(SHARED_BIN, 'FIND.EXE'), join(dir, 'FIND.EXE'));
    const r = await shell(dir, 'TYPE NAMES.TXT | SORT | FIND "an"');
    // FIND prints the matching lines of standard input, after "---------- " when given a file.
    expect(lines(r.output).filter((l) => l)).toEqual(['banana', 'mango']);
  });

  it('%VAR% expands environment variables; IF EXIST, IF NOT and string compares', async () => {
    const dir = drive(
      {},
      {
        'HERE.TXT': 'x',
        'SUB/IN.TXT': 'x',
        'V.BAT': dosText('@ECHO OFF', 'SET MODE=debug', 'ECHO mode=%MODE% unset=[%NOPE%] 100%%', 'IF EXIST HERE.TXT ECHO here', 'IF NOT EXIST GONE.TXT ECHO gone', 'IF EXIST SUB\\NUL ECHO dir', 'IF NOT EXIST NODIR\\NUL ECHO no dir', 'IF %MODE%==debug ECHO is debug', 'IF NOT "%MODE%"=="release" ECHO not release'),
      },
    );
    const r = await shell(dir, 'V');
    expect(lines(r.output)).toEqual(['mode=debug unset=[] 100%', 'here', 'gone', 'dir', 'no dir', 'is debug', 'not release']);
  });

  it('GOTO a missing label says "Label not found" and ends the batch', async () => {
    const dir = drive({}, { 'G.BAT': dosText('@ECHO OFF', 'GOTO nowhere', 'ECHO not reached') });
    expect(lines((await shell(dir, 'G')).output)).toEqual(['Label not found']);
  });

  it('Ctrl-C in a program run by a batch asks "Terminate batch job (Y/N)?"', async () => {
    const dir = drive({ 'CONTEST.COM': 'roms/tests/dos-core-con.com' }, { 'C.BAT': dosText('@ECHO OFF', 'CONTEST C', 'ECHO after') });
    const yes = await shell(dir, 'C', { stdin: '\x03Y' });
    expect(yes.output).toContain('^C');
    expect(yes.output).toContain('Terminate batch job (Y/N)? Y\r\n');
    expect(yes.output).not.toContain('after');
    const no = await shell(dir, 'C', { stdin: '\x03N' });
    expect(no.output).toContain('Terminate batch job (Y/N)? N\r\nafter\r\n');
  });

  it('Ctrl-C while the shell itself waits (PAUSE) asks at once; at the prompt it gives a new prompt', async () => {
    const dir = drive({}, { 'P.BAT': dosText('@ECHO OFF', 'ECHO before', 'PAUSE', 'ECHO after') });
    const r = await shell(dir, 'P', { stdin: '\x03Y' });
    expect(r.output).toBe('before\r\nPress any key to continue . . .^C\r\n\r\nTerminate batch job (Y/N)? Y\r\n');
    const prompt = await shell(dir, 'Z:\\COMMAND.COM /K', { stdin: 'ECH\x03ECHO ok\rEXIT\r' });
    expect(prompt.output).toBe('\r\nC:\\>ECH^C\r\n\r\nC:\\>ECHO ok\r\nok\r\n\r\nC:\\>EXIT\r\n');
  });
});
