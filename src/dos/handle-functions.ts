// INT 21h handle functions (MS-DOS 5 semantics): 3Ch create, 3Dh open, 3Eh close, 3Fh read,
// 40h write, 42h seek, 45h dup, 46h dup2, 5Ah temporary file, 5Bh create new, 5Ch lock/unlock,
// 67h set handle count, 68h/6Ah commit, 6Ch extended open/create.
import { clockMs } from './time';
import type { FileSystem } from './filesystem';
import { OPEN_ACTION } from './open-request';
import { readAsciiz, writeAsciiz } from '../cpu/guest-memory';
import { DOS_ERROR } from './errors';
import { handleTransfer } from './transfer';
import { JFT_FREE } from './layout';
import { ACCESS } from './sharing';
import { noteHandleRead } from './console';
import { CALL_OUTCOME } from './call-frame';

const E = DOS_ERROR;
/** INT 21h/6Ch BX bits above the open mode. */
export const EXTENDED_OPEN = { AUTO_COMMIT: 0x4000, NO_INT24: 0x2000, MODE_MASK: 0x00ff } as const;
/** INT 21h/6Ch DL: action when the file exists (low nibble) and when it does not (high nibble). */
const IF_EXISTS = { FAIL: 0, OPEN: 1, REPLACE: 2 } as const;
const IF_MISSING = { FAIL: 0, CREATE: 1 } as const;
/** The longest ASCIIZ path a DOS function reads from the caller. */
export const MAX_PATH = 128;

/** Ends a call with a number that is a result (>= 0, put in AX) or a negative DOS error. */
function answer(fs: FileSystem, result: number): void {
  if (result < 0) return fs.dos.fail(-result);
  fs.cpu.ax = result & 0xffff;
  fs.dos.ok();
}

/** The path at DS:DX. */
export function pathAtDsDx(fs: FileSystem): string {
  return readAsciiz(fs.mem, fs.cpu.ds, fs.cpu.dx, MAX_PATH);
}

