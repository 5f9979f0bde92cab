// Runs the real vdm86 command: bin/cli.ts bundled with esbuild (as `npm run build` does, but
// into a private temp folder so tests never touch dist/), started with node in a temp folder
// holding copies of roms/tests programs.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cleanupTemps, putFromRepo, tempDir } from '../helpers/folders';

export { ROOT, cleanupTemps, tempDir };

/** Bundles the command; returns the path of the script to run with node. */
export async function buildCli(): Promise<string> {
  const out = tempDir('vdm86-cli-build-');
  await build({
    entryPoints: { cli: join(ROOT, 'bin/cli.ts') },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['esbuild'],
    banner: { js: "import { createRequire as __vdm86_cr } from 'node:module'; const require = __vdm86_cr(import.meta.url);" },
    logLevel: 'silent',
  });
  return join(out, 'cli.js');
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
  opts: { cwd: string; input?: string | Buffer; killWhenOutput?: string; killSignal?: NodeJS.Signals } = { cwd: tmpdir() },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out.push(d);
      // Signal the child once it shows it is running (its handlers are installed by then).
      if (opts.killWhenOutput && !killed && Buffer.concat(out).toString().includes(opts.killWhenOutput)) {
        killed = true;
        child.kill(opts.killSignal ?? 'SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    const guard = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}
