// INT 21h directory functions (MS-DOS 5 semantics): 39h mkdir, 3Ah rmdir, 3Bh chdir, 47h get the
// current directory, 60h truename. A drive's current directory is the kernel's own (drives.ts),
// mirrored into its CDS entry.
import type { FileSystem } from './filesystem';
import { readAsciiz, writeAsciiz } from '../cpu/guest-memory';
import { DOS_ERROR } from './errors';
import { tryHost } from './host-errors';
import { makeDirectory, removeDirectory, listDirectory } from '../host/fs';
import { pathAtDsDx, MAX_PATH } from './handle-functions';

const E = DOS_ERROR;
/** A directory's full DOS path must fit a CDS path field: "C:\" + 63 characters + NUL. */
const MAX_DIRECTORY_PATH = 66;

/** The drive a path names ("X:..."), or -1 when it names none. */
export function driveOfPath(path: string): number {
  if (path.length >= 2 && path[1] === ':') return (path.charCodeAt(0) | 0x20) - 0x61;
  return -1;
}

export function directoryFunctions(fs: FileSystem) {
  const cpu = () => fs.cpu;

  // 39h: make a directory.
  const int21_39 = () => {
    const r = fs.paths.resolve(pathAtDsDx(fs));
    if (typeof r === 'number') return fs.dos.fail(r === E.FILE_NOT_FOUND ? E.PATH_NOT_FOUND : r);
    if (r.device || r.components.length === 0 || r.stat || r.drive.readOnly) return fs.dos.fail(E.ACCESS_DENIED);
    if (r.dosPath.length > MAX_DIRECTORY_PATH) return fs.dos.fail(E.PATH_NOT_FOUND);
    if (!r.drive.readOnly && !fs.quota.takeEntry()) return fs.dos.fail(E.ACCESS_DENIED);
    const done = tryHost(() => makeDirectory(r.hostPath, r.drive));
    if (typeof done === 'number') return fs.dos.fail(done === E.FILE_EXISTS ? E.ACCESS_DENIED : done);
    fs.paths.changed(r.parentHost, null, r.hostPath.slice(r.parentHost.length + 1));
    fs.dos.ok();
  };

  // 3Ah: remove an empty directory that is no drive's current directory.
  const int21_3A = () => {
    const r = fs.paths.resolve(pathAtDsDx(fs));
    if (typeof r === 'number') return fs.dos.fail(r === E.FILE_NOT_FOUND ? E.PATH_NOT_FOUND : r);
    if (r.device || !r.stat || r.stat.kind !== 'dir') return fs.dos.fail(E.PATH_NOT_FOUND);
    if (r.components.length === 0 || r.drive.readOnly) return fs.dos.fail(E.ACCESS_DENIED);
    const cwd = fs.drives.currentDirectory(r.drive.index).join('\\');
    const target = r.components.join('\\');
    if (cwd === target || cwd.startsWith(target + '\\')) return fs.dos.fail(E.CURRENT_DIRECTORY);
    const listed = tryHost(() => listDirectory(r.hostPath));
    if (typeof listed === 'number') return fs.dos.fail(listed);
    if (listed.value.length > 0) return fs.dos.fail(E.ACCESS_DENIED);
    const done = tryHost(() => removeDirectory(r.hostPath, r.drive));
    if (typeof done === 'number') return fs.dos.fail(done);
    fs.paths.changed(r.parentHost, r.hostPath.slice(r.parentHost.length + 1), null);
    fs.dos.ok();
  };

  // 3Bh: change a drive's current directory (the current drive stays).
  const int21_3B = () => {
    const r = fs.paths.resolve(pathAtDsDx(fs));
    if (typeof r === 'number') return fs.dos.fail(r === E.FILE_NOT_FOUND ? E.PATH_NOT_FOUND : r);
    if (r.device || !r.stat || r.stat.kind !== 'dir') return fs.dos.fail(E.PATH_NOT_FOUND);
    if (!fs.drives.setCurrentDirectory(r.drive.index, r.components)) return fs.dos.fail(E.PATH_NOT_FOUND);
    fs.dos.ok();
  };

  // 47h: DL = drive (0 default, 1 = A); DS:SI <- its current directory without drive and root.
  const int21_47 = () => {
    const c = cpu();
    const drive = fs.driveFromNumber(c.dl);
    if (drive < 0) return fs.dos.fail(E.INVALID_DRIVE);
    writeAsciiz(fs.mem, c.ds, c.si, fs.drives.currentDirectory(drive).join('\\'));
    c.ax = 0x0100; // what MS-DOS leaves in AX on success
    fs.dos.ok();
  };

  // 60h: canonical form of DS:SI into ES:DI (128 bytes).
  const int21_60 = () => {
    const c = cpu();
    const path = readAsciiz(fs.mem, c.ds, c.si, MAX_PATH);
    const drive = driveOfPath(path);
    if (drive >= 0 && !fs.drives.isValid(drive)) return fs.dos.fail(E.INVALID_DRIVE);
    const name = fs.truename(path);
    if (typeof name === 'number') return fs.dos.fail(name);
    writeAsciiz(fs.mem, c.es, c.di, name.slice(0, MAX_PATH - 1));
    fs.dos.ok();
  };
  return { int21_39, int21_3A, int21_3B, int21_47, int21_60 };
}
