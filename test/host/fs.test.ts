// The host file-system adapter (src/host/fs.ts): positioned I/O, typed host errors, rename
// without replacing, the write-permission bit, and the containment helpers the escape check uses.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, symlinkSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HostFile,
  HostFsError,
  statPath,
  entryExists,
  isSymbolicLink,
  isWithin,
  renamePath,
  setWritable,
  listDirectory,
  realPath,
  diskSpace,
  readFileHead,
} from '../../src/host/fs';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'vdm86-hostfs-'));
  dirs.push(d);
  return d;
}
function hostError(fn: () => unknown): HostFsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HostFsError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('host files', () => {
  it('reads and writes at positions; a write past the end leaves zeros; truncate cuts', () => {
    const d = temp();
    const f = HostFile.open(join(d, 'a.bin'), { read: true, write: true, create: true });
    expect(f.write(0, Uint8Array.from([1, 2, 3]))).toBe(3);
    expect(f.write(10, Uint8Array.from([9]))).toBe(1);
    expect(f.size()).toBe(11);
    const buf = new Uint8Array(20);
    expect(f.read(1, buf)).toBe(10);
    expect([...buf.subarray(0, 10)]).toEqual([2, 3, 0, 0, 0, 0, 0, 0, 0, 9]);
    expect(f.read(11, buf)).toBe(0);
    f.truncate(2);
    expect(f.size()).toBe(2);
    f.commit();
    f.close();
    f.close(); // a second close is harmless
    expect([...readFileHead(join(d, 'a.bin'), 100).data]).toEqual([1, 2]);
    expect(readFileHead(join(d, 'a.bin'), 1)).toEqual({ data: new Uint8Array([1]), size: 2 });
  });

  it('reports typed errors', () => {
    const d = temp();
    writeFileSync(join(d, 'x'), 'x');
    expect(hostError(() => HostFile.open(join(d, 'missing'), { read: true, write: false })).code).toBe('not-found');
    expect(hostError(() => HostFile.open(join(d, 'x'), { read: true, write: true, create: true, exclusive: true })).code).toBe('exists');
    expect(hostError(() => listDirectory(join(d, 'x'))).code).toBe('not-dir');
    expect(hostError(() => renamePath(join(d, 'nope'), join(d, 'y'))).code).toBe('not-found');
  });

  it('renames without replacing an existing target', () => {
    const d = temp();
    writeFileSync(join(d, 'a'), 'a');
    writeFileSync(join(d, 'b'), 'b');
    expect(hostError(() => renamePath(join(d, 'a'), join(d, 'b'))).code).toBe('exists');
    renamePath(join(d, 'a'), join(d, 'c'));
    expect(readFileSync(join(d, 'c'), 'latin1')).toBe('a');
  });

  it('maps the read-only attribute to the write permission', () => {
    const d = temp();
    const p = join(d, 'ro');
    writeFileSync(p, 'r');
    setWritable(p, false);
    expect(statSync(p).mode & 0o222).toBe(0);
    expect(statPath(p)?.writable).toBe(false);
    setWritable(p, true);
    expect(statPath(p)?.writable).toBe(true);
  });

  it('sees links for what they are', () => {
    const d = temp();
    mkdirSync(join(d, 'in'));
    symlinkSync(join(d, 'nowhere'), join(d, 'dangling'));
    symlinkSync(join(d, 'in'), join(d, 'link'));
    expect(statPath(join(d, 'dangling'))).toBeNull();
    expect(entryExists(join(d, 'dangling'))).toBe(true);
    expect(isSymbolicLink(join(d, 'link'))).toBe(true);
    expect(statPath(join(d, 'link'))?.kind).toBe('dir');
    const root = realPath(d);
    expect(isWithin(root, realPath(join(d, 'link')))).toBe(true);
    expect(isWithin(root, root)).toBe(true);
    expect(isWithin(join(root, 'in'), root)).toBe(false);
    expect(isWithin(root, join(root, '..foo'))).toBe(true);
    expect(isWithin(root, join(root, '..', 'x'))).toBe(false);
  });

  it('reports free space', () => {
    const s = diskSpace(temp());
    expect(s.total).toBeGreaterThan(0);
    expect(s.free).toBeGreaterThanOrEqual(0);
  });
});
