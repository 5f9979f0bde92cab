// NMAKE 1.00.05 (MS-DOS 4.0's tools) runs a makefile whose commands are CL 5.10, MASM 5.10 and
// LINK 3.65: a C main calling an assembler function. Programs NMAKE starts itself with EXEC; a
// command built into the shell needs COMMAND.COM, and NMAKE runs it through COMSPEC (here MS-DOS
// 2.0's COMMAND.COM, copied onto the drive).
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOOLS, V20, cleanupTemps, dos, exists, msdosAvailable, readText, run, stage, warnIfAbsent } from './helpers';

afterAll(cleanupTemps);
warnIfAbsent('NMAKE suite');

const MAIN_C = dos('#include <stdio.h>', 'int addtwo(int a, int b);', 'int main(void)', '{', '    printf("2 + 3 = %d\\n", addtwo(2, 3));', '    return 0;', '}');

const ADD_ASM = dos(
  '        .MODEL  SMALL',
  '        .CODE',
  '        PUBLIC  _addtwo',
  '_addtwo PROC',
  '        PUSH    BP',
  '        MOV     BP, SP',
  '        MOV     AX, [BP+4]',
  '        ADD     AX, [BP+6]',
  '        POP     BP',
  '        RET',
  '_addtwo ENDP',
  '        END',
);

const BUILD_RULES = ['MAIN.EXE: MAIN.OBJ ADD.OBJ', '\tLINK MAIN ADD;', '', 'MAIN.OBJ: MAIN.C', '\tCL /c /AS MAIN.C', '', 'ADD.OBJ: ADD.ASM', '\tMASM ADD;'];

const NMAKE_BANNER = dos(
  '',
  'Microsoft (R) Program Maintenance Utility   Version 1.00.05',
  'Copyright (c) Microsoft Corp 1987, 1988. All rights reserved.',
  '',
  // No TOOLS.INI in the current directory or on INIT: NMAKE says so and goes on.
  'NMAKE : warning U4013: tools initialization file not found',
);

/** NMAKE echoes each command (indented 8 spaces) before it runs it; then the tool's own output. */
const BUILD_OUTPUT =
  NMAKE_BANNER +
  dos('        CL /c /AS MAIN.C', 'Microsoft (R) C Optimizing Compiler Version 5.10', 'Copyright (c) Microsoft Corp 1984, 1985, 1986, 1987, 1988. All rights reserved.', '', 'MAIN.C') +
  dos('        MASM ADD;', 'Microsoft (R) Macro Assembler Version 5.10 ', 'Copyright (C) Microsoft Corp 1981, 1988.  All rights reserved.', '', '') +
  dos('  N + N Bytes symbol space free', '', '      0 Warning Errors', '      0 Severe  Errors') +
  dos('        LINK MAIN ADD;', '', 'Microsoft (R) Overlay Linker  Version 3.65   ', 'Copyright (C) Microsoft Corp 1983-1988.  All rights reserved.', '');

/** MASM's free symbol space depends on the memory left to it: its numbers become N. */
function normalized(output: string): string {
  return output.replace(/ {2}\d+ \+ \d+ Bytes symbol space free/, '  N + N Bytes symbol space free');
}

function buildDrive(makefile: string[]): string {
  const names = ['NMAKE.EXE', 'CL.EXE', 'CL.ERR', 'C1.EXE', 'C1.ERR', 'C2.EXE', 'C3.EXE', 'C23.ERR', 'MASM.EXE', 'LINK.EXE'];
  const programs: Record<string, string> = { INC: `${TOOLS}/BLD/INC`, 'LIB/SLIBCE.LIB': `${TOOLS}/BLD/LIB/SLIBCE.LIB`, 'COMMAND.COM': `${V20}/COMMAND.COM` };
  for (const n of names) programs[n] = `${TOOLS}/${n}`;
  return stage(programs, { 'MAIN.C': MAIN_C, 'ADD.ASM': ADD_ASM, MAKEFILE: dos(...makefile) });
}

const ENV = { INCLUDE: 'C:\\INC', LIB: 'C:\\LIB', PATH: 'C:\\' };

