// Directory searches: INT 21h/4Eh find first and 4Fh find next with the DTA in the FIND layout,
// and the search core the FCB functions 11h/12h share. Entries are listed in DOS-name order ("."
// and ".." first outside the root) and a search resumes after the last name it returned, so a
// program that deletes or creates files while it searches neither skips nor repeats entries.
// The search state lives in a small table keyed by the id kept in the DTA's reserved bytes.
import type { FileSystem } from './filesystem';
import { fillSegment, wr8, wr16, wr32, copyToSegment, writeAsciiz, rd16 } from '../cpu/guest-memory';
import { ATTR, FIND } from './layout';
import { DOS_ERROR } from './errors';
import { matchFcb, toFcbForm } from './names';
import { packDateTime } from './file-times';
import { statPath, isSymbolicLink, realPath, isWithin, joinPath, type HostStat } from '../host/fs';
import type { Drive } from './drives';
import type { ResolvedPath } from './paths';
import { pathAtDsDx } from './handle-functions';

const E = DOS_ERROR;

/** One directory entry as a search reports it. */
export interface FoundEntry {
  name: string; // "NAME.EXT"
  fcbName: string; // "NAME    EXT"
  attribute: number;
  date: number;
  time: number;
  size: number;
}

interface SearchState {
  drive: Drive;
  hostDir: string;
  isRoot: boolean;
  pattern: string; // FCB form
  attribute: number;
  lastKey: string | null; // ordering key of the last entry returned (null before the first)
  listing?: Candidate[]; // the folder as last listed
  listedAt?: number; // the resolver's listing version then
}

interface Candidate {
  key: string;
  dos: string;
  fcb: string;
  host: string | null; // null for "." and ".."
}

/** Attribute bits a search must ask for to see an entry that has them. */
const SPECIAL = ATTR.HIDDEN | ATTR.SYSTEM | ATTR.DIRECTORY;
/** Searches remembered at once; the oldest is forgotten first (deep tree walks need a few dozen). */
const MAX_SEARCHES = 1024;

function dotFcb(name: '.' | '..'): string {
  return name.padEnd(11, ' ');
}

export class DirectorySearches {
  private readonly states = new Map<number, SearchState>();
  private nextId = 1;

  constructor(private readonly fs: FileSystem) {}

  /** Starts a search for the last component (pattern) of a resolved path; the id and the first
   *  entry, or a DOS error. */
  first(r: ResolvedPath, attribute: number): { id: number; entry: FoundEntry } | number {
    if (r.components.length === 0) return E.NO_MORE_FILES;
    if (attribute === ATTR.VOLUME) return E.NO_MORE_FILES; // host folders carry no volume label
    const state: SearchState = {
      drive: r.drive,
      hostDir: r.parentHost,
      isRoot: r.components.length === 1,
      pattern: r.fcbName,
      attribute,
      lastKey: null,
    };
    const entry = this.advance(state);
    if (!entry) return E.NO_MORE_FILES;
    const id = this.nextId;
    this.nextId = this.nextId >= 0xffff ? 1 : this.nextId + 1;
    this.states.delete(id);
    this.states.set(id, state);
    if (this.states.size > MAX_SEARCHES) this.states.delete(this.states.keys().next().value as number);
    return { id, entry };
  }

  /** The next entry of search `id`, or 18 when there is none (or the search is unknown). */
  next(id: number): FoundEntry | number {
    const state = this.states.get(id);
    if (!state) return E.NO_MORE_FILES;
    const entry = this.advance(state);
    if (!entry) {
      this.states.delete(id);
      return E.NO_MORE_FILES;
    }
    return entry;
  }

