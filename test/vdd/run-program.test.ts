// VDDs and the handle walk through runProgram, the library call behind the vdm86 command
// (its `vdds` and `handles` options, which --vdd and --handles map to).
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../../src/run';
import { RunOptionError } from '../../src/program-path';
import { MemoryHostObject, type VddModule } from '../../src/vdd';
import { ROOT, cleanupTemps, tempDir } from '../helpers/guest';

afterAll(cleanupTemps);

describe('runProgram with VDDs', () => {
  it('loads a plugin file given in vdds', async () => {
    const result = await runProgram(join(ROOT, 'roms/examples/ioport.com'), {
      vdds: [join(ROOT, 'examples/vdd/ioport/ioport.ts')],
      hostCwd: tempDir(),
    });
    expect(result.reason).toBe('exit');
    expect(result.output).toContain('device checksum (word IN): DCE3');
  });

  it('prints the handle walk of each process as it terminates, before its handles close', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'roms/tests/vdd-handles.com'), join(dir, 'PROG.COM'));
    writeFileSync(join(dir, 'DATA.TXT'), 'data');
    const handles: VddModule = {
      name: 'HANDLES',
      routines: {
        Dispatch: (v) => {
          v.setAX(v.openDosHandle(new MemoryHostObject('Hello from the host!\r\n', 'greeting'), 0) & 0xffff);
          v.setCF(0);
        },
      },
    };
    let walk = '';
    const result = await runProgram(join(dir, 'PROG.COM'), { args: ['S'], hostCwd: dir, vdds: [handles], handles: (t) => (walk += t) });
    expect(result.reason).toBe('exit');
    expect(result.output).toContain('handle: CF=0 AX=0014');
    expect(walk).toMatch(/^PSP [0-9A-F]{4} \(parent [0-9A-F]{4}\): JFT of 30 handles at [0-9A-F]{4}:0000\n/);
    expect(walk).toMatch(/\n {4}0 {2}SFN [0-9A-F]{2} .* device CON\n/);
    expect(walk).toMatch(/\n {4}5 {2}SFN [0-9A-F]{2} .* DATA\.TXT pos 00000000 size 00000004 .*DATA\.TXT\n/);
    expect(walk).toMatch(/\n {3}20 {2}SFN [0-9A-F]{2} .* host #\d+ greeting\n$/);
  });

  it('always has a bridge: without plugins RegisterModule answers "DLL not found"', async () => {
    const result = await runProgram(join(ROOT, 'roms/examples/lifelog.com'), { hostCwd: tempDir() });
    expect(result).toMatchObject({ reason: 'exit', exitCode: 1 });
    expect(result.output).toMatch(/^the LIFECYCLE VDD is not loaded/);
  });

  it('reports a plugin that cannot be loaded as a bad option', async () => {
    await expect(
      runProgram(join(ROOT, 'roms/examples/ioport.com'), { vdds: ['/nonexistent/plugin.ts'], hostCwd: tempDir() }),
    ).rejects.toBeInstanceOf(RunOptionError);
  });
});
