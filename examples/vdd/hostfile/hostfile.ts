// Example VDD: opens a host file for a DOS program and hands it over as a DOS handle. The guest
// (roms/examples/hostfile.asm) passes a host path; from then on it uses plain INT 21h read and
// close on the handle, and its close closes the host file. VDDs are trusted host code, so the
// path may be anywhere on the host, unlike the guest's own drives.
//
//   npx vdm86 --vdd examples/vdd/hostfile/hostfile.ts roms/examples/hostfile.com /etc/hostname
import type { VddService } from 'vdm86';

export const dllName = 'HOSTFILE';

/** INT 21h/3Dh access code for "read only". */
const READ_ONLY = 0;
/** Longest host path the guest may pass. */
const MAX_PATH = 260;

/** Init routine: nothing to set up; a refusal would set CF. */
export function HostFileInit(vdd: VddService): void {
  vdd.setCF(0);
}

/** Dispatch routine (AX held the VDD handle, so the function number travels in DX). DX=1: open
 *  the host file named by the ASCIIZ string at DS:SI for reading. Returns CF=0 AX=DOS handle,
 *  or CF=1 AX=DOS error (2 not found, 4 no handle free, ...). */
export function HostFileDispatch(vdd: VddService): void {
  if (vdd.getDX() !== 1) {
    vdd.setAX(0x0001); // invalid function
    vdd.setCF(1);
    return;
  }
  const path = asciiz(vdd.getVDMAddr(vdd.getDS(), vdd.getSI()), MAX_PATH);
  const hostHandle = vdd.openHostFile(path, READ_ONLY);
  if (hostHandle < 0) return fail(vdd, -hostHandle);
  // VDDAllocateDosHandle + VDDAssociateNtHandle, as an NTVDM VDD does after CreateFile
  const dos = vdd.allocateDosHandle(0);
  if (dos.handle < 0) {
    vdd.closeHostHandle(hostHandle); // the guest never saw it
    return fail(vdd, -dos.handle);
  }
  vdd.associateNtHandle(dos.sft, hostHandle, READ_ONLY);
  vdd.setAX(dos.handle);
  vdd.setCF(0);
}

function fail(vdd: VddService, dosError: number): void {
  vdd.setAX(dosError);
  vdd.setCF(1);
}

function asciiz(bytes: Uint8Array, max: number): string {
  let s = '';
  for (let i = 0; i < Math.min(max, bytes.length) && bytes[i] !== 0; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
