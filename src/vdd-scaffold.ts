// `vdm86 vdd init NAME`: the start of a new VDD, as a folder that type-checks and passes its own
// test as written: the plugin (NAME.ts), a tsconfig resolving vdm86's types, the guest side (the
// NTVDM isvbop.inc macros and a client program, as .asm and as a built .COM), a vitest test that
// runs the client against the plugin with runVddTest, and a package.json tying them together.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the package's roms/ are from this module (src/ and dist/ both sit one level down): made
 *  when a scaffold is written, not as every run starts. */
const roms = () => new URL('../roms/', import.meta.url);
/** The built client (roms/vdd/vddclient.asm) ends with its 9-byte, NUL-padded DLL name field. */
const NAME_FIELD = 9;

export class ScaffoldError extends Error {}

/** A DLL name the client's field can hold: 1-8 letters, digits or underscores, starting with a
 *  letter (it is also the plugin's file name and an identifier in the test). */
export function checkVddName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,7}$/.test(name))
    throw new ScaffoldError(`"${name}" is not a VDD name: 1 to 8 letters, digits or _, starting with a letter (a DOS DLL base name)`);
  return name.toUpperCase();
}

/** The files of a new VDD named `name`, by path relative to its folder. */
export function scaffoldFiles(name: string, version: string): Record<string, string | Uint8Array> {
  const dll = checkVddName(name);
  const file = dll.toLowerCase();
  const romsDir = roms();
  const template = readFileSync(new URL('vdd/vddclient.com', romsDir));
  const client = Uint8Array.from(template);
  const field = client.length - NAME_FIELD;
  if (String.fromCharCode(...client.subarray(field, field + 8)) !== 'TEMPLATE') throw new ScaffoldError('roms/vdd/vddclient.com has no TEMPLATE name field');
  client.fill(0, field);
  for (let i = 0; i < dll.length; i++) client[field + i] = dll.charCodeAt(i);
  const asm = readFileSync(new URL('vdd/vddclient.asm', romsDir), 'latin1')
    .replace(/^; vddclient:[\s\S]*?\n(?=\s+cpu 8086)/, `; client: the guest side of the ${dll} VDD. Registers it, asks it for function 1 (AX = BX + CX)\n; with 2 and 3 and prints the answer. Build: nasm -f bin -I include/ -o client.com client.asm\n`)
    .replace("db 'TEMPLATE', 0", `db '${dll}', ${Array(NAME_FIELD - dll.length).fill('0').join(', ')}`);
  return {
    [`${file}.ts`]: plugin(dll),
    [`${file}.test.ts`]: test(dll, file),
    'client.asm': asm,
    'client.com': client,
    'include/isvbop.inc': readFileSync(new URL('include/isvbop.inc', romsDir), 'latin1'),
    'vitest.config.ts': "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['*.test.ts'], testTimeout: 30000 } });\n",
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['*.ts'],
      },
      null,
      2,
    ) + '\n',
    'package.json': JSON.stringify(
      {
        name: `vdd-${file}`,
        private: true,
        type: 'module',
        scripts: {
          test: 'vitest run',
          typecheck: 'tsc --noEmit -p .',
          client: 'nasm -f bin -I include/ -o client.com client.asm',
          start: `vdm86 --vdd ${file}.ts client.com`,
        },
        devDependencies: { vdm86: `^${version}`, typescript: '^5.9.0', vitest: '^4.1.0', '@types/node': '^20.19.0' },
      },
      null,
      2,
    ) + '\n',
  };
}

/** Writes the scaffold into `dir` (created; it must not hold any of the files yet). */
export function writeScaffold(dir: string, name: string, version: string): string[] {
  const files = scaffoldFiles(name, version);
  const taken = Object.keys(files).filter((f) => existsSync(join(dir, f)));
  if (taken.length) throw new ScaffoldError(`${dir} already has ${taken.join(', ')}: not overwriting`);
  for (const [f, data] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), data);
  }
  return Object.keys(files);
}

function plugin(dll: string): string {
  return `// The ${dll} VDD: a vdm86 plugin (docs/vdd.md in the vdm86 package). A DOS program reaches it with
// RegisterModule / DispatchCall (client.asm); each exported function is a routine it can name.
import { errorToAX, type VddService } from 'vdm86';

export const dllName = '${dll}';

/** DOS error 1, "invalid function". */
const INVALID_FUNCTION = 1;

/** Init routine (RegisterModule's ES:DI): runs at each registration, with the caller's registers. */
export function VddInit(_vdd: VddService): void {}

/** Dispatch routine (DispatchCall; AX held the handle, so the function travels in DX).
 *  1: AX = BX + CX (16 bits). Anything else: CF=1, AX=1. */
export function VddDispatch(vdd: VddService): void {
  switch (vdd.getDX()) {
    case 1:
      return errorToAX(vdd, (vdd.getBX() + vdd.getCX()) & 0xffff);
    default:
      return errorToAX(vdd, -INVALID_FUNCTION);
  }
}
`;
}

function test(dll: string, file: string): string {
  return `// Runs the guest client against the plugin through the whole vdm86 machine.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runVddTest } from 'vdm86';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

describe('${dll}', () => {
  it('answers function 1 with BX + CX', async () => {
    const r = await runVddTest({ vdds: [here('./${file}.ts')], program: here('./client.com') });
    expect(r.output).toBe('${dll} answered AX=0005\\r\\n');
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(r.services.${dll}.name).toBe('${dll}');
  });
});
`;
}
