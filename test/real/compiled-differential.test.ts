// The compiled tier against the interpreter on Microsoft's own programs (issue 11: "differential
// tests run the same programs ... the real programs in ../shared/msdos ... on the interpreter and
// on the compiled tier and compare"): each scenario runs twice on fresh drives, once interpreted
// and once with the tier, and everything a user could see must be the same: each program's
// console output, handle-1 output, exit code and reason, screen, and every file left on the
// drive, byte for byte. (Not the instruction counts: the BIOS timer ticks with the host clock, so
// two interpreted runs differ there too; test/cpu/compiled-tier.test.ts compares counts where
// nothing else runs.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cpu } from '../../src/cpu/cpu';
import { MSC510, TOOLS, V20, cleanupTemps, dos, msdosAvailable, run, stage, warnIfAbsent } from './helpers';

afterAll(cleanupTemps);
warnIfAbsent('Compiled-tier differential suite');

/** A C program with loops, calls through pointers, recursion, qsort, long arithmetic, stdio
 *  files and printf: branchy code of the kind the tier compiles into many blocks. */
const WORK_C = dos(
  '#include <stdio.h>',
  '#include <stdlib.h>',
  '#include <string.h>',
  'static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }',
  'static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }',
  'static char flags[2001];',
  'int main(void)',
  '{',
  '    int i, j, count = 0, v[300];',
  '    long sum = 0;',
  '    FILE *f;',
  '    for (i = 2; i <= 2000; i++) flags[i] = 1;',
  '    for (i = 2; i <= 2000; i++) if (flags[i]) { count++; for (j = i + i; j <= 2000; j += i) flags[j] = 0; }',
  '    for (i = 0; i < 300; i++) v[i] = (int)((i * 7919L) % 1009);',
  '    qsort(v, 300, sizeof(int), cmp);',
  '    for (i = 0; i < 300; i++) sum += (long)v[i] * (i + 1);',
  '    f = fopen("OUT.TXT", "w");',
  '    for (i = 0; i < 20; i++) fprintf(f, "%d %d\\n", i, v[i * 15]);',
  '    fclose(f);',
  '    printf("primes %d sum %ld fib %d first %d last %d\\n", count, sum, fib(18), v[0], v[299]);',
  '    return count & 0x7f;',
  '}',
);

// Two segments, a far call, and 4 KB of zeros for EXEPACK to squeeze (its unpacker moves the
// program and itself in memory before jumping to it).
const PACKME_ASM = dos(
  "STACK   SEGMENT PARA STACK 'STACK'",
  '        DW      128 DUP (?)',
  'STACK   ENDS',
  "DATA    SEGMENT PARA PUBLIC 'DATA'",
  "MSG     DB      'Packed, unpacked and counted: '",
  'DIGITS  DB      5 DUP (0), 13, 10, 36',
  'ZEROS   DB      4096 DUP (0)',
  'DATA    ENDS',
  "CODE2   SEGMENT PARA PUBLIC 'CODE'",
  '        ASSUME  CS:CODE2',
  'COUNT   PROC    FAR',
  '        XOR     AX, AX',
  '        MOV     CX, 5000',
  'AGAIN:  ADD     AX, CX',
  '        LOOP    AGAIN',
  '        RET',
  'COUNT   ENDP',
  'CODE2   ENDS',
  "CODE    SEGMENT PARA PUBLIC 'CODE'",
  '        ASSUME  CS:CODE, DS:DATA, SS:STACK',
  'START:  MOV     AX, DATA',
  '        MOV     DS, AX',
  '        CALL    FAR PTR COUNT',
  '        MOV     BX, OFFSET DIGITS + 4',
  '        MOV     CX, 10',
  'DIGIT:  XOR     DX, DX',
  '        DIV     CX',
  "        ADD     DL, '0'",
  '        MOV     [BX], DL',
  '        DEC     BX',
  '        CMP     BX, OFFSET DIGITS',
  '        JAE     DIGIT',
  '        MOV     DX, OFFSET MSG',
  '        MOV     AH, 9',
  '        INT     21h',
  '        MOV     AX, 4C05h',
  '        INT     21h',
  'CODE    ENDS',
  '        END     START',
);

interface Step {
  prog: string;
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
}

