// DOS file attributes of host entries. Read-only is the host's write permission (set and cleared
// through chmod); directory is the host's; hidden, system and archive have no host counterpart and
// are kept for the session in a table beside the host path. A file DOS has not been told about
// shows archive (it may need backing up), and a host name starting with "." shows hidden.
import { ATTR } from './layout';
import { setWritable, type HostArea, type HostStat } from '../host/fs';

/** The attribute bits INT 21h/43h may set (volume and directory are not settable). */
export const SETTABLE_ATTRIBUTES = ATTR.READ_ONLY | ATTR.HIDDEN | ATTR.SYSTEM | ATTR.ARCHIVE;
const SESSION_BITS = ATTR.HIDDEN | ATTR.SYSTEM | ATTR.ARCHIVE;

export class FileAttributes {
  /** host path -> hidden/system/archive bits set by the guest this session */
  private readonly session = new Map<string, number>();

  /** The attribute byte DOS shows for a host entry. */
  of(hostPath: string, hostName: string, st: HostStat): number {
    let attr = 0;
    if (st.kind === 'dir') attr |= ATTR.DIRECTORY;
    if (!st.writable) attr |= ATTR.READ_ONLY;
    const kept = this.session.get(hostPath);
    if (kept !== undefined) attr |= kept;
    else {
      if (st.kind !== 'dir') attr |= ATTR.ARCHIVE;
      if (hostName.startsWith('.')) attr |= ATTR.HIDDEN;
    }
    return attr;
  }

  /** INT 21h/43h set: read-only through the host permission, the rest for the session. Throws a
   *  HostFsError when chmod fails. */
  set(hostPath: string, st: HostStat, attr: number, area?: HostArea): void {
    const readOnly = (attr & ATTR.READ_ONLY) !== 0;
    if (readOnly === st.writable) setWritable(hostPath, !readOnly, area);
    this.session.set(hostPath, attr & SESSION_BITS);
  }

  /** A file was written (or created): DOS sets its archive bit. */
  markArchive(hostPath: string): void {
    const kept = this.session.get(hostPath);
    if (kept !== undefined) this.session.set(hostPath, kept | ATTR.ARCHIVE);
  }

  /** Records the bits a file was created with (INT 21h/3Ch CX); a read-only one loses its host
   *  write permission (handles already open on it keep writing, as in DOS). Throws a HostFsError
   *  when chmod fails. */
  created(hostPath: string, attr: number, area?: HostArea): void {
    this.session.set(hostPath, attr & SESSION_BITS);
    if (attr & ATTR.READ_ONLY) setWritable(hostPath, false, area);
  }

  /** The entry was renamed or deleted. */
  moved(from: string, to: string | null): void {
    const kept = this.session.get(from);
    this.session.delete(from);
    if (to !== null && kept !== undefined) this.session.set(to, kept);
  }
}
