// From host paths to DOS paths for a run: the drive table (C: is the current folder unless
// given), the DOS path of the program to start, and the starting directory. A program outside
// every mapped drive gets its own folder mapped as the first free letter from D:, so it starts
// while C: stays the user's current folder (where its data files are).
import * as nodePath from 'node:path';
import { isWithin, listDirectory, realPath, statPath } from './host/fs';
import { nameDirectory, upperDos } from './dos/names';
import { shellFolder } from './shell/location';

export interface DriveSpec {
  letter: string;
  hostPath: string;
  /** The guest may read but not change the folder (given as "C=DIR:ro"; the shipped Z: drive). */
  readOnly?: boolean;
}

/** A bad drive or directory option: the caller (CLI) reports it as a usage error. */
export class RunOptionError extends Error {
  override name = 'RunOptionError';
}

/** Accepts `[{letter, hostPath, readOnly}]`, `{C: dir}`, or `["C=dir"]` (the --drive form); a
 *  folder given as text ending in ":ro" is mapped read-only ("C=dist:ro", `{C: 'dist:ro'}`). */
export type DrivesOption = readonly DriveSpec[] | Readonly<Record<string, string>> | readonly string[];

export function parseDriveArgument(text: string): DriveSpec {
  const m = /^([A-Za-z]):?=(.+)$/.exec(text);
  if (!m) throw new RunOptionError(`bad drive mapping "${text}" (expected L=FOLDER, e.g. C=.)`);
  return { letter: m[1].toUpperCase(), ...folderText(m[2]) };
}

/** "DIR" or "DIR:ro" -> the folder and whether it is read-only. */
function folderText(text: string): { hostPath: string; readOnly?: boolean } {
  const ro = /:ro$/i.exec(text);
  return ro && text.length > 3 ? { hostPath: text.slice(0, -3), readOnly: true } : { hostPath: text };
}

/** The drive table with canonical host folders; C: is `hostCwd` unless the option maps C:. */
export function resolveDrives(option: DrivesOption | undefined, hostCwd: string): DriveSpec[] {
  let specs: DriveSpec[] = [];
  if (Array.isArray(option)) {
    specs = option.map((d: DriveSpec | string) => (typeof d === 'string' ? parseDriveArgument(d) : { ...d }));
  } else if (option) {
    specs = Object.entries(option as Record<string, string>).map(([letter, hostPath]) => ({ letter, ...folderText(hostPath) }));
  }
  const out = new Map<string, DriveSpec>();
  for (const s of specs) {
    const letter = s.letter.replace(/:$/, '').toUpperCase();
    if (!/^[A-Z]$/.test(letter)) throw new RunOptionError(`bad drive letter "${s.letter}"`);
    const abs = nodePath.resolve(hostCwd, s.hostPath);
    const st = statPath(abs);
    if (!st || st.kind !== 'dir') throw new RunOptionError(`drive ${letter}: "${s.hostPath}" is not a folder`);
    out.set(letter, s.readOnly ? { letter, hostPath: realPath(abs), readOnly: true } : { letter, hostPath: realPath(abs) });
  }
  if (!out.has('C')) out.set('C', { letter: 'C', hostPath: realPath(hostCwd) });
  // Z: holds vdm86's own COMMAND.COM, read-only, unless the user maps Z: (src/shell/location.ts).
  const shell = shellFolder();
  if (!out.has('Z') && shell) out.set('Z', { letter: 'Z', hostPath: realPath(shell), readOnly: true });
  return [...out.values()].sort((a, b) => (a.letter < b.letter ? -1 : 1));
}

/** The DOS spelling of a host path inside `drive` (each component as DOS names it: upper-case
 *  8.3, or the ~N short name of a long host name). */
function dosPathIn(drive: DriveSpec, hostReal: string): string {
  const rel = nodePath.relative(drive.hostPath, hostReal);
  const parts = rel === '' ? [] : rel.split(nodePath.sep);
  let dir = drive.hostPath;
  const dosParts: string[] = [];
  for (const part of parts) {
    const named = nameDirectory(listDirectory(dir)).find((e) => e.host === part);
    dosParts.push(named ? named.dos : part.toUpperCase());
    dir = nodePath.join(dir, part);
  }
  return `${drive.letter}:\\${dosParts.join('\\')}`;
}

function driveContaining(drives: readonly DriveSpec[], hostReal: string): DriveSpec | undefined {
  // The deepest mapping wins when drives nest.
  return drives
    .filter((d) => isWithin(d.hostPath, hostReal))
    .sort((a, b) => b.hostPath.length - a.hostPath.length)[0];
}

export interface ProgramLocation {
  /** The program as DOS will be asked to start it, e.g. C:\BIN\TOOL.EXE. */
  dosPath: string;
  /** The drive table, with the program's folder added when no drive held it. */
  drives: DriveSpec[];
  /** The letter added for the program's folder, if one was. */
  addedDrive?: string;
}