/** What a user sees of one run of `steps` on a drive staged by `make`. */
async function observe(make: () => string, steps: Step[], compiledTier: boolean) {
  const dir = make();
  const runs = [];
  let compiled = 0;
  for (const s of steps) {
    let cpu: Cpu | null = null;
    const r = await run(dir, s.prog, s.args ?? [], {
      compiledTier,
      env: s.env,
      stdoutFile: true,
      onMachine: ({ machine }) => {
        cpu = machine.cpu;
      },
      ...(s.stdin !== undefined ? { stdin: s.stdin } : {}),
    });
    compiled += (cpu as Cpu | null)?.compiledTier?.compiled ?? 0;
    const { exitCode, reason, message, output, screen } = r.result;
    runs.push({ prog: s.prog, exitCode, reason, message, output, stdout: r.stdout, screen });
  }
  return { runs, files: driveFiles(dir), compiled };
}

/** Every file under dir: path -> contents. */
function driveFiles(dir: string, under = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of readdirSync(join(dir, under)).sort()) {
    const rel = under ? `${under}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) Object.assign(out, driveFiles(dir, rel));
    else out[rel] = readFileSync(join(dir, rel));
  }
  return out;
}

async function expectSame(make: () => string, steps: Step[]) {
  const interpreted = await observe(make, steps, false);
  const compiled = await observe(make, steps, true);
  // The scenario really ran (every step ended by itself), and through compiled blocks.
  expect(compiled.compiled).toBeGreaterThan(0);
  for (const r of interpreted.runs) expect(r.reason, `${r.prog}: ${r.message ?? ''}`).toBe('exit');
  expect(compiled.runs).toEqual(interpreted.runs);
  expect(interpreted.compiled).toBe(0);
  expect(Object.keys(compiled.files)).toEqual(Object.keys(interpreted.files));
  for (const [name, bytes] of Object.entries(interpreted.files)) {
    expect(Buffer.compare(compiled.files[name], bytes), `${name} differs`).toBe(0);
  }
  return interpreted;
}

const ENV = { INCLUDE: 'C:\\INC', LIB: 'C:\\LIB', PATH: 'C:\\' };

describe.skipIf(!msdosAvailable)('compiled tier = interpreter on real programs', () => {
  it('Microsoft C 5.10: CL, C1, C2, C3 and LINK build a program, which then runs', async () => {
    const make = () => stage(MSC510, { 'WORK.C': WORK_C });
    const seen = await expectSame(make, [
      { prog: 'CL.EXE', args: ['/AS', 'WORK.C'], env: ENV },
      { prog: 'WORK.EXE' },
    ]);
    expect(seen.runs[1].stdout).toBe('primes 303 sum 30389574 fib 2584 first 0 last 1006\r\n');
    expect(seen.runs[1].exitCode).toBe(303 & 0x7f);
  }, 120_000);

  it('MASM 5.10, LINK 3.65 and EXEPACK 4.06; the packed program unpacks itself and runs', async () => {
    const make = () => stage({ from: TOOLS, names: ['MASM.EXE', 'LINK.EXE', 'EXEPACK.EXE'] }, { 'PACKME.ASM': PACKME_ASM });
    const seen = await expectSame(make, [
      { prog: 'MASM.EXE', args: ['PACKME;'] },
      { prog: 'LINK.EXE', args: ['PACKME;'] },
      { prog: 'EXEPACK.EXE', args: ['PACKME.EXE', 'PACKED.EXE'] },
      { prog: 'PACKED.EXE' },
    ]);
    // 1 + 2 + ... + 5000 = 12502500 = 0BEC5E4h: AX keeps 0C5E4h = 50660.
    expect(seen.runs[3].stdout).toBe('Packed, unpacked and counted: 50660\r\n');
    expect(seen.runs[3].exitCode).toBe(5);
  }, 120_000);

  it('MS-DOS 2.0 SORT and FIND filter a file given as standard input', async () => {
    const text = dos(...Array.from({ length: 200 }, (_, i) => `line ${(i * 37) % 200} of ${i % 7 === 0 ? 'seven' : 'other'}`));
    const make = () => stage({ from: V20, names: ['SORT.EXE', 'FIND.EXE'] });
    const seen = await expectSame(make, [
      { prog: 'SORT.EXE', args: ['/R'], stdin: text },
      { prog: 'FIND.EXE', args: ['/C', '"seven"'], stdin: text },
    ]);
    expect(seen.runs[0].stdout.split('\r\n')[0]).toBe('line 99 of other');
    expect(seen.runs[1].stdout).toMatch(/29/);
  }, 60_000);
});
