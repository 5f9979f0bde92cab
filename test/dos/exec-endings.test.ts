// Ways a program ends, seen from the parent that EXECed it (dos-core-run as a shell): INT 21h/00h
// and a top-level RET from a .COM (through the 0 word on its stack to PSP:0000, INT 20h) both end
// it normally with return code 0 whatever AL held, and hand the parent back its registers; 4Ch
// with a code is the control.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

const PROGRAMS = { 'RUN.COM': 'roms/tests/dos-core-run.com', 'ENDS.COM': 'roms/tests/dos-core-ends.com' };

async function endBy(letter: string) {
  const run = await runGuest({ programs: PROGRAMS, args: ['ENDS.COM', letter] });
  return { run, v: values(run.output) };
}

describe('a child program ending', () => {
  for (const [letter, how] of [
    ['0', 'with INT 21h/00h'],
    ['R', 'with a RET to PSP:0000'],
  ]) {
    it(`${how}: normal termination, return code 0, the parent resumes intact`, async () => {
      const { run, v } = await endBy(letter);
      expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
      expect(v.get('ENDING')).toBe(letter);
      expect(run.output).not.toContain('NOTREACHED');
      expect(v.get('EXEC')).toBe('ok');
      // 4Dh: AH = 00h (normal end), AL = 00h (not the 77h or 55h the child left in AL).
      expect(v.get('CODE')).toBe('0000');
      // The parent's registers and stack as they were at its EXEC call, its PSP current again.
      expect(v.get('SI')).toBe('5151');
      expect(v.get('DI')).toBe('D1D1');
      expect(v.get('BP')).toBe('B0B0');
      expect(v.get('SPDELTA')).toBe('0000');
      expect(v.get('SSDELTA')).toBe('0000');
    });
  }

  it('with INT 21h/4Ch: the code it gives (the control)', async () => {
    const { run, v } = await endBy('C');
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('ENDING')).toBe('C');
    expect(v.get('CODE')).toBe('002A');
  });
});

// DEBUG 2.0's G: the program runs under a PSP made with 26h while DEBUG's own PSP stays current;
// its INT 20h must come back to DEBUG's INT 22h handler (DOS takes the ending PSP from the
// caller's CS and, since it is not the current one, frees nothing and switches to no parent).
describe('a program under a 26h PSP that is not current (as DEBUG runs one)', () => {
  const OLDRET = { 'OLDRET.COM': 'roms/tests/dos-core-oldret.com' };
  for (const [letter, how] of [
    ['I', 'INT 20h'],
    ['0', 'INT 21h/00h'],
  ]) {
    it(`ends with ${how}: back at the INT 22h address it inherited, the current PSP unchanged`, async () => {
      const run = await runGuest({ programs: OLDRET, args: [letter] });
      expect(run.output).toBe(`BACK=${letter}\r\nPSPSAME=yes\r\n`);
      expect(run.end).toEqual({ reason: 'exit', exitCode: 7 });
    });
  }
});
