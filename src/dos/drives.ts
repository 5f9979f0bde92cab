// Drives: which letters map to which host folders, and the per-drive DOS data in guest memory —
// the Current Directory Structure (CDS, one entry per letter up to LASTDRIVE, reached from
// LoL+16h) whose path field holds each drive's current directory, and a Drive Parameter Block
// (DPB, DOS 4+ layout, chained from LoL+00h) per mapped drive for programs that ask for one.
import { writeAsciiz, fillSegment, wr8, wr16, wr32, rd16 } from '../cpu/guest-memory';
import { CDS, CDS_FLAGS, LOL } from './layout';
import { DOS_SEG, DOSMEM, LASTDRIVE } from './sysvars';
import { resolveHostRoot, diskSpace } from '../host/fs';
import { parseComponent, fromFcbForm } from './names';

/** Drive Parameter Block, DOS 4-6 layout (21h bytes; DOSMEM.DPB_SIZE). */
export const DPB = {
  DRIVE: 0x00, // 0 = A
  UNIT: 0x01,
  BYTES_PER_SECTOR: 0x02, // word
  CLUSTER_MASK: 0x04, // sectors per cluster - 1
  CLUSTER_SHIFT: 0x05,
  RESERVED_SECTORS: 0x06, // word
  FAT_COUNT: 0x08,
  ROOT_ENTRIES: 0x09, // word
  FIRST_DATA_SECTOR: 0x0b, // word
  MAX_CLUSTER: 0x0d, // word: number of clusters + 1
  SECTORS_PER_FAT: 0x0f, // word (DOS 4+)
  FIRST_DIR_SECTOR: 0x11, // word
  DEVICE: 0x13, // far pointer to the block device header
  MEDIA_ID: 0x17,
  ACCESSED: 0x18, // 00h accessed, FFh not yet
  NEXT: 0x19, // far pointer; offset FFFFh ends the chain
  FREE_SEARCH: 0x1d, // word
  FREE_CLUSTERS: 0x1f, // word, FFFFh unknown
} as const;

/** The geometry vdm86 shows for a host folder: 512-byte sectors, 32 KiB clusters (the largest a
 *  16-bit FAT had), so at most 65535 clusters = just under 2 GiB, which old programs that multiply
 *  AX*BX*CX in 32 signed bits can take (INT 21h/36h). */
export const GEOMETRY = {
  BYTES_PER_SECTOR: 512,
  SECTORS_PER_CLUSTER: 64,
  CLUSTER_SHIFT: 6,
  MAX_CLUSTERS: 0xfffe,
  MEDIA_FIXED: 0xf8,
} as const;
const CLUSTER_BYTES = GEOMETRY.BYTES_PER_SECTOR * GEOMETRY.SECTORS_PER_CLUSTER;

export interface DriveSpace {
  sectorsPerCluster: number;
  bytesPerSector: number;
  freeClusters: number;
  totalClusters: number;
}

export interface Drive {
  index: number; // 0 = A
  letter: string;
  /** Canonical host path of the folder (symbolic links resolved): the escape check's root. */
  root: string;
  /** Fixed free and total bytes, when the mapping gives them (reproducible runs). */
  space?: { free: number; total: number };
  /** Nothing on the drive may be created, changed or removed (error 5). */
  readOnly: boolean;
}

/** Where the CDS entry and the DPB of a drive live in DOS_SEG. */
function cdsOffset(drive: number): number {
  return DOSMEM.CDS + drive * CDS.ENTRY_SIZE;
}
function dpbOffset(drive: number): number {
  return DOSMEM.DPB + drive * DOSMEM.DPB_SIZE;
}
const MAX_CDS_PATH = 67; // CDS.PATH is 67 bytes with the terminator

/** A directory name as the current directory may hold it: one 8.3 name, no wildcard, no "." or
 *  "..", already in its canonical upper-case spelling. */
function isPlainComponent(c: string): boolean {
  const p = parseComponent(c);
  return 'fcb' in p && !p.wild && fromFcbForm(p.fcb) === c;
}

export class Drives {
  private readonly drives: (Drive | undefined)[] = new Array(LASTDRIVE);
  /** Bytes the run may still add to the disk (a quota), or Infinity: free space shows no more. */
  freeLimit: () => number = () => Infinity;
  /** Each drive's current directory: the authority (the CDS path only mirrors it). */
  private readonly cwd: string[][] = Array.from({ length: LASTDRIVE }, () => []);

