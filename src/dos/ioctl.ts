// INT 21h/44h IOCTL (MS-DOS 5 semantics) for handles and drives: 00h/01h get/set device
// information, 06h/07h input/output status, 08h removable media, 09h remote drive, 0Ah remote
// handle, 0Bh sharing retry count, 0Eh/0Fh logical drive map. The control-channel and generic
// requests (02h-05h, 0Ch, 0Dh, 10h, 11h) need a real driver and answer "invalid function".
import type { FileSystem } from './filesystem';
import { DOS_ERROR } from './errors';
import { SFT_INFO } from './layout';
import { deviceInputReady } from './devices';

const E = DOS_ERROR;
const IOCTL = {
  GET_INFO: 0x00,
  SET_INFO: 0x01,
  INPUT_STATUS: 0x06,
  OUTPUT_STATUS: 0x07,
  REMOVABLE: 0x08,
  REMOTE_DRIVE: 0x09,
  REMOTE_HANDLE: 0x0a,
  SHARING_RETRY: 0x0b,
  GET_DRIVE_MAP: 0x0e,
  SET_DRIVE_MAP: 0x0f,
} as const;
/** 4409h DX bit 12: the drive is remote (redirected). Every vdm86 drive is a host folder reached
 *  as DOS reaches a network drive: no sectors behind it (CHKDSK 4+ asks this first and says it
 *  cannot check a network drive). */
const DRIVE_REMOTE = 0x1000;
const READY = 0xff;
const NOT_READY = 0x00;

export function ioctlFunctions(fs: FileSystem) {
  const int21_44 = () => {
    const c = fs.cpu;
    const dos = fs.dos;
    /** The SFT entry address behind BX, or -1. */
    const byHandle = () => {
      const sfn = fs.sfnOf(c.bx);
      return sfn < 0 ? -1 : fs.entry(sfn);
    };
    switch (c.al) {
      case IOCTL.GET_INFO: {
        const a = byHandle();
        if (a < 0) return dos.fail(E.INVALID_HANDLE);
        c.dx = fs.sft.info(a);
        c.ax = c.dx;
        return dos.ok();
      }
      case IOCTL.SET_INFO: {
        const a = byHandle();
        if (a < 0) return dos.fail(E.INVALID_HANDLE);
        if (!fs.sft.isDevice(a)) return dos.fail(E.INVALID_FUNCTION);
        if (c.dh !== 0) return dos.fail(E.INVALID_DATA);
        // DOS takes DL as the new low byte (the device bit stays); bit 5 selects raw mode.
        fs.sft.setInfo(a, (fs.sft.info(a) & 0xff00) | SFT_INFO.IS_DEVICE | (c.dl & 0x7f));
        return dos.ok();
      }
      case IOCTL.INPUT_STATUS: {
        const sfn = fs.sfnOf(c.bx);
        if (sfn < 0) return dos.fail(E.INVALID_HANDLE);
        const a = fs.entry(sfn);
        const dev = fs.deviceOf(a);
        // A device says whether input is waiting; a file is "ready" until its end.
        let ready: boolean;
        if (fs.sft.isDevice(a)) ready = dev ? deviceInputReady(fs.dos, dev) : false;
        else ready = fs.sft.position(a) < fs.fileSize(sfn);
        c.al = ready ? READY : NOT_READY;
        return dos.ok();
      }
      case IOCTL.OUTPUT_STATUS: {
        if (byHandle() < 0) return dos.fail(E.INVALID_HANDLE);
        c.al = READY;
        return dos.ok();
      }
      case IOCTL.REMOVABLE: {
        if (fs.driveFromNumber(c.bl) < 0) return dos.fail(E.INVALID_DRIVE);
        c.ax = 1; // fixed
        return dos.ok();
      }
      case IOCTL.REMOTE_DRIVE: {
        if (fs.driveFromNumber(c.bl) < 0) return dos.fail(E.INVALID_DRIVE);
        c.dx = DRIVE_REMOTE;
        return dos.ok();
      }
      case IOCTL.REMOTE_HANDLE: {
        const a = byHandle();
        if (a < 0) return dos.fail(E.INVALID_HANDLE);
        c.dx = fs.sft.info(a); // bit 15 clear: local
        return dos.ok();
      }
      case IOCTL.SHARING_RETRY:
        return dos.ok(); // vdm86 never waits on a sharing conflict: the count is moot
      case IOCTL.GET_DRIVE_MAP:
        if (fs.driveFromNumber(c.bl) < 0) return dos.fail(E.INVALID_DRIVE);
        c.al = 0; // one letter per drive
        return dos.ok();
      case IOCTL.SET_DRIVE_MAP:
        if (fs.driveFromNumber(c.bl) < 0) return dos.fail(E.INVALID_DRIVE);
        return dos.ok();
      default:
        return dos.fail(E.INVALID_FUNCTION);
    }
  };
  return { int21_44 };
}
