// The public API of the vdm86 library (the package's main export): runProgram as the vdm86
// command uses it, the machine, BIOS and DOS kernel for hand-built machines, and the NTVDM-style
// VDD bridge for plugin authors (README "The library", docs/vdd.md).
export const VERSION = '0.1.0';
// The VDD bridge: attachVdds, the service API plugin authors write against, the handle walk (docs/vdd.md).
export * from './vdd';
// Unit-testing a VDD against a guest program without a CLI run (docs/vdd.md "Testing a VDD").
export { runVddTest, type VddTestOptions, type VddTestResult } from './vdd-harness';
// Running a program (the library form of the vdm86 command) and the BIOS/console pieces it is made of.
export { DEFAULT_CAPTURE_LIMIT } from './host/stream';
export { runProgram, RunOptionError, type RunOptions, type RunResult, type RunReason, type RunContext, type StopSignal, type RunOutput, type ScreenMode, type DriveSpec, type DrivesOption } from './run';
export { Machine, BufferConsole, type MachineEnd, type EndReason, type ConsoleIO, type MachineOptions, type RunLimits, type TimedDevice } from './machine';
export { installBios, Bios, type BiosOptions } from './bios/bios';
// The DOS kernel, for machines built by hand (README "The library").
export { Dos, DosLoadError, type DosOptions, type DriveMapping } from './dos/dos';
export type { TextFrame } from './host/text-frame';
export type { HostKey, KeyName } from './host/keys';
export { screenDump, frameLines } from './host/terminal';
// A plugin's `import { ... } from 'vdm86'` gets this very module's exports, so what it imports at
// run time is exactly what its types (dist/types/index.d.ts) declare.
import * as self from './index';
import { providePluginApi } from './vdd/plugin-loader';
providePluginApi(self as unknown as Record<string, unknown>);
