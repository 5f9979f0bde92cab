// INT 21h/5702h-5704h, the extended attributes of DOS 4, served as MS-DOS 4.0 serves them
// (EXTATTR.ASM): every file has the empty list. DOS 4's COMMAND TYPE and COPY and XCOPY ask for
// it and said "Extended Error 1" when it failed.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, runGuest } from '../helpers/guest';
import { values } from '../helpers/output';

afterAll(cleanupTemps);

describe('extended attributes (5702h-5704h)', () => {
  it('an empty list for every file; sizes, small buffers, set, and errors as DOS 4', async () => {
    const run = await runGuest({ program: 'roms/tests/dos-files-ea.com', files: { 'EA.TXT': 'text' } });
    const v = values(run.output);
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
    expect(v.get('OPEN')).toBe('ok');
    // CX=0: the size a list needs (its count word).
    expect([v.get('GETSIZE'), v.get('GETSIZECX'), v.get('GETSIZEBUF')]).toEqual(['ok', '0002', 'AAAAAAAA']);
    expect([v.get('NAMESIZE'), v.get('NAMESIZECX'), v.get('NAMESIZEBUF')]).toEqual(['ok', '0002', 'AAAAAAAA']);
    // CX=1: no room; DOS 4 leaves the buffer and CX and reports no error.
    expect([v.get('GETSMALL'), v.get('GETSMALLCX'), v.get('GETSMALLBUF')]).toEqual(['ok', '0001', 'AAAAAAAA']);
    // A buffer: a count of 0 attributes, CX = the bytes returned.
    expect([v.get('GET'), v.get('GETCX'), v.get('GETBUF')]).toEqual(['ok', '0002', '0000AAAA']);
    expect([v.get('NAMES'), v.get('NAMESCX'), v.get('NAMESBUF')]).toEqual(['ok', '0002', '0000AAAA']);
    expect(v.get('SET')).toBe('ok');
    expect(v.get('FIVE')).toBe('err 0001');
    expect(v.get('BADHANDLE')).toBe('err 0006');
  });
});
