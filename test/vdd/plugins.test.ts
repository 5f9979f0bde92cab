// Plugins loaded from files (TypeScript compiled on the fly, JavaScript imported) and the three
// examples in examples/vdd run end to end with their guest clients from roms/examples.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vddModuleFromExports } from '../../src/vdd';
import { cleanupTemps, lines, ROOT, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

const example = (name: string) => join(ROOT, 'examples/vdd', name, `${name}.ts`);

describe('VDD plugins from files', () => {
  it('hostfile: the guest reads a host file through the DOS handle the VDD made, and closes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vdm86-host-'));
    const file = join(dir, 'greeting.txt');
    const text = 'A host file,\r\nread by a DOS program through a VDD handle.\r\n';
    writeFileSync(file, text);
    const run = await runGuest({ program: 'roms/examples/hostfile.com', args: [file], vdds: [example('hostfile')] });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(run.output).toBe(text);
    expect(run.dos.hostHandles.size).toBe(0); // 3Eh closed the host file
  });

  it('hostfile: a missing host file comes back as a DOS error', async () => {
    const run = await runGuest({
      program: 'roms/examples/hostfile.com',
      args: ['/nonexistent/vdm86/file.txt'],
      vdds: [example('hostfile')],
    });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 1 });
    expect(run.output).toBe('the VDD could not open that file\r\n');
  });

  it('ioport: the guest drives the VDD device with IN and OUT', async () => {
    const run = await runGuest({ program: 'roms/examples/ioport.com', vdds: [example('ioport')] });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'device checksum (word IN): DCE3',
      'device checksum (byte INs): DCE3',
      'bytes fed: 0030',
      'computed by the guest: DCE3',
    ]);
  });

  it('lifecycle: the VDD logs process create and terminate across EXEC', async () => {
    const run = await runGuest({
      program: 'roms/examples/lifelog.com',
      programs: { 'LIFECHLD.COM': 'roms/examples/lifechld.com' },
      vdds: [example('lifecycle')],
    });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    const out = lines(run.output).map((l) => l.replace(/[0-9A-F]{4}/g, 'xxxx'));
    expect(out).toEqual([
      'lifelog: running LIFECHLD.COM',
      '[lifecycle] create    PSP xxxx (parent xxxx)',
      'lifechld: hello from the child',
      '[lifecycle] terminate PSP xxxx',
      'lifelog: child exit code 7',
      'lifelog: running LIFECHLD.COM',
      '[lifecycle] create    PSP xxxx (parent xxxx)',
      'lifechld: hello from the child',
      '[lifecycle] terminate PSP xxxx',
      'lifelog: child exit code 7',
      '[lifecycle] 2 created, 2 terminated, live: none',
      '[lifecycle] terminate PSP xxxx',
    ]);
  });

  it('loads a JavaScript plugin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vdm86-js-'));
    const plugin = join(dir, 'sim.mjs');
    writeFileSync(
      plugin,
      `export function Dispatch(vdd) {
        const cs = vdd.getCS(), ip = vdd.getIP(), fn = vdd.getDL();
        vdd.setCS(vdd.getES()); vdd.setIP(vdd.getDI());
        vdd.simulate16();
        vdd.setCS(cs); vdd.setIP(ip);
        if (fn === 1) vdd.setCX(vdd.getAX() + 1);
        vdd.setCF(0);
      }\n`,
    );
    const run = await runGuest({ program: 'roms/tests/vdd-simulate.com', vdds: [plugin] });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output).slice(-2)).toEqual(['back: CF=0 AX=1333', 'CX=1334']);
  });

  it("gives a plugin's imports from 'vdm86' the running copy's classes (TypeScript and JavaScript)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vdm86-import-'));
    const source = (typed: boolean) => `import { MemoryHostObject, ACCESS } from 'vdm86';
      export const dllName = 'HOSTFILE';
      export function HostFileInit(vdd${typed ? ': any' : ''}) { vdd.setCF(0); }
      export function HostFileDispatch(vdd${typed ? ': any' : ''}) {
        const obj = new MemoryHostObject('from a plugin import\\r\\n', 'greeting');
        const handle = vdd.openDosHandle(obj, ACCESS.READ);
        if (handle < 0) { vdd.setAX(-handle); vdd.setCF(1); return; }
        vdd.setAX(handle); vdd.setCF(0);
      }\n`;
    for (const [name, typed] of [['memfile.ts', true], ['memfile.mjs', false]] as const) {
      const plugin = join(dir, name);
      writeFileSync(plugin, source(typed));
      const run = await runGuest({ program: 'roms/examples/hostfile.com', args: ['ignored'], vdds: [plugin] });
      expect(run.end, name).toMatchObject({ reason: 'exit', exitCode: 0 });
      expect(run.output, name).toBe('from a plugin import\r\n');
    }
  });

  it('refuses a plugin file that is not there', async () => {
    await expect(runGuest({ program: 'roms/tests/vdd-simulate.com', vdds: ['/nonexistent/x.ts'] })).rejects.toThrow(
      /cannot load plugin .*x\.ts: no such file/,
    );
  });

  it('reads a default-exported object and the dllName export', () => {
    const fn = () => {};
    const m = vddModuleFromExports('file', { default: { Init: fn, onAttach: fn }, dllName: 'OTHER', Dispatch: fn });
    expect(m.name).toBe('OTHER');
    expect(Object.keys(m.routines).sort()).toEqual(['Dispatch', 'Init']);
    expect(m.onAttach).toBe(fn);
  });
});
