// The vdm86 command's VDD options, run as a user runs them: --vdd (repeatable) and --handles.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanupTemps, runCli, tempDir } from '../cli/helpers';
import { ROOT } from '../helpers/guest';

let cli = '';
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(cleanupTemps);

const plugin = (name: string) => join(ROOT, 'examples/vdd', name, `${name}.ts`);
const guest = (name: string) => join(ROOT, 'roms/examples', name);

describe('vdm86 --vdd / --handles', () => {
  it('loads a TypeScript plugin: the hostfile example prints a host file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'note.txt'), 'a note on the host\n');
    const r = await runCli(cli, ['--vdd', plugin('hostfile'), guest('hostfile.com'), join(dir, 'note.txt')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe('a note on the host\n');
    expect(r.code).toBe(0);
  });

  it('takes --vdd more than once, and --handles prints each process walk on stderr', async () => {
    // The standard handles as the console (pipes would be the program's files), as at a terminal.
    const consoleStdio = ['--stdin', 'console', '--stdout', 'console'];
    const r = await runCli(cli, [...consoleStdio, '--vdd', plugin('ioport'), '--vdd', plugin('lifecycle'), '--handles', guest('lifelog.com')], {
      cwd: tempDir(),
    });
    expect(r.code).toBe(0);
    const out = r.stdout.toString();
    expect(out).toContain('[lifecycle] 2 created, 2 terminated, live: none');
    // two children and the parent, each walked before its handles closed
    const walks = r.stderr.match(/^PSP [0-9A-F]{4} \(parent [0-9A-F]{4}\): JFT of 20 handles at [0-9A-F]{4}:0018 \(in the PSP\)$/gm);
    expect(walks).toHaveLength(3);
    expect(r.stderr).toMatch(/^ {4}0 {2}SFN [0-9A-F]{2} {2}SFT 0070:[0-9A-F]{4} refs \d+ mode 0002 info 80D3 {2}device CON$/m);
  });

  it('reports a plugin it cannot load on stderr with the usage exit status', async () => {
    const r = await runCli(cli, ['--vdd', '/nonexistent/plugin.ts', guest('lifelog.com')], { cwd: tempDir() });
    expect(r.stderr).toBe('vdm86: cannot load plugin /nonexistent/plugin.ts: no such file\n');
    expect(r.code).not.toBe(0);
    expect(r.stdout.toString()).toBe('');
  });
});
