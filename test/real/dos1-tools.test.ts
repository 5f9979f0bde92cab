// MS-DOS 1.25's tools (v1.25/bin), which know only the FCB calls: DEBUG 1.25 enters bytes and
// writes a .COM (16h create, 28h random block write, 10h close), EDLIN 1.25 edits a file (0Fh open,
// 27h block read, 13h delete, 17h rename to .BAK), and IBM's LINK 1.10 and EXE2BIN 1.25 turn an
// object file (from the MASM on the MS-DOS 2.0 disk) into a .COM that runs.
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_ASM, V125, V20, addPrograms, cleanupTemps, dos, expectTinyComViaExe2bin, msdosAvailable, readBytes, readText, run, stage, warnIfAbsent } from './helpers';

afterAll(cleanupTemps);
warnIfAbsent('MS-DOS 1.25 tools suite');

/** The output's lines however CR and LF end them, blank ones dropped (see dos2-tools.test.ts). */
function screenLines(output: string): string[] {
  return output.split(/\r\n|\r|\n/).filter((l) => l.length > 0);
}


describe.skipIf(!msdosAvailable)('MS-DOS 1.25 DEBUG', () => {
  it('E enters code and text, D dumps it, N/RCX/W write the .COM through FCBs, and it runs', async () => {
    const dir = stage({ from: V125, names: ['DEBUG.COM'] });
    const script = dos('n hi.com', 'e 100 ba 09 01 b4 09 cd 21 cd 20', 'e 109 "Hi from 1.25$"', 'd 100 115', 'rcx', '16', 'w', 'q');
    const r = await run(dir, 'DEBUG.COM', [], { inputFile: script });
    const lines = screenLines(r.output);
    const seg = /^([0-9A-F]{4}):0100 /.exec(lines[4])?.[1];
    expect(seg).toBeDefined();
    expect(lines).toEqual([
      '-n hi.com',
      '-e 100 ba 09 01 b4 09 cd 21 cd 20',
      '-e 109 "Hi from 1.25$"',
      '-d 100 115',
      // DEBUG 1.25 shows bytes 80h-FFh in the text column with the top bit cleared (BAh as ':').
      `${seg}:0100  BA 09 01 B4 09 CD 21 CD-20 48 69 20 66 72 6F 6D   :..4.M!M Hi from`,
      `${seg}:0110  20 31 2E 32 35 24                                  1.25$`,
      '-rcx',
      'CX 0000',
      ':16',
      '-w',
      'Writing 0016 bytes',
      '-q',
    ]);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect([...readBytes(dir, 'HI.COM')]).toEqual([0xba, 0x09, 0x01, 0xb4, 0x09, 0xcd, 0x21, 0xcd, 0x20, ...Buffer.from('Hi from 1.25$', 'latin1')]);
    const hi = await run(dir, 'HI.COM');
    expect(hi.output).toBe('Hi from 1.25');
    expect(hi.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 1.25 EDLIN', () => {
  it('deletes a line, lists and saves; the old file becomes .BAK', async () => {
    const fruit = dos('pear', 'apple', 'fig 3', 'banana', 'cherry 1');
    const dir = stage({ from: V125, names: ['EDLIN.COM'] }, { 'LIST.TXT': fruit });
    const r = await run(dir, 'EDLIN.COM', ['LIST.TXT'], { inputFile: dos('2d', '1,4l', 'e') });
    expect(screenLines(r.output)).toEqual(['End of input file', '*2d', '*1,4l', '     1: pear', '     2:*fig 3', '     3: banana', '     4: cherry 1', '*e']);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'LIST.TXT')).toBe(dos('pear', 'fig 3', 'banana', 'cherry 1') + '\x1a');
    expect(readText(dir, 'LIST.BAK')).toBe(fruit);
  });
});

describe.skipIf(!msdosAvailable)('MASM 1.10, LINK 1.10 and EXE2BIN 1.25', () => {
  it('assemble (MS-DOS 2.0 disk), link and convert (MS-DOS 1.25 disk) a .COM that runs', async () => {
    const dir = stage({ 'MASM.EXE': `${V20}/MASM.EXE` }, { 'TINY.ASM': TINY_ASM });
    addPrograms(dir, V125, ['LINK.EXE', 'EXE2BIN.EXE']);

    const masm = await run(dir, 'MASM.EXE', ['TINY;']);
    expect(masm.output).toBe(dos('The Microsoft MACRO Assembler             ', 'Version 1.10, Copyright (C) Microsoft Inc. 1981,82', '', '', 'Warning Severe', 'Errors  Errors ', '0       0'));
    expect(masm.result).toMatchObject({ reason: 'exit', exitCode: 0 });

    // LINK 1.10 counts the missing stack segment (normal for a .COM-to-be) as an error; it still
    // writes the EXE. Each message starts with a space and a backspace.
    const link = await run(dir, 'LINK.EXE', ['TINY;']);
    expect(link.output).toBe(dos('', 'IBM Personal Computer Linker', 'Version 1.10 (C)Copyright IBM Corp 1982', '', ' \bWarning: No STACK segment', ' \b', 'There was 1 error detected.'));
    expect(link.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'TINY.EXE').slice(0, 2)).toBe('MZ');

    await expectTinyComViaExe2bin(dir);
  });

  it('MASM 1.10 writes a cross-reference file that CREF 1.00 (MS-DOS 2.0 disk) turns into a table', async () => {
    const dir = stage({ 'MASM.EXE': `${V20}/MASM.EXE`, 'CREF.EXE': `${V20}/CREF.EXE` }, { 'TINY.ASM': TINY_ASM });
    const masm = await run(dir, 'MASM.EXE', ['TINY,,,TINY;']);
    expect(masm.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const cref = await run(dir, 'CREF.EXE', ['TINY;']);
    expect(cref.output).toBe(dos('Microsoft Cross Reference', 'Version 1.00, Copyright (C) 1981,82 by Microsoft Inc.'));
    expect(cref.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // Each symbol with the source lines using it, # marking the definition: CODE on line 1, in
    // ASSUME twice (2) and at ENDS (13); MSG used on 4, defined on 9; START defined on 4, the
    // entry named by END on 14. A form feed and backspace open the page; Ctrl-Z ends the file.
    expect(readText(dir, 'TINY.REF')).toBe(
      '\r\n\x0c\x08 \r\n\r\n Symbol Cross Reference\t \t \t(# is definition)\tCref-1\r\n\r\n' +
        'CODE . . . . . . . . . . . . . .     1#     2      2     13 \r\n\r\n' +
        'MSG. . . . . . . . . . . . . . .     4      9#\r\n\r\n' +
        'START. . . . . . . . . . . . . .     4#    14 \r\n\x1a',
    );
  });

  it('MASM 1.10 and LINK 2.00 (MS-DOS 2.0 disk) build an EXE with a stack segment that runs', async () => {
    const src = dos(
      'STACK   SEGMENT STACK',
      '        DW      64 DUP(?)',
      'STACK   ENDS',
      'CODE    SEGMENT',
      '        ASSUME  CS:CODE',
      'START:  MOV     AX, CODE',
      '        MOV     DS, AX',
      '        MOV     DX, OFFSET MSG',
      '        MOV     AH, 9',
      '        INT     21H',
      '        MOV     AX, 4C01H',
      '        INT     21H',
      "MSG     DB      'two$'",
      'CODE    ENDS',
      '        END     START',
    );
    const dir = stage({ 'MASM.EXE': `${V20}/MASM.EXE`, 'LINK.EXE': `${V20}/LINK.EXE` }, { 'TWO.ASM': src });
    expect((await run(dir, 'MASM.EXE', ['TWO;'])).result.exitCode).toBe(0);
    const link = await run(dir, 'LINK.EXE', ['TWO;']);
    expect(link.output).toBe(dos('', '   Microsoft Object Linker V2.00', '(C) Copyright 1982 by Microsoft Inc.', ''));
    expect(link.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const two = await run(dir, 'TWO.EXE');
    expect(two.output).toBe('two');
    expect(two.result).toMatchObject({ reason: 'exit', exitCode: 1 });
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 1.25 BASICA', () => {
  // Regression: BASICA jumps into the cassette BASIC ROM at F600h, which a PC without it does not
  // have, and executed zeros there until the time limit; the run now ends at once, saying why.
  it('BASICA without ROM BASIC ends at once, saying why', async () => {
    const dir = stage({ from: V125, names: ['BASICA.COM'] });
    const r = await run(dir, 'BASICA.COM', [], { stdin: '' });
    expect(r.result.reason).toBe('fault');
    expect(r.result.message).toContain('ROM BASIC is not present');
    expect(r.result.instructions).toBeLessThan(5_000_000);
  });
});

