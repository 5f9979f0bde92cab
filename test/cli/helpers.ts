// Runs the real vdm86 command: bin/cli.ts bundled with esbuild with the settings `npm run build`
// uses, into a private folder so tests never touch dist/, started with node in a temp folder
// holding copies of roms/tests programs. The bundle lives inside the checkout (.test-build/, git
// ignored) so that Node resolves its external packages (esbuild, commander) from the checkout's
// node_modules, as it does for dist/: from the system temp folder they are not found.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommand } from '../../scripts/bundle-settings.mjs';
import { ROOT, cleanupTemps, putFromRepo, tempDir } from '../helpers/folders';

export { ROOT, cleanupTemps, tempDir };

/** Where test bundles go: inside the checkout, ignored by git. */
const BUILD_ROOT = join(ROOT, '.test-build');

/** Bundles the command; returns the path of the script to run with node. */
export async function buildCli(): Promise<string> {
  const out = tempDir('cli-', BUILD_ROOT);
  return buildCommand(build, ROOT, out);
}

/** A temp folder with copies of the named roms/tests programs. */
export function withPrograms(...names: string[]): string {
  const dir = tempDir();
  putFromRepo(dir, Object.fromEntries(names.map((n) => [n, `roms/tests/${n}`])));
  return dir;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export function runCli(
  cli: string,
  args: string[],
  opts: { cwd: string; input?: string | Buffer; stdinFile?: string; stdoutGone?: boolean; killWhenOutput?: string; killSignal?: NodeJS.Signals } = { cwd: tmpdir() },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // stdinFile: the child's stdin is that file itself, as `vdm86 PROG < FILE` gives it.
    const stdinFd = opts.stdinFile === undefined ? null : openSync(opts.stdinFile, 'r');
    const child = spawn(process.execPath, [cli, ...args], { cwd: opts.cwd, stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'] });
    if (stdinFd !== null) closeSync(stdinFd);
    // stdoutGone: the reader of stdout goes before the command writes (vdm86 ... | head).
    if (opts.stdoutGone) child.stdout?.destroy();
    const out: Buffer[] = [];
    let err = '';
    let killed = false;
    child.stdout?.on('data', (d: Buffer) => {
      out.push(d);
      // Signal the child once it shows it is running (its handlers are installed by then).
      if (opts.killWhenOutput && !killed && Buffer.concat(out).toString().includes(opts.killWhenOutput)) {
        killed = true;
        child.kill(opts.killSignal ?? 'SIGTERM');
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    const guard = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}
