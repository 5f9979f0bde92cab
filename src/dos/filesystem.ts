// The file side of the DOS kernel (docs/DESIGN.md "The DOS kernel"): drives and host names,
// the SFT and each process's JFT, opening host files and devices into SFT entries, and reading,
// writing, seeking and closing them. The INT 21h functions live in the *-functions.ts, find.ts,
// fcb.ts and ioctl.ts modules, which all work through this object.
import type { Kernel, DosOptions } from './kernel';
import type { HostObject } from './host-handles';
import { READ_WAIT } from '../host/redirected-files';
import { copyFromSegment, copyToSegment, copyFromLinear, copyToLinear, rd8, wr8 } from '../cpu/guest-memory';
import { ATTR, JFT_DEFAULT_SIZE, JFT_FREE, OPEN_MODE, PSP, SDA, SFT_INFO } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import { DOS_ERROR } from './errors';
import { OPEN_ACTION, type OpenRequest } from './open-request';
import { Drives } from './drives';
import { PathResolver, type ResolvedPath } from './paths';
import { SftChain, OPEN_MODE_FCB, OPEN_MODE_AUTO_COMMIT, INFO_DATE_SET, fillSftEntry, type SftFill } from './sft';
import { Jft } from './jft';
import { FileAttributes } from './attributes';
import { LockTable, checkSharing, ACCESS } from './sharing';
import { packDateTime, unpackDateTime, dosNowMs } from './file-times';
import { dosErrorOf, tryHost, ERROR_NEGATIVE_SEEK } from './host-errors';
import { toFcbForm } from './names';
import { DiskQuota } from './quota';
import {
  writeDeviceHeaders,
  deviceByKind,
  deviceByPointer,
  deviceInfoWord,
  deviceRead,
  deviceWrite,
  type Device,
} from './devices';
import { HostFile, readFileHead, setModified } from '../host/fs';
import { MAX_PROGRAM_READ } from './loader';
import { DirectorySearches } from './directory-searches';

const E = DOS_ERROR;

/** How far (ms) the DOS clock may be from the host's before written files are re-dated at close. */
const CLOCK_SLACK_MS = 2000;

/** Result of a read: a byte count, a DOS error (negative), or 'wait' (the console must wait;
 *  return from the handler at once, the BOP re-runs). */
export type ReadResult = number | 'wait';

// The file side declares itself into the kernel's context as `dos.files` (kernel.ts KernelParts).
declare module './kernel' {
  interface KernelParts {
    files: FileSystem;
  }
}

export class FileSystem {
  readonly dos: Kernel;
  readonly mem: Uint8Array;
  readonly drives: Drives;
  readonly paths: PathResolver;
  readonly sft: SftChain;
  readonly attributes = new FileAttributes();
  readonly locks = new LockTable();
  readonly searches: DirectorySearches;
  readonly quota: DiskQuota;
  private readonly options: DosOptions;

  constructor(dos: Kernel, options: DosOptions) {
    this.dos = dos;
    this.mem = dos.mem;
    this.options = options;
    this.drives = new Drives(this.mem, options.drives);
    this.paths = new PathResolver(this.drives, () => this.currentDrive);
    this.sft = new SftChain(this.mem, DOSMEM.LOL);
    this.searches = new DirectorySearches(this.paths, this.attributes);
    this.quota = new DiskQuota(options.diskQuota ?? Infinity);
    // INT 21h/36h and the DPB show no more free space than the quota leaves.
    this.drives.freeLimit = () => this.quota.remaining;
  }

  get cpu() {
    return this.dos.machine.cpu;
  }

