// Microsoft C 5.10 (MS-DOS 4.0's tools): CL drives the compiler passes (C1 or C1L, C2, C3) and
// LINK 3.65 with the C library, in the small and the large memory model. The program uses printf,
// malloc (the near heap of the small model runs out where the far heap of the large one does not),
// file I/O through stdio and floating point (the 8087 emulator library: no coprocessor here).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MSC510, TOOLS, V20, addPrograms, cleanupTemps, dos, exists, msdosAvailable, readText, run, stage, warnIfAbsent } from './helpers';

afterAll(cleanupTemps);
warnIfAbsent('Microsoft C 5.10 suite');

const PROGRAM_C = dos(
  '#include <stdio.h>',
  '#include <stdlib.h>',
  '#include <string.h>',
  '#include <math.h>',
  '',
  'int main(void)',
  '{',
  '    FILE *f;',
  '    char *p;',
  '    char *blocks[8];',
  '    char line[64];',
  '    double x = 1.5;',
  '    int i, n, sum;',
  '',
  '    p = malloc(100);',
  '    if (p == NULL) return 2;',
  '    strcpy(p, "heap");',
  '    printf("hello %s %d\\n", p, 42);',
  '    free(p);',
  '',
  '    for (n = 0; n < 8; n++) {',
  '        blocks[n] = malloc(16000);',
  '        if (blocks[n] == NULL) break;',
  '        memset(blocks[n], n + 1, 16000);',
  '    }',
  '    sum = 0;',
  '    for (i = 0; i < n; i++) sum += blocks[i][15999];',
  '    printf("blocks %d sum %d\\n", n, sum);',
  '',
  '    f = fopen("SQUARES.TXT", "w");',
  '    if (f == NULL) return 3;',
  '    for (i = 1; i <= 3; i++) fprintf(f, "line %d\\n", i * i);',
  '    fclose(f);',
  '    f = fopen("SQUARES.TXT", "r");',
  '    while (fgets(line, sizeof line, f) != NULL) printf("read: %s", line);',
  '    fclose(f);',
  '',
  '    printf("%.3f %g %.6f %e\\n", x * x / 3.0, x + 0.25, sqrt(2.0), 12345.678);',
  '    return 7;',
  '}',
);

// The C library's view of DOS: argv, the environment, qsort and sprintf, low-level and stdio file
// I/O with seeks, directories, intdos, spawnl (EXEC of itself as a child), system() (COMMAND.COM
// from COMSPEC) and stdin read to its end.
const RUNTIME_C = dos(
  '#include <stdio.h>',
  '#include <stdlib.h>',
  '#include <string.h>',
  '#include <process.h>',
  '#include <io.h>',
  '#include <fcntl.h>',
  '#include <sys/types.h>',
  '#include <sys/stat.h>',
  '#include <direct.h>',
  '#include <dos.h>',
  '',
  'static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }',
  '',
  'int main(int argc, char **argv)',
  '{',
  '    static char *words[] = { "pear", "apple", "fig", "banana" };',
  '    char buf[128], cwd[80];',
  '    int i, fd, n, rc;',
  '    long pos;',
  '    FILE *f;',
  '    union REGS r;',
  '',
  '    printf("argc=%d argv1=%s\\n", argc, argc > 1 ? argv[1] : "-");',
  '    printf("FOO=%s\\n", getenv("FOO") ? getenv("FOO") : "(none)");',
  '    qsort(words, 4, sizeof(char *), cmp);',
  '    for (i = 0; i < 4; i++) printf("%s%c", words[i], i < 3 ? \' \' : \'\\n\');',
  '    sprintf(buf, "%5d|%-5s|%x|%lu", 42, "ab", 255, 123456789UL);',
  '    printf("%s\\n", buf);',
  '',
  '    fd = open("BIN.DAT", O_CREAT | O_TRUNC | O_WRONLY | O_BINARY, S_IREAD | S_IWRITE);',
  '    for (i = 0; i < 10; i++) write(fd, "0123456789", 10);',
  '    close(fd);',
  '    f = fopen("BIN.DAT", "rb");',
  '    fseek(f, 57L, SEEK_SET);',
  '    n = fread(buf, 1, 5, f);',
  '    buf[n] = 0;',
  '    pos = ftell(f);',
  '    fseek(f, 0L, SEEK_END);',
  '    printf("read %s at 57, pos %ld, size %ld\\n", buf, pos, ftell(f));',
  '    fclose(f);',
  '',
  '    mkdir("NEWDIR");',
  '    chdir("NEWDIR");',
  '    getcwd(cwd, sizeof cwd);',
  '    printf("cwd %s\\n", cwd);',
  '    chdir("..");',
  '    rmdir("NEWDIR");',
  '',
  '    r.h.ah = 0x30;',
  '    intdos(&r, &r);',
  '    printf("dos %d.%02d\\n", r.h.al, r.h.ah);',
  '',
  '    if (argc > 1 && strcmp(argv[1], "child") == 0) return 9;',
  '    rc = spawnl(P_WAIT, "RUNTIME.EXE", "RUNTIME.EXE", "child", NULL);',
  '    printf("child returned %d\\n", rc);',
  '    rc = system("ECHO from the shell");',
  '    printf("system returned %d\\n", rc);',
  '    while (fgets(buf, sizeof buf, stdin)) printf("in: %s", buf);',
  '    return 0;',
  '}',
);

