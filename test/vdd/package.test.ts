// The SDK as a plugin author outside the repository gets it: the files `npm pack` ships (docs/
// and examples/ among them), the package installed into a project's node_modules, a plugin
// type-checked against the package's declarations and run by the package's own command. The
// project lives in the checkout's gitignored tmp/ so that the package's runtime dependencies
// (esbuild, commander) resolve from the checkout's node_modules; nothing is left in /tmp.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index';
import { loadVddPlugin } from '../../src/vdd';
import { ROOT } from '../helpers/guest';
import { buildCommand, bundleSettings } from '../../scripts/bundle-settings.mjs';

let project = '';
let shipped: string[] = [];

/** The package as `npm pack` would make it, in project/node_modules/vdm86: its files list, plus
 *  dist/ built as `npm run build` builds it (a fresh checkout has no dist/). */
async function installPackage(): Promise<string> {
  const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  shipped = (pack[0].files as { path: string }[]).map((f) => f.path);
  const pkg = join(project, 'node_modules', 'vdm86');
  for (const f of shipped.filter((p) => !p.startsWith('dist/'))) {
    mkdirSync(join(pkg, f, '..'), { recursive: true });
    cpSync(join(ROOT, f), join(pkg, f));
  }
  await build({ ...bundleSettings, entryPoints: { index: join(ROOT, 'src/index.ts') }, outdir: join(pkg, 'dist'), sourcemap: true, logLevel: 'silent' });
  await buildCommand(build, ROOT, join(pkg, 'dist'));
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist/types')], { cwd: ROOT });
  return pkg;
}

const PLUGIN = `// A plugin written against the installed package: runtime imports and type imports from 'vdm86'.
import { VERSION, MemoryHostObject, ACCESS, pdbPointer, type VddService, type HostObject } from 'vdm86';

export const dllName = 'HOSTFILE';

export function HostFileInit(vdd: VddService): void {
  vdd.setCF(0);
}

export function HostFileDispatch(vdd: VddService): void {
  const obj: HostObject = new MemoryHostObject(\`plugin on vdm86 \${VERSION}\\r\\n\`, 'banner');
  const h = vdd.allocateDosHandle(pdbPointer(vdd.getCurrentPsp()));
  if (h.handle < 0) {
    vdd.setAX(-h.handle);
    vdd.setCF(1);
    return;
  }
  vdd.associateNtHandle(h.sft, obj, ACCESS.READ);
  vdd.setAX(h.handle);
  vdd.setCF(0);
}
`;

const TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['*.ts'],
};

beforeAll(async () => {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  project = mkdtempSync(join(ROOT, 'tmp', 'vdd-package-'));
  // The project's own package.json: without it Node would take the checkout's (a self-reference
  // to the repository's dist/) for the package scope.
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'vdd-plugin-project', private: true, type: 'module' }));
  await installPackage();
  mkdirSync(join(project, 'plugin'));
  writeFileSync(join(project, 'plugin', 'banner.ts'), PLUGIN);
  writeFileSync(join(project, 'plugin', 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
}, 120_000);

afterAll(() => {
  if (project && !process.env.KEEP) rmSync(project, { recursive: true, force: true });
});