  constructor(
    private readonly mem: Uint8Array,
    mappings: readonly { letter: string; hostPath: string; space?: { free: number; total: number }; readOnly?: boolean }[],
  ) {
    for (const m of mappings) {
      const letter = m.letter.toUpperCase();
      const index = letter.charCodeAt(0) - 0x41;
      if (letter.length !== 1 || index < 0 || index >= LASTDRIVE) throw new Error(`invalid drive letter "${m.letter}"`);
      let root: string;
      try {
        root = resolveHostRoot(m.hostPath);
      } catch {
        throw new Error(`drive ${letter}: host folder "${m.hostPath}" does not exist`);
      }
      this.drives[index] = { index, letter, root, space: m.space, readOnly: !!m.readOnly };
    }
  }

  get(drive: number): Drive | undefined {
    return drive >= 0 && drive < LASTDRIVE ? this.drives[drive] : undefined;
  }

  mapped(): Drive[] {
    return this.drives.filter((d): d is Drive => d !== undefined);
  }

  /** Writes the CDS array and the DPB chain, and the LoL fields that point at them. */
  init(lol: number): void {
    const lolSeg = DOS_SEG;
    let previousDpb = -1;
    for (let i = 0; i < LASTDRIVE; i++) {
      const cds = cdsOffset(i);
      fillSegment(this.mem, DOS_SEG, cds, CDS.ENTRY_SIZE, 0);
      writeAsciiz(this.mem, DOS_SEG, cds + CDS.PATH, `${String.fromCharCode(0x41 + i)}:\\`);
      wr16(this.mem, DOS_SEG, cds + CDS.ROOT_LENGTH, 2);
      wr16(this.mem, DOS_SEG, cds + CDS.START_CLUSTER, 0xffff);
      const d = this.drives[i];
      if (!d) continue;
      wr16(this.mem, DOS_SEG, cds + CDS.FLAGS, CDS_FLAGS.PHYSICAL);
      wr16(this.mem, DOS_SEG, cds + CDS.DPB, dpbOffset(i));
      wr16(this.mem, DOS_SEG, cds + CDS.DPB + 2, DOS_SEG);
      this.writeDpb(i);
      if (previousDpb < 0) {
        wr16(this.mem, lolSeg, lol + LOL.FIRST_DPB, dpbOffset(i));
        wr16(this.mem, lolSeg, lol + LOL.FIRST_DPB + 2, DOS_SEG);
      } else {
        wr16(this.mem, DOS_SEG, dpbOffset(previousDpb) + DPB.NEXT, dpbOffset(i));
        wr16(this.mem, DOS_SEG, dpbOffset(previousDpb) + DPB.NEXT + 2, DOS_SEG);
      }
      previousDpb = i;
    }
    if (previousDpb < 0) wr32(this.mem, lolSeg, lol + LOL.FIRST_DPB, 0xffffffff);
    wr16(this.mem, lolSeg, lol + LOL.CDS, DOSMEM.CDS);
    wr16(this.mem, lolSeg, lol + LOL.CDS + 2, DOS_SEG);
    const highest = this.drives.reduce((h, d, i) => (d ? i + 1 : h), 0);
    wr8(this.mem, lolSeg, lol + LOL.BLOCK_DEVICES, highest);
    wr8(this.mem, lolSeg, lol + LOL.LASTDRIVE, LASTDRIVE);
  }

  /** Fills drive `i`'s DPB from the host's current free space. */
  private writeDpb(i: number): void {
    const off = dpbOffset(i);
    const space = this.space(i);
    fillSegment(this.mem, DOS_SEG, off, DOSMEM.DPB_SIZE, 0);
    wr8(this.mem, DOS_SEG, off + DPB.DRIVE, i);
    wr8(this.mem, DOS_SEG, off + DPB.UNIT, i);
    wr16(this.mem, DOS_SEG, off + DPB.BYTES_PER_SECTOR, GEOMETRY.BYTES_PER_SECTOR);
    wr8(this.mem, DOS_SEG, off + DPB.CLUSTER_MASK, GEOMETRY.SECTORS_PER_CLUSTER - 1);
    wr8(this.mem, DOS_SEG, off + DPB.CLUSTER_SHIFT, GEOMETRY.CLUSTER_SHIFT);
    wr16(this.mem, DOS_SEG, off + DPB.RESERVED_SECTORS, 1);
    wr8(this.mem, DOS_SEG, off + DPB.FAT_COUNT, 2);
    wr16(this.mem, DOS_SEG, off + DPB.ROOT_ENTRIES, 512);
    wr16(this.mem, DOS_SEG, off + DPB.SECTORS_PER_FAT, 256);
    wr16(this.mem, DOS_SEG, off + DPB.FIRST_DIR_SECTOR, 1 + 2 * 256);
    wr16(this.mem, DOS_SEG, off + DPB.FIRST_DATA_SECTOR, 1 + 2 * 256 + 32);
    wr16(this.mem, DOS_SEG, off + DPB.MAX_CLUSTER, space.totalClusters + 1);
    wr32(this.mem, DOS_SEG, off + DPB.DEVICE, 0);
    wr8(this.mem, DOS_SEG, off + DPB.MEDIA_ID, GEOMETRY.MEDIA_FIXED);
    wr8(this.mem, DOS_SEG, off + DPB.ACCESSED, 0);
    wr16(this.mem, DOS_SEG, off + DPB.NEXT, 0xffff);
    wr16(this.mem, DOS_SEG, off + DPB.NEXT + 2, 0xffff);
    wr16(this.mem, DOS_SEG, off + DPB.FREE_SEARCH, 2);
    wr16(this.mem, DOS_SEG, off + DPB.FREE_CLUSTERS, space.freeClusters);
  }

