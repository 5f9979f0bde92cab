// Handles through the whole machine: INT 21h/67h moving the JFT out of the PSP and back, a guest
// walking JFT -> SFT in memory itself, and the file I/O torture of dos-files-io (gaps, truncation,
// shared positions of dup'ed handles, read-only files, access and sharing modes).
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';
import { linear } from '../../src/cpu/guest-memory';
import { PSP, SFT, JFT_FREE } from '../../src/dos/layout';

afterAll(cleanupTemps);

describe('INT 21h/67h and the JFT in memory', () => {
  it('raises the count to 48, opens 30 files, walks JFT -> SFT, refuses to shrink over an open handle; room for 117 files', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-jft.com' });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'open#16 err 0004', // 5 standard handles + 15 files fill the 20-entry table
      'opened 000F',
      'count48 ok',
      'size 0030',
      'jft moved out of the PSP',
      'jft offset 0000',
      'last handle 0022',
      'jft[0] 0001', // MS-DOS's standard layout: handles 0-2 on SFN 1 (CON)
      'jft[34] 0020',
      // CON is referenced by the shell's three handles and the program's three
      'handle 0000 sfn 0001 refs 0006 name CON        ',
      'handle 0005 sfn 0003 refs 0001 name F00     TMP',
      'handle 0022 sfn 0020 refs 0001 name F29     TMP',
      'count20 while open err 0004',
      'size 0030',
      'count20 ok',
      'size 0014',
      'jft back in the PSP',
      'jft offset 0018',
      'count130 ok',
      'open until full err 0004',
      'opened 0075', // 117: the 120-entry SFT chain less the three standard devices
    ]);
    for (let i = 0; i < 30; i++) {
      const name = `F${String(i).padStart(2, '0')}.TMP`;
      expect(readFileSync(join(run.dir, name), 'latin1')).toBe(name);
    }
    // Every handle was closed: no host object is left open.
    expect(run.dos.hostHandles.size).toBe(0);
  });

  it('the first program gets CON, CON, CON, AUX, PRN and an otherwise free 20-entry JFT in its PSP', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-jft.com', maxInstructions: 1 });
    const psp = run.dos.currentPsp;
    const mem = run.machine.mem;
    expect(mem[linear(psp, PSP.JFT_SIZE)] | (mem[linear(psp, PSP.JFT_SIZE + 1)] << 8)).toBe(20);
    const ptr = linear(psp, PSP.JFT_POINTER);
    expect(mem[ptr] | (mem[ptr + 1] << 8)).toBe(PSP.JFT);
    expect(mem[ptr + 2] | (mem[ptr + 3] << 8)).toBe(psp);
    const jft = [...mem.subarray(linear(psp, PSP.JFT), linear(psp, PSP.JFT) + 20)];
    expect(jft).toEqual([1, 1, 1, 0, 2, ...new Array(15).fill(JFT_FREE)]);
    const fs = run.dos.files;
    const con = fs.entry(1);
    expect(fs.sft.name(con)).toBe('CON        ');
    expect(fs.sft.info(con)).toBe(0x80d3);
    expect(fs.sft.devicePointer(con) >>> 0).not.toBe(0xffffffff);
    expect(fs.sft.name(fs.entry(0))).toBe('AUX        ');
    expect(fs.sft.name(fs.entry(2))).toBe('PRN        ');
    expect(mem[con + SFT.REF_COUNT]).toBe(6);
  });
});

describe('file I/O torture', () => {
  it('gaps, seeks, dup sharing, truncation, read-only files, access and sharing modes', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-io.com' });
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'A create ok 0005',
      'A write ok 000A',
      'A seek 1000 ok 03E8',
      'A write Z ok 0001',
      'A seek end ok 03E9',
      'A seek cur -991 ok 000A',
      'A read gap ok 0010',
      'A gap bytes or 0000',
      'A close ok',
      'B open ok 0005',
      'B seek start -1 err 0083', // refused as Windows NT's NTVDM does (ERROR_NEGATIVE_SEEK)
      'B seek end -2000 err 0083',
      'B seek cur 0 ok 0000', // the position did not move
      'B seek end -1 ok 03E8',
      'B read at end ok 0001',
      'B byte Z',
      'B read past end ok 0000',
      'B seek origin 3 err 0001',
      'C dup ok 0006',
      'C read via dup ok 0003',
      'C data CDE',
      'C position of original ok 0005',
      'C dup2 to 10 ok',
      'C read via 10 ok 0002',
      'C data FG',
      'C position of dup ok 0007',
      'C close dup ok',
      'C close 10 ok',
      'C close ok',
      'C close again err 0006',
      'D write ok 000A',
      'D write 0 at 4 ok 0000',
      'D size ok 0004',
      'D write 0 at 8 ok 0000',
      'D size ok 0008',
      'E create read-only ok 0005',
      'E write on the creating handle ok 0002',
      'E open write err 0005',
      'E open read/write err 0005',
      'E open read ok 0005',
      'E write via read handle err 0005',
      'E delete err 0005',
      'E create over it err 0005',
      'E get attributes ok',
      'E attributes 0021',
      'F open write-only ok 0005',
      'F read write-only err 0005',
      'F open deny-write ok 0005',
      'F open for write err 0020',
      'F open for read ok 0006',
      'F access 3 err 000C',
      'F missing file err 0002',
      'F missing path err 0003',
      'F close 99 err 0006',
    ]);
    const gap = readFileSync(join(run.dir, 'GAP.BIN'));
    expect(gap.length).toBe(1001);
    expect(gap.subarray(0, 10).toString('latin1')).toBe('ABCDEFGHIJ');
    expect(gap.subarray(10, 1000).every((b) => b === 0)).toBe(true);
    expect(gap[1000]).toBe(0x5a);
    // "trunc.txt" was created under its DOS name.
    expect([...readFileSync(join(run.dir, 'TRUNC.TXT'))]).toEqual([0x30, 0x31, 0x32, 0x33, 0, 0, 0, 0]);
    expect(readFileSync(join(run.dir, 'RO.TXT'), 'latin1')).toBe('ro');
    expect(statSync(join(run.dir, 'RO.TXT')).mode & 0o222).toBe(0);
    expect(run.dos.hostHandles.size).toBe(0);
  });
});
