// The FCB file functions DOS 1.x/2.x programs use (MS-DOS 5 semantics): 0Fh open, 10h close,
// 11h/12h search, 13h delete, 14h/15h sequential read/write, 16h create, 17h rename, 21h/22h
// random read/write, 23h file size, 24h set random record, 27h/28h random block read/write.
// An open FCB stands on an SFT entry marked as an FCB open (open mode bit 15); its SFN is kept in
// the FCB's reserved bytes. An FCB whose reserved bytes no longer name its entry (copied,
// saved and restored, or never closed by a program that ended) is reopened by name, as DOS
// quietly does.
import type { FileSystem } from './filesystem';
import { linear, rd16, wr16, copyFromSegment, copyToSegment, fillSegment, fillLinear } from '../cpu/guest-memory';
import { fcbRecordsThatFit } from './transfer';
import { ATTR, FCB, XFCB } from './layout';
import { DOS_ERROR } from './errors';
import { OPEN_MODE_FCB } from './sft';
import { ACCESS } from './sharing';
import { fromFcbForm, matchFcb, toFcbForm, upperDos } from './names';
import { packDateTime, dosNowMs } from './file-times';
import { tryHost } from './host-errors';
import { CALL_OUTCOME } from './call-frame';
import { removeFile, renamePath, joinPath } from '../host/fs';

const E = DOS_ERROR;
/** FCB function results in AL. */
const FCB_OK = 0x00;
const FCB_FAIL = 0xff;
/** Record I/O results in AL. */
const RECORD = { OK: 0, EOF: 1, SEGMENT_WRAP: 2, PARTIAL: 3, DISK_FULL: 1 } as const;
const DEFAULT_RECORD_SIZE = 128;
/** Our marks in the FCB's reserved bytes (FCB.RESERVED): SFN, then a signature byte. */
const RESERVED_SFN = 0;
const RESERVED_SIGNATURE = 1;
const SIGNATURE_OPEN = 0xf5;
const SIGNATURE_SEARCH = 0xf6;
const RESERVED_SEARCH_ID = 2; // word
/** Directory entry as FCB search writes it into the DTA (after the drive byte). */
const DIRENT = { NAME: 0x00, ATTRIBUTE: 0x0b, TIME: 0x16, DATE: 0x18, CLUSTER: 0x1a, SIZE: 0x1c, LENGTH: 0x20 } as const;
/** Rename FCB: the new name at 11h (after a drive byte at 10h). */
const RENAME_NEW_NAME = 0x11;

/** An FCB as passed in DS:DX: where its normal part starts, and the extended prefix's attribute. */
interface FcbRef {
  seg: number;
  off: number; // offset of the normal FCB (past an extended prefix)
  extended: boolean;
  attribute: number; // search/create attribute (0 for a normal FCB)
}

