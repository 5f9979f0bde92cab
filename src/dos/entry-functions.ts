// INT 21h functions on directory entries by name or handle (MS-DOS 5 semantics): 41h delete,
// 43h get/set attributes, 56h rename (and move within a drive), 57h get/set a file's date and time.
import type { FileSystem } from './filesystem';
import { readAsciiz, wr16 } from '../cpu/guest-memory';
import { DOS_ERROR } from './errors';
import { ATTR, SFT_INFO } from './layout';
import { INFO_DATE_SET } from './sft';
import { SETTABLE_ATTRIBUTES } from './attributes';
import { packDateTime, unpackDateTime, dosNowMs } from './file-times';
import { tryHost } from './host-errors';
import { removeFile, renamePath, setModified } from '../host/fs';
import { pathAtDsDx, MAX_PATH } from './handle-functions';

const E = DOS_ERROR;
/** INT 21h/57h subfunctions for extended attributes, and the size of an empty list (its count). */
const EA = { GET: 0x02, GET_NAMES: 0x03, SET: 0x04, EMPTY_LIST_BYTES: 2 } as const;

export function entryFunctions(fs: FileSystem) {
  const cpu = () => fs.cpu;

  // 41h: delete a file (no wildcards, not a directory, not read-only).
  const int21_41 = () => {
    const r = fs.paths.resolve(pathAtDsDx(fs));
    if (typeof r === 'number') return fs.dos.fail(r);
    if (r.device || r.drive.readOnly) return fs.dos.fail(E.ACCESS_DENIED);
    if (!r.stat) return fs.dos.fail(E.FILE_NOT_FOUND);
    if (r.stat.kind !== 'file') return fs.dos.fail(E.ACCESS_DENIED);
    if (!r.stat.writable) return fs.dos.fail(E.ACCESS_DENIED);
    const done = tryHost(() => removeFile(r.hostPath, r.drive));
    if (typeof done === 'number') return fs.dos.fail(done);
    fs.paths.changed(r.parentHost, r.hostPath.slice(r.parentHost.length + 1), null);
    fs.attributes.moved(r.hostPath, null);
    fs.dos.ok();
  };

  // 43h: AL=0 get attributes into CX, AL=1 set them from CX.
  const int21_43 = () => {
    const c = cpu();
    if (c.al > 1) return fs.dos.fail(E.INVALID_FUNCTION);
    const r = fs.paths.resolve(pathAtDsDx(fs));
    if (typeof r === 'number') return fs.dos.fail(r);
    if (r.device || r.components.length === 0) return fs.dos.fail(E.FILE_NOT_FOUND);
    if (!r.stat) return fs.dos.fail(E.FILE_NOT_FOUND);
    const hostName = r.hostPath.slice(r.parentHost.length + 1);
    if (c.al === 0) {
      const attr = fs.attributes.of(r.hostPath, hostName, r.stat);
      c.cx = attr;
      c.ax = attr; // MS-DOS leaves the attribute in AX too
      return fs.dos.ok();
    }
    if (r.drive.readOnly) return fs.dos.fail(E.ACCESS_DENIED);
    const isDir = r.stat.kind === 'dir';
    const allowed = SETTABLE_ATTRIBUTES | (isDir ? ATTR.DIRECTORY : 0);
    if (c.cx & ~allowed) return fs.dos.fail(E.ACCESS_DENIED);
    const st = r.stat;
    const done = tryHost(() => fs.attributes.set(r.hostPath, st, c.cx & SETTABLE_ATTRIBUTES, r.drive));
    if (typeof done === 'number') return fs.dos.fail(done);
    fs.dos.ok();
  };

  // 56h: rename DS:DX to ES:DI, possibly into another directory of the same drive.
  const int21_56 = () => {
    const c = cpu();
    const from = fs.paths.resolve(pathAtDsDx(fs));
    if (typeof from === 'number') return fs.dos.fail(from);
    const to = fs.paths.resolve(readAsciiz(fs.mem, c.es, c.di, MAX_PATH));
    if (typeof to === 'number') return fs.dos.fail(to === E.FILE_NOT_FOUND ? E.PATH_NOT_FOUND : to);
    if (from.device || to.device || from.drive.readOnly) return fs.dos.fail(E.ACCESS_DENIED);
    if (!from.stat || from.components.length === 0) return fs.dos.fail(E.FILE_NOT_FOUND);
    if (from.drive.index !== to.drive.index) return fs.dos.fail(E.NOT_SAME_DEVICE);
    if (to.components.length === 0) return fs.dos.fail(E.ACCESS_DENIED);
    if (to.stat) return fs.dos.fail(E.ACCESS_DENIED); // DOS: the new name exists
    const target = to.hostPath; // the new name's host spelling
    const done = tryHost(() => renamePath(from.hostPath, target, from.drive));
    if (typeof done === 'number') return fs.dos.fail(done === E.FILE_EXISTS ? E.ACCESS_DENIED : done);
    fs.attributes.moved(from.hostPath, target);
    fs.paths.changed(from.parentHost, from.hostPath.slice(from.parentHost.length + 1), null);
    fs.paths.changed(to.parentHost, null, target.slice(to.parentHost.length + 1));
    fs.dos.ok();
  };

  // 57h: AL=0 get CX=time DX=date of handle BX, AL=1 set them (kept at close, as DOS does);
  // AL=2-4 the extended attributes of DOS 4.
  const int21_57 = () => {
    const c = cpu();
    if (c.al > EA.SET) return fs.dos.fail(E.INVALID_FUNCTION);
    const sfn = fs.sfnOf(c.bx);
    if (sfn < 0) return fs.dos.fail(E.INVALID_HANDLE);
    if (c.al >= EA.GET) return extendedAttributes();
    const a = fs.entry(sfn);
    const s = fs.sft;
    if (c.al === 0) {
      let date = s.date(a);
      let time = s.time(a);
      // A file written since it was opened gets the time of the write, unless 57h set one.
      const info = s.info(a);
      if (!s.isDevice(a) && !(info & SFT_INFO.NOT_WRITTEN) && !(info & INFO_DATE_SET)) {
        ({ date, time } = packDateTime(dosNowMs(fs.dos)));
      }
      c.cx = time;
      c.dx = date;
      return fs.dos.ok();
    }
    const when = unpackDateTime(c.dx, c.cx);
    s.setDateTime(a, c.dx, c.cx);
    if (s.isDevice(a)) return fs.dos.ok();
    s.setInfo(a, s.info(a) | INFO_DATE_SET);
    const path = fs.hostObject(a)?.hostPath;
    if (path && when) {
      const done = tryHost(() => setModified(path, when, fs.drives.get(s.info(a) & SFT_INFO.DRIVE_MASK)));
      if (typeof done === 'number') return fs.dos.fail(done);
    }
    fs.dos.ok();
  };

  /**
   * 5702h get extended attributes (DS:SI query list, ES:DI buffer of CX bytes), 5703h get their
   * names (ES:DI, CX), 5704h set them (ES:DI list). MS-DOS 4.0 keeps none (EXTATTR.ASM): every
   * file has the empty list. CX=0 asks the size needed: CX=2; a buffer of 2 bytes or more gets
   * the list, a count word of 0, and CX=2; a 1-byte buffer is left as it is. Setting accepts
   * any list and keeps nothing. All succeed (CF=0, AX as it was).
   */
  function extendedAttributes(): void {
    const c = cpu();
    if (c.al !== EA.SET && c.cx !== 1) {
      if (c.cx !== 0) wr16(fs.mem, c.es, c.di, 0);
      c.cx = EA.EMPTY_LIST_BYTES;
    }
    fs.dos.ok();
  }
  return { int21_41, int21_43, int21_56, int21_57 };
}