  /** Writes the SFT blocks, the CDS and DPBs, the device headers, and sets the current drive and
   *  directory (options.cwd, else the root of C: or of the first mapped drive). */
  init(): void {
    this.sft.init();
    this.drives.init(DOSMEM.LOL);
    writeDeviceHeaders(this.mem);
    const mapped = this.drives.mapped();
    if (mapped.length === 0) throw new Error('no drive is mapped to a host folder');
    const start = this.drives.get(2) ?? mapped[0];
    this.setCurrentDrive(start.index);
    if (this.options.cwd) {
      const r = this.paths.resolve(this.options.cwd);
      if (typeof r === 'number' || r.device || r.stat?.kind !== 'dir') {
        throw new Error(`starting directory "${this.options.cwd}" does not exist`);
      }
      this.setCurrentDrive(r.drive.index);
      this.drives.setCurrentDirectory(r.drive.index, r.components);
    }
  }

  /** The default drive, 0 = A (the byte in the SDA is the truth). */
  get currentDrive(): number {
    return rd8(this.mem, DOS_SEG, DOSMEM.SDA + SDA.CURRENT_DRIVE);
  }

  setCurrentDrive(drive: number): void {
    wr8(this.mem, DOS_SEG, DOSMEM.SDA + SDA.CURRENT_DRIVE, drive);
  }

  /** A drive number as INT 21h registers give it (0 = default, 1 = A), as an index (0 = A); -1
   *  when that drive is not there. */
  driveFromNumber(n: number): number {
    const d = n === 0 ? this.currentDrive : n - 1;
    return this.drives.isValid(d) ? d : -1;
  }

  /** The JFT of a process (the current one by default). */
  jft(psp = this.dos.currentPsp): Jft {
    return new Jft(this.mem, psp);
  }

  // ------------------------------------------------------------------ handles -> SFT entries

  /** The SFN behind a handle of the current process, or -1 when the handle is not open. */
  sfnOf(handle: number, psp = this.dos.currentPsp): number {
    const sfn = this.jft(psp).get(handle);
    if (sfn === JFT_FREE) return -1;
    const a = this.sft.address(sfn);
    if (a < 0 || this.sft.refCount(a) === 0) return -1;
    return sfn;
  }

  /** The linear address of an SFT entry in use. */
  entry(sfn: number): number {
    return this.sft.address(sfn);
  }

  /** The host object of a file entry (not a device), when its id is still registered. */
  hostObject(a: number): HostObject | undefined {
    if (this.sft.isDevice(a)) return undefined;
    return this.dos.hostHandles.get(this.sft.hostHandle(a));
  }

  /** The device of a device entry. */
  deviceOf(a: number): Device | undefined {
    if (!this.sft.isDevice(a)) return undefined;
    return deviceByPointer(this.sft.devicePointer(a));
  }

  /** Puts an SFN into the lowest free slot of the current process's JFT; the handle or -4. */
  allocateHandle(sfn: number, psp = this.dos.currentPsp): number {
    const jft = this.jft(psp);
    const h = jft.firstFree();
    if (h < 0) return -E.TOO_MANY_OPEN_FILES;
    jft.set(h, sfn);
    return h;
  }

  // ------------------------------------------------------------------ opening

  /** Opens a character device into a new SFT entry; the SFN or a negative DOS error. */
  openDevice(dev: Device, mode: number): number {
    const sfn = this.sft.allocate();
    if (sfn < 0) return -E.TOO_MANY_OPEN_FILES;
    this.fillEntry(sfn, {
      mode,
      attribute: 0,
      info: deviceInfoWord(dev) | (mode & OPEN_MODE.NO_INHERIT ? SFT_INFO.NO_INHERIT : 0),
      device: dev,
      when: packDateTime(dosNowMs(this.dos)),
      size: 0,
      owner: this.dos.currentPsp,
      hostHandle: 0,
      fcbName: toFcbForm(dev.name),
    });
    return sfn;
  }

  /** Fills a freshly allocated SFT entry (sft.ts fillSftEntry: one reference, position 0). */
  private fillEntry(sfn: number, e: Omit<SftFill, 'device'> & { device?: Device }): void {
    fillSftEntry(this.mem, this.sft.address(sfn), { ...e, device: e.device?.offset });
  }