export function fcbFunctions(fs: FileSystem) {
  const mem = fs.mem;
  const cpu = () => fs.cpu;
  const at = (r: FcbRef, field: number) => linear(r.seg, r.off + field);

  const fcbAtDsDx = (): FcbRef => {
    const c = cpu();
    if (mem[linear(c.ds, c.dx)] === 0xff) {
      return { seg: c.ds, off: (c.dx + XFCB.PREFIX_SIZE) & 0xffff, extended: true, attribute: mem[linear(c.ds, c.dx + XFCB.ATTRIBUTE)] };
    }
    return { seg: c.ds, off: c.dx, extended: false, attribute: 0 };
  };
  const nameOf = (r: FcbRef, field: number = FCB.NAME): string => {
    return upperDos(String.fromCharCode(...copyFromSegment(mem, r.seg, r.off + field, 11)));
  };
  /** The drive of an FCB (0 = A), the default when its byte is 0; -1 when invalid. */
  const driveOf = (r: FcbRef): number => fs.driveFromNumber(mem[at(r, FCB.DRIVE)]);
  /** The DOS path an FCB names (in its drive's current directory). */
  const pathOf = (r: FcbRef, drive: number, field: number = FCB.NAME): string =>
    `${String.fromCharCode(0x41 + drive)}:${fromFcbForm(nameOf(r, field))}`;
  const recordSize = (r: FcbRef): number => {
    let size = rd16(mem, r.seg, r.off + FCB.RECORD_SIZE);
    if (size === 0) {
      size = DEFAULT_RECORD_SIZE;
      wr16(mem, r.seg, r.off + FCB.RECORD_SIZE, size);
    }
    return size;
  };
  const setAl = (v: number) => {
    cpu().al = v;
  };
  /** Record I/O on an FCB whose file cannot be reopened: the error recorded, AL = EOF/disk full
   *  (DOS's FCBIO: FCB_Ret_Err, then FEOF). */
  const lostFile = (negError: number, al: number) => {
    fs.dos.setExtendedError(-negError);
    setAl(al);
  };
  /** AL=FFh with the call's error recorded for INT 21h/59h, as DOS's FCB_Ret_Err does. */
  const failFcb = (error: number) => {
    fs.dos.setExtendedError(error);
    setAl(FCB_FAIL);
  };

  /** Fills the fields an open/create sets: drive, block 0, record size 128, size, date, time. */
  const fillOpened = (r: FcbRef, drive: number, sfn: number) => {
    const a = fs.entry(sfn);
    mem[at(r, FCB.DRIVE)] = drive + 1;
    wr16(mem, r.seg, r.off + FCB.CURRENT_BLOCK, 0);
    wr16(mem, r.seg, r.off + FCB.RECORD_SIZE, DEFAULT_RECORD_SIZE);
    const size = fs.sft.isDevice(a) ? 0 : fs.fileSize(sfn);
    wr16(mem, r.seg, r.off + FCB.FILE_SIZE, size & 0xffff);
    wr16(mem, r.seg, r.off + FCB.FILE_SIZE + 2, size >>> 16);
    wr16(mem, r.seg, r.off + FCB.DATE, fs.sft.date(a));
    wr16(mem, r.seg, r.off + FCB.TIME, fs.sft.time(a));
    fillSegment(mem, r.seg, r.off + FCB.RESERVED, 8, 0);
    mem[at(r, FCB.RESERVED + RESERVED_SFN)] = sfn;
    mem[at(r, FCB.RESERVED + RESERVED_SIGNATURE)] = SIGNATURE_OPEN;
  };

  /** Opens (or creates) the file an FCB names into an FCB-marked SFT entry: the SFN or -error. */
  const openFcb = (r: FcbRef, create: boolean): number => {
    const drive = driveOf(r);
    if (drive < 0) return -E.INVALID_DRIVE;
    const resolved = fs.paths.resolve(pathOf(r, drive));
    if (typeof resolved === 'number') return -resolved;
    const tryMode = (access: number) =>
      fs.openResolved(resolved, {
        mode: OPEN_MODE_FCB | access,
        create,
        truncate: create,
        attribute: create ? r.attribute : undefined,
      });
    // DOS opens FCB files read/write, or read-only when the file is read-only.
    let opened = tryMode(ACCESS.READ_WRITE);
    if (opened === -E.ACCESS_DENIED && !create) opened = tryMode(ACCESS.READ);
    if (typeof opened === 'number') return opened;
    fillOpened(r, drive, opened.sfn);
    return opened.sfn;
  };

  /** The SFN an open FCB stands on, reopening it by name when its reserved bytes are stale. */
  const sfnOfFcb = (r: FcbRef): number => {
    if (mem[at(r, FCB.RESERVED + RESERVED_SIGNATURE)] === SIGNATURE_OPEN) {
      const sfn = mem[at(r, FCB.RESERVED + RESERVED_SFN)];
      const a = fs.entry(sfn);
      if (a >= 0 && fs.sft.refCount(a) > 0 && fs.sft.openMode(a) & OPEN_MODE_FCB && fs.sft.name(a) === nameOf(r)) return sfn;
    }
    // Reopen without disturbing the program's record position and record size.
    const block = rd16(mem, r.seg, r.off + FCB.CURRENT_BLOCK);
    const size = rd16(mem, r.seg, r.off + FCB.RECORD_SIZE);
    const sfn = openFcb(r, false);
    if (sfn < 0) return sfn;
    wr16(mem, r.seg, r.off + FCB.CURRENT_BLOCK, block);
    if (size) wr16(mem, r.seg, r.off + FCB.RECORD_SIZE, size);
    return sfn;
  };

  // 0Fh open, 16h create.
  const openOrCreate = (create: boolean) => {
    const sfn = openFcb(fcbAtDsDx(), create);
    if (sfn < 0) return failFcb(-sfn);
    setAl(FCB_OK);
  };
  const int21_0F = () => openOrCreate(false);
  const int21_16 = () => openOrCreate(true);

  // 10h close.
  const int21_10 = () => {
    const r = fcbAtDsDx();
    if (mem[at(r, FCB.RESERVED + RESERVED_SIGNATURE)] !== SIGNATURE_OPEN) return setAl(FCB_FAIL);
    const sfn = mem[at(r, FCB.RESERVED + RESERVED_SFN)];
    const a = fs.entry(sfn);
    if (a < 0 || fs.sft.refCount(a) === 0 || !(fs.sft.openMode(a) & OPEN_MODE_FCB)) {
      // Already closed (or never opened here): DOS reports success for a stale FCB it can find.
      return setAl(FCB_OK);
    }
    fs.release(sfn);
    mem[at(r, FCB.RESERVED + RESERVED_SIGNATURE)] = 0;
    setAl(FCB_OK);
  };

  // 11h/12h search: the match goes to the DTA as an unopened FCB (extended if the query was).
  const writeFound = (r: FcbRef, drive: number, e: { fcbName: string; attribute: number; time: number; date: number; size: number }) => {
    const dta = fs.dos.getDta();
    let off = dta.off;
    if (r.extended) {
      fillSegment(mem, dta.seg, off, XFCB.PREFIX_SIZE, 0);
      mem[linear(dta.seg, off)] = 0xff;
      mem[linear(dta.seg, off + XFCB.ATTRIBUTE)] = e.attribute;
      off += XFCB.PREFIX_SIZE;
    }
    mem[linear(dta.seg, off)] = drive + 1;
    const entry = off + 1;
    fillSegment(mem, dta.seg, entry, DIRENT.LENGTH, 0);
    copyToSegment(mem, dta.seg, entry + DIRENT.NAME, [...e.fcbName].map((ch) => ch.charCodeAt(0)));
    mem[linear(dta.seg, entry + DIRENT.ATTRIBUTE)] = e.attribute;
    wr16(mem, dta.seg, entry + DIRENT.TIME, e.time);
    wr16(mem, dta.seg, entry + DIRENT.DATE, e.date);
    wr16(mem, dta.seg, entry + DIRENT.SIZE, e.size & 0xffff);
    wr16(mem, dta.seg, entry + DIRENT.SIZE + 2, e.size >>> 16);
  };
  const int21_11 = () => {
    const r = fcbAtDsDx();
    const drive = driveOf(r);
    if (drive < 0) return failFcb(E.INVALID_DRIVE);
    const resolved = fs.paths.resolve(pathOf(r, drive), { wildcards: true });
    if (typeof resolved === 'number') return failFcb(resolved === E.FILE_NOT_FOUND ? E.NO_MORE_FILES : resolved);
    if (resolved.device) {
      writeFound(r, drive, { fcbName: toFcbForm(resolved.device.name), attribute: 0x40, time: 0, date: 0, size: 0 });
      return setAl(FCB_OK);
    }
    const found = fs.searches.first(resolved, r.attribute);
    if (typeof found === 'number') return failFcb(found);
    mem[at(r, FCB.RESERVED + RESERVED_SIGNATURE)] = SIGNATURE_SEARCH;
    wr16(mem, r.seg, r.off + FCB.RESERVED + RESERVED_SEARCH_ID, found.id);
    writeFound(r, drive, found.entry);
    setAl(FCB_OK);
  };
  const int21_12 = () => {
    const r = fcbAtDsDx();
    if (mem[at(r, FCB.RESERVED + RESERVED_SIGNATURE)] !== SIGNATURE_SEARCH) return failFcb(E.NO_MORE_FILES);
    const found = fs.searches.next(rd16(mem, r.seg, r.off + FCB.RESERVED + RESERVED_SEARCH_ID));
    if (typeof found === 'number') return failFcb(found);
    const drive = driveOf(r);
    writeFound(r, drive < 0 ? fs.currentDrive : drive, found);
    setAl(FCB_OK);
  };

  /** Every entry a (possibly wild) FCB name matches in its directory: [host path, DOS name], or
   *  the DOS error that stops the search (a device name: file not found). */
  const matches = (r: FcbRef, drive: number): { dir: string; host: string; dos: string; fcb: string }[] | number => {
    if (drive < 0) return E.INVALID_DRIVE;
    const resolved = fs.paths.resolve(pathOf(r, drive), { wildcards: true });
    if (typeof resolved === 'number') return resolved;
    if (resolved.device) return E.FILE_NOT_FOUND;
    const listed = fs.paths.listNamed(resolved.parentHost);
    if (typeof listed === 'number') return listed;
    return listed
      .map((e) => ({ dir: resolved.parentHost, host: e.host, dos: e.dos, fcb: toFcbForm(e.dos) }))
      .filter((e) => matchFcb(resolved.fcbName, e.fcb));
  };

  // 13h delete every matching file (not directories, not read-only; hidden/system only by xFCB).
  const int21_13 = () => {
    const r = fcbAtDsDx();
    const drive = driveOf(r);
    const list = matches(r, drive);
    if (typeof list === 'number') return failFcb(list);
    if (list.length === 0) return failFcb(E.FILE_NOT_FOUND);
    let deleted = 0;
    for (const m of list) {
      // Resolving the name again applies the containment checks to this entry too.
      const resolved = fs.paths.resolve(`${String.fromCharCode(0x41 + drive)}:${m.dos}`);
      const path = joinPath(m.dir, m.host);
      const target = typeof resolved === 'number' ? null : resolved;
      if (!target || target.hostPath !== path || !target.stat || target.stat.kind !== 'file') continue;
      const attr = fs.attributes.of(path, m.host, target.stat);
      if (attr & ATTR.READ_ONLY || attr & (ATTR.HIDDEN | ATTR.SYSTEM) & ~r.attribute) continue;
      if (typeof tryHost(() => removeFile(path, target.drive)) === 'number') continue;
      fs.paths.changed(m.dir, m.host, null);
      fs.attributes.moved(path, null);
      deleted++;
    }
    // Matches, none of them deletable (read-only, directories, host refusal): access denied.
    if (!deleted) return failFcb(E.ACCESS_DENIED);
    setAl(FCB_OK);
  };

  // 17h rename: old name at 01h, new name at 11h; '?' in the new name keeps the old character.
  const int21_17 = () => {
    const r = fcbAtDsDx();
    const drive = driveOf(r);
    const list = matches(r, drive);
    if (typeof list === 'number') return failFcb(list);
    if (list.length === 0) return failFcb(E.FILE_NOT_FOUND);
    const newPattern = nameOf(r, RENAME_NEW_NAME);
    let renamed = 0;
    for (const m of list) {
      let fcbNew = '';
      for (let i = 0; i < 11; i++) fcbNew += newPattern[i] === '?' ? m.fcb[i] : newPattern[i];
      const newName = fromFcbForm(fcbNew);
      const to = fs.paths.resolve(`${String.fromCharCode(0x41 + drive)}:${newName}`);
      if (typeof to === 'number' || to.device || to.stat) continue;
      const from = joinPath(m.dir, m.host);
      const target = to.hostPath;
      if (typeof tryHost(() => renamePath(from, target, to.drive)) === 'number') continue;
      fs.paths.changed(m.dir, m.host, null);
      fs.paths.changed(to.parentHost, null, target.slice(to.parentHost.length + 1));
      fs.attributes.moved(from, target);
      renamed++;
    }
    // Matches, none renamed (the new name exists, or the host refused): access denied.
    if (!renamed) return failFcb(E.ACCESS_DENIED);
    setAl(FCB_OK);
  };

  // ---- record I/O

  /** The record number of the current block/record fields. */
  const currentRecord = (r: FcbRef): number =>
    rd16(mem, r.seg, r.off + FCB.CURRENT_BLOCK) * 128 + mem[at(r, FCB.CURRENT_RECORD)];
  const setCurrentRecord = (r: FcbRef, n: number) => {
    wr16(mem, r.seg, r.off + FCB.CURRENT_BLOCK, Math.floor(n / 128) & 0xffff);
    mem[at(r, FCB.CURRENT_RECORD)] = n % 128;
  };
  /** The random record field: 4 bytes, of which DOS uses 3 when records are 64 bytes or more. */
  const randomRecord = (r: FcbRef, size: number): number => {
    const lo = rd16(mem, r.seg, r.off + FCB.RANDOM_RECORD);
    const hi = rd16(mem, r.seg, r.off + FCB.RANDOM_RECORD + 2);
    return size >= 64 ? lo + (hi & 0xff) * 0x10000 : lo + hi * 0x10000;
  };
  const setRandomRecord = (r: FcbRef, size: number, n: number) => {
    wr16(mem, r.seg, r.off + FCB.RANDOM_RECORD, n & 0xffff);
    if (size >= 64) mem[at(r, FCB.RANDOM_RECORD + 2)] = (n >>> 16) & 0xff;
    else wr16(mem, r.seg, r.off + FCB.RANDOM_RECORD + 2, (n >>> 16) & 0xffff);
  };
  /** Keeps the FCB's size field in step with the file after a write. */
  const updateSize = (r: FcbRef, sfn: number) => {
    const size = fs.fileSize(sfn);
    wr16(mem, r.seg, r.off + FCB.FILE_SIZE, size & 0xffff);
    wr16(mem, r.seg, r.off + FCB.FILE_SIZE + 2, size >>> 16);
    const now = packDateTime(dosNowMs(fs.dos));
    wr16(mem, r.seg, r.off + FCB.DATE, now.date);
    wr16(mem, r.seg, r.off + FCB.TIME, now.time);
  };

  /**
   * Reads `count` records from record number `record` into the DTA. Returns AL and the records
   * transferred (a partial last record counts, padded with zeros), or null while the console waits.
   * Only the records that fit before the end of the DTA's segment move (AL=02h), as DOS's FCBIO.
   */
  const readRecords = (r: FcbRef, sfn: number, record: number, count: number): { al: number; done: number } | null => {
    const size = recordSize(r);
    const dta = fs.dos.getDta();
    const fit = fcbRecordsThatFit(dta.off, size, count);
    const al: number = fit < count ? RECORD.SEGMENT_WRAP : RECORD.OK;
    // Zero records asked: nothing moves and all is well; none fitting: AL=02h.
    if (fit === 0) return { al: count === 0 ? RECORD.OK : RECORD.SEGMENT_WRAP, done: 0 };
    const a = fs.entry(sfn);
    fs.sft.setPosition(a, record * size);
    const at = linear(dta.seg, dta.off);
    const got = fs.read(sfn, at, fit * size);
    if (got === 'wait') return null;
    if (got < 0) return { al: RECORD.EOF, done: 0 };
    if (got === 0) return { al: RECORD.EOF, done: 0 };
    const whole = Math.floor(got / size);
    if (got % size) {
      fillLinear(mem, at + got, size - (got % size), 0, fs.cpu);
      return { al: RECORD.PARTIAL, done: whole + 1 };
    }
    return { al: whole < fit ? RECORD.EOF : al, done: whole };
  };

  /** Writes `count` records from the DTA at record number `record`; count 0 sets the file size.
   *  As for reads, only the records that fit in the DTA's segment are written (AL=02h). */
  const writeRecords = (r: FcbRef, sfn: number, record: number, count: number): { al: number; done: number } => {
    const size = recordSize(r);
    const dta = fs.dos.getDta();
    const fit = fcbRecordsThatFit(dta.off, size, count);
    if (fit === 0 && count > 0) return { al: RECORD.SEGMENT_WRAP, done: 0 };
    const a = fs.entry(sfn);
    fs.sft.setPosition(a, record * size);
    const n = fs.write(sfn, linear(dta.seg, dta.off), fit * size);
    updateSize(r, sfn);
    if (n < 0) return { al: RECORD.DISK_FULL, done: 0 };
    const done = Math.floor(n / size);
    if (done < fit) return { al: RECORD.DISK_FULL, done };
    return { al: fit < count ? RECORD.SEGMENT_WRAP : RECORD.OK, done };
  };

  // 14h sequential read, 15h sequential write (at the current block/record, which then advances).
  const int21_14 = () => {
    const r = fcbAtDsDx();
    const sfn = sfnOfFcb(r);
    if (sfn < 0) return lostFile(sfn, RECORD.EOF);
    const rec = currentRecord(r);
    const res = readRecords(r, sfn, rec, 1);
    if (!res) return CALL_OUTCOME.AGAIN; // nothing arrived yet: the call runs again
    if (res.done) setCurrentRecord(r, rec + 1);
    setAl(res.al);
  };
  const int21_15 = () => {
    const r = fcbAtDsDx();
    const sfn = sfnOfFcb(r);
    if (sfn < 0) return lostFile(sfn, RECORD.DISK_FULL);
    const rec = currentRecord(r);
    const res = writeRecords(r, sfn, rec, 1);
    if (res.done) setCurrentRecord(r, rec + 1);
    setAl(res.al);
  };

  // 21h random read, 22h random write: at the random record; current block/record follow it.
  const int21_21 = () => {
    const r = fcbAtDsDx();
    const sfn = sfnOfFcb(r);
    if (sfn < 0) return lostFile(sfn, RECORD.EOF);
    const rec = randomRecord(r, recordSize(r));
    setCurrentRecord(r, rec);
    const res = readRecords(r, sfn, rec, 1);
    if (!res) return CALL_OUTCOME.AGAIN; // nothing arrived yet: the call runs again
    setAl(res.al);
  };
  const int21_22 = () => {
    const r = fcbAtDsDx();
    const sfn = sfnOfFcb(r);
    if (sfn < 0) return lostFile(sfn, RECORD.DISK_FULL);
    const rec = randomRecord(r, recordSize(r));
    setCurrentRecord(r, rec);
    setAl(writeRecords(r, sfn, rec, 1).al);
  };

  // 23h file size in records (rounded up) into the random record field, for an unopened FCB.
  const int21_23 = () => {
    const r = fcbAtDsDx();
    const drive = driveOf(r);
    if (drive < 0) return failFcb(E.INVALID_DRIVE);
    const resolved = fs.paths.resolve(pathOf(r, drive));
    if (typeof resolved === 'number') return failFcb(resolved);
    if (!resolved.stat || resolved.stat.kind !== 'file') return failFcb(E.FILE_NOT_FOUND);
    const size = rd16(mem, r.seg, r.off + FCB.RECORD_SIZE) || DEFAULT_RECORD_SIZE;
    setRandomRecord(r, size, Math.ceil(resolved.stat.size / size));
    setAl(FCB_OK);
  };

  // 24h random record field <- current block/record.
  const int21_24 = () => {
    const r = fcbAtDsDx();
    setRandomRecord(r, recordSize(r), currentRecord(r));
  };

  // 27h random block read, 28h random block write: CX records from the random record, which
  // advances by the records done (and the current block/record follow); CX = records done.
  const int21_27 = () => {
    const c = cpu();
    const r = fcbAtDsDx();
    const sfn = sfnOfFcb(r);
    if (sfn < 0) {
      c.cx = 0;
      return lostFile(sfn, RECORD.EOF);
    }
    const size = recordSize(r);
    const rec = randomRecord(r, size);
    const res = readRecords(r, sfn, rec, c.cx);
    if (!res) return CALL_OUTCOME.AGAIN; // nothing arrived yet: the call runs again
    setRandomRecord(r, size, rec + res.done);
    setCurrentRecord(r, rec + res.done);
    c.cx = res.done;
    setAl(res.al);
  };
  const int21_28 = () => {
    const c = cpu();
    const r = fcbAtDsDx();
    const sfn = sfnOfFcb(r);
    if (sfn < 0) {
      c.cx = 0;
      return lostFile(sfn, RECORD.DISK_FULL);
    }
    const size = recordSize(r);
    const rec = randomRecord(r, size);
    const res = writeRecords(r, sfn, rec, c.cx);
    setRandomRecord(r, size, rec + res.done);
    setCurrentRecord(r, rec + res.done);
    c.cx = res.done;
    setAl(res.al);
  };

  return { int21_0F, int21_16, int21_10, int21_11, int21_12, int21_13, int21_17, int21_14, int21_15, int21_21, int21_22, int21_23, int21_24, int21_27, int21_28 };
}