// A program whose two functions LINK puts in overlays sharing one area: calling them in turn makes
// the overlay manager read each back from the EXE file every time.
const OVL_MAIN_C = dos(
  '#include <stdio.h>',
  'int one(int);',
  'int two(int);',
  'int main(void)',
  '{',
  '    int i, s = 0;',
  '    for (i = 0; i < 3; i++) {',
  '        s += one(i);',
  '        s += two(i);',
  '    }',
  '    printf("sum %d\\n", s);',
  '    return s;',
  '}',
);
const OVL_ONE_C = dos('#include <stdio.h>', 'int one(int x)', '{', '    printf("one(%d) from overlay 1\\n", x);', '    return x + 1;', '}');
const OVL_TWO_C = dos('#include <stdio.h>', 'int two(int x)', '{', '    printf("two(%d) from overlay 2\\n", x);', '    return x * 10;', '}');

// 32-bit arithmetic (the compiler's long helpers), a returned struct, setjmp/longjmp out of deep
// recursion and the math library on the 8087 emulator.
const MATH_C = dos(
  '#include <stdio.h>',
  '#include <stdlib.h>',
  '#include <math.h>',
  '#include <setjmp.h>',
  '#include <string.h>',
  '',
  'struct big { long a[8]; char s[16]; };',
  'static jmp_buf jb;',
  '',
  'static struct big make(long k) { struct big b; int i; for (i = 0; i < 8; i++) b.a[i] = k * (i + 1) * 100000L; strcpy(b.s, "struct"); return b; }',
  'static void deep(int n) { if (n == 0) longjmp(jb, 17); deep(n - 1); }',
  '',
  'int main(void)',
  '{',
  '    long l = 1234567890L, q;',
  '    unsigned long u = 0xEE6B2800UL;',
  '    struct big b;',
  '    int r;',
  '    double x;',
  '',
  '    printf("%ld %ld %ld %ld\\n", l / 37, l % 37, -l / 37, -l % 37);',
  '    printf("%lu %lu %lx\\n", u / 3, u >> 7, u);',
  '    q = l * 3L;',
  '    printf("%ld\\n", q);',
  '    b = make(3);',
  '    printf("%ld %ld %s\\n", b.a[0], b.a[7], b.s);',
  '    r = setjmp(jb);',
  '    if (r == 0) deep(50);',
  '    printf("longjmp %d\\n", r);',
  '    printf("%.6f %.6f %.6f\\n", sin(1.0), cos(1.0), atan(1.0) * 4);',
  '    printf("%.6f %.6f %.6f\\n", exp(1.0), log(10.0), pow(2.0, 0.5));',
  '    printf("%.6f %.6f\\n", atof("123.456e-2"), strtod("-0.125", NULL));',
  '    x = 1.0; for (r = 0; r < 20; r++) x *= 3.0;',
  '    printf("%.1f %.4e\\n", x, 1.0 / 3.0);',
  '    printf("%d %d\\n", (int)floor(-2.5), (int)ceil(-2.5));',
  '    printf("%.3f %.3f\\n", fmod(10.0, 3.0), sqrt(1e10));',
  '    return 0;',
  '}',
);