describe('the vdm86 package for plugin authors', () => {
  it('ships docs/ and examples/ beside dist/, bin/ and roms/', () => {
    expect(shipped).toEqual(expect.arrayContaining(['docs/vdd.md', 'examples/vdd/hostfile/hostfile.ts', 'roms/include/isvbop.inc', 'bin/vdm86.js']));
  });

  it('a plugin outside the repository type-checks against the package and runs under its command', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const check = spawnSync(process.execPath, [tsc, '-p', join(project, 'plugin')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
    const pkg = join(project, 'node_modules', 'vdm86');
    const r = spawnSync(
      process.execPath,
      [join(pkg, 'bin/vdm86.js'), '--vdd', join(project, 'plugin', 'banner.ts'), join(pkg, 'roms/examples/hostfile.com'), 'anything'],
      { cwd: project, encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`plugin on vdm86 ${api.VERSION}\r\n`);
    expect(r.status).toBe(0);
  });

  it('the command reports a failing plugin as a VDD error with its .ts frames, and --vdd-trace traces', () => {
    const file = join(project, 'plugin', 'failing.ts');
    writeFileSync(
      file,
      [
        "import type { VddService } from 'vdm86';",
        "export const dllName = 'HOSTFILE';",
        'export function HostFileInit(_vdd: VddService): void {}',
        'export function HostFileDispatch(vdd: VddService): void {',
        '  vdd.setAX(vdd.getAX() + 0x10000);',
        '}',
        '',
      ].join('\n'),
    );
    const pkg = join(project, 'node_modules', 'vdm86');
    const r = spawnSync(process.execPath, [join(pkg, 'bin/vdm86.js'), '--vdd', file, '--vdd-trace', join(pkg, 'roms/examples/hostfile.com'), 'x'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const err = r.stderr.split('\n');
    expect(err[0]).toMatch(/^vdd: BOP 58h RegisterModule "HOSTFILE.DLL" init "HostFileInit" dispatch "HostFileDispatch" at [0-9A-F]{4}:[0-9A-F]{4} <- AX=[0-9A-F]{4} /);
    expect(err).toContainEqual(expect.stringMatching(/^vdd: VDD HOSTFILE dispatch: dispatch routine HostFileDispatch <- AX=/));
    expect(err.slice(-3)).toEqual([
      expect.stringMatching(/^vdm86: VDD error: VDD HOSTFILE: dispatch routine HostFileDispatch threw: setAX\(0x1[0-9A-F]{4}\): AX is 16 bits, 0 to 0xFFFF \(at [0-9A-F]{4}:[0-9A-F]{4}\)$/),
      `    at Object.HostFileDispatch [as dispatch] (${file}:5:7)`,
      '',
    ]);
    expect(r.status).toBe(122);
  });

  it('the package exports resolve to the built files', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import('vdm86').then((m) => console.log(typeof m.runProgram, m.VERSION))"], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe(`function ${api.VERSION}`);
  });
});

describe('vdm86 vdd init NAME', () => {
  it('writes a VDD project that type-checks and passes its own test as generated', () => {
    const pkg = join(project, 'node_modules', 'vdm86');
    const made = spawnSync(process.execPath, [join(pkg, 'bin/vdm86.js'), 'vdd', 'init', 'greet'], { cwd: project, encoding: 'utf8' });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const dir = join(project, 'greet');
    expect(readdirSync(dir).sort()).toEqual(['client.asm', 'client.com', 'greet.test.ts', 'greet.ts', 'include', 'package.json', 'tsconfig.json', 'vitest.config.ts']);
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const vitest = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(vitest.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+1 passed \(1\)/);
    expect(vitest.status).toBe(0);
    // a second init into the same folder refuses rather than overwrite
    const again = spawnSync(process.execPath, [join(pkg, 'bin/vdm86.js'), 'vdd', 'init', 'greet'], { cwd: project, encoding: 'utf8' });
    expect(again.stderr).toMatch(/^vdm86: greet already has greet\.ts, .*: not overwriting\n$/);
    expect(again.status).toBe(125);
  });

  it('the client it writes assembles to the client.com it writes (when nasm is here)', () => {
    const dir = join(project, 'greet');
    const nasm = spawnSync('nasm', ['-f', 'bin', '-I', 'include/', '-o', join(project, 'built.com'), 'client.asm'], { cwd: dir });
    if (nasm.error) return; // no nasm: the binary is checked by the test above running it
    expect(nasm.status).toBe(0);
    expect(readFileSync(join(project, 'built.com'))).toEqual(readFileSync(join(dir, 'client.com')));
  });
});

describe("what a plugin imports from 'vdm86' at run time", () => {
  it('is every value the main entry exports, the very same objects', async () => {
    const names = Object.keys(api).filter((k) => k !== 'default');
    const file = join(project, 'plugin', 'every-name.ts');
    writeFileSync(
      file,
      `import { ${names.join(', ')} } from 'vdm86';\n` +
        `export function seen() { return { ${names.join(', ')} }; }\n`,
    );
    // loadVddPlugin is what --vdd and runProgram's vdds use
    const m = await loadVddPlugin(file);
    const seen = (m.routines.seen as unknown as () => Record<string, unknown>)();
    for (const n of names) expect(seen[n], n).toBe((api as Record<string, unknown>)[n]);
    expect(names).toEqual(expect.arrayContaining(['VERSION', 'runProgram', 'MemoryHostObject', 'pdbPointer', 'attachVdds']));
  });
});
