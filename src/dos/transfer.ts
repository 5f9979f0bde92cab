// Where a DOS read or write lands in guest memory and how much of it fits, by the rules of the
// MS-DOS kernel (4.0 source, HANDLE.ASM Align_Buffer and DISK.ASM/FCBIO2.ASM SETUP/FCBIO, which
// DOS 5 keeps). The copy itself is then one linear run (copyToLinear / copyFromLinear).
import { linear } from '../cpu/guest-memory';

export interface Transfer {
  /** Linear address of the first byte. */
  linear: number;
  /** Bytes DOS moves (the request, trimmed to what fits). */
  count: number;
}

/** INT 21h 3Fh/40h at DS:DX: DOS first normalises the pointer (segment += offset >> 4, offset
 *  &= 0Fh), so a buffer may run past the end of the caller's segment; then SETUP trims the count
 *  to what fits before the end of the normalised segment (10000h - offset, so a request of FFFFh
 *  bytes at an offset of 8 moves FFF8h). */
export function handleTransfer(seg: number, off: number, count: number): Transfer {
  const at = linear(seg, off);
  return { linear: at, count: Math.min(count, 0x10000 - (at & 0xf)) };
}

/** The records of an FCB transfer (14h/15h, 21h/22h, 27h/28h) that fit in the DTA's segment:
 *  DOS does not normalise the DTA; when the records would run past the segment's end it moves
 *  only those that fit (in 64 KiB - offset, FFFFh for offset 0) and reports AL=02h. */
export function fcbRecordsThatFit(dtaOff: number, recordSize: number, records: number): number {
  if (records * recordSize + dtaOff <= 0xffff) return records;
  const room = dtaOff === 0 ? 0xffff : 0x10000 - dtaOff;
  return Math.floor(room / recordSize);
}
