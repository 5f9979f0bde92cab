// The kernel's system functions as a program sees them: vectors, date and time, version, break,
// switch character, verify, country information, extended error, PSP creation with 26h and 55h,
// the SDA, the DBCS table, INT 2Fh's DOS answers, a CP/M null function and an unknown function.
import { afterAll, describe, expect, it } from 'vitest';
import { rd16 } from '../../src/cpu/guest-memory';
import { DOS_SEG, DOSMEM } from '../../src/dos/sysvars';
import { SDA } from '../../src/dos/layout';
import { cleanupTemps, hex4, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

describe('system functions', async () => {
  const run = await runGuest({ programs: { 'SYS.COM': 'roms/tests/dos-core-sys.com' } });
  const v = values(run.output);
  const lo = (k: string) => v.get(k).slice(2);

  it('runs to the end', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
  });

  it('sets and gets interrupt vectors (25h, 35h) in the vector table', () => {
    expect(v.get('VECSEG')).toBe('1234');
    expect(v.get('VECOFF')).toBe('5678');
    expect(rd16(run.machine.mem, 0, 0x61 * 4)).toBe(0x5678);
    expect(rd16(run.machine.mem, 0, 0x61 * 4 + 2)).toBe(0x1234);
  });

  it('keeps a date and time that programs can set (2Ah-2Dh) and checks them', () => {
    expect(parseInt(v.get('YEAR'), 16)).toBe(new Date().getFullYear());
    expect(lo('SETDATE')).toBe('00');
    expect(v.get('YEAR2')).toBe(hex4(2001));
    expect(v.get('MONTHDAY')).toBe('0203');
    expect(v.get('WEEKDAY')).toBe('0006'); // 3 February 2001 was a Saturday
    expect(lo('BADDATE')).toBe('FF');
    expect(lo('SETTIME')).toBe('00');
    expect(v.get('HOURMIN')).toBe('0C22');
    expect(parseInt(v.get('SECOND'), 16)).toBeGreaterThanOrEqual(56);
    expect(lo('BADTIME')).toBe('FF');
  });

  it('reports version 5.00 from MS-DOS (30h, 3306h)', () => {
    expect(v.get('VER')).toBe('0005');
    expect(v.get('VERBX')).toBe('FF00');
    expect(v.get('VERCX')).toBe('0000');
    expect(v.get('VERFLAGS')).toBe('0000');
    expect(v.get('TRUEVER')).toBe('0005');
    expect(v.get('TRUEREV')).toBe('0000');
  });

  it('handles 33h (break get/set/exchange, boot drive), 37h, 2Eh/54h', () => {
    expect(lo('BREAK')).toBe('00');
    expect(lo('XCHG')).toBe('00');
    expect(lo('BREAK2')).toBe('01');
    expect(lo('BOOT')).toBe('03');
    expect(lo('BAD33')).toBe('FF');
    expect(lo('SWITCH')).toBe('2F');
    expect(lo('VERIFY')).toBe('01');
    // The program set BREAK off again before it ended.
    expect(run.machine.mem[DOS_SEG * 16 + DOSMEM.SDA + SDA.BREAK_FLAG]).toBe(0);
  });

  it('gives United States country information (38h, 65h, 66h)', () => {
    expect(v.get('COUNTRY')).toBe('ok');
    expect(v.get('COUNTRYCODE')).toBe('0001');
    const ci = Buffer.from(v.get('CINFO'), 'hex');
    expect(ci.readUInt16LE(0)).toBe(0); // m d y
    expect(ci.subarray(2, 3).toString()).toBe('$');
    expect(String.fromCharCode(ci[7], ci[9], ci[11], ci[13])).toBe(',.-:');
    expect(v.get('EXTINFO')).toBe('ok');
    const ext = Buffer.from(v.get('EXT'), 'hex');
    expect(ext[0]).toBe(1);
    expect(ext.readUInt16LE(1)).toBe(0x26);
    expect(ext.readUInt16LE(3)).toBe(1);
    expect(ext.readUInt16LE(5)).toBe(437);
    expect(ext.subarray(7, 7 + 0x22).toString('hex')).toBe(ci.toString('hex'));
    expect(lo('UPPER')).toBe('41');
    expect(lo('UPPER84')).toBe('8E');
    expect(v.get('YES')).toBe('0001');
    expect(v.get('NO')).toBe('0000');
    expect(v.get('CODEPAGE')).toBe(hex4(437));
  });

  it('reports the last error with 59h', () => {
    expect(v.get('OPENMISSING')).toBe('err 0002');
    expect(v.get('EXTERR')).toBe('0002');
    expect(v.get('EXTCLASS')).toBe('0807'); // not found, retry after user intervention
    expect(v.get('EXTLOCUS')).toBe('0002'); // block device
  });

  it('26h copies the caller PSP without making it current', () => {
    expect(v.get('AFTER26')).toBe(v.get('P55PARENT'));
    expect(v.get('P26INT')).toBe('20CD');
    expect(v.get('P26TOP')).toBe('A000');
    // Its own JFT pointer, the same parent and environment as the source.
    expect(v.get('P26JFTPTR')).not.toBe(v.get('AFTER26'));
    expect(v.get('P26PARENT')).not.toBe('0000');
  });

  it('55h makes a child PSP with memory top SI and inherited handles, and makes it current', () => {
    const child = parseInt(v.get('AFTER55'), 16);
    expect(lo('AL55')).toBe('F0');
    expect(v.get('P55TOP')).toBe(hex4(child + 0x20));
    expect(v.get('P55PARENT')).toBe(v.get('AFTER26'));
    expect(v.get('P55JFT').slice(0, 10)).not.toContain('FF');
  });

  it('gives the SDA (5D06h) and an empty DBCS table (63h)', () => {
    expect(v.get('SDASEG')).toBe(hex4(DOS_SEG));
    expect(v.get('SDAOFF')).toBe(hex4(DOSMEM.SDA));
    expect(v.get('DBCS')).toBe('0000');
  });

  it('answers the DOS INT 2Fh calls and leaves others alone', () => {
    expect(lo('MUX1200')).toBe('FF');
    expect(v.get('MUX1600')).toBe('1600');
    expect(v.get('MUX1220')).toBe('ok');
    expect(v.get('MUX1216')).toBe('ok');
    expect(parseInt(v.get('SFTREF'), 16)).toBeGreaterThan(0);
    expect(v.get('HMAFREE')).toBe('0000');
    expect(v.get('HMASEG')).toBe('FFFF');
  });

  it('answers 18h with AL=0 and an unknown function with AX=1, CF=1', () => {
    expect(lo('NULL18')).toBe('00');
    expect(v.get('UNKNOWN')).toBe('err 0001');
  });
});