export function handleFunctions(fs: FileSystem) {
  const cpu = () => fs.cpu;

  // 3Ch: create or truncate, opened read/write in compatibility mode.
  const int21_3C = () => {
    const c = cpu();
    answer(fs, fs.openHandle(pathAtDsDx(fs), { mode: ACCESS.READ_WRITE, create: true, truncate: true, attribute: c.cx }));
  };

  // 3Dh: open an existing file; AL = access | sharing | no-inherit.
  const int21_3D = () => {
    const c = cpu();
    answer(fs, fs.openHandle(pathAtDsDx(fs), { mode: c.al, mustExist: true }));
  };

  // 3Eh: close.
  const int21_3E = () => {
    const err = fs.closeHandle(cpu().bx);
    if (err) return fs.dos.fail(-err);
    fs.dos.ok();
  };

  // 3Fh: read CX bytes to DS:DX (normalised: the buffer may cross its segment's end).
  const int21_3F = () => {
    const c = cpu();
    const sfn = fs.sfnOf(c.bx);
    if (sfn < 0) {
      noteHandleRead(fs.dos, c.bx, -E.INVALID_HANDLE);
      return fs.dos.fail(E.INVALID_HANDLE);
    }
    const x = handleTransfer(c.ds, c.dx, c.cx);
    const got = fs.read(sfn, x.linear, x.count);
    if (got === 'wait') return CALL_OUTCOME.AGAIN; // nothing yet: the call runs again
    noteHandleRead(fs.dos, c.bx, got);
    answer(fs, got);
  };

  // 40h: write CX bytes from DS:DX; CX = 0 sets the file size to the position.
  const int21_40 = () => {
    const c = cpu();
    const sfn = fs.sfnOf(c.bx);
    if (sfn < 0) return fs.dos.fail(E.INVALID_HANDLE);
    const x = handleTransfer(c.ds, c.dx, c.cx);
    answer(fs, fs.write(sfn, x.linear, x.count));
  };

  // 42h: seek; CX:DX is a signed offset from AL's origin; DX:AX = new position.
  const int21_42 = () => {
    const c = cpu();
    const sfn = fs.sfnOf(c.bx);
    if (sfn < 0) return fs.dos.fail(E.INVALID_HANDLE);
    const offset = ((c.cx << 16) | c.dx) >> 0; // signed 32-bit
    const pos = fs.seek(sfn, c.al, offset);
    if (pos < 0) return fs.dos.fail(-pos);
    c.ax = pos & 0xffff;
    c.dx = Math.floor(pos / 0x10000) & 0xffff;
    fs.dos.ok();
  };

  // 45h: duplicate a handle (same SFT entry, so the position is shared).
  const int21_45 = () => {
    const c = cpu();
    const sfn = fs.sfnOf(c.bx);
    if (sfn < 0) return fs.dos.fail(E.INVALID_HANDLE);
    const h = fs.allocateHandle(sfn);
    if (h < 0) return fs.dos.fail(-h);
    const a = fs.entry(sfn);
    fs.sft.setRefCount(a, fs.sft.refCount(a) + 1);
    answer(fs, h);
  };

  // 46h: force handle CX to refer to BX's file (closing what CX had).
  const int21_46 = () => {
    const c = cpu();
    const sfn = fs.sfnOf(c.bx);
    const jft = fs.jft();
    if (sfn < 0 || c.cx >= jft.size) return fs.dos.fail(E.INVALID_HANDLE);
    if (c.cx !== c.bx) {
      if (jft.get(c.cx) !== JFT_FREE) fs.closeHandle(c.cx);
      jft.set(c.cx, sfn);
      const a = fs.entry(sfn);
      fs.sft.setRefCount(a, fs.sft.refCount(a) + 1);
    }
    fs.dos.ok();
  };

  // 5Ah: create a uniquely named file in the directory DS:DX names; the name is appended there.
  // MS-DOS 5 puts a missing trailing backslash in first, so "" names the current drive's root
  // and "C:" the root of C: (DOS 3 and 4 took both as the current directory).
  const int21_5A = () => {
    const c = cpu();
    let dir = pathAtDsDx(fs);
    if (!/[\\/]$/.test(dir)) dir += '\\';
    for (let attempt = 0; attempt < 64; attempt++) {
      const n = (fs.dos.state.tempNameCounter = (fs.dos.state.tempNameCounter + 1) & 0xffff);
      const stamp = ((clockMs(fs.dos) & 0xffff) << 16) | n; // the machine's clock: reproducible runs get the same names
      const name = (stamp >>> 0).toString(16).toUpperCase().padStart(8, '0');
      const h = fs.openHandle(dir + name, { mode: ACCESS.READ_WRITE, create: true, exclusive: true, attribute: c.cx });
      if (h === -E.FILE_EXISTS) continue;
      if (h >= 0) writeAsciiz(fs.mem, c.ds, c.dx, dir + name);
      return answer(fs, h);
    }
    fs.dos.fail(E.FILE_EXISTS);
  };

  // 5Bh: create, failing with 80 when the file exists.
  const int21_5B = () => {
    const c = cpu();
    answer(fs, fs.openHandle(pathAtDsDx(fs), { mode: ACCESS.READ_WRITE, create: true, exclusive: true, attribute: c.cx }));
  };

  // 5Ch: AL=0 lock, 1 unlock the region CX:DX (offset), SI:DI (length).
  const int21_5C = () => {
    const c = cpu();
    if (c.al > 1) return fs.dos.fail(E.INVALID_FUNCTION);
    const sfn = fs.sfnOf(c.bx);
    if (sfn < 0) return fs.dos.fail(E.INVALID_HANDLE);
    const obj = fs.hostObject(fs.entry(sfn));
    if (!obj?.hostPath) return fs.dos.fail(E.INVALID_FUNCTION); // devices cannot be locked
    const start = c.cx * 0x10000 + c.dx;
    const length = c.si * 0x10000 + c.di;
    const err = c.al === 0 ? fs.locks.lock(obj.hostPath, sfn, start, length) : fs.locks.unlock(obj.hostPath, sfn, start, length);
    if (err) return fs.dos.fail(err);
    fs.dos.ok();
  };

  // 67h: set the handle count (moves the JFT; see FileSystem.setHandleCount).
  const int21_67 = () => {
    const err = fs.setHandleCount(fs.dos.currentPsp, cpu().bx);
    if (err) return fs.dos.fail(-err);
    fs.dos.ok();
  };

  // 68h, 6Ah: commit a file to the host.
  const commit = () => {
    const sfn = fs.sfnOf(cpu().bx);
    if (sfn < 0) return fs.dos.fail(E.INVALID_HANDLE);
    const err = fs.commit(sfn);
    if (err) return fs.dos.fail(-err);
    fs.dos.ok();
  };
  const int21_68 = commit;
  const int21_6A = commit;

  // 6Ch (AL=00h): extended open/create. BX mode, CX attribute, DL action, DS:SI path.
  const int21_6C = () => {
    const c = cpu();
    if (c.al !== 0) return fs.dos.fail(E.INVALID_FUNCTION);
    const ifExists = c.dl & 0x0f;
    const ifMissing = c.dl >>> 4;
    if (ifExists > IF_EXISTS.REPLACE || ifMissing > IF_MISSING.CREATE) return fs.dos.fail(E.INVALID_FUNCTION);
    const path = readAsciiz(fs.mem, c.ds, c.si, MAX_PATH);
    // The commit and no-INT-24h bits stay in the SFT open mode, where writes look for them.
    const mode = c.bx & (EXTENDED_OPEN.MODE_MASK | EXTENDED_OPEN.AUTO_COMMIT | EXTENDED_OPEN.NO_INT24);
    const r = fs.paths.resolve(path);
    if (typeof r === 'number') return fs.dos.fail(r);
    const exists = !!r.device || !!r.stat;
    if (exists && ifExists === IF_EXISTS.FAIL) return fs.dos.fail(E.FILE_EXISTS);
    if (!exists && ifMissing === IF_MISSING.FAIL) return fs.dos.fail(E.FILE_NOT_FOUND);
    if (fs.jft().firstFree() < 0) return fs.dos.fail(E.TOO_MANY_OPEN_FILES);
    const opened = fs.openResolved(r, {
      mode,
      create: !exists,
      truncate: exists && ifExists === IF_EXISTS.REPLACE,
      attribute: c.cx,
    });
    if (typeof opened === 'number') return fs.dos.fail(-opened);
    const h = fs.allocateHandle(opened.sfn);
    if (h < 0) {
      fs.release(opened.sfn);
      return fs.dos.fail(-h);
    }
    c.ax = h;
    c.cx = opened.action;
    fs.dos.ok();
  };
  return { int21_3C, int21_3D, int21_3E, int21_3F, int21_40, int21_42, int21_45, int21_46, int21_5A, int21_5B, int21_5C, int21_67, int21_68, int21_6A, int21_6C };
}