  /** The open modes of every open of a host file (for the sharing check). */
  private opensOf(hostPath: string): number[] {
    const modes: number[] = [];
    for (const [, a] of this.sft.inUse()) {
      if (this.hostObject(a)?.hostPath === hostPath) modes.push(this.sft.openMode(a) & 0xff);
    }
    return modes;
  }

  /**
   * Opens (or creates) a resolved path into a new SFT entry. Returns the SFN and what was done,
   * or a negative DOS error. The caller has already checked that a JFT slot is free, if it needs one.
   */
  openResolved(r: ResolvedPath, req: OpenRequest): { sfn: number; action: number } | number {
    const access = req.mode & OPEN_MODE.ACCESS_MASK;
    if (access > ACCESS.READ_WRITE) return -E.INVALID_ACCESS;
    if (r.wild) return req.create ? -E.PATH_NOT_FOUND : -E.FILE_NOT_FOUND;
    if (r.device) {
      // (an FCB open of a device stays marked as one, so the process's end closes it)
      const sfn = this.openDevice(r.device, req.mode & (0xff | OPEN_MODE_FCB));
      return sfn < 0 ? sfn : { sfn, action: OPEN_ACTION.OPENED };
    }
    if (r.components.length === 0) return -E.ACCESS_DENIED; // the root itself
    if (r.drive.readOnly && (access !== ACCESS.READ || req.create || req.truncate)) return -E.ACCESS_DENIED;
    const st = r.stat;
    if (st && st.kind !== 'file') return -E.ACCESS_DENIED;
    if (!st && !req.create) return -E.FILE_NOT_FOUND;
    if (st && req.exclusive) return -E.FILE_EXISTS;
    const hostName = r.hostPath.slice(r.parentHost.length + 1);
    const attr = st ? this.attributes.of(r.hostPath, hostName, st) : 0;
    // A read-only file refuses write access and replacement (DOS checks the attribute, so this
    // holds even when the host would let us write, e.g. running as root).
    if (st && attr & ATTR.READ_ONLY && (access !== ACCESS.READ || req.truncate)) return -E.ACCESS_DENIED;
    if (req.create && (req.attribute ?? 0) & (ATTR.VOLUME | ATTR.DIRECTORY)) return -E.ACCESS_DENIED;
    if (st) {
      const shared = checkSharing(req.mode & 0xff, this.opensOf(r.hostPath));
      if (shared) return -shared;
    }
    const sfn = this.sft.allocate();
    if (sfn < 0) return -E.TOO_MANY_OPEN_FILES;
    if (!st && !r.drive.readOnly && !this.quota.takeEntry()) return -E.ACCESS_DENIED;
    const creating = !st || !!req.truncate;
    let file: HostFile;
    try {
      file = HostFile.open(r.hostPath, {
        read: access !== ACCESS.WRITE || creating,
        write: access !== ACCESS.READ || creating,
        create: !st,
        exclusive: !st,
        truncate: !!st && !!req.truncate,
      }, r.drive);
    } catch (err) {
      return -dosErrorOf(err);
    }
    if (!st) this.paths.changed(r.parentHost, null, hostName);
    let action: number = OPEN_ACTION.OPENED;
    let attribute = attr;
    if (creating) {
      action = st ? OPEN_ACTION.REPLACED : OPEN_ACTION.CREATED;
      attribute = ((req.attribute ?? 0) & (ATTR.READ_ONLY | ATTR.HIDDEN | ATTR.SYSTEM)) | ATTR.ARCHIVE;
      const done = tryHost(() => this.attributes.created(r.hostPath, attribute, r.drive));
      if (typeof done === 'number') {
        file.close();
        return -done;
      }
    }
    this.fillEntry(sfn, {
      mode: req.mode,
      attribute,
      info: (r.drive.index & SFT_INFO.DRIVE_MASK) | SFT_INFO.NOT_WRITTEN | (req.mode & OPEN_MODE.NO_INHERIT ? SFT_INFO.NO_INHERIT : 0),
      when: packDateTime(creating || !st ? dosNowMs(this.dos) : st.mtimeMs),
      size: creating ? 0 : (st?.size ?? 0),
      owner: this.dos.currentPsp,
      hostHandle: this.dos.hostHandles.add(file),
      fcbName: r.fcbName,
    });
    return { sfn, action };
  }