/** The host file a program name means: the path itself, else (as DOS would find it) a file in
 *  the same folder whose name matches ignoring case, trying .COM and then .EXE when the name
 *  has no extension. */
function findProgramFile(abs: string): string | null {
  if (statPath(abs)?.kind === 'file') return abs;
  const dir = nodePath.dirname(abs);
  const base = nodePath.basename(abs).toLowerCase();
  const wanted = nodePath.extname(base) ? [base] : [base, `${base}.com`, `${base}.exe`];
  let names: string[];
  try {
    names = listDirectory(dir);
  } catch {
    return null;
  }
  for (const w of wanted) {
    const hit = names.find((n) => n.toLowerCase() === w);
    if (hit && statPath(nodePath.join(dir, hit))?.kind === 'file') return nodePath.join(dir, hit);
  }
  return null;
}

/** A DOS path on a mapped drive (P:\TOOLS\MAKE, any case) to the host file it names: each
 *  component matched against the DOS names of the folder's entries (8.3 or ~N short names),
 *  .COM and then .EXE tried when the last has no extension. No '..': nothing outside the drive. */
function findOnDrive(dosPath: string, drives: readonly DriveSpec[]): string | null {
  const m = /^([A-Za-z]):[\\/](.*)$/.exec(dosPath);
  const drive = m && drives.find((d) => d.letter === m[1].toUpperCase());
  if (!m || !drive) return null;
  const parts = m[2].split(/[\\/]+/).filter((p) => p.length > 0);
  let path = drive.hostPath;
  for (let i = 0; i < parts.length; i++) {
    const want = upperDos(parts[i]);
    const wanted = i === parts.length - 1 && !want.includes('.') ? [want, `${want}.COM`, `${want}.EXE`] : [want];
    let entries;
    try {
      entries = nameDirectory(listDirectory(path));
    } catch {
      return null;
    }
    const hit = wanted.map((w) => entries.find((e) => e.dos === w)).find((e) => e !== undefined);
    if (!hit) return null;
    path = nodePath.join(path, hit.host);
  }
  return parts.length > 0 && statPath(path)?.kind === 'file' ? path : null;
}

/** Why a host path that exists cannot be the program (a folder, a FIFO, a device), or null. */
export function notAProgramFile(hostProgram: string, hostCwd: string): string | null {
  const st = statPath(nodePath.resolve(hostCwd, hostProgram));
  if (!st || st.kind === 'file') return null;
  return st.kind === 'dir' ? `${hostProgram} is a folder, not a program file` : `${hostProgram} is not a regular file (a FIFO, socket or device)`;
}

/** Where a program is in DOS terms: a host path, or else a DOS path on a mapped drive.
 *  Returns null when there is no such file. */
export function locateProgram(hostProgram: string, drives: readonly DriveSpec[], hostCwd: string): ProgramLocation | null {
  const abs = findProgramFile(nodePath.resolve(hostCwd, hostProgram)) ?? findOnDrive(hostProgram, drives);
  if (!abs) return null;
  const real = realPath(abs);
  const list = [...drives];
  let drive = driveContaining(list, real);
  let addedDrive: string | undefined;
  if (!drive) {
    const used = new Set(list.map((d) => d.letter));
    const letter = 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((l) => !used.has(l));
    if (!letter) throw new RunOptionError(`no free drive letter to map the folder of ${hostProgram}`);
    drive = { letter, hostPath: nodePath.dirname(real) };
    list.push(drive);
    list.sort((a, b) => (a.letter < b.letter ? -1 : 1));
    addedDrive = letter;
  }
  return { dosPath: dosPathIn(drive, real), drives: list, addedDrive };
}

/** The starting directory: a DOS path as given (e.g. C:\SRC), or a host folder inside a drive.
 *  Default: where the host's current folder is, if a drive holds it; else C:\. */
export function startDirectory(cwd: string | undefined, drives: readonly DriveSpec[], hostCwd: string): string {
  if (cwd !== undefined && /^[A-Za-z]:($|[\\/])/.test(cwd)) {
    return cwd.replace(/\//g, '\\').toUpperCase().replace(/^([A-Z]):$/, '$1:\\');
  }
  const abs = nodePath.resolve(hostCwd, cwd ?? '.');
  const st = statPath(abs);
  if (!st || st.kind !== 'dir') {
    if (cwd === undefined) return 'C:\\';
    throw new RunOptionError(`--cwd "${cwd}" is neither a DOS path nor a folder`);
  }
  const real = realPath(abs);
  const drive = driveContaining(drives, real);
  if (!drive) {
    if (cwd === undefined) return 'C:\\';
    throw new RunOptionError(`--cwd "${cwd}" is not inside any mapped drive`);
  }
  return dosPathIn(drive, real);
}
