// Where NTVDM is the contract: the handle calls' pPDB is the 16:16 pointer MK_FP(PSP, 0) (0 = the
// current PSP) and anything that points at no PSP is refused in NTVDM's failure form;
// VDDReleaseDosHandle refuses a handle that was allocated but never associated (NTVDM finds the
// entry through VDDRetrieveNtHandle and gives up on its 0 NT handle). Driven from a guest program
// (roms/tests/vdd-handles, scenario R) through the whole machine.
import { afterAll, describe, expect, it } from 'vitest';
import { PSP } from '../../src/dos/layout';
import { HANDLE_ERROR, MemoryHostObject, pdbPointer, pspOfPdb, VddUsageError, type VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

describe('pPDB as NTVDM takes it', () => {
  it('takes MK_FP(PSP, 0) and 0, refuses a bare segment or a pointer at no PSP', async () => {
    const seen: Record<string, unknown> = {};
    const vdd: VddModule = {
      name: 'HANDLES',
      routines: {
        Dispatch: (v) => {
          if (v.getDL() === 1 && !('probed' in seen)) {
            seen.probed = true;
            const psp = v.getCurrentPsp();
            seen.bareSegment = v.allocateDosHandle(psp).handle;
            seen.noPsp = v.allocateDosHandle(0x12340000).handle;
            seen.offsetNotParagraph = v.retrieveNtHandle(pdbPointer(psp) + 1, 0).hostHandle;
            seen.releaseNoPsp = v.releaseDosHandle(0x12340000, 0);
            seen.pspOfOther = pspOfPdb(v.mem, (((psp - 1) << 16) | 0x10) >>> 0);
            // MK_FP(PSP, 0): a real allocation, never associated, cannot be released
            const a = v.allocateDosHandle(pdbPointer(psp));
            seen.allocated = a.handle;
            seen.jftIsPsp = a.jft === psp * 16 + PSP.JFT;
            seen.releaseUnassociated = v.releaseDosHandle(pdbPointer(psp), a.handle);
            seen.retrieveUnassociated = v.retrieveNtHandle(0, a.handle).hostHandle;
            // once associated it can be, through the pointer form
            const id = v.associateNtHandle(a.sft, new MemoryHostObject('x'), 0);
            seen.retrieveViaPointer = v.retrieveNtHandle(pdbPointer(psp), a.handle).hostHandle === id;
            seen.releaseAssociated = v.releaseDosHandle(pdbPointer(psp), a.handle);
            v.closeHostHandle(id);
            seen.psp = psp;
          }
          if (v.getDL() === 1) {
            const h = v.openDosHandle(new MemoryHostObject('Hello from the host!\r\n'), 0, 0);
            v.setAX(h & 0xffff);
            v.setCF(h < 0 ? 1 : 0);
          } else if (v.getDL() === 5) {
            v.setAX(1);
            v.setCF(0);
          }
        },
      },
    };
    const run = await runGuest({ program: 'roms/tests/vdd-handles.com', args: ['R'], vdds: [vdd] });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)[0]).toBe('handle: CF=0 AX=0005');
    expect(seen).toMatchObject({
      bareSegment: HANDLE_ERROR.INVALID_HANDLE,
      noPsp: HANDLE_ERROR.INVALID_HANDLE,
      offsetNotParagraph: 0,
      releaseNoPsp: false,
      pspOfOther: seen.psp,
      allocated: 5,
      jftIsPsp: true,
      releaseUnassociated: false,
      retrieveUnassociated: 0,
      retrieveViaPointer: true,
      releaseAssociated: true,
    });
  });

  it('pdbPointer builds MK_FP(psp, 0) and refuses what is not a segment', () => {
    expect(pdbPointer(0x1234)).toBe(0x12340000);
    expect(pdbPointer(0xffff)).toBe(0xffff0000);
    expect(() => pdbPointer(0x12345)).toThrow(VddUsageError);
    expect(() => pdbPointer(-1)).toThrow(/a PSP is a segment/);
  });
});
