// The shell's internal commands through the whole machine, checked against MS-DOS 5's output
// layout and messages (MS-DOS 5 User's Guide and Reference; the DIR layout as MS-DOS 5 prints it:
// 8-character name, blank, 3-character extension, size right-aligned to column 22 or <DIR>,
// mm-dd-yy date, 12-hour time with a/p; "N file(s) N bytes" and "N bytes free" right-aligned).
import { mkdirSync, utimesSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, dosText, drive, lines, read, shell } from './helpers';

afterAll(cleanupTemps);

/** DIR's lines without the serial number line (which is a hash of the host folder). */
function withoutSerial(out: string[]): string[] {
  return out.filter((l) => !l.startsWith(' Volume Serial Number is '));
}

/** Sets a host file's modification time to a local date and time. */
function stamp(dir: string, name: string, y: number, mo: number, d: number, h: number, mi: number): void {
  const t = new Date(y, mo - 1, d, h, mi, 0);
  utimesSync(join(dir, name), t, t);
}

describe('DIR', () => {
  it('prints MS-DOS 5\'s header, file lines, totals and free space', async () => {
    const dir = drive({}, { 'MAIN.C': 'x'.repeat(1234), 'README': 'hello' });
    mkdirSync(join(dir, 'LIB'));
    stamp(dir, 'MAIN.C', 1992, 6, 1, 10, 5);
    stamp(dir, 'README', 1993, 12, 31, 0, 30);
    stamp(dir, 'LIB', 1991, 4, 9, 17, 0);
    const r = await shell(dir, 'DIR /O');
    const all = lines(r.output);
    // The serial number (INT 21h/6900h) is vdm86's per-folder hash; its form is MS-DOS 5's.
    expect(all[2]).toMatch(/^ Volume Serial Number is [0-9A-F]{4}-[0-9A-F]{4}$/);
    const out = withoutSerial(all);
    expect(out.slice(0, 8)).toEqual([
      '',
      ' Volume in drive C has no label',
      ' Directory of C:\\',
      '',
      'LIB          <DIR>     04-09-91   5:00p',
      'MAIN     C        1234 06-01-92  10:05a',
      'README               5 12-31-93  12:30a',
      '        3 file(s)       1239 bytes',
    ]);
    expect(out[8]).toMatch(/^ +\d+ bytes free$/);
    expect(out[8].length).toBe(28 + ' bytes free'.length);
    expect(out).toHaveLength(9);
  });

  it('/W lists names five to a line, directories in brackets; /B bare names; /A:D only directories', async () => {
    const dir = drive({}, { 'A.TXT': '', 'B.TXT': '', 'C.TXT': '', 'D.TXT': '', 'E.TXT': '', 'F.TXT': '' });
    mkdirSync(join(dir, 'SUB'));
    const wide = withoutSerial(lines((await shell(dir, 'DIR /W /ON')).output));
    expect(wide[4]).toBe('A.TXT           B.TXT           C.TXT           D.TXT           E.TXT');
    expect(wide[5]).toBe('F.TXT           [SUB]');
    expect(wide[6]).toBe('        7 file(s)          0 bytes');
    expect(lines((await shell(dir, 'DIR /B /O:-N *.TXT')).output)).toEqual(['F.TXT', 'E.TXT', 'D.TXT', 'C.TXT', 'B.TXT', 'A.TXT']);
    expect(lines((await shell(dir, 'DIR /B /A:D')).output)).toEqual(['SUB']);
  });

  it('/S walks subdirectories and ends with "Total files listed:"', async () => {
    const dir = drive({}, { 'TOP.TXT': 'abc', 'SUB/IN.TXT': 'abcdefg' });
    const out = withoutSerial(lines((await shell(dir, 'DIR /S *.TXT')).output));
    expect(out.filter((l) => l.startsWith(' Directory of'))).toEqual([' Directory of C:\\', ' Directory of C:\\SUB']);
    const total = out.indexOf('     Total files listed:');
    expect(total).toBeGreaterThan(0);
    expect(out[total + 1]).toBe('        2 file(s)         10 bytes');
    expect(lines((await shell(dir, 'DIR /S /B *.TXT')).output)).toEqual(['C:\\TOP.TXT', 'C:\\SUB\\IN.TXT']);
  });

  it('an empty match says "File not found" after the header', async () => {
    const dir = drive({}, {});
    expect(withoutSerial(lines((await shell(dir, 'DIR *.XYZ')).output))).toEqual(['', ' Volume in drive C has no label', ' Directory of C:\\', '', 'File not found']);
  });
});