  /** The directory's entries in search order, re-listed only when the folder has changed. */
  private listing(state: SearchState): Candidate[] | null {
    // The resolver's listing of the folder decides when it has changed (its version moves).
    const version = this.fs.paths.listingVersion(state.hostDir);
    if (version < 0) return null; // the folder went away or became unreadable: the search ends
    if (state.listing && state.listedAt === version) return state.listing;
    const named = this.fs.paths.listNamed(state.hostDir);
    if (typeof named === 'number') return null;
    // Ordered by a key that puts "." and ".." first whatever the names after them start with.
    const candidates: Candidate[] = named
      .map((e) => ({ key: `\u0002${e.dos}`, dos: e.dos, fcb: toFcbForm(e.dos), host: e.host as string | null }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (!state.isRoot) {
      candidates.unshift({ key: '\u0001', dos: '..', fcb: dotFcb('..'), host: null });
      candidates.unshift({ key: '\u0000', dos: '.', fcb: dotFcb('.'), host: null });
    }
    state.listing = candidates;
    state.listedAt = version;
    return candidates;
  }

  /** Returns the first match after the last one returned. */
  private advance(state: SearchState): FoundEntry | null {
    const candidates = this.listing(state);
    if (!candidates) return null;
    // Binary search for the first key after the last one returned.
    let lo = 0;
    let hi = candidates.length;
    if (state.lastKey !== null) {
      const last = state.lastKey;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (candidates[mid].key <= last) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let i = lo; i < candidates.length; i++) {
      const c = candidates[i];
      if (!matchFcb(state.pattern, c.fcb)) continue;
      const found = this.describe(state, c.dos, c.fcb, c.host);
      if (!found) continue;
      if (found.attribute & SPECIAL & ~state.attribute) continue;
      state.lastKey = c.key;
      return found;
    }
    return null;
  }

  /** Stat of one candidate; null for entries the guest must not see (dangling links, links out
   *  of the drive, sockets and the like). */
  private describe(state: SearchState, dos: string, fcb: string, host: string | null): FoundEntry | null {
    const path = host === null ? state.hostDir : joinPath(state.hostDir, host);
    if (host !== null && isSymbolicLink(path)) {
      try {
        if (!isWithin(state.drive.root, realPath(path))) return null;
      } catch {
        return null;
      }
    }
    let st: HostStat | null;
    try {
      st = statPath(path);
    } catch {
      return null; // an entry the host will not describe is not shown
    }
    if (!st || st.kind === 'other') return null;
    const attribute = host === null ? ATTR.DIRECTORY : this.fs.attributes.of(path, host, st);
    const when = packDateTime(st.mtimeMs);
    return {
      name: dos,
      fcbName: fcb,
      attribute,
      date: when.date,
      time: when.time,
      size: st.kind === 'dir' ? 0 : Math.min(st.size, 0xffffffff),
    };
  }
}

/** Fills the DTA's result fields (15h-2Ah) of a find first/next. */
function writeFound(fs: FileSystem, seg: number, off: number, e: FoundEntry): void {
  wr8(fs.mem, seg, off + FIND.ATTRIBUTE, e.attribute);
  wr16(fs.mem, seg, off + FIND.TIME, e.time);
  wr16(fs.mem, seg, off + FIND.DATE, e.date);
  wr32(fs.mem, seg, off + FIND.SIZE, e.size);
  fillSegment(fs.mem, seg, off + FIND.NAME, FIND.LENGTH - FIND.NAME, 0);
  writeAsciiz(fs.mem, seg, off + FIND.NAME, e.name);
}

export function findFunctions(fs: FileSystem) {
  const searches = fs.searches;

  // 4Eh: find first match of DS:DX with attributes CX; results in the DTA.
  const int21_4E = () => {
    const c = fs.cpu;
    const r = fs.paths.resolve(pathAtDsDx(fs), { wildcards: true });
    if (typeof r === 'number') return fs.dos.fail(r === E.FILE_NOT_FOUND ? E.NO_MORE_FILES : r);
    const dta = fs.dos.getDta();
    if (r.device) {
      // MS-DOS finds a device by name, with the device attribute bit (40h) and no date.
      fillSegment(fs.mem, dta.seg, dta.off, FIND.LENGTH, 0);
      writeFound(fs, dta.seg, dta.off, { name: r.device.name, fcbName: '', attribute: 0x40, date: 0, time: 0, size: 0 });
      return fs.dos.ok();
    }
    const found = searches.first(r, c.cx & 0xff);
    if (typeof found === 'number') return fs.dos.fail(found);
    // Reserved part: drive (1 = A), the pattern, the attribute, and vdm86's search id.
    fillSegment(fs.mem, dta.seg, dta.off, FIND.ATTRIBUTE, 0);
    wr8(fs.mem, dta.seg, dta.off + FIND.DRIVE, r.drive.index + 1);
    copyToSegment(fs.mem, dta.seg, dta.off + FIND.TEMPLATE, [...r.fcbName].map((ch) => ch.charCodeAt(0)));
    wr8(fs.mem, dta.seg, dta.off + FIND.SEARCH_ATTRIBUTE, c.cx & 0xff);
    wr16(fs.mem, dta.seg, dta.off + FIND.SEARCH_ID, found.id);
    writeFound(fs, dta.seg, dta.off, found.entry);
    c.ax = 0;
    fs.dos.ok();
  };

  // 4Fh: find next, continuing the search whose state the DTA holds.
  const int21_4F = () => {
    const dta = fs.dos.getDta();
    const id = rd16(fs.mem, dta.seg, dta.off + FIND.SEARCH_ID);
    const found = searches.next(id);
    if (typeof found === 'number') return fs.dos.fail(found);
    writeFound(fs, dta.seg, dta.off, found);
    fs.cpu.ax = 0;
    fs.dos.ok();
  };
  return { int21_4E, int21_4F };
}
