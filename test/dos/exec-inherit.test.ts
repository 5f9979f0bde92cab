// EXEC with handle inheritance: the child gets the parent's handles except the one opened with
// the no-inherit bit, writes through the inherited one (the SFT position is shared, so the
// parent's next write follows the child's), and its return code reaches the parent through 4Dh.
// The process listeners fire with the child's PSP current (create) and before its handles close
// (terminate). INT 22h-24h: the child's PSP holds the parent's vectors (22h: the instruction after
// the parent's EXEC call), the child replaces 23h/24h, and DOS restores the parent's from that PSP
// when the child ends. A parent whose JFT 67h moved out of its PSP (30 entries) gives its child
// a 20-entry JFT in the child's PSP with only handles 0-19.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rd16 } from '../../src/cpu/guest-memory';
import { PSP, SFT } from '../../src/dos/layout';
import { handleSftEntry } from '../../src/dos/sft';
import { cleanupTemps, hex4, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

describe('EXEC of a child that inherits handles', async () => {
  const events: string[] = [];
  const currentAtCreate = new Map<number, number>();
  const refAtTerminate = new Map<number, number>();
  const run = await runGuest({
    programs: { 'PARENT.COM': 'roms/tests/dos-core-parent.com', 'CHILD.COM': 'roms/tests/dos-core-child.com' },
    files: { 'IN.TXT': 'hello input\r\n' },
    before({ dos }) {
      dos.addProcessListener({
        onCreate(psp) {
          events.push(`create ${hex4(psp)}`);
          currentAtCreate.set(psp, dos.currentPsp);
        },
        onTerminate(psp) {
          events.push(`terminate ${hex4(psp)}`);
          // Handle 5: the SFT entry of OUT.TXT, which parent and child share.
          const e = handleSftEntry(dos.mem, psp, 5);
          if (e) refAtTerminate.set(psp, rd16(dos.mem, e.seg, e.off + SFT.REF_COUNT));
        },
      });
    },
  });
  const v = values(run.output);
  const child = v.get('CHILDPSP');

  it('runs parent and child to the end', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('EXEC')).toBe('ok');
  });

  it('gives the child the inheritable handle and not the no-inherit one', () => {
    expect(v.get('HOUT')).toBe('0005');
    expect(v.get('HNOINH')).toBe('0006');
    const jft = v.get('CHILDJFT');
    const mine = v.get('PARENTJFT');
    // Handles 0-5 the same SFT entries as the parent's (5 is OUT.TXT); 6 closed in the child only.
    expect(jft.slice(0, 12)).toBe(mine.slice(0, 12));
    expect(jft.slice(10, 12)).not.toBe('FF');
    expect(mine.slice(12, 14)).not.toBe('FF');
    expect(jft.slice(12, 14)).toBe('FF');
  });

  it('lets the child write through the inherited handle and refuses the other', () => {
    expect(v.get('W5')).toBe('ok');
    expect(v.get('W6')).toBe('err 0006');
    expect(v.get('R6')).toBe('err 0006');
    expect(readFileSync(join(run.dir, 'OUT.TXT'), 'latin1')).toBe('parent before\r\nchild wrote\r\nparent after\r\n');
  });

  it("saves the parent's INT 22h-24h in the child's PSP and restores them when the child ends", () => {
    const parent = v.get('CHILDPARENT');
    const ret = `${parent}:${v.get('EXECRET')}`;
    // The parent's own handlers, set before EXEC.
    expect(v.get('BEFORE23').split(':')[0]).toBe(parent);
    expect(v.get('BEFORE24').split(':')[0]).toBe(parent);
    expect(v.get('BEFORE23')).not.toBe(v.get('BEFORE24'));
    // What DOS put in the child's PSP: the return address, then the parent's 23h/24h.
    expect(v.get('PSP22')).toBe(ret);
    expect(v.get('PSP23')).toBe(v.get('BEFORE23'));
    expect(v.get('PSP24')).toBe(v.get('BEFORE24'));
    // The child really changed them...
    expect(v.get('CHILD23').split(':')[0]).toBe(child);
    expect(v.get('CHILD24').split(':')[0]).toBe(child);
    // ...and the parent sees its own again after EXEC.
    expect(v.get('AFTER22')).toBe(ret);
    expect(v.get('AFTER23')).toBe(v.get('BEFORE23'));
    expect(v.get('AFTER24')).toBe(v.get('BEFORE24'));
  });

  it('hands the exit code to the parent through 4Dh', () => {
    expect(v.get('CODE')).toBe('002A');
  });

  it('leaves the parent its no-inherit handle', () => {
    expect(v.get('READIN')).toBe('ok');
    expect(v.get('IN')).toBe(Buffer.from('hello').toString('hex').toUpperCase());
  });

  it('fires create with the child current and terminate before its handles close', () => {
    expect(events).toContain(`create ${child}`);
    expect(events.indexOf(`terminate ${child}`)).toBeGreaterThan(events.indexOf(`create ${child}`));
    expect(hex4(currentAtCreate.get(parseInt(child, 16)) ?? -1)).toBe(child);
    // Parent and child both held OUT.TXT when the child's terminate fired.
    expect(refAtTerminate.get(parseInt(child, 16))).toBe(2);
  });
});