  /** Opens a DOS path and gives the current process a handle to it: the handle, or a negative
   *  DOS error. `action` receives what was done. */
  openHandle(path: string, req: OpenRequest, action?: { value: number }): number {
    if (this.jft().firstFree() < 0) return -E.TOO_MANY_OPEN_FILES;
    const r = this.paths.resolve(path);
    if (typeof r === 'number') return -r;
    if (req.mustExist && !r.device && !r.stat) return -E.FILE_NOT_FOUND;
    const opened = this.openResolved(r, req);
    if (typeof opened === 'number') return opened;
    if (action) action.value = opened.action;
    return this.allocateHandle(opened.sfn);
  }

  // ------------------------------------------------------------------ I/O on SFT entries

  /** Reads up to `count` bytes at the entry's position into guest memory from linear address
   *  `at` on (the caller applied DOS's rule for where a transfer lands: src/dos/transfer.ts). */
  read(sfn: number, at: number, count: number): ReadResult {
    const a = this.sft.address(sfn);
    const s = this.sft;
    if ((s.openMode(a) & OPEN_MODE.ACCESS_MASK) === ACCESS.WRITE) return -E.ACCESS_DENIED;
    const dev = this.deviceOf(a);
    if (s.isDevice(a)) {
      if (!dev) return -E.INVALID_HANDLE;
      const got = deviceRead(this.dos, dev, s.info(a), count);
      if (got === 'wait') return 'wait';
      copyToLinear(this.mem, at, got, this.cpu);
      return got.length;
    }
    const obj = this.hostObject(a);
    if (!obj) return -E.INVALID_HANDLE;
    const pos = s.position(a);
    const locked = obj.hostPath ? this.locks.check(obj.hostPath, sfn, pos, count) : 0;
    if (locked) return -locked;
    const buf = new Uint8Array(count);
    let n: number;
    try {
      n = obj.read(pos, buf);
    } catch (err) {
      return -dosErrorOf(err);
    }
    if (n === READ_WAIT) return 'wait';
    copyToLinear(this.mem, at, buf.subarray(0, n), this.cpu);
    s.setPosition(a, pos + n);
    return n;
  }

  /** Writes `count` bytes from guest memory (linear address `at` on) at the entry's position; a
   *  zero count sets the file's size to the position (truncating or extending), as DOS does. */
  write(sfn: number, at: number, count: number): number {
    return this.writeData(sfn, copyFromLinear(this.mem, at, count, this.cpu));
  }