const CL_BANNER = dos('Microsoft (R) C Optimizing Compiler Version 5.10', 'Copyright (c) Microsoft Corp 1984, 1985, 1986, 1987, 1988. All rights reserved.', '');
const LINK_BANNER = dos('', 'Microsoft (R) Overlay Linker  Version 3.65   ', 'Copyright (C) Microsoft Corp 1983-1988.  All rights reserved.', '');

/** CL's output: the banner, the source name, then LINK's banner and the answers CL gives its
 *  prompts (LINK echoes them). */
function clOutput(exe: string): string {
  return (
    CL_BANNER +
    dos('PROGRAM.C') +
    LINK_BANNER +
    dos('Object Modules [.OBJ]: PROGRAM.OBJ ', `Run File [PROGRAM.EXE]: ${exe} /NOI`, 'List File [NUL.MAP]: NUL', 'Libraries [.LIB]: ')
  );
}

/** What the program prints in a model where `blocks` of the 16000-byte allocations succeed. */
function programOutput(blocks: number): string {
  let sum = 0;
  for (let i = 1; i <= blocks; i++) sum += i;
  return dos(
    'hello heap 42',
    `blocks ${blocks} sum ${sum}`,
    'read: line 1',
    'read: line 4',
    'read: line 9',
    // 2.25 / 3; 1.75; the square root of 2; MS C prints three exponent digits.
    '0.750 1.75 1.414214 1.234568e+004',
  );
}

function compilerDrive(): string {
  return stage(MSC510, {
    'PROGRAM.C': PROGRAM_C,
    'RUNTIME.C': RUNTIME_C,
    'MAIN.C': OVL_MAIN_C,
    'OV1.C': OVL_ONE_C,
    'OV2.C': OVL_TWO_C,
    'MATH.C': MATH_C,
  });
}

function putBad(dir: string): void {
  writeFileSync(join(dir, 'BAD.C'), dos('int main(void)', '{', '    int a[] = { 1, 2 };', '    return a[0];', '}'));
}

const ENV = { INCLUDE: 'C:\\INC', LIB: 'C:\\LIB', PATH: 'C:\\' };

