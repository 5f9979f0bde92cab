// MS-DOS 4.0's build tools on their own work: MASM 5.10 and LINK 3.65 build a program of several
// segments (a far call between two code segments), LIB 3.10 makes a library LINK then searches,
// EXE2BIN turns an EXE into a .COM, EXEPACK packs an EXE that still runs, EXEMOD shows and changes
// a header. Each program's banner, messages, exit code and the files it writes are checked.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HELLO_ASM, TINY_ASM, TOOLS, cleanupTemps, dos, exists, expectTinyComViaExe2bin, msdosAvailable, readBytes, readText, run, stage, warnIfAbsent } from './helpers';

afterAll(cleanupTemps);
warnIfAbsent('MASM/LINK/LIB/EXE2BIN/EXEPACK/EXEMOD suite');

const MASM_BANNER = dos('Microsoft (R) Macro Assembler Version 5.10 ', 'Copyright (C) Microsoft Corp 1981, 1988.  All rights reserved.', '', '');
const LINK_BANNER = dos('', 'Microsoft (R) Overlay Linker  Version 3.65   ', 'Copyright (C) Microsoft Corp 1983-1988.  All rights reserved.', '');
const LIB_BANNER = dos('', 'Microsoft (R) Library Manager  Version 3.10', 'Copyright (C) Microsoft Corp 1983-1988.  All rights reserved.', '');
const EXEMOD_BANNER = dos('', 'Microsoft (R) EXE File Header Utility  Version 4.02', 'Copyright (C) Microsoft Corp 1985-1987.  All rights reserved.', '');
const EXEPACK_BANNER = dos('Microsoft (R) EXE File Compression Utility  Version 4.06', 'Copyright (C) Microsoft Corp 1985,1986.  All rights reserved.', '', '');

/** MASM's free symbol space depends on how much memory DOS leaves it; the line's numbers are
 *  replaced by N (and checked to be there). */
function masmOutput(output: string): string {
  const free = /^ {2}\d+ \+ \d+ Bytes symbol space free\r$/m;
  expect(output).toMatch(free);
  return output.replace(/ {2}\d+ \+ \d+ Bytes/, '  N + N Bytes');
}

const MASM_CLEAN = MASM_BANNER + dos('  N + N Bytes symbol space free', '', '      0 Warning Errors', '      0 Severe  Errors');

const MAIN_ASM = dos(
  '        EXTRN   SAYHI:FAR',
  "STACK   SEGMENT PARA STACK 'STACK'",
  '        DW      64 DUP (?)',
  'STACK   ENDS',
  "CODE    SEGMENT PARA PUBLIC 'CODE'",
  '        ASSUME  CS:CODE',
  'START:  CALL    SAYHI',
  '        MOV     AX, 4C05h',
  '        INT     21h',
  'CODE    ENDS',
  '        END     START',
);

const SAYHI_ASM = dos(
  '        PUBLIC  SAYHI',
  "HICODE  SEGMENT PARA PUBLIC 'CODE'",
  '        ASSUME  CS:HICODE, DS:HICODE',
  "MSG     DB      'Hi from the library', 13, 10, '$'",
  'SAYHI   PROC    FAR',
  '        PUSH    DS',
  '        PUSH    CS',
  '        POP     DS',
  '        MOV     DX, OFFSET MSG',
  '        MOV     AH, 9',
  '        INT     21h',
  '        POP     DS',
  '        RET',
  'SAYHI   ENDP',
  'HICODE  ENDS',
  '        END',
);

// 4 KB of zeros in the load image: something for EXEPACK to squeeze.
const PACKME_ASM = dos(
  "STACK   SEGMENT PARA STACK 'STACK'",
  '        DW      128 DUP (?)',
  'STACK   ENDS',
  "DATA    SEGMENT PARA PUBLIC 'DATA'",
  "MSG     DB      'Packed and still running', 13, 10, '$'",
  'ZEROS   DB      4096 DUP (0)',
  'DATA    ENDS',
  "CODE    SEGMENT PARA PUBLIC 'CODE'",
  '        ASSUME  CS:CODE, DS:DATA, SS:STACK',
  'START:  MOV     AX, DATA',
  '        MOV     DS, AX',
  '        MOV     DX, OFFSET MSG',
  '        MOV     AH, 9',
  '        INT     21h',
  '        MOV     AX, 4C09h',
  '        INT     21h',
  'CODE    ENDS',
  '        END     START',
);

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);