describe('EXEC from a parent whose JFT 67h moved out of its PSP', async () => {
  // SFT reference counts of the parent's handles 19 and 21 while the child is ending.
  const refs: number[] = [];
  const run = await runGuest({
    programs: { 'JFTPAR.COM': 'roms/tests/dos-core-jftparent.com', 'JFTCHILD.COM': 'roms/tests/dos-core-jftchild.com' },
    files: { 'IN.TXT': 'hello world\r\n' },
    before({ dos }) {
      dos.addProcessListener({
        onTerminate(psp) {
          const parent = rd16(dos.mem, psp, PSP.PARENT);
          if (parent === psp || dos.currentPsp !== psp || refs.length) return;
          for (const h of [19, 21]) {
            const e = handleSftEntry(dos.mem, parent, h);
            refs.push(e ? rd16(dos.mem, e.seg, e.off + SFT.REF_COUNT) : -1);
          }
        },
      });
    },
  });
  const v = values(run.output);

  it('runs parent and child to the end', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('EXEC')).toBe('ok');
    expect(v.get('CODE')).toBe('0007');
  });

  it('has the parent on a 30-entry JFT outside its PSP, with handles up to 21 open', () => {
    expect(v.get('COUNT30')).toBe('ok');
    expect(v.get('PJFTSIZE')).toBe('001E');
    expect(v.get('PJFTSEG')).not.toBe(v.get('PARENTPSP'));
    expect(v.get('LAST')).toBe('0015');
    expect(v.get('PJFT').slice(40)).not.toContain('FF');
  });

  it("gives the child a 20-entry JFT in its own PSP with the parent's first 20 handles", () => {
    expect(v.get('CJFTSIZE')).toBe('0014');
    expect(v.get('CJFTOFF')).toBe('0018');
    expect(v.get('CJFTSEG')).toBe(v.get('CHILDPSP'));
    expect(v.get('CJFT')).toBe(v.get('PJFT').slice(0, 40));
    // Handle 19 is shared with the parent; 20 and 21 were left out.
    expect(v.get('C19')).toBe('ok');
    expect(v.get('C19DATA')).toBe(Buffer.from('hello').toString('hex').toUpperCase());
    expect(v.get('C20')).toBe('err 0006');
    expect(refs).toEqual([2, 1]);
  });

  it('leaves the parent its 30 handles: 19 moved on by the child, 21 untouched', () => {
    expect(v.get('PJFTSIZEAFTER')).toBe('001E');
    expect(v.get('P19DATA')).toBe(Buffer.from(' worl').toString('hex').toUpperCase());
    expect(v.get('P21DATA')).toBe(Buffer.from('hello').toString('hex').toUpperCase());
  });
});