  writeData(sfn: number, data: Uint8Array): number {
    const a = this.sft.address(sfn);
    const s = this.sft;
    if ((s.openMode(a) & OPEN_MODE.ACCESS_MASK) === ACCESS.READ) return -E.ACCESS_DENIED;
    if (s.isDevice(a)) {
      const dev = this.deviceOf(a);
      if (!dev) return -E.INVALID_HANDLE;
      const n = deviceWrite(this.dos, dev, data, s.info(a));
      return n < 0 ? -E.ACCESS_DENIED : n;
    }
    const obj = this.hostObject(a);
    if (!obj) return -E.INVALID_HANDLE;
    const pos = s.position(a);
    const locked = obj.hostPath ? this.locks.check(obj.hostPath, sfn, pos, data.length) : 0;
    if (locked) return -locked;
    let n = 0;
    try {
      // With a quota, a drive file's growth is measured against the host's size (the SFT's is
      // guest memory); redirected output is no file on a drive.
      const metered = this.quota.limited && !!obj.hostPath;
      const size = metered ? obj.size() : 0;
      const granted = metered ? this.quota.grantWrite(pos, data.length, size) : data.length;
      if (data.length === 0) {
        // Past the quota a file is not extended (the write does nothing, as on a full disk).
        if (metered && !this.quota.grantResize(pos, size)) return 0;
        if (obj.truncate) obj.truncate(pos);
        s.setSize(a, pos);
      } else if (granted > 0) {
        n = obj.write(pos, granted < data.length ? data.subarray(0, granted) : data);
        s.setPosition(a, pos + n);
        if (pos + n > s.size(a)) s.setSize(a, pos + n);
      }
    } catch (err) {
      return -dosErrorOf(err);
    }
    s.setInfo(a, s.info(a) & ~SFT_INFO.NOT_WRITTEN);
    if (obj.hostPath) this.attributes.markArchive(obj.hostPath);
    // Opened through INT 21h/6Ch with auto-commit: every write goes to the host at once.
    if (s.openMode(a) & OPEN_MODE_AUTO_COMMIT && obj.commit) {
      const done = tryHost(() => obj.commit?.());
      if (typeof done === 'number') return -done;
    }
    return n;
  }

  /** INT 21h/42h: the new position, or a negative DOS error. Devices stay at 0. */
  seek(sfn: number, origin: number, offset: number): number {
    const a = this.sft.address(sfn);
    const s = this.sft;
    if (origin > 2) return -E.INVALID_FUNCTION;
    if (s.isDevice(a)) return 0;
    let base = 0;
    if (origin === 1) base = s.position(a);
    else if (origin === 2) {
      const obj = this.hostObject(a);
      if (!obj) return -E.INVALID_HANDLE;
      try {
        base = obj.size();
      } catch (err) {
        return -dosErrorOf(err);
      }
      s.setSize(a, base);
    }
    const pos = base + offset;
    if (pos < 0) return -ERROR_NEGATIVE_SEEK;
    const clamped = pos > 0xffffffff ? pos % 0x100000000 : pos;
    s.setPosition(a, clamped);
    return clamped;
  }

  /** The current size of a file entry (refreshed from the host). */
  fileSize(sfn: number): number {
    const a = this.sft.address(sfn);
    const obj = this.hostObject(a);
    if (!obj) return this.sft.size(a);
    try {
      const size = obj.size();
      this.sft.setSize(a, size);
      return size;
    } catch {
      return this.sft.size(a);
    }
  }

  /** INT 21h/68h, 6Ah: flushes a file to the host; 0 or a negative DOS error. */
  commit(sfn: number): number {
    const obj = this.hostObject(this.sft.address(sfn));
    if (!obj?.commit) return 0;
    const done = tryHost(() => obj.commit?.());
    return typeof done === 'number' ? -done : 0;
  }

  /** Drops one reference to an SFT entry; the last one closes the host object, releases its locks
   *  and, if INT 21h/57h set a date, puts that date on the host file. */
  release(sfn: number): void {
    const a = this.sft.address(sfn);
    const s = this.sft;
    const rc = s.refCount(a);
    if (rc === 0) return;
    if (rc > 1) {
      s.setRefCount(a, rc - 1);
      return;
    }
    s.setRefCount(a, 0);
    if (s.isDevice(a)) return;
    const obj = this.hostObject(a);
    const path = obj?.hostPath;
    const info = s.info(a);
    this.dos.hostHandles.close(s.hostHandle(a));
    this.locks.release(sfn);
    const area = this.drives.get(info & SFT_INFO.DRIVE_MASK);
    if (path && info & INFO_DATE_SET) {
      const when = unpackDateTime(s.date(a), s.time(a));
      if (when) tryHost(() => setModified(path, when, area));
    } else if (path && !(info & SFT_INFO.NOT_WRITTEN)) {
      // DOS dates a written file by its own clock at close; the host has dated it by the host
      // clock, which differs only when a program set the DOS date or time (2Bh/2Dh).
      const now = dosNowMs(this.dos);
      if (Math.abs(now - Date.now()) > CLOCK_SLACK_MS) tryHost(() => setModified(path, new Date(now), area));
    }
  }

