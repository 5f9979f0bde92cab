// The character functions over the console and over redirected standard handles, Ctrl-C with
// the default handler and with a program's own (IRET restarts the call, RETF with CF ends the
// program), BREAK ON, the CP/M CALL 5 entry, and the other ways a program ends (INT 20h, INT 27h,
// divide overflow), with the termination type its parent reads from 4Dh.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, runGuest, values, type GuestRun } from '../helpers/guest';

afterAll(cleanupTemps);

const PROGRAMS = { 'CONIO.COM': 'roms/tests/dos-core-con.com', 'RUN.COM': 'roms/tests/dos-core-run.com' };
const IN_TXT = 'ab line one\r\nline two\r\n';

/** Runs scenario `mode` of CONIO.COM directly, or under RUN.COM (to read 4Dh) when `viaShell`. */
function scenario(mode: string, input = '', viaShell = false): Promise<GuestRun> {
  return runGuest({
    programs: PROGRAMS,
    start: viaShell ? 'C:\\RUN.COM' : 'C:\\CONIO.COM',
    args: viaShell ? ['CONIO.COM', mode] : [mode],
    input,
    files: { 'IN.TXT': IN_TXT },
  });
}

describe('console input and output', async () => {
  const run = await scenario('B', 'hel\t\blo\rabX\bc\rtoolong\rQWEZR');
  const v = values(run.output);

  it('09h writes up to the $, expanding TAB to the next multiple of 8', () => {
    expect(run.output.startsWith('TAB:    X\r\n')).toBe(true);
    expect(v.get('AL09').slice(2)).toBe('24');
  });

  it('0Ah reads a line with echo, editing and the CR stored', () => {
    expect(v.all('LEN')).toEqual(['0005', '0003', '0003']);
    expect(v.all('BUF')).toEqual(['68656C6C6F0D', '6162630D', '746F6F0D']);
    // Echo: the line, BS as "\b \b" (as many as a TAB took), a bell for each key that did not fit.
    expect(run.output).toContain(`hel     ${'\b \b'.repeat(5)}lo\r`);
    expect(run.output).toContain('abX\b \bc\r');
    expect(run.output).toContain('too\x07\x07\x07\x07\r');
  });

  it('01h echoes, 08h and 07h do not, 0Bh and 06h see a waiting key', () => {
    expect(v.get('GOT01').slice(2)).toBe('51');
    expect(run.output).toContain('Q\r\nGOT01=');
    expect(v.get('GOT08').slice(2)).toBe('57');
    expect(v.get('STATUS').slice(2)).toBe('FF');
    expect(v.all('ZF')[0]).toBe('0');
    expect(v.get('GOT06').slice(2)).toBe('45');
    expect(v.get('GOT07').slice(2)).toBe('5A');
  });

  it('0Ch flushes the waiting keys; at the end of input reads give Ctrl-Z', () => {
    expect(v.get('GOT0C').slice(2)).toBe('1A');
    expect(v.all('ZF')[1]).toBe('1');
    expect(v.get('EMPTY06').slice(2)).toBe('00');
    expect(v.get('STATUS2').slice(2)).toBe('00');
    expect(v.get('AL02').slice(2)).toBe('78');
  });
});

describe('redirected standard handles', () => {
  it('02h and 09h write to a file when handle 1 is redirected to it', async () => {
    const run = await scenario('O');
    expect(run.output).toBe('BACK\r\n');
    expect(readFileSync(join(run.dir, 'OUT.TXT'), 'latin1')).toBe('to file\r\nX');
  });

  it('01h, 08h, 0Ah and 0Bh read from a file when handle 0 is redirected from it', async () => {
    const run = await scenario('N');
    const v = values(run.output);
    expect(v.get('STATUS').slice(2)).toBe('FF');
    expect(v.get('GOT1').slice(2)).toBe('61');
    expect(v.get('GOT2').slice(2)).toBe('62');
    expect(v.get('BUF')).toBe(Buffer.from(' line one\r').toString('hex').toUpperCase());
    expect(v.get('STATUS2').slice(2)).toBe('FF');
    expect(v.get('GOTEOF').slice(2)).toBe('0A');
    // 01h echoed what it read to standard output (the console).
    expect(run.output).toContain('a\r\nGOT1=');
  });
});

describe('Ctrl-C', () => {
  it('the default handler ends the program at a console call, after echoing ^C', async () => {
    const run = await scenario('C', '\x03');
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(run.output).toBe('^C\r\n');
  });

  it('the parent sees termination type 1 in 4Dh', async () => {
    const run = await scenario('C', 'x\x03', true);
    const v = values(run.output);
    expect(run.output).toContain('x^C\r\n');
    expect(v.get('CODE')).toBe('0100');
  });

  it('a handler that IRETs makes DOS restart the interrupted call', async () => {
    const run = await scenario('I', '\x03k');
    expect(run.end).toEqual({ reason: 'exit', exitCode: 3 });
    expect(run.output).toBe('^C\r\nHANDLER\r\nk\r\nGOT=016B\r\n');
  });

  it('a handler that RETFs with CF set ends the program', async () => {
    const run = await scenario('R', '\x03');
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(run.output).toBe('^C\r\nHANDLER\r\n');
  });

  it('a handle write to the console checks first, and writes nothing', async () => {
    const run = await scenario('W', '\x03');
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(run.output).toBe('^C\r\n');
    // Without a Ctrl-C the same write goes through.
    const plain = await scenario('W');
    expect(plain.end.exitCode).toBe(9);
    expect(plain.output).toBe('to file');
  });

  it('Ctrl-Break (INT 1Bh from the BIOS) reaches the next console read as Ctrl-C', async () => {
    const run = await scenario('X', 'a');
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(run.output).toBe('^C\r\n');
  });

  it('with BREAK ON any call notices it; with BREAK OFF only console calls do', async () => {
    const on = await scenario('Z', '\x03');
    expect(on.output).toBe('^C\r\n');
    expect(existsSync(join(on.dir, 'MARKER.TXT'))).toBe(false);
    const off = await scenario('Y', '\x03');
    expect(off.output).toBe('^C\r\n');
    expect(existsSync(join(off.dir, 'MARKER.TXT'))).toBe(true);
  });
});

describe('other entries and endings', () => {
  it('CALL 5 reaches functions 00h-24h by CL and returns to the caller', async () => {
    const run = await scenario('P', '', true);
    const v = values(run.output);
    expect(run.output).toContain('CPM\r\n');
    expect(v.get('CPM30').slice(2)).toBe('00');
    expect(run.output).not.toMatch(/^AFTER/m);
    expect(v.get('CODE')).toBe('0000');
  });

  it('INT 20h ends the program with code 0', async () => {
    const run = await scenario('T', '', true);
    expect(run.output).toContain('INT20\r\n');
    expect(run.output).not.toMatch(/^AFTER/m);
    expect(values(run.output).get('CODE')).toBe('0000');
  });

  it('INT 27h stays resident: type 3', async () => {
    const run = await scenario('K', '', true);
    expect(values(run.output).get('CODE')).toBe('0300');
  });

  it('a divide overflow prints "Divide overflow" and ends the program like Ctrl-C', async () => {
    const direct = await scenario('D');
    expect(direct.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(direct.output).toBe('\r\nDivide overflow\r\n');
    const run = await scenario('D', '', true);
    expect(values(run.output).get('CODE')).toBe('0100');
  });
});