describe.skipIf(!msdosAvailable)('NMAKE 1.00.05 with CL, MASM and LINK', () => {
  it('without a shell: NMAKE EXECs CL (and its passes), MASM and LINK in dependency order', async () => {
    const dir = buildDrive(BUILD_RULES);
    const make = await run(dir, 'NMAKE.EXE', [], { env: ENV });
    expect(normalized(make.output)).toBe(BUILD_OUTPUT);
    expect(make.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(make.started.map((n) => n.toUpperCase())).toEqual(['NMAKE', 'CL', 'C1', 'C2', 'C3', 'MASM', 'LINK']);

    const main = await run(dir, 'MAIN.EXE');
    expect(main.output).toBe(dos('2 + 3 = 5'));
    expect(main.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  it('with COMMAND.COM 2.0 as COMSPEC: a built-in command (TYPE, with a redirection) runs through the shell', async () => {
    const dir = buildDrive(['ALL: MAIN.EXE', '\tTYPE ADD.ASM > LISTING.TXT', '', ...BUILD_RULES]);
    const make = await run(dir, 'NMAKE.EXE', [], { env: { ...ENV, COMSPEC: 'C:\\COMMAND.COM' } });
    // COMMAND.COM 2.0 /C puts out a new line of its own on the console before it runs the command
    // (whose output goes to the file).
    expect(normalized(make.output)).toBe(BUILD_OUTPUT + dos('        TYPE ADD.ASM > LISTING.TXT', ''));
    expect(make.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // TYPE is inside COMMAND.COM: NMAKE started the shell for it.
    expect(make.started.map((n) => n.toUpperCase())).toEqual(['NMAKE', 'CL', 'C1', 'C2', 'C3', 'MASM', 'LINK', 'COMMAND']);
    expect(exists(dir, 'MAIN.EXE')).toBe(true);
    // COMMAND.COM did the redirection: the text is in the file, not on the console.
    expect(readText(dir, 'LISTING.TXT')).toBe(ADD_ASM);
  });

  it('inference rules and macros; a second run is up to date; a newer ADD.ASM rebuilds only ADD.OBJ and MAIN.EXE', async () => {
    const dir = buildDrive(['OBJS = MAIN.OBJ ADD.OBJ', '', '.c.obj:', '\tCL /c /AS $*.c', '', '.asm.obj:', '\tMASM $*;', '', 'MAIN.EXE: $(OBJS)', '\tLINK $(OBJS: =+),$@;']);
    const first = await run(dir, 'NMAKE.EXE', [], { env: ENV });
    expect(first.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // $* is the target's base name, $@ the target, $(OBJS: =+) the list with + for spaces.
    const commands = (out: string) => out.split('\r\n').filter((l) => l.startsWith('        ') && /^ {8}[A-Z]/.test(l)).map((l) => l.trim());
    expect(commands(first.output)).toEqual(['CL /c /AS MAIN.c', 'MASM ADD;', 'LINK MAIN.OBJ+ADD.OBJ,MAIN.EXE;']);
    expect((await run(dir, 'MAIN.EXE')).output).toBe(dos('2 + 3 = 5'));

    const again = await run(dir, 'NMAKE.EXE', [], { env: ENV });
    expect(again.output).toBe(NMAKE_BANNER + dos("'MAIN.EXE' is up-to-date."));
    expect(again.result).toMatchObject({ reason: 'exit', exitCode: 0 });

    // Everything a minute old but ADD.ASM, which is newer than its object (DOS file times have
    // 2-second steps): MASM's new ADD.OBJ is then newer than MAIN.EXE too.
    const ago = (s: number) => new Date(Date.now() - s * 1000);
    for (const f of ['MAIN.C', 'MAIN.OBJ', 'ADD.OBJ', 'MAIN.EXE']) utimesSync(join(dir, f), ago(120), ago(120));
    utimesSync(join(dir, 'ADD.ASM'), ago(60), ago(60));
    const rebuild = await run(dir, 'NMAKE.EXE', [], { env: ENV });
    expect(commands(rebuild.output)).toEqual(['MASM ADD;', 'LINK MAIN.OBJ+ADD.OBJ,MAIN.EXE;']);
    expect(rebuild.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });
});