  /** INT 21h/3Eh body: frees a handle of the current process and drops its SFT reference; 0 or a
   *  negative DOS error. */
  closeHandle(handle: number, psp = this.dos.currentPsp): number {
    const sfn = this.sfnOf(handle, psp);
    if (sfn < 0) return -E.INVALID_HANDLE;
    this.jft(psp).set(handle, JFT_FREE);
    this.release(sfn);
    return 0;
  }

  /** Points handle `handle` of process `psp` at a host object in a new SFT entry, a file as DOS
   *  redirection makes one, closing what the handle had: how host input and output reach a
   *  program as its redirected standard handles (NTVDM hands cmd's redirections over so).
   *  `name` is the entry's name. Returns 0 or a negative DOS error. */
  bindHostObject(psp: number, handle: number, obj: HostObject, access: number, name: string): number {
    if (handle < 0 || handle >= this.jft(psp).size) return -E.INVALID_HANDLE;
    const sfn = this.sft.allocate();
    if (sfn < 0) return -E.TOO_MANY_OPEN_FILES;
    const size = tryHost(() => obj.size());
    this.fillEntry(sfn, {
      mode: access,
      attribute: 0,
      info: (this.currentDrive & SFT_INFO.DRIVE_MASK) | SFT_INFO.NOT_WRITTEN,
      when: packDateTime(dosNowMs(this.dos)),
      size: typeof size === 'number' ? 0 : size.value,
      owner: psp,
      hostHandle: this.dos.hostHandles.add(obj),
      fcbName: toFcbForm(name),
    });
    if (this.sfnOf(handle, psp) >= 0) this.closeHandle(handle, psp);
    this.jft(psp).set(handle, sfn);
    return 0;
  }

  // ------------------------------------------------------------------ processes (for EXEC and termination)

  /** First process: JFT 0-4 -> CON, CON, CON, AUX, PRN, in SFNs 1, 1, 1, 0, 2 as MS-DOS has them. */
  setupStandardHandles(psp: number): void {
    const jft = new Jft(this.mem, psp);
    jft.resetToPsp();
    const saved = this.dos.currentPsp;
    this.dos.currentPsp = psp;
    try {
      const aux = this.openDevice(deviceByKind('aux'), ACCESS.READ_WRITE);
      const con = this.openDevice(deviceByKind('con'), ACCESS.READ_WRITE);
      const prn = this.openDevice(deviceByKind('prn'), ACCESS.WRITE);
      if (aux < 0 || con < 0 || prn < 0) throw new Error('no free SFT entries for the standard handles');
      this.sft.setRefCount(this.sft.address(con), 3);
      [con, con, con, aux, prn].forEach((sfn, h) => jft.set(h, sfn));
    } finally {
      this.dos.currentPsp = saved;
    }
  }

  /** EXEC: the child's built-in JFT gets the parent's first 20 entries; free slots and entries
   *  marked no-inherit become FFh; every inherited entry gains a reference. */
  inheritHandles(parentPsp: number, childPsp: number): void {
    const parent = new Jft(this.mem, parentPsp);
    const child = new Jft(this.mem, childPsp);
    child.resetToPsp();
    for (let h = 0; h < JFT_DEFAULT_SIZE; h++) {
      const sfn = parent.get(h);
      if (sfn === JFT_FREE) continue;
      const a = this.sft.address(sfn);
      if (a < 0 || this.sft.refCount(a) === 0) continue;
      if (this.sft.info(a) & SFT_INFO.NO_INHERIT || this.sft.openMode(a) & OPEN_MODE.NO_INHERIT) continue;
      this.sft.setRefCount(a, this.sft.refCount(a) + 1);
      child.set(h, sfn);
    }
  }

