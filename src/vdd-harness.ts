// A harness to unit-test a VDD against a small guest program without a CLI run: the program (a
// path, or the bytes of a .COM) is put on drive C: of a temp folder and run through the whole
// machine, as the vdm86 command runs it, with the VDDs attached; the result carries the output,
// the exit code, and each VDD's service object for looking at the plugin's state afterwards.
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runProgram, type RunResult } from './run';
import { loadVddPlugin, type VddModule, type VddService } from './vdd';

export interface VddTestOptions {
  /** The VDDs: plugin files (.ts/.js) or module objects. */
  vdds: (string | VddModule)[];
  /** The guest: a host path of a .COM/.EXE, or a .COM's bytes. */
  program: string | Uint8Array;
  args?: string[];
  /** More files on C:, by DOS name. */
  files?: Record<string, string | Uint8Array>;
  /** Default 10 million: a test that hangs ends as 'instruction-limit'. */
  maxInstructions?: number;
  /** Gets the --vdd-trace lines. */
  trace?: (line: string) => void;
}

export interface VddTestResult extends RunResult {
  /** Each VDD's service by its DLL name (upper case), as its routines and hooks saw it. */
  services: Record<string, VddService>;
}

export async function runVddTest(options: VddTestOptions): Promise<VddTestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'vdm86-vddtest-'));
  try {
    const services: Record<string, VddService> = {};
    const modules: VddModule[] = [];
    for (const v of options.vdds) {
      const m = typeof v === 'string' ? await loadVddPlugin(v) : v;
      const attach = m.onAttach;
      // Keeps each service for the test, then the module's own onAttach runs as usual.
      modules.push({
        ...m,
        onAttach: (s) => {
          services[m.name.replace(/\.dll$/i, '').toUpperCase()] = s;
          attach?.call(m, s);
        },
      });
    }
    const name = typeof options.program === 'string' ? basename(options.program).toUpperCase() : 'TEST.COM';
    if (typeof options.program === 'string') copyFileSync(options.program, join(dir, name));
    else writeFileSync(join(dir, name), options.program);
    for (const [file, data] of Object.entries(options.files ?? {})) writeFileSync(join(dir, file), data);
    const result = await runProgram(join(dir, name), {
      args: options.args,
      vdds: modules,
      drives: [`C=${dir}`],
      screen: 'none',
      captureOutput: true,
      maxInstructions: options.maxInstructions ?? 10_000_000,
      vddTrace: options.trace,
    });
    return { ...result, services };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