describe.skipIf(!msdosAvailable)('Microsoft C 5.10: CL, C1/C1L, C2, C3 and LINK', () => {
  it('small model (/AS): compiles, links with SLIBCE, and the program prints the right results', async () => {
    const dir = compilerDrive();
    const cl = await run(dir, 'CL.EXE', ['/AS', 'PROGRAM.C'], { env: ENV });
    expect(cl.output).toBe(clOutput('PROGRAM.EXE'));
    expect(cl.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // CL EXECs its passes by lower-case names (c2, c3, link): compared without case.
    expect(cl.started.map((n) => n.toUpperCase())).toEqual(['CL', 'C1', 'C2', 'C3', 'LINK']);

    // The near heap shares DGROUP's 64 KB with the data and stack: three 16000-byte blocks fit.
    const prog = await run(dir, 'PROGRAM.EXE');
    expect(prog.output).toBe(programOutput(3));
    expect(prog.result).toMatchObject({ reason: 'exit', exitCode: 7 });
    // stdio's text mode writes CR LF for each \n.
    expect(readText(dir, 'SQUARES.TXT')).toBe(dos('line 1', 'line 4', 'line 9'));
  });

  it('large model (/AL) through C1L (/B1): links with LLIBCE; the far heap gives all eight blocks', async () => {
    const dir = compilerDrive();
    const cl = await run(dir, 'CL.EXE', ['/AL', '/B1', 'C1L.EXE', '/FeLARGE.EXE', 'PROGRAM.C'], { env: ENV });
    expect(cl.output).toBe(clOutput('LARGE.EXE'));
    expect(cl.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(cl.started.map((n) => n.toUpperCase())).toEqual(['CL', 'C1L', 'C2', 'C3', 'LINK']);

    const prog = await run(dir, 'LARGE.EXE');
    expect(prog.output).toBe(programOutput(8));
    expect(prog.result).toMatchObject({ reason: 'exit', exitCode: 7 });
    expect(readText(dir, 'SQUARES.TXT')).toBe(dos('line 1', 'line 4', 'line 9'));
  });

  it('the runtime on DOS: argv, getenv, qsort, files and seeks, directories, intdos, spawnl, system() and stdin', async () => {
    const dir = compilerDrive();
    addPrograms(dir, V20, ['COMMAND.COM']);
    const cl = await run(dir, 'CL.EXE', ['/AS', 'RUNTIME.C'], { env: ENV });
    expect(cl.result).toMatchObject({ reason: 'exit', exitCode: 0 });

    const prog = await run(dir, 'RUNTIME.EXE', ['hello'], {
      env: { FOO: 'bar', COMSPEC: 'C:\\COMMAND.COM' },
      inputFile: dos('line one', 'line two'),
    });
    const common = (arg: string) =>
      dos(
        `argc=2 argv1=${arg}`,
        'FOO=bar',
        'apple banana fig pear',
        '   42|ab   |ff|123456789',
        // "0123456789" ten times: bytes 57-61 are 7, 8, 9, 0, 1.
        'read 78901 at 57, pos 62, size 100',
        'cwd C:\\NEWDIR',
        // vdm86 reports DOS 5.00.
        'dos 5.00',
      );
    expect(prog.output).toBe(
      common('hello') +
        // The child (the same program, spawned) prints its part and returns 9.
        common('child') +
        dos('child returned 9') +
        // COMMAND.COM 2.0 /C: a new line of its own, then ECHO's text.
        dos('', 'from the shell', 'system returned 0', 'in: line one', 'in: line two'),
    );
    expect(prog.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(prog.started.map((n) => n.toUpperCase())).toEqual(['RUNTIME', 'RUNTIME', 'COMMAND']);
    expect(readText(dir, 'BIN.DAT')).toBe('0123456789'.repeat(10));
    expect(exists(dir, 'NEWDIR')).toBe(false);
  });

  it('overlays: LINK 3.65 puts two modules in one overlay area; the program reloads each from its EXE as it calls them', async () => {
    const dir = compilerDrive();
    const cl = await run(dir, 'CL.EXE', ['/AL', '/c', 'MAIN.C', 'OV1.C', 'OV2.C'], { env: ENV });
    expect(cl.output).toBe(CL_BANNER + dos('MAIN.C', 'OV1.C', 'OV2.C'));
    expect(cl.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const link = await run(dir, 'LINK.EXE', ['MAIN+(OV1)+(OV2),MAIN.EXE,MAIN.MAP,LIB\\LLIBCE.LIB;']);
    expect(link.output).toBe(LINK_BANNER);
    expect(link.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // Both overlays at the same address, after the resident part.
    const map = readText(dir, 'MAIN.MAP');
    const area = /^ (\w{5})H \w{5}H 00000H OVERLAY_AREA/m.exec(map)?.[1];
    expect(area).toBeDefined();
    expect(map).toMatch(new RegExp(`Overlay 1H\\r\\n ${area}H \\w{5}H \\w{5}H OV1_TEXT`));
    expect(map).toMatch(new RegExp(`Overlay 2H\\r\\n ${area}H \\w{5}H \\w{5}H OV2_TEXT`));

    const prog = await run(dir, 'MAIN.EXE');
    const calls: string[] = [];
    for (let i = 0; i < 3; i++) calls.push(`one(${i}) from overlay 1`, `two(${i}) from overlay 2`);
    // (1 + 2 + 3) + (0 + 10 + 20)
    expect(prog.output).toBe(dos(...calls, 'sum 36'));
    expect(prog.result).toMatchObject({ reason: 'exit', exitCode: 36 });
  });

  it('CL /Fa writes assembler source that MASM 5.10 /E (8087 emulator fixups) assembles back into the same program', async () => {
    const dir = compilerDrive();
    addPrograms(dir, TOOLS, ['MASM.EXE']);
    const cl = await run(dir, 'CL.EXE', ['/AS', '/Ox', '/c', '/FaPROGA.ASM', 'PROGRAM.C'], { env: ENV });
    expect(cl.output).toBe(CL_BANNER + dos('PROGRAM.C'));
    expect(cl.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const asm = readText(dir, 'PROGA.ASM');
    expect(asm).toContain('\tTITLE   PROGRAM.C\r\n');
    expect(asm).toContain('_main\tPROC NEAR');

    const masm = await run(dir, 'MASM.EXE', ['/E', 'PROGA;']);
    expect(masm.output).toMatch(/ {6}0 Warning Errors\r\n {6}0 Severe {2}Errors\r\n$/);
    expect(masm.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const link = await run(dir, 'LINK.EXE', ['PROGA,,NUL,LIB\\SLIBCE;']);
    expect(link.output).toBe(LINK_BANNER);
    const prog = await run(dir, 'PROGA.EXE');
    expect(prog.output).toBe(programOutput(3));
    expect(prog.result).toMatchObject({ reason: 'exit', exitCode: 7 });
  });

  it('long arithmetic, a returned struct, setjmp/longjmp and the math library (/Ox)', async () => {
    const dir = compilerDrive();
    const cl = await run(dir, 'CL.EXE', ['/AS', '/Ox', 'MATH.C'], { env: ENV });
    expect(cl.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const prog = await run(dir, 'MATH.EXE');
    expect(prog.output).toBe(
      dos(
        // 1234567890 = 37 * 33366699 + 27; C truncates toward zero.
        '33366699 27 -33366699 -27',
        '1333333333 31250000 ee6b2800',
        // 3703703670 wraps to a negative long.
        '-591263626',
        '300000 2400000 struct',
        'longjmp 17',
        '0.841471 0.540302 3.141593',
        '2.718282 2.302585 1.414214',
        '1.234560 -0.125000',
        // 3^20, and MS C's three-digit exponent.
        '3486784401.0 3.3333e-001',
        '-3 -2',
        '1.000 100000.000',
      ),
    );
    expect(prog.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  it('a compile error: CL reports it with the line and exits with 2, linking nothing', async () => {
    const dir = compilerDrive();
    putBad(dir);
    const cl = await run(dir, 'CL.EXE', ['/AS', 'BAD.C'], { env: ENV });
    // C 5.10 cannot initialize an automatic array.
    expect(cl.output).toBe(CL_BANNER + dos('BAD.C', "BAD.C(3) : error C2073: 'a' : cannot initialize array in function"));
    expect(cl.result).toMatchObject({ reason: 'exit', exitCode: 2 });
    expect(cl.started.map((n) => n.toUpperCase())).toEqual(['CL', 'C1']);
    expect(exists(dir, 'BAD.OBJ')).toBe(false);
    expect(exists(dir, 'BAD.EXE')).toBe(false);
  });
});
