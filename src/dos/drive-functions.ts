// INT 21h drive functions (MS-DOS 5 semantics): 0Eh select drive, 19h current drive, 1Bh/1Ch
// allocation information, 1Fh/32h drive parameter block, 36h free space, 69h volume serial number.
// Host folders are shown with the clamped geometry of drives.ts (GEOMETRY) so old programs can do
// their arithmetic.
import type { FileSystem } from './filesystem';
import { LASTDRIVE } from './sysvars';
import { DOS_ERROR } from './errors';
import { wr16, wr32, copyToSegment } from '../cpu/guest-memory';

/** The INT 21h/69h (and 440Dh/66h) media-ID record. */
const MEDIA_ID = { INFO_LEVEL: 0x00, SERIAL: 0x02, LABEL: 0x06, FILE_SYSTEM: 0x11, SIZE: 0x19 } as const;

/** A stable serial number for a drive: a hash of its host folder, so it is the same every run. */
function serialOf(root: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < root.length; i++) h = Math.imul(h ^ root.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function driveFunctions(fs: FileSystem) {
  const cpu = () => fs.cpu;

  // 0Eh: select drive DL (0 = A); AL = number of drive letters (LASTDRIVE), even when DL is bad.
  const int21_0E = () => {
    const c = cpu();
    if (fs.drives.isValid(c.dl)) fs.setCurrentDrive(c.dl);
    c.al = LASTDRIVE;
  };

  // 19h: AL = current drive (0 = A).
  const int21_19 = () => {
    cpu().al = fs.currentDrive;
  };

  // 1Bh (default drive) / 1Ch (DL): AL sectors per cluster, CX bytes per sector, DX clusters,
  // DS:BX -> media ID byte; AL = FFh for a bad drive.
  const allocationInfo = (drive: number) => {
    const c = cpu();
    if (drive < 0) {
      c.al = 0xff;
      return;
    }
    const space = fs.drives.space(drive);
    const media = fs.drives.mediaIdAddress(drive);
    c.al = space.sectorsPerCluster;
    c.cx = space.bytesPerSector;
    c.dx = space.totalClusters;
    c.ds = media.seg;
    c.bx = media.off;
  };
  const int21_1B = () => allocationInfo(fs.driveFromNumber(0));
  const int21_1C = () => allocationInfo(fs.driveFromNumber(cpu().dl));

  // 1Fh (default drive) / 32h (DL): AL = FFh, "invalid or network drive". vdm86's drives are
  // host folders, remote drives to DOS (IOCTL 4409h, INT 25h/26h): DOS gives no DPB for those, and
  // the disk tools that ask (CHKDSK, RECOVER, FORMAT of DOS 2-5) stop with "Invalid drive"
  // instead of reading sectors that are not there. The DPBs stay in the List of Lists chain.
  const dpb = (_drive: number) => {
    cpu().al = 0xff;
  };
  const int21_1F = () => dpb(fs.driveFromNumber(0));
  const int21_32 = () => dpb(fs.driveFromNumber(cpu().dl));

  // 69h: AL=00h get the media ID (serial number, "NO NAME" label, "FAT16") of drive BL into DS:DX;
  // AL=01h (set) is refused: a host folder has no boot sector to write it to.
  const int21_69 = () => {
    const c = cpu();
    const drive = fs.driveFromNumber(c.bl);
    if (drive < 0) return fs.dos.fail(DOS_ERROR.INVALID_DRIVE);
    if (c.al !== 0) return fs.dos.fail(c.al === 1 ? DOS_ERROR.ACCESS_DENIED : DOS_ERROR.INVALID_FUNCTION);
    const d = fs.drives.get(drive);
    const text = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
    wr16(fs.mem, c.ds, c.dx + MEDIA_ID.INFO_LEVEL, 0);
    wr32(fs.mem, c.ds, c.dx + MEDIA_ID.SERIAL, serialOf(d?.root ?? ''));
    copyToSegment(fs.mem, c.ds, c.dx + MEDIA_ID.LABEL, text('NO NAME    '));
    copyToSegment(fs.mem, c.ds, c.dx + MEDIA_ID.FILE_SYSTEM, text('FAT16   '));
    fs.dos.ok();
  };

  // 36h: DL drive (0 default): AX sectors per cluster, BX free clusters, CX bytes per sector,
  // DX total clusters; AX = FFFFh for a bad drive.
  const int21_36 = () => {
    const c = cpu();
    const drive = fs.driveFromNumber(c.dl);
    if (drive < 0) {
      c.ax = 0xffff;
      return;
    }
    const space = fs.drives.space(drive);
    c.ax = space.sectorsPerCluster;
    c.bx = space.freeClusters;
    c.cx = space.bytesPerSector;
    c.dx = space.totalClusters;
  };
  return { int21_0E, int21_19, int21_1B, int21_1C, int21_1F, int21_32, int21_69, int21_36 };
}