  /** Refreshes the free-cluster count of a drive's DPB and returns its far address. */
  dpb(drive: number): { seg: number; off: number } {
    const off = dpbOffset(drive);
    const space = this.space(drive);
    wr16(this.mem, DOS_SEG, off + DPB.MAX_CLUSTER, space.totalClusters + 1);
    wr16(this.mem, DOS_SEG, off + DPB.FREE_CLUSTERS, space.freeClusters);
    return { seg: DOS_SEG, off };
  }

  /** The far address of a drive's media ID byte (INT 21h/1Bh, 1Ch). */
  mediaIdAddress(drive: number): { seg: number; off: number } {
    return { seg: DOS_SEG, off: dpbOffset(drive) + DPB.MEDIA_ID };
  }

  /** Free and total space of the host folder, in the clamped geometry. */
  space(drive: number): DriveSpace {
    const d = this.drives[drive];
    let free = 0;
    let total = 0;
    if (d?.space) ({ free, total } = d.space);
    else if (d) {
      try {
        ({ free, total } = diskSpace(d.root));
        free = d.readOnly ? 0 : Math.min(free, this.freeLimit());
      } catch {
        // A host that cannot say reports an empty disk rather than failing the call.
      }
    }
    const clusters = (bytes: number) => Math.min(GEOMETRY.MAX_CLUSTERS, Math.floor(bytes / CLUSTER_BYTES));
    const totalClusters = Math.max(1, clusters(total));
    return {
      sectorsPerCluster: GEOMETRY.SECTORS_PER_CLUSTER,
      bytesPerSector: GEOMETRY.BYTES_PER_SECTOR,
      freeClusters: Math.min(totalClusters, clusters(free)),
      totalClusters,
    };
  }

  /** The current directory of a drive as DOS components (upper case, no drive, no root). It is
   *  the kernel's own copy, never read back from the CDS: the CDS is guest memory a program can
   *  rewrite (LoL+16h), and a path built from it could lead out of the drive (issue 14). DOSBox
   *  keeps the current directory on its side the same way; the CDS is only a mirror. */
  currentDirectory(drive: number): string[] {
    return [...(this.cwd[drive] ?? [])];
  }

  /** Sets a drive's current directory (components as currentDirectory returns) and mirrors it into
   *  the CDS. Returns false when the path would not fit the CDS (DOS: path not found) or a
   *  component is not a plain 8.3 name. */
  setCurrentDirectory(drive: number, components: readonly string[]): boolean {
    if (drive < 0 || drive >= LASTDRIVE || !components.every(isPlainComponent)) return false;
    const path = `${String.fromCharCode(0x41 + drive)}:\\${components.join('\\')}`;
    if (path.length > MAX_CDS_PATH - 1) return false;
    this.cwd[drive] = [...components];
    const off = cdsOffset(drive) + CDS.PATH;
    fillSegment(this.mem, DOS_SEG, off, MAX_CDS_PATH, 0);
    writeAsciiz(this.mem, DOS_SEG, off, path);
    // START_CLUSTER 0 means "root" to programs that look; anything else is an opaque nonzero.
    wr16(this.mem, DOS_SEG, cdsOffset(drive) + CDS.START_CLUSTER, components.length ? 0xffff : 0);
    return true;
  }

  /** True when the CDS still marks the drive valid (a program may have cleared the flags). */
  isValid(drive: number): boolean {
    if (!this.get(drive)) return false;
    return (rd16(this.mem, DOS_SEG, cdsOffset(drive) + CDS.FLAGS) & CDS_FLAGS.PHYSICAL) !== 0;
  }
}
