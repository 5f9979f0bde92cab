// Microsoft's own DEBUG and EDLIN (MS-DOS 2.0, from ../shared/msdos) driven by scripts written on
// Linux (LF line ends) piped into the vdm86 command: standard input as a redirected file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanupTemps, runCli, tempDir } from './helpers';
import { ROOT, putFiles } from '../helpers/folders';

const BIN = join(ROOT, '../shared/msdos/v2.0/bin');
const available = existsSync(join(BIN, 'DEBUG.COM')) && existsSync(join(BIN, 'EDLIN.COM'));
if (!available) console.warn(`DEBUG/EDLIN script tests skipped: ${BIN} is absent`);

let cli = '';
beforeAll(async () => {
  if (available) cli = await buildCli();
});
afterAll(cleanupTemps);

/** A temp folder with copies of the named MS-DOS 2.0 programs. */
function withDos(...names: string[]): string {
  const dir = tempDir();
  putFiles(dir, Object.fromEntries(names.map((n) => [n, readFileSync(join(BIN, n))])));
  return dir;
}

describe.skipIf(!available)('MS-DOS 2.0 tools driven by piped scripts', () => {
  it('DEBUG assembles and runs a program from a script with LF line ends', async () => {
    const dir = withDos('DEBUG.COM');
    const script = 'a 100\nmov ah,2\nmov dl,41\nint 21\nint 20\n\ng\nq\n';
    const r = await runCli(cli, ['DEBUG.COM'], { cwd: dir, input: script });
    expect(r.code).toBe(0);
    const out = r.stdout.toString('latin1');
    // DOS echoes each command line read by 0Ah to standard output, as with DEBUG <SCRIPT >LOG.
    expect(out.startsWith('-a 100\r\r\n')).toBe(true);
    expect(out).toMatch(/:0100 mov ah,2\r\r\n/);
    expect(out).toMatch(/-g\r\r\nA/);
  });

  it('DEBUG without q at the end of its script: input exhausted, not a hang', async () => {
    const dir = withDos('DEBUG.COM');
    const r = await runCli(cli, ['--timeout', '20', 'DEBUG.COM'], { cwd: dir, input: 'r\n' });
    expect(r.code).toBe(120);
    expect(r.stderr).toMatch(/^vdm86: input exhausted: /);
  });

  it('EDLIN writes the file its script inserts', async () => {
    const dir = withDos('EDLIN.COM');
    const r = await runCli(cli, ['EDLIN.COM', 'NEW.TXT'], { cwd: dir, input: 'i\nline one\nline two\n\x1a\ne\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.toString('latin1')).toBe('New file\r\n*i\r\n     1:*line one\r\n     2:*line two\r\n     3:*^Z\r\n*e\r\n');
    expect(readFileSync(join(dir, 'NEW.TXT'), 'latin1')).toBe('line one\r\nline two\r\n\x1a');
  });
});