describe.skipIf(!msdosAvailable)('MASM 5.10 + LINK 3.65 (MS-DOS 4.0 tools)', () => {
  it('assemble and link a stack, data and two code segments with a far call; it runs and exits with its own code', async () => {
    const dir = stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE'] }, { 'HELLO.ASM': HELLO_ASM });
    const masm = await run(dir, 'MASM.EXE', ['HELLO.ASM;']);
    expect(masmOutput(masm.output)).toBe(MASM_CLEAN);
    expect(masm.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(exists(dir, 'HELLO.OBJ')).toBe(true);

    const link = await run(dir, 'LINK.EXE', ['HELLO;']);
    expect(link.output).toBe(LINK_BANNER);
    expect(link.result).toMatchObject({ reason: 'exit', exitCode: 0 });

    // The header LINK wrote: two relocations (MOV AX,DATA and the far call), the stack segment
    // first at 0000:0100, the entry in CODE after STACK (10h paras), DATA (3) and CODE2 (1).
    const exe = readBytes(dir, 'HELLO.EXE');
    expect(exe.toString('latin1', 0, 2)).toBe('MZ');
    expect(u16(exe, 0x06)).toBe(2); // relocations
    expect([u16(exe, 0x0e), u16(exe, 0x10)]).toEqual([0x0000, 0x0100]); // SS:SP
    expect([u16(exe, 0x16), u16(exe, 0x14)]).toEqual([0x0014, 0x0000]); // CS:IP

    const hello = await run(dir, 'HELLO.EXE');
    expect(hello.output).toBe(dos('Hello from MASM 5.10', 'Far call returned'));
    expect(hello.result).toMatchObject({ reason: 'exit', exitCode: 42 });
  });

  it('LIB 3.10 builds a library that LINK searches for an external', async () => {
    const dir = stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE', 'LIB.EXE'] }, { 'MAIN.ASM': MAIN_ASM, 'SAYHI.ASM': SAYHI_ASM });
    for (const src of ['MAIN', 'SAYHI']) {
      const masm = await run(dir, 'MASM.EXE', [`${src};`]);
      expect(masm.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    }
    const lib = await run(dir, 'LIB.EXE', ['HI', '+SAYHI;']);
    expect(lib.output).toBe(LIB_BANNER);
    expect(lib.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(exists(dir, 'HI.LIB')).toBe(true);

    // The listing LIB writes for the library: the public symbol and the module holding it, at
    // offset 10h (after the library's header page) with 22h bytes: the 16h-byte text and 0Ch of code.
    const list = await run(dir, 'LIB.EXE', ['HI,HI.LST;']);
    expect(list.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'HI.LST')).toBe(
      dos('SAYHI.............SAYHI             ', '', 'SAYHI             Offset: 00000010H  Code and data size: 22H', '  SAYHI           '),
    );

    const link = await run(dir, 'LINK.EXE', ['MAIN,,,HI;']);
    expect(link.output).toBe(LINK_BANNER);
    expect(link.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'MAIN.MAP')).toContain('Program entry point at');
    const main = await run(dir, 'MAIN.EXE');
    expect(main.output).toBe(dos('Hi from the library'));
    expect(main.result).toMatchObject({ reason: 'exit', exitCode: 5 });

    // *SAYHI extracts the module: the object file as MASM wrote it.
    const original = readBytes(dir, 'SAYHI.OBJ');
    rmSync(join(dir, 'SAYHI.OBJ'));
    expect((await run(dir, 'LIB.EXE', ['HI', '*SAYHI;'])).result.exitCode).toBe(0);
    expect(readBytes(dir, 'SAYHI.OBJ').equals(original)).toBe(true);
    // -SAYHI removes it: an empty listing, the old library kept as HI.BAK.
    const removed = await run(dir, 'LIB.EXE', ['HI', '-SAYHI,EMPTY.LST;']);
    expect(removed.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'EMPTY.LST')).toBe(dos(''));
    expect(exists(dir, 'HI.BAK')).toBe(true);
  });

  it('EXE2BIN turns a one-segment EXE into a .COM that runs', async () => {
    const dir = stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE', 'EXE2BIN.EXE'] }, { 'TINY.ASM': TINY_ASM });
    expect((await run(dir, 'MASM.EXE', ['TINY;'])).result.exitCode).toBe(0);
    const link = await run(dir, 'LINK.EXE', ['TINY;']);
    // A .COM-to-be has no stack segment, and LINK says so.
    expect(link.output).toBe(LINK_BANNER + dos('LINK : warning L4021: no stack segment'));
    await expectTinyComViaExe2bin(dir);
  });

  it('EXE2BIN on a program with segment fix-ups asks for the base segment and patches it in', async () => {
    const rom = dos('CODE    SEGMENT', '        ASSUME  CS:CODE', 'START:  MOV     AX, CODE', '        MOV     BX, SEG START', '        RETF', 'CODE    ENDS', '        END     START');
    const dir = stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE', 'EXE2BIN.EXE'] }, { 'ROM.ASM': rom });
    expect((await run(dir, 'MASM.EXE', ['ROM;'])).result.exitCode).toBe(0);
    expect((await run(dir, 'LINK.EXE', ['ROM;'])).result.exitCode).toBe(0);
    // The answer is typed at the keyboard (INT 21h/0Ah: the Enter echoes as CR).
    const e2b = await run(dir, 'EXE2BIN.EXE', ['ROM.EXE', 'ROM.BIN'], { stdin: '1234\r' });
    expect(e2b.output).toBe('Fix-ups needed - base segment (hex): 1234\r\r\n');
    expect(e2b.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // MOV AX,1234h / MOV BX,1234h / RETF.
    expect([...readBytes(dir, 'ROM.BIN')]).toEqual([0xb8, 0x34, 0x12, 0xbb, 0x34, 0x12, 0xcb]);
  });

  it('EXEPACK packs an EXE; the packed one is smaller and still runs', async () => {
    const dir = stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE', 'EXEPACK.EXE'] }, { 'PACKME.ASM': PACKME_ASM });
    expect((await run(dir, 'MASM.EXE', ['PACKME;'])).result.exitCode).toBe(0);
    expect((await run(dir, 'LINK.EXE', ['PACKME;'])).result.exitCode).toBe(0);
    const pack = await run(dir, 'EXEPACK.EXE', ['PACKME.EXE', 'PACKED.EXE']);
    expect(pack.output).toBe(EXEPACK_BANNER);
    expect(pack.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const plain = readBytes(dir, 'PACKME.EXE');
    const packed = readBytes(dir, 'PACKED.EXE');
    expect(packed.toString('latin1', 0, 2)).toBe('MZ');
    expect(packed.length).toBeLessThan(plain.length - 3000);
    // The unpacker's relocation table replaces the EXE's own: the header lists none.
    expect(u16(packed, 0x06)).toBe(0);
    for (const exe of ['PACKME.EXE', 'PACKED.EXE']) {
      const r = await run(dir, exe);
      expect(r.output).toBe(dos('Packed and still running'));
      expect(r.result).toMatchObject({ reason: 'exit', exitCode: 9 });
    }
  });

  it('EXEMOD shows a header, changes the maximum allocation and stack, and the program still runs', async () => {
    const dir = stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE', 'EXEMOD.EXE'] }, { 'HELLO.ASM': HELLO_ASM });
    expect((await run(dir, 'MASM.EXE', ['HELLO;'])).result.exitCode).toBe(0);
    expect((await run(dir, 'LINK.EXE', ['HELLO;'])).result.exitCode).toBe(0);
    const size = readBytes(dir, 'HELLO.EXE').length;
    expect(size).toBe(0x355);

    // 853 bytes: a 512-byte header (LINK pads it to 20h paragraphs), then 341 bytes of image.
    const show = await run(dir, 'EXEMOD.EXE', ['HELLO.EXE']);
    expect(show.output).toBe(
      EXEMOD_BANNER +
        dos(
          'HELLO.EXE                          (hex)           (dec)',
          '',
          '.EXE size (bytes)                    355             853',
          'Minimum load size (bytes)            155             341',
          'Overlay number                         0               0',
          'Initial CS:IP                  0014:0000',
          'Initial SS:SP                  0000:0100             256',
          'Minimum allocation (para)              0               0',
          'Maximum allocation (para)           FFFF           65535',
          'Header size (para)                    20              32',
          'Relocation table offset               1E              30',
          'Relocation entries                     2               2',
        ),
    );
    expect(show.result).toMatchObject({ reason: 'exit', exitCode: 0 });

    // /STACK 200 puts SP at 200h, beyond the image's 160h: EXEMOD raises the minimum allocation
    // to the A0h bytes (Ah paragraphs) missing, and warns.
    const change = await run(dir, 'EXEMOD.EXE', ['HELLO.EXE', '/MAX', '100', '/STACK', '200']);
    expect(change.output).toBe(EXEMOD_BANNER + dos('EXEMOD : warning U4051: minimum allocation less than stack; correcting minimum'));
    expect(change.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const exe = readBytes(dir, 'HELLO.EXE');
    expect(u16(exe, 0x0a)).toBe(0x000a); // minimum allocation
    expect(u16(exe, 0x0c)).toBe(0x0100); // maximum allocation
    expect(u16(exe, 0x10)).toBe(0x0200); // SP
    expect(u16(exe, 0x0e)).toBe(0x0000); // SS unchanged

    const again = await run(dir, 'EXEMOD.EXE', ['HELLO.EXE']);
    expect(again.output).toContain(dos('Minimum load size (bytes)            1F5             501'));
    expect(again.output).toContain(dos('Initial SS:SP                  0000:0200             512'));
    expect(again.output).toContain(dos('Minimum allocation (para)              A              10'));
    expect(again.output).toContain(dos('Maximum allocation (para)            100             256'));

    const hello = await run(dir, 'HELLO.EXE');
    expect(hello.output).toBe(dos('Hello from MASM 5.10', 'Far call returned'));
    expect(hello.result).toMatchObject({ reason: 'exit', exitCode: 42 });
  });

  it('errors: MASM names each bad line and exits with 7, writing no object; LINK stops at a missing object with 2', async () => {
    const bad = dos('CODE    SEGMENT', '        ASSUME  CS:CODE', 'START:  MOV     AX, NOWHERE', '        FOO     AX', 'CODE    ENDS', '        END     START');
    const dir = stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE'] }, { 'BAD.ASM': bad });
    const masm = await run(dir, 'MASM.EXE', ['BAD;']);
    expect(masmOutput(masm.output)).toBe(
      dos('Microsoft (R) Macro Assembler Version 5.10 ', 'Copyright (C) Microsoft Corp 1981, 1988.  All rights reserved.', '') +
        dos('BAD.ASM(3): error A2009: Symbol not defined: NOWHERE', 'BAD.ASM(4): error A2105: Expected: instruction, directive, or label', '') +
        dos('  N + N Bytes symbol space free', '', '      0 Warning Errors', '      2 Severe  Errors'),
    );
    expect(masm.result).toMatchObject({ reason: 'exit', exitCode: 7 });
    expect(exists(dir, 'BAD.OBJ')).toBe(false);

    const link = await run(dir, 'LINK.EXE', ['NOPE;']);
    expect(link.output).toBe(LINK_BANNER + dos('LINK : fatal error L1093: NOPE.OBJ : object not found'));
    expect(link.result).toMatchObject({ reason: 'exit', exitCode: 2 });
    expect(exists(dir, 'NOPE.EXE')).toBe(false);
  });
});
