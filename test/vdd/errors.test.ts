// What a plugin author sees when VDD code fails: the run's message names the VDD, the routine or
// hook, and shows the plugin's own frames mapped to its .ts lines; an onAttach failure is the
// host's error before the guest ran (never a guest fault at 0000:0000); --vdd-trace / vddTrace
// prints every VDD BOP and every call into VDD code with the registers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram, RunOptionError, VddPluginError, type VddModule } from '../../src/index';
import { cleanupTemps, ROOT, runGuest, tempDir } from '../helpers/guest';

afterAll(cleanupTemps);

const HOSTFILE = join(ROOT, 'roms/examples/hostfile.com');

function pluginFile(source: string): string {
  const file = join(tempDir(), 'broken.ts');
  writeFileSync(file, source);
  return file;
}

describe('a VDD that throws', () => {
  it('ends the run naming the VDD and the routine, with the plugin stack at its .ts lines', async () => {
    const file = pluginFile(
      [
        "import type { VddService } from 'vdm86';",
        "export const dllName = 'HOSTFILE';",
        'export function HostFileInit(vdd: VddService): void { vdd.setCF(0); }',
        'function check(n: number): void {',
        "  if (n > 0) throw new Error('no such host file: ' + n);",
        '}',
        'export function HostFileDispatch(vdd: VddService): void {',
        '  check(vdd.getDX());',
        '}',
        '',
      ].join('\n'),
    );
    const r = await runProgram(HOSTFILE, { args: ['x'], vdds: [file], captureOutput: true });
    expect(r.reason).toBe('fault');
    const [head, ...frames] = r.message!.split('\n');
    expect(head).toMatch(/^VDD HOSTFILE: dispatch routine HostFileDispatch threw: no such host file: 1 \(at [0-9A-F]{4}:[0-9A-F]{4}\)$/);
    expect(frames).toEqual([`    at check (${file}:5:20)`, `    at Object.HostFileDispatch [as dispatch] (${file}:8:3)`]);
  });

  it('names a refused service call as the mistake, with the plugin frame that made it', async () => {
    const file = pluginFile(
      [
        "export const dllName = 'HOSTFILE';",
        'export function HostFileInit(): void {}',
        'export function HostFileDispatch(vdd: any): void {',
        '  vdd.setBX(0x12345);',
        '}',
        '',
      ].join('\n'),
    );
    const r = await runProgram(HOSTFILE, { args: ['x'], vdds: [file], captureOutput: true });
    expect(r.reason).toBe('fault');
    expect(r.message).toMatch(/^VDD HOSTFILE: dispatch routine HostFileDispatch threw: setBX\(0x12345\): .*16 bits/);
    expect(r.message!.split('\n').slice(1)).toEqual([`    at Object.HostFileDispatch [as dispatch] (${file}:4:7)`]);
  });

  it('an onAttach failure is the host error of starting the run, not a guest fault', async () => {
    const file = pluginFile(["export const dllName = 'HOSTFILE';", "export function onAttach(): void { throw new Error('no device'); }", ''].join('\n'));
    const err = await runProgram(HOSTFILE, { args: ['x'], vdds: [file], captureOutput: true }).catch((e) => e);
    expect(err).toBeInstanceOf(RunOptionError);
    expect(err.message).toBe(`VDD HOSTFILE: onAttach threw: no device\n    at Object.onAttach (${file}:2:42)`);
    expect(err.message).not.toMatch(/0000:0000/);
  });

  it('a hook that throws: phase hook, the port named, the error kept on the bridge', async () => {
    const dev: VddModule = {
      name: 'IOPORT',
      routines: {},
      onAttach: (v) =>
        void v.installIOHook({ first: 0x3a0, last: 0x3a3 }, {
          inb: () => 0,
          outb: (port) => {
            throw new Error(`port ${port.toString(16)} is broken`);
          },
        }),
    };
    const run = await runGuest({ program: 'roms/examples/ioport.com', vdds: [dev] });
    expect(run.end.reason).toBe('fault');
    expect(run.end.message).toMatch(/^VDD IOPORT: outb handler of port 3A0h threw: port 3a0 is broken \(at [0-9A-F]{4}:[0-9A-F]{4}\)\n {4}at Object\.outb \(.*errors\.test\.ts:\d+:\d+\)/);
    expect(run.bridge.errors).toHaveLength(1);
    expect(run.bridge.errors[0]).toBeInstanceOf(VddPluginError);
    expect(run.bridge.errors[0]).toMatchObject({ vdd: 'IOPORT', phase: 'hook', what: 'outb handler of port 3A0h' });
  });
});

describe('vddTrace (--vdd-trace)', () => {
  it('traces every VDD BOP, routine and hook call with the registers', async () => {
    const trace: string[] = [];
    const r = await runProgram(join(ROOT, 'roms/examples/ioport.com'), {
      vdds: [join(ROOT, 'examples/vdd/ioport/ioport.ts')],
      vddTrace: (line) => void trace.push(line),
      captureOutput: true,
    });
    expect(r.reason).toBe('exit');
    const regs = 'AX=[0-9A-F]{4} BX=[0-9A-F]{4} CX=[0-9A-F]{4} DX=[0-9A-F]{4} SI=[0-9A-F]{4} DI=[0-9A-F]{4} BP=[0-9A-F]{4} SP=[0-9A-F]{4} DS=[0-9A-F]{4} ES=[0-9A-F]{4} SS=[0-9A-F]{4} CS:IP=[0-9A-F]{4}:[0-9A-F]{4} FL=[0-9A-F]{4}';
    expect(trace[0]).toMatch(new RegExp(`^VDD IOPORT hook: outb handler of port 3A0h <- ${regs}$`));
    expect(trace[1]).toMatch(new RegExp(`^VDD IOPORT hook: outb handler of port 3A0h -> ${regs}$`));
    // an IN shows the value the handler returned
    expect(trace.some((l) => /^VDD IOPORT hook: inw handler of port 3A2h -> .* = [0-9A-F]+h$/.test(l))).toBe(true);
  });

  it('traces RegisterModule with the names the guest passed, and its result', async () => {
    const trace: string[] = [];
    await runProgram(HOSTFILE, {
      args: [join(ROOT, 'package.json')],
      vdds: [join(ROOT, 'examples/vdd/hostfile/hostfile.ts')],
      vddTrace: (line) => void trace.push(line),
      captureOutput: true,
    });
    expect(trace[0]).toMatch(/^BOP 58h RegisterModule "HOSTFILE.DLL" init "HostFileInit" dispatch "HostFileDispatch" at [0-9A-F]{4}:[0-9A-F]{4} <- AX=/);
    expect(trace[1]).toMatch(/^VDD HOSTFILE init: init routine HostFileInit <- /);
    expect(trace[3]).toMatch(/^BOP 58h RegisterModule -> AX=0001 .* FL=[0-9A-F]{4}$/);
    expect(trace).toContainEqual(expect.stringMatching(/^VDD HOSTFILE dispatch: dispatch routine HostFileDispatch -> AX=0005 /));
  });
});