describe('file commands', () => {
  it('COPY copies one file, concatenates with +, and refuses to copy a file onto itself', async () => {
    const dir = drive({}, { 'A.TXT': 'alpha\r\n\x1a', 'B.TXT': 'beta\r\n' });
    expect(lines((await shell(dir, 'COPY A.TXT C.TXT')).output)).toEqual(['        1 file(s) copied']);
    expect(read(dir, 'C.TXT')).toBe('alpha\r\n\x1a');
    // Concatenation is text mode: each source up to its Ctrl-Z, one Ctrl-Z at the end.
    expect(lines((await shell(dir, 'COPY A.TXT+B.TXT AB.TXT')).output)).toEqual(['A.TXT', 'B.TXT', '        1 file(s) copied']);
    expect(read(dir, 'AB.TXT')).toBe('alpha\r\nbeta\r\n\x1a');
    expect(lines((await shell(dir, 'COPY A.TXT A.TXT')).output)).toEqual(['File cannot be copied onto itself', '        0 file(s) copied']);
    // From the console, text mode: up to Ctrl-Z, which ends the file.
    expect(lines((await shell(dir, 'COPY CON TYPED.TXT', { stdin: 'typed\r\x1a\r' })).output).slice(-1)).toEqual(['        1 file(s) copied']);
    expect(read(dir, 'TYPED.TXT')).toBe('typed\r\n\x1a');
    mkdirSync(join(dir, 'OUT'));
    expect(lines((await shell(dir, 'COPY *.TXT OUT')).output).slice(-1)).toEqual(['        5 file(s) copied']);
    expect(read(dir, 'OUT/B.TXT')).toBe('beta\r\n');
  });

  it('TYPE, REN with wildcards, DEL', async () => {
    const dir = drive({}, { 'NOTE.TXT': 'line 1\r\nline 2\r\n\x1ajunk', 'X1.DAT': '1', 'X2.DAT': '2' });
    expect((await shell(dir, 'TYPE NOTE.TXT')).output).toBe('line 1\r\nline 2\r\n');
    expect(lines((await shell(dir, 'TYPE NONE.TXT')).output)).toEqual(['File not found - NONE.TXT']);
    expect((await shell(dir, 'REN X?.DAT Y?.BAK')).output).toBe('');
    expect(existsSync(join(dir, 'Y1.BAK')) && existsSync(join(dir, 'Y2.BAK'))).toBe(true);
    expect(lines((await shell(dir, 'REN NONE.TXT X.TXT')).output)).toEqual(['Duplicate file name or file not found']);
    expect((await shell(dir, 'DEL *.BAK')).output).toBe('');
    expect(existsSync(join(dir, 'Y1.BAK'))).toBe(false);
    expect(lines((await shell(dir, 'DEL *.BAK')).output)).toEqual(['File not found']);
  });

  it('MD, CD, RD and their messages; TRUENAME', async () => {
    const dir = drive({}, {});
    const r = await shell(dir, 'MD WORK');
    expect(r.output).toBe('');
    expect(lines((await shell(dir, 'MD WORK')).output)).toEqual(['Unable to create directory']);
    const dir2 = drive({}, { 'W.BAT': dosText('@ECHO OFF', 'CD WORK', 'CD', 'TRUENAME X.C', 'CD ..', 'CD NOWHERE', 'RD WORK', 'RD WORK') });
    mkdirSync(join(dir2, 'WORK'));
    expect(lines((await shell(dir2, 'W')).output)).toEqual(['C:\\WORK', 'C:\\WORK\\X.C', 'Invalid directory', 'Invalid path, not directory,', 'or directory not empty']);
    expect(existsSync(join(dir2, 'WORK'))).toBe(false);
  });
});