  /** Process end (not a TSR): every handle in its JFT is closed, and the files it opened through
   *  FCBs. */
  closeProcessHandles(psp: number): void {
    const jft = new Jft(this.mem, psp);
    const n = jft.size;
    for (let h = 0; h < n; h++) if (jft.get(h) !== JFT_FREE) this.closeHandle(h, psp);
    for (const [sfn, a] of this.sft.inUse()) {
      if (this.sft.openMode(a) & OPEN_MODE_FCB && this.sft.ownerPsp(a) === psp) {
        this.sft.setRefCount(a, 1);
        this.release(sfn);
      }
    }
  }

  /** The run is over, however it ended (a fault, a limit, an abort, a TSR): every open file is
   *  closed as at its last close (so a date set by 57h still lands), and then every host object
   *  still registered, so nothing the guest opened outlives the run (issue 14: 117 descriptors
   *  leaked per run). */
  closeAll(): void {
    try {
      for (const [sfn, a] of this.sft.inUse()) {
        if (this.sft.isDevice(a)) continue;
        this.sft.setRefCount(a, 1);
        this.release(sfn);
      }
    } catch {
      // A guest that wrecked its SFT chain still has its host objects closed below.
    } finally {
      this.dos.hostHandles.closeAll();
    }
  }

  /**
   * INT 21h/67h: resizes the process's JFT. Above 20 the table moves to a memory block the process
   * owns (PSP+32h/34h point to it); at 20 or less it moves back into PSP+18h. A table cannot shrink
   * over an open handle (error 4). Returns 0 or a negative DOS error.
   */
  setHandleCount(psp: number, count: number): number {
    const jft = new Jft(this.mem, psp);
    const oldSize = jft.size;
    const want = Math.max(count, JFT_DEFAULT_SIZE);
    for (let h = want; h < oldSize; h++) if (jft.get(h) !== JFT_FREE) return -E.TOO_MANY_OPEN_FILES;
    const old = jft.pointer;
    const oldInPsp = jft.inPsp;
    if (want === oldSize && (oldInPsp || want > JFT_DEFAULT_SIZE)) return 0;
    const keep = Math.min(oldSize, want);
    const entries = copyFromSegment(this.mem, old.seg, old.off, keep);
    if (want === JFT_DEFAULT_SIZE) {
      jft.relocate(psp, PSP.JFT, JFT_DEFAULT_SIZE);
      const table = new Uint8Array(JFT_DEFAULT_SIZE).fill(JFT_FREE);
      table.set(entries);
      copyToSegment(this.mem, psp, PSP.JFT, table);
    } else {
      const seg = this.dos.memory.allocate(Math.ceil(want / 16), psp);
      if (seg < 0) return seg;
      const table = new Uint8Array(want).fill(JFT_FREE);
      table.set(entries);
      copyToSegment(this.mem, seg, 0, table);
      jft.relocate(seg, 0, want);
    }
    if (!oldInPsp) this.dos.memory.free(old.seg);
    return 0;
  }

  // ------------------------------------------------------------------ loader and names

  /** EXEC and the loader: the file's first MAX_PROGRAM_READ bytes (all a program can use), its
   *  whole size and its canonical DOS path, or a DOS error. */
  loadFile(path: string): { data: Uint8Array; size: number; fullPath: string } | number {
    const r = this.paths.resolve(path);
    if (typeof r === 'number') return r;
    if (r.device || r.wild) return E.FILE_NOT_FOUND;
    if (!r.stat) return E.FILE_NOT_FOUND;
    if (r.stat.kind !== 'file') return E.ACCESS_DENIED;
    const got = tryHost(() => readFileHead(r.hostPath, MAX_PROGRAM_READ, r.drive));
    if (typeof got === 'number') return got;
    return { data: got.value.data, size: got.value.size, fullPath: r.dosPath };
  }

  /** INT 21h/60h and the loader: "C:\DIR\FILE.EXT", or a DOS error. */
  truename(path: string): string | number {
    return this.paths.truename(path);
  }
}
