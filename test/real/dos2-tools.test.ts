// MS-DOS 2.0's own tools (v2.0/bin) used the way their manual shows: SORT, FIND and MORE as filters
// with standard input and output redirected (inputFile/outputFile are DOS's < and >), FC on two
// files, DEBUG and EDLIN driven by a script on standard input, and COMMAND.COM /C running a batch
// file that redirects and pipes.
import { afterAll, describe, expect, it } from 'vitest';
import { HELLO_ASM, TOOLS, V20, cleanupTemps, dos, exists, msdosAvailable, readBytes, readText, run, stage, warnIfAbsent } from './helpers';

afterAll(cleanupTemps);
warnIfAbsent('MS-DOS 2.0 tools suite');


const FRUIT = dos('pear', 'apple', 'fig 3', 'banana', 'cherry 1');
const FRUIT2 = dos('pear', 'apple', 'fig 4', 'banana', 'cherry 1');

/** The output's lines, whatever mix of CR and LF ends them, blank ones dropped: for programs that
 *  read commands with INT 21h/0Ah from a script, where how the typed line's end is echoed (CR,
 *  CR LF) is the console's business, not the program's. */
function screenLines(output: string): string[] {
  return output.split(/\r\n|\r|\n/).filter((l) => l.length > 0);
}

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 SORT', () => {
  // This SORT.EXE writes the sorted text less its final CR LF (it subtracts 2 from the length it
  // writes; the later source in MS-DOS 2.0's SORT.ASM does not) and ends with 4Ch leaving AL as
  // the write returned it: the exit code is the number of bytes written (36 here).
  const SORTED = 'apple\r\nbanana\r\ncherry 1\r\nfig 3\r\npear';

  it('SORT < FRUIT.TXT > OUT: the lines in order', async () => {
    const dir = stage({ from: V20, names: ['SORT.EXE'] });
    const r = await run(dir, 'SORT.EXE', [], { inputFile: FRUIT, stdoutFile: true });
    expect(r.stdout).toBe(SORTED);
    expect(r.output).toBe('');
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: SORTED.length });
  });

  it('SORT /R: reverse order', async () => {
    const dir = stage({ from: V20, names: ['SORT.EXE'] });
    const r = await run(dir, 'SORT.EXE', ['/R'], { inputFile: FRUIT, stdoutFile: true });
    expect(r.stdout).toBe('pear\r\nfig 3\r\ncherry 1\r\nbanana\r\napple');
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 36 });
  });

  it('SORT /+3: by the text from column 3 (ar, erry 1, g 3, nana, ple)', async () => {
    const dir = stage({ from: V20, names: ['SORT.EXE'] });
    const r = await run(dir, 'SORT.EXE', ['/+3'], { inputFile: FRUIT, stdoutFile: true });
    expect(r.stdout).toBe('pear\r\ncherry 1\r\nfig 3\r\nbanana\r\napple');
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 36 });
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 FIND', () => {
  const dir = () => stage({ from: V20, names: ['FIND.EXE'] }, { 'FRUIT.TXT': FRUIT });

  it('FIND "an" FRUIT.TXT: a header with the file name, then the matching lines', async () => {
    const r = await run(dir(), 'FIND.EXE', ['"an"', 'FRUIT.TXT']);
    expect(r.output).toBe(dos('', '---------- FRUIT.TXT', 'banana'));
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  it('/V: the lines without the string', async () => {
    const r = await run(dir(), 'FIND.EXE', ['/V', '"an"', 'FRUIT.TXT']);
    expect(r.output).toBe(dos('', '---------- FRUIT.TXT', 'pear', 'apple', 'fig 3', 'cherry 1'));
  });

  it('/C: the count after the file name; from standard input the bare count', async () => {
    const named = await run(dir(), 'FIND.EXE', ['/C', '"e"', 'FRUIT.TXT']);
    expect(named.output).toBe(dos('', '---------- FRUIT.TXT: 3'));
    const piped = await run(dir(), 'FIND.EXE', ['/C', '"e"'], { inputFile: FRUIT, stdoutFile: true });
    expect(piped.stdout).toBe(dos('3'));
  });

  it('/N: line numbers in brackets; /V /N from standard input', async () => {
    const named = await run(dir(), 'FIND.EXE', ['/N', '"e"', 'FRUIT.TXT']);
    expect(named.output).toBe(dos('', '---------- FRUIT.TXT', '[1]pear', '[2]apple', '[5]cherry 1'));
    const piped = await run(dir(), 'FIND.EXE', ['/V', '/N', '"e"'], { inputFile: FRUIT, stdoutFile: true });
    expect(piped.stdout).toBe(dos('[3]fig 3', '[4]banana'));
  });

  it('a missing file: the message, and FIND goes on to end normally', async () => {
    const r = await run(dir(), 'FIND.EXE', ['"x"', 'NOPE.TXT']);
    expect(r.output).toBe(dos('FIND: File not found NOPE.TXT'));
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 FC', () => {
  const dir = () => stage({ from: V20, names: ['FC.EXE'] }, { 'FRUIT.TXT': FRUIT, 'FRUIT2.TXT': FRUIT2, 'SAME.TXT': FRUIT });

  it('text compare: each file\'s lines from the first difference until they match again (here to the end)', async () => {
    const r = await run(dir(), 'FC.EXE', ['FRUIT.TXT', 'FRUIT2.TXT']);
    expect(r.output).toBe(dos('', '----------FRUIT.TXT', 'fig 3', 'banana', 'cherry 1', '', '----------FRUIT2.TXT', 'fig 4', 'banana', 'cherry 1'));
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  it('/B: the differing byte offset and both bytes in hex', async () => {
    const r = await run(dir(), 'FC.EXE', ['/B', 'FRUIT.TXT', 'FRUIT2.TXT']);
    // Offset 11h: '3' (33h) against '4' (34h).
    expect(r.output).toBe(dos('', '--ADDRS----F1---F2-', '00000011   33   34'));
  });

  it('identical files: FC 2.0 prints nothing', async () => {
    const r = await run(dir(), 'FC.EXE', ['FRUIT.TXT', 'SAME.TXT']);
    expect(r.output).toBe('');
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 MORE', () => {
  it('MORE < 30 lines: 23 lines, "-- More --", a key from the console, the rest', async () => {
    const numbers = dos(...Array.from({ length: 30 }, (_, i) => String(i + 1)));
    const dir = stage({ from: V20, names: ['MORE.COM'] });
    // MORE reads the text from the redirected handle 0 (a dup it keeps) and the key from the
    // console (handle 2 dup'ed into 0) with 0Ch/01h, which first flushes any typed-ahead key; with
    // the console's input at its end the key is Ctrl-Z, echoed as the CP437 arrow. It prints with
    // 02h, so everything reaches the console. After the key it handles the LF that filled the page
    // again, so one more LF follows the CR LF.
    const r = await run(dir, 'MORE.COM', [], { inputFile: numbers });
    const first = Array.from({ length: 23 }, (_, i) => String(i + 1));
    const rest = Array.from({ length: 7 }, (_, i) => String(i + 24));
    expect(r.output).toBe(dos('', ...first) + '\r-- More --\u2192\r\n\n' + dos(...rest));
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  it('MORE < a short file: all of it, no prompt', async () => {
    const dir = stage({ from: V20, names: ['MORE.COM'] });
    const r = await run(dir, 'MORE.COM', [], { inputFile: FRUIT });
    expect(r.output).toBe(dos('') + FRUIT);
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 DEBUG driven by a script on standard input', () => {
  it('A assembles a program, G runs it (it prints A and ends with INT 20h), Q quits', async () => {
    const dir = stage({ from: V20, names: ['DEBUG.COM'] });
    const script = dos('a 100', 'mov ah,2', 'mov dl,41', 'int 21', 'int 20', '', 'g', 'q');
    const r = await run(dir, 'DEBUG.COM', [], { inputFile: script });
    // The program's segment is the first free one after DEBUG; "A" comes out without a line end,
    // then DEBUG reports the INT 20h (back through the INT 22h address DOS restored from the
    // program's PSP) and prompts again.
    const lines = screenLines(r.output);
    const seg = /^([0-9A-F]{4}):0100 mov ah,2$/.exec(lines[1])?.[1];
    expect(seg).toBeDefined();
    expect(lines).toEqual([
      '-a 100',
      `${seg}:0100 mov ah,2`,
      `${seg}:0102 mov dl,41`,
      `${seg}:0104 int 21`,
      `${seg}:0106 int 20`,
      `${seg}:0108 `,
      '-g',
      'A',
      'Program terminated normally',
      '-q',
    ]);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  it('N, A, RCX and W write a .COM that then runs', async () => {
    const dir = stage({ from: V20, names: ['DEBUG.COM'] });
    const script = dos('n hi.com', 'a 100', 'mov dx,108', 'mov ah,9', 'int 21', 'ret', 'db "Hi there$"', '', 'rcx', '11', 'w', 'q');
    const r = await run(dir, 'DEBUG.COM', [], { inputFile: script });
    const lines = screenLines(r.output);
    const seg = /^([0-9A-F]{4}):0100 mov dx,108$/.exec(lines[2])?.[1];
    expect(seg).toBeDefined();
    expect(lines).toEqual([
      '-n hi.com',
      '-a 100',
      `${seg}:0100 mov dx,108`,
      `${seg}:0103 mov ah,9`,
      `${seg}:0105 int 21`,
      `${seg}:0107 ret`,
      `${seg}:0108 db "Hi there$"`,
      `${seg}:0111 `,
      '-rcx',
      'CX 0000',
      ':11',
      '-w',
      'Writing 0011 bytes',
      '-q',
    ]);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // MOV DX,0108h / MOV AH,9 / INT 21h / RET, then the text: 11h bytes.
    expect([...readBytes(dir, 'HI.COM')]).toEqual([0xba, 0x08, 0x01, 0xb4, 0x09, 0xcd, 0x21, 0xc3, ...Buffer.from('Hi there$', 'latin1')]);
    const hi = await run(dir, 'HI.COM');
    expect(hi.output).toBe('Hi there');
    expect(hi.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 DEBUG on an EXE (single-stepping with the trap flag)', () => {
  it('R, T, T 2, U and G on a program MASM 5.10 and LINK 3.65 built', async () => {
    const dir = stage({ 'DEBUG.COM': `${V20}/DEBUG.COM`, 'MASM.EXE': `${TOOLS}/MASM.EXE`, 'LINK.EXE': `${TOOLS}/LINK.EXE` }, { 'HELLO.ASM': HELLO_ASM });
    expect((await run(dir, 'MASM.EXE', ['HELLO;'])).result.exitCode).toBe(0);
    expect((await run(dir, 'LINK.EXE', ['HELLO;'])).result.exitCode).toBe(0);
    const r = await run(dir, 'DEBUG.COM', ['HELLO.EXE'], { inputFile: dos('r', 't', 't 2', 'u cs:0 9', 'g', 'q') });
    const lines = screenLines(r.output);
    // DS = ES = the PSP; the image 10h paragraphs on: SS (STACK first), CS = SS + 14h, and the
    // DATA segment MOV AX,DATA loads = SS + 10h. CX = the image's length, 155h.
    const psp = parseInt(/DS=([0-9A-F]{4})/.exec(lines[2])?.[1] ?? 'x', 16);
    expect(Number.isNaN(psp)).toBe(false);
    const h = (v: number) => v.toString(16).toUpperCase().padStart(4, '0');
    const [P, SS, DATA, CS] = [h(psp), h(psp + 0x10), h(psp + 0x20), h(psp + 0x24)];
    const regs = (ax: string, ds: string, ip: string) => [
      `AX=${ax}  BX=0000  CX=0155  DX=0000  SP=0100  BP=0000  SI=0000  DI=0000  `,
      `DS=${ds}  ES=${P}  SS=${SS}  CS=${CS}  IP=${ip}   NV UP DI PL NZ NA PO NC `,
    ];
    const ins = (ip: string, bytes: string, text: string) => `${CS}:${ip} ${bytes.padEnd(14)}${text.padEnd(43)}`;
    const movAx = ins('0000', `B8${DATA.slice(2)}${DATA.slice(0, 2)}`, `MOV     AX,${DATA}`);
    expect(lines).toEqual([
      '-r',
      ...regs('0000', P, '0000'),
      movAx,
      '-t',
      ...regs(DATA, P, '0003'),
      ins('0003', '8ED8', 'MOV     DS,AX'),
      '-t 2',
      // A load of DS holds off the single-step trap for one instruction (8086): the step after
      // MOV DS,AX also runs MOV DX,0000 and stops at 0008.
      ...regs(DATA, DATA, '0008'),
      ins('0008', 'B409', 'MOV     AH,09'),
      ...regs(`09${DATA.slice(2)}`, DATA, '000A'),
      ins('000A', 'CD21', 'INT     21'),
      '-u cs:0 9',
      movAx,
      ins('0003', '8ED8', 'MOV     DS,AX'),
      ins('0005', 'BA0000', 'MOV     DX,0000'),
      ins('0008', 'B409', 'MOV     AH,09'),
      '-g',
      'Hello from MASM 5.10',
      'Far call returned',
      'Program terminated normally',
      '-q',
    ]);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 EDLIN driven by a script on standard input', () => {
  it('deletes a line, lists, searches and saves (the old file kept as .BAK)', async () => {
    const dir = stage({ from: V20, names: ['EDLIN.COM'] }, { 'LIST.TXT': FRUIT });
    const r = await run(dir, 'EDLIN.COM', ['LIST.TXT'], { inputFile: dos('2d', '1,4l', '1,5sfig', 'e') });
    expect(screenLines(r.output)).toEqual([
      'End of input file',
      '*2d',
      '*1,4l',
      '     1: pear',
      '     2:*fig 3',
      '     3: banana',
      '     4: cherry 1',
      '*1,5sfig',
      '     2:*fig 3',
      '*e',
    ]);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    // EDLIN ends the file it writes with Ctrl-Z.
    expect(readText(dir, 'LIST.TXT')).toBe(dos('pear', 'fig 3', 'banana', 'cherry 1') + '\x1a');
    expect(readText(dir, 'LIST.BAK')).toBe(FRUIT);
  });

  // Regression: INT 21h/0Ah dropped a Ctrl-Z byte read from a redirected handle 0 (taking it for
  // the end of input), so EDLIN never left insert mode and inserted the rest of the script.
  it('I inserts lines until a Ctrl-Z line, then E writes the new file', async () => {
    const dir = stage({ from: V20, names: ['EDLIN.COM'] });
    const r = await run(dir, 'EDLIN.COM', ['NEW.TXT'], { inputFile: dos('i', 'first line', 'second line', '\x1a', '1l', 'e') });
    const lines = screenLines(r.output);
    expect(lines.slice(0, 4)).toEqual(['New file', '*i', '     1:*first line', '     2:*second line']);
    // Line 3's prompt, where the Ctrl-Z line ends insert mode (its echo is the console's business).
    expect(lines[4].startsWith('     3:*')).toBe(true);
    expect(lines.slice(5)).toEqual(['*1l', '     1: first line', '     2: second line', '*e']);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'NEW.TXT')).toBe(dos('first line', 'second line') + '\x1a');
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 COMMAND.COM /C with a batch file', () => {
  const TOOLS = ['COMMAND.COM', 'SORT.EXE', 'FIND.EXE'];
  // COMMAND 2.0 reloads its transient part from COMSPEC, which names vdm86's own shell (Z:) unless
  // the user points it at theirs, as they would on DOS with SET COMSPEC or SHELL= (else it prints
  // "Invalid COMMAND.COM").
  const OWN_COMSPEC = { COMSPEC: 'C:\\COMMAND.COM' };

  it('a batch file that redirects input and output of SORT, FIND and TYPE', async () => {
    const batch = dos('ECHO OFF', 'TYPE FRUIT.TXT > COPY1.TXT', 'SORT /R < FRUIT.TXT > SORTED.TXT', 'FIND /N "an" < FRUIT.TXT', 'FIND /C "e" FRUIT.TXT');
    const dir = stage({ from: V20, names: TOOLS }, { 'FRUIT.TXT': FRUIT, 'JOB.BAT': batch });
    const r = await run(dir, 'COMMAND.COM', ['/C', 'JOB.BAT'], { env: OWN_COMSPEC });
    // The prompt and ECHO OFF itself are shown (DOS 2 has no @); then only what the commands
    // print to the console: FIND /N's match, the CR LF COMMAND.COM ends an internal command with,
    // and FIND /C's count.
    expect(r.output).toBe(dos('', '', 'C>ECHO OFF', '[4]banana', '', '---------- FRUIT.TXT: 3', ''));
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'COPY1.TXT')).toBe(FRUIT);
    expect(readText(dir, 'SORTED.TXT')).toBe('pear\r\nfig 3\r\ncherry 1\r\nbanana\r\napple');
  });

  it('internal commands under "DOS 2.11": VER, MKDIR, COPY, CD, REN, IF EXIST, DIR, FOR, SET, DEL, RMDIR, TYPE, GOTO, SHIFT', async () => {
    const batch = dos(
      'ECHO OFF',
      'VER',
      'MKDIR SUB',
      'COPY FRUIT.TXT SUB\\F.TXT',
      'CD SUB',
      'REN F.TXT G.TXT',
      'IF EXIST G.TXT ECHO renamed',
      'DIR',
      'CD ..',
      'FOR %%F IN (a b c) DO ECHO item %%F',
      'SET FOO=bar',
      'SET',
      'DEL SUB\\G.TXT',
      'RMDIR SUB',
      'IF NOT EXIST FRUIT.TXT ECHO not here',
      'TYPE NOPE.TXT',
      'GOTO END',
      'ECHO not here',
      ':END',
      'SHIFT',
      'ECHO done %0 %1',
    );
    const dir = stage({ from: V20, names: ['COMMAND.COM'] }, { 'FRUIT.TXT': FRUIT, 'ALL.BAT': batch });
    const r = await run(dir, 'COMMAND.COM', ['/C', 'ALL.BAT', 'arg1', 'arg2'], { dosVersion: '2.11', env: OWN_COMSPEC });
    // DIR's dates and times are the host clock's and the free space the host disk's: normalized.
    const shown = r.output.replace(/\d\d-\d\d-\d\d +\d{1,2}:\d\d[ap]/g, 'DATE').replace(/File\(s\) +\d+ bytes free/, 'File(s) N bytes free');
    expect(shown).toBe(
      dos(
        '',
        '',
        'C>ECHO OFF',
        '',
        'MS-DOS Version  2.11',
        '        1 File(s) copied',
        'renamed',
        '',
        ' Volume in drive C has no label',
        ' Directory of  C:\\SUB',
        '',
        '.            <DIR>     DATE',
        '..           <DIR>     DATE',
        'G        TXT       38  DATE',
        '        3 File(s) N bytes free',
        'item a',
        'item b',
        'item c',
        // vdm86's environment: PATH with Z:\ (its own shell's drive), then the COMSPEC given.
        'PATH=C:\\;Z:\\',
        'COMSPEC=C:\\COMMAND.COM',
        'FOO=bar',
        'File not found',
        // After SHIFT, %0 is the first argument and %1 the second.
        'done arg1 arg2',
        '',
      ),
    );
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(exists(dir, 'SUB')).toBe(false);
    expect(readText(dir, 'FRUIT.TXT')).toBe(FRUIT);
  });

  it('interactive: commands typed at the keyboard, EXIT ends the shell', async () => {
    const dir = stage({ from: V20, names: ['COMMAND.COM'] }, { 'FRUIT.TXT': FRUIT });
    const r = await run(dir, 'COMMAND.COM', [], { stdin: 'ECHO hi\rTYPE FRUIT.TXT\rEXIT\r', env: OWN_COMSPEC });
    // The banner, then each prompt with the typed line; INT 21h/0Ah echoes the Enter as CR and
    // COMMAND.COM then starts a new line.
    expect(r.output).toBe(dos('', 'Command v. 2.02', '', 'C>ECHO hi\r', 'hi', '', 'C>TYPE FRUIT.TXT\r') + FRUIT + dos('', 'C>EXIT\r'));
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  // COMMAND.COM 2.0 makes its pipe files as C:/%PIPE1.$$$: a '/'-rooted DOS path (regression:
  // vdm86 once took it for a host path and COMMAND printed "Intermediate file error during pipe").
  it('TYPE X | SORT > Y: the pipe through COMMAND.COM\'s temporary files', async () => {
    const batch = dos('ECHO OFF', 'TYPE FRUIT.TXT | SORT > PIPED.TXT', 'TYPE FRUIT.TXT | FIND /C "an"');
    const dir = stage({ from: V20, names: TOOLS }, { 'FRUIT.TXT': FRUIT, 'JOB.BAT': batch });
    const r = await run(dir, 'COMMAND.COM', ['/C', 'JOB.BAT'], { env: OWN_COMSPEC });
    // The output of FIND /C through the second pipe is its count; how COMMAND 2.0 echoes the batch
    // lines after a pipe is its own business (its echo state comes back on after the first pipe).
    expect(r.output).not.toContain('Intermediate file error');
    expect(r.output).toMatch(/C>ECHO OFF\r\n[^]*\r\n1\r\n/);
    expect(r.result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(readText(dir, 'PIPED.TXT')).toBe('apple\r\nbanana\r\ncherry 1\r\nfig 3\r\npear');
    expect(exists(dir, '%PIPE1.$$$')).toBe(false);
  });
});

describe.skipIf(!msdosAvailable)('MS-DOS 2.0 CHKDSK', () => {
  // Regression: CHKDSK read the FAT with INT 25h, got "drive not ready", printed "Disk error
  // reading FAT" and asked Abort/Retry/Ignore for ever. vdm86's drives are host folders, presented
  // as DOS presents a network drive: 32h (drive parameter block) answers AL=FFh, so CHKDSK refuses
  // the drive and ends by itself.
  it('CHKDSK on a mapped drive refuses it as DOS refuses a network drive, and ends', async () => {
    const dir = stage({ from: V20, names: ['CHKDSK.COM'] });
    const r = await run(dir, 'CHKDSK.COM', [], { dosVersion: '2.0', stdin: '' });
    expect(r.output).toContain('Invalid drive specification');
    expect(r.output).not.toContain('Disk error');
    expect(r.result.reason).toBe('exit');
  });
});

