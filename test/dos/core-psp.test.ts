// A .COM program reports what DOS gave it at start — registers, PSP bytes, environment, DTA,
// 50h/51h/62h, InDOS, the List of Lists and the MCB chain — and the test checks each against
// MS-DOS 5's behaviour and against guest memory.
import { afterAll, describe, expect, it } from 'vitest';
import { rd16, copyFromSegment, linear } from '../../src/cpu/guest-memory';
import { ROM_ENTRY, ROM_SEGMENT, romEntry } from '../../src/bios/rom';
import { PSP, MCB } from '../../src/dos/layout';
import { cleanupTemps, hex4, hexBytes, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

describe('a .COM program at start', async () => {
  const run = await runGuest({
    programs: { 'PSP.COM': 'roms/tests/dos-core-psp.com' },
    args: ['foo.txt', 'b:*.c'],
    env: { LIB: 'C:\\LIB' },
  });
  const v = values(run.output);
  const psp = parseInt(v.get('PSP51'), 16);
  const mem = run.machine.mem;

  it('exits with its return code', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 7 });
  });

  it('gets the registers MS-DOS 5 sets', () => {
    // AL = 00h (FCB 1 drive is the default), AH = FFh (B: does not exist); BX = AX.
    expect(v.get('AX')).toBe('FF00');
    expect(v.get('BX')).toBe('FF00');
    expect(v.get('CX')).toBe('00FF');
    expect(v.get('DX')).toBe(hex4(psp));
    expect(v.get('SI')).toBe('0100');
    expect(v.get('DI')).toBe('FFFE');
    expect(v.get('BP')).toBe('091C');
    expect(v.get('SP')).toBe('FFFE');
    for (const r of ['DS', 'ES', 'SS', 'CS']) expect(v.get(r)).toBe(hex4(psp));
    expect(parseInt(v.get('FLAGS'), 16) & 0x0200).toBe(0x0200);
    // The word at SS:SP is 0 so a RET returns to PSP:0000 (INT 20h).
    expect(v.get('STACKTOP')).toBe('0000');
  });

  it('has a PSP laid out as DOS lays it out', () => {
    expect(v.get('PSP00')).toBe('CD20');
    // A .COM program gets the largest block: to the top of conventional memory.
    expect(v.get('MEMTOP')).toBe('A000');
    // CALL F01D:FEF0, which wraps around 1 MiB to 0000:00C0, where DOS put a far jump.
    expect(v.get('CPM')).toBe('9AF0FE1DF0');
    expect(mem[0xc0]).toBe(0xea);
    expect(mem[0xc3] | (mem[0xc4] << 8)).toBe(ROM_SEGMENT);
    expect(mem[0xc1] | (mem[0xc2] << 8)).toBe(romEntry(mem, ROM_ENTRY.CPM_ENTRY));
    // INT 22h: where the first program returns to (the ROM's root_terminate).
    expect(v.get('INT22SEG')).toBe('F000');
    expect(v.get('INT22OFF')).toBe(hex4(romEntry(mem, ROM_ENTRY.ROOT_TERMINATE)));
    expect(v.get('INT23SEG')).toBe('F000');
    // Handles 0-4 inherited from the shell: CON, CON, CON, AUX, PRN; the rest free.
    const jft = v.get('JFT');
    expect(jft.slice(0, 2)).toBe(jft.slice(2, 4));
    expect(jft.slice(0, 2)).toBe(jft.slice(4, 6));
    expect(jft.slice(10)).toBe('FF'.repeat(15));
    expect(v.get('JFTSIZE')).toBe('0014');
    expect(v.get('JFTOFF')).toBe('0018');
    expect(v.get('JFTSEG')).toBe(hex4(psp));
    expect(v.get('PREV1')).toBe('FFFF');
    expect(v.get('PREV2')).toBe('FFFF');
    expect(v.get('VERSION')).toBe('0005');
    expect(v.get('CALL21')).toBe('CD21CB');
  });

  it('parses the first two arguments into the FCBs at 5Ch and 6Ch', () => {
    expect(v.get('FCB1')).toBe(hexBytes([0, ...Buffer.from('FOO     TXT'), 0, 0, 0, 0]));
    expect(v.get('FCB2')).toBe(hexBytes([2, ...Buffer.from('????????C  '), 0, 0, 0, 0]));
  });

  it('has the command tail at 80h: a blank, the arguments, CR', () => {
    const tail = ' foo.txt b:*.c';
    expect(v.get('TAIL').slice(0, 2 + tail.length * 2 + 2)).toBe(hexBytes([tail.length, ...Buffer.from(tail), 0x0d]));
  });

  it('has an environment block: strings, word 1, the full program path', () => {
    expect(v.all('ENVSTR')).toEqual(['COMSPEC=C:\\COMMAND.COM', 'PATH=C:\\', 'LIB=C:\\LIB']);
    expect(v.get('ENVCOUNT')).toBe('0001');
    expect(v.get('ENVPATH')).toBe('C:\\PSP.COM');
    const env = parseInt(v.get('ENV'), 16);
    // The block belonged to the program while it ran (the chain it printed), and was freed after.
    const mcb = v.all('MCB').find((l) => parseInt(l.split(' ')[0], 16) === env - 1);
    expect(mcb?.split(' ')[2]).toBe(hex4(psp));
    expect(rd16(mem, env - 1, MCB.OWNER)).toBe(0);
  });

  it('starts with the DTA at PSP:0080h', () => {
    expect(v.get('DTASEG')).toBe(hex4(psp));
    expect(v.get('DTAOFF')).toBe('0080');
  });

  it('answers 51h and 62h with the current PSP, which 50h sets', () => {
    expect(v.get('PSP62')).toBe(hex4(psp));
    expect(v.get('PSPSET')).toBe('1234');
    expect(v.get('PSPSET62')).toBe('1234');
    expect(v.get('PSPBACK')).toBe(hex4(psp));
  });

  it('points 34h at the InDOS flag and 52h at the List of Lists', () => {
    const indos = linear(parseInt(v.get('INDOSSEG'), 16), parseInt(v.get('INDOSOFF'), 16));
    expect(v.get('INDOS')).toBe('0000');
    expect(mem[indos]).toBe(0);
    const lol = linear(parseInt(v.get('LOLSEG'), 16), parseInt(v.get('LOLOFF'), 16));
    expect(mem[lol - 2] | (mem[lol - 1] << 8)).toBe(parseInt(v.get('FIRSTMCB'), 16));
  });

  it('walks an MCB chain that reaches the top of memory, with owners and names', () => {
    const chain = v.all('MCB').map((l) => l.split(' '));
    const last = chain[chain.length - 1];
    expect(last[1]).toBe('5A');
    expect(parseInt(last[0], 16) + parseInt(last[3], 16) + 1).toBe(0xa000);
    for (let i = 0; i + 1 < chain.length; i++) {
      expect(chain[i][1]).toBe('4D');
      expect(parseInt(chain[i][0], 16) + parseInt(chain[i][3], 16) + 1).toBe(parseInt(chain[i + 1][0], 16));
    }
    // The program's own block, named after it; the shell's owned by DOS.
    expect(last[2]).toBe(hex4(psp));
    expect(last[4]).toBe('PSP');
    const parent = parseInt(v.get('PARENT'), 16);
    expect(chain.find((c) => parseInt(c[0], 16) === parent - 1)?.[2]).toBe('0008');
    // Parent's PSP is a real one: INT 20h at its start, its own parent.
    expect(hexBytes(copyFromSegment(mem, parent, 0, 2))).toBe('CD20');
    expect(rd16(mem, parent, PSP.PARENT)).toBe(parent);
  });
});
