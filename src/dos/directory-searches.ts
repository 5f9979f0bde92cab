// The search core of INT 21h/4Eh-4Fh and the FCB searches 11h/12h: entries are listed in
// DOS-name order ("." and ".." first outside the root) and a search resumes after the last name
// it returned, so a program that deletes or creates files while it searches neither skips nor
// repeats entries. The search state lives in a small table keyed by the id kept in the DTA's
// reserved bytes (find.ts, fcb.ts).
import { ATTR } from './layout';
import { DOS_ERROR } from './errors';
import { matchFcb, toFcbForm } from './names';
import { packDateTime } from './file-times';
import { statPath, isSymbolicLink, realPath, isWithin, joinPath, type HostStat } from '../host/fs';
import type { Drive } from './drives';
import type { PathResolver, ResolvedPath } from './paths';
import type { FileAttributes } from './attributes';

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

  constructor(
    private readonly paths: PathResolver,
    private readonly attributes: FileAttributes,
  ) {}

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
    const version = this.paths.listingVersion(state.hostDir);
    if (version < 0) return null; // the folder went away or became unreadable: the search ends
    if (state.listing && state.listedAt === version) return state.listing;
    const named = this.paths.listNamed(state.hostDir);
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
    const attribute = host === null ? ATTR.DIRECTORY : this.attributes.of(path, host, st);
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