describe('environment and system commands', () => {
  it('SET lists, sets and removes; PATH shows and clears; a child sees the variables', async () => {
    const dir = drive({}, { 'E.BAT': dosText('@ECHO OFF', 'SET build=release', 'SET', 'SET BUILD=', 'PATH C:\\BIN;Z:\\', 'PATH', 'PATH ;', 'PATH') });
    const out = lines((await shell(dir, 'E')).output);
    expect(out).toEqual(['COMSPEC=Z:\\COMMAND.COM', 'PATH=C:\\;Z:\\', 'BUILD=release', 'PATH=C:\\BIN;Z:\\', 'No Path']);
  });

  it('/E:size bounds the environment: "Out of environment space"', async () => {
    const long = 'x'.repeat(100);
    const dir = drive({}, { 'NEST.BAT': dosText('@ECHO OFF', `SET A=${long}`, `SET B=${long}`, 'SET') });
    // COMMAND /E:160 gets 160 bytes (or what it inherits, if that is more): COMSPEC and PATH
    // (39 bytes) and A fit, B does not.
    const r = await shell(dir, 'Z:\\COMMAND.COM /E:160 /C NEST');
    expect(lines(r.output)).toEqual(['Out of environment space', 'COMSPEC=Z:\\COMMAND.COM', 'PATH=C:\\;Z:\\', `A=${long}`]);
    // The root shell keeps room to spare.
    expect(lines((await shell(dir, 'NEST')).output).slice(-2)).toEqual([`A=${long}`, `B=${long}`]);
  });

  it('VER, VOL, PROMPT codes, and EXIT ends /K', async () => {
    const dir = drive({}, {});
    expect((await shell(dir, 'VER')).output).toBe('\r\nMS-DOS Version 5.00\r\n');
    expect((await shell(dir, 'VOL')).output).toMatch(/^\r\n Volume in drive C has no label\r\n Volume Serial Number is [0-9A-F]{4}-[0-9A-F]{4}\r\n$/);
    const p = await shell(dir, 'Z:\\COMMAND.COM /K PROMPT [$N$Q$P$G]', { stdin: 'EXIT\r' });
    expect(p.output).toBe('\r\n[C=C:\\>]EXIT\r\n');
    expect(p.reason).toBe('exit');
  });

  it('CLS clears the screen through the BIOS; DATE and TIME show MS-DOS 5\'s forms', async () => {
    const dir = drive({}, { 'C.BAT': dosText('@ECHO OFF', 'ECHO junk', 'CLS', 'ECHO top') });
    const r = await shell(dir, 'C');
    expect(r.screen[0]).toBe('top');
    expect(r.screen.slice(1).every((row) => row === '')).toBe(true);
    // Enter keeps the current date and time.
    expect((await shell(dir, 'DATE', { stdin: '\r' })).output).toMatch(/^Current date is (Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d\d-\d\d-\d{4}\r\nEnter new date \(mm-dd-yy\): /);
    expect((await shell(dir, 'TIME', { stdin: '\r' })).output).toMatch(/^Current time is [ 1]\d:\d\d:\d\d\.\d\d[ap]\r\nEnter new time: /);
    expect(lines((await shell(dir, 'DATE 13-45-92', { stdin: '\r' })).output)).toEqual(['Invalid date', 'Enter new date (mm-dd-yy): ']);
  });

  it('Z: holds COMMAND.COM and cannot be written to', async () => {
    const dir = drive({}, { 'A.TXT': 'a' });
    expect(lines((await shell(dir, 'DIR /B Z:\\COMMAND.COM')).output)).toEqual(['COMMAND.COM']);
    expect(lines((await shell(dir, 'COPY A.TXT Z:\\')).output)).toEqual(['Access denied', '        0 file(s) copied']);
    expect(lines((await shell(dir, 'MD Z:\\NEW')).output)).toEqual(['Unable to create directory']);
    expect(lines((await shell(dir, 'DEL Z:\\COMMAND.COM')).output)).toEqual(['Access denied']);
  });

  it('an unknown command says "Bad command or file name"; a drive letter changes drive', async () => {
    const dir = drive({}, {});
    expect(lines((await shell(dir, 'NOSUCH')).output)).toEqual(['Bad command or file name']);
    expect(lines((await shell(dir, 'Q:')).output)).toEqual(['Invalid drive specification']);
    expect(lines((await shell(dir, 'Z:', { stdin: '' })).output)).toEqual([]);
  });
});
