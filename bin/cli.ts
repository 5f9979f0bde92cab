// The vdm86 command: `vdm86 [options] <program> [args...]`. Runs one DOS program with runProgram,
// turns its DOS exit code into the process exit code, and reports vdm86's own verdicts (program
// not found, bad program file, limits, guest faults) as one stderr line and a reserved exit code
// (EXIT below); --result-json records the run for scripts that need to tell them apart exactly.
import type { Command } from 'commander';
import { command, invalidArgument, isCommanderError } from '../src/host/commander';
import { runProgram, RunOptionError, type RunOptions, type StopSignal, type RunOutput, type RunReason, type RunResult, type ScreenMode, type StdioMode } from '../src/run';
import { writeTextFile } from '../src/host/text-file';
import { screenText } from '../src/host/terminal';
import { VERSION } from '../src/index';
import { runTestCommand } from '../src/testing/cli';
import { ScaffoldError, writeScaffold } from '../src/vdd-scaffold';
import { insideRun } from '../src/run-scope';
import type { ByteStream } from '../src/host/input';
import { FileInput } from '../src/host/file-input';
import { WARM_UP_AFTER, type Machine } from '../src/machine';
import { existsSync, fstatSync, statSync, type Stats } from 'node:fs';
import { isatty } from 'node:tty';
import { setFlagsFromString } from 'node:v8';
import { dirname, resolve } from 'node:path';

/** Process exit codes of vdm86's own verdicts; any other code is the program's own. */
const EXIT = {
  INPUT_EXHAUSTED: 120,
  FAULT: 122,
  INSTRUCTION_LIMIT: 123,
  TIMEOUT: 124,
  USAGE: 125, // bad command line, or vdm86 itself failed
  BAD_PROGRAM: 126,
  NOT_FOUND: 127,
  STOPPED: 130, // Ctrl-\ at the terminal, SIGINT, SIGTERM, SIGHUP, stdout closed (EPIPE)
} as const;

/** Each verdict's process exit code and the label of its stderr line. */
const VERDICT: Record<Exclude<RunReason, 'exit'>, { code: number; label: string }> = {
  'input-exhausted': { code: EXIT.INPUT_EXHAUSTED, label: 'input exhausted' },
  fault: { code: EXIT.FAULT, label: 'guest fault' },
  'instruction-limit': { code: EXIT.INSTRUCTION_LIMIT, label: 'instruction limit' },
  timeout: { code: EXIT.TIMEOUT, label: 'time limit' },
  'bad-program': { code: EXIT.BAD_PROGRAM, label: 'bad program file' },
  'not-found': { code: EXIT.NOT_FOUND, label: 'program not found' },
  stopped: { code: EXIT.STOPPED, label: 'stopped' },
};

function collect(value: string, previous: string[] = []): string[] {
  return previous.concat([value]);
}

function positiveNumber(what: string, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw invalidArgument(`${what} must be a positive ${integer ? 'integer' : 'number'}`);
    }
    return n;
  };
}

function screenMode(value: string): ScreenMode {
  if (value !== 'tty' && value !== 'stream' && value !== 'none') throw invalidArgument('expected tty, stream or none');
  return value;
}

function stdioMode(value: string): StdioMode {
  if (value !== 'file' && value !== 'console') throw invalidArgument('expected file or console');
  return value;
}

function envPair(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw invalidArgument(`expected NAME=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, eq).toUpperCase()]: value.slice(eq + 1) };
}

interface CliOptions {
  command?: string;
  drive?: string[];
  cwd?: string;
  env?: Record<string, string>;
  screen?: ScreenMode;
  raw?: boolean;
  screenDump?: boolean;
  screenDumpFile?: string;
  maxInstructions?: number;
  timeout?: number;
  memory?: number;
  dosVersion?: string;
  resultJson?: string;
  trace?: string;
  compiled?: boolean;
  vdd?: string[];
  vddTrace?: boolean;
  handles?: boolean;
  stdin?: StdioMode;
  stdout?: StdioMode;
  redirect?: boolean;
  diskQuota?: number;
}

/** "--disk-quota 200M": bytes, with an optional K, M or G (binary multiples). */
function byteSize(value: string): number {
  const m = /^(\d+)([KMG]?)$/i.exec(value.trim());
  if (!m) throw invalidArgument(`--disk-quota expects bytes, e.g. 500000, 64K, 200M or 2G (got "${value}")`);
  const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * scale;
}

function buildCommand(): Command {
  return command('vdm86')
    .description('Run a DOS program (.COM, .EXE, or a .BAT through the shell) on an emulated 8086 with DOS 5 and a PC BIOS; with no program, a DOS prompt.')
    .version(VERSION, '-V, --version')
    .argument('[program]', 'the program: a host path (a folder outside every drive is mapped as the next free letter from D:), or a DOS path on a mapped drive')
    .argument('[args...]', 'arguments for the program (everything after <program> goes to it)')
    .option('-c, --command <line>', 'run one command line as COMMAND /C does (e.g. -c "MASM X;"); the program argument is then not given')
    .option('-d, --drive <L=DIR>', 'map a drive letter to a host folder (repeatable; C: is the current folder unless mapped; L=DIR:ro maps it read-only)', collect)
    .option('--disk-quota <bytes>', 'at most this much may the run add to the host disk (e.g. 200M); past it the program sees a full disk', byteSize)
    .option('--cwd <path>', 'starting directory: a DOS path (C:\\SRC) or a host folder inside a drive')
    .option('-e, --env <NAME=VALUE>', 'set an environment variable for the program (repeatable; NAME is upper-cased)', envPair)
    .option('--screen <mode>', 'tty (draw the text screen), stream (console output as text) or none; default tty on a terminal, else stream', screenMode)
    .option('--raw', 'console bytes as they are (no CP437 to UTF-8 conversion, in or out)')
    .option('--screen-dump', 'print the final text screen to stdout at exit')
    .option('--screen-dump-file <file>', 'write the final text screen to FILE at exit')
    .option('--max-instructions <n>', 'stop after N instructions', positiveNumber('--max-instructions', true))
    .option('--timeout <seconds>', 'stop after this many seconds', positiveNumber('--timeout', false))
    .option('--memory <kb>', 'conventional memory in KB (64-640; less helps old programs that miscount above 512)', positiveNumber('--memory', true))
    .option('--dos-version <x.y>', 'the DOS version programs are told (default 5.0)')
    .option('--result-json <file>', 'write how the run ended (exit code, reason, counts) as JSON')
    .option('--trace <file>', 'write a disassembled trace of every instruction (slow)')
    .option('--compiled', 'run hot code through the experimental compiled tier (off by default; ignored with --trace)')
    .option('--vdd <path>', 'load a VDD plugin, a .ts or .js file (repeatable; see docs/vdd.md)', collect)
    .option('--vdd-trace', 'print every VDD BOP and every call into a VDD (routines, hooks) with the registers, on stderr')
    .option('--handles', "print each process's open handles (PSP -> JFT -> SFT -> host) on stderr as it terminates")
    .option('--stdin <mode>', 'file: stdin is the program\'s standard input file, as DOS redirection gives it (no echo, bytes as they are); console: stdin is typed at the keyboard; default file when stdin is not a terminal', stdioMode)
    .option('--stdout <mode>', 'file: stdout is the program\'s standard output file (handle 1\'s bytes as they are; the screen goes to stderr); console: stdout shows the screen; default file when stdout is not a terminal', stdioMode)
    .option('--redirect', 'accepted for old scripts: what --stdin and --stdout do by default')
    .passThroughOptions()
    .allowExcessArguments(false)
    .addHelpText(
      'after',
      `
Exit status: the program's DOS exit code, or one of vdm86's own:
  ${EXIT.INPUT_EXHAUSTED} input exhausted (kept reading after stdin ended)   ${EXIT.FAULT} guest fault
  ${EXIT.INSTRUCTION_LIMIT} instruction limit   ${EXIT.TIMEOUT} time limit   ${EXIT.USAGE} usage or internal error
  ${EXIT.BAD_PROGRAM} bad program file   ${EXIT.NOT_FOUND} program not found   ${EXIT.STOPPED} stopped (Ctrl-\\, a signal, or stdout closed)
Use --result-json to tell a program's own code from these for certain.
At a terminal, Ctrl-\\ stops vdm86 (Ctrl-C goes to the program).
Regression tests of DOS programs: vdm86 test --help. A new VDD plugin: vdm86 vdd init NAME.`,
    );
}

// Node makes process.stdin, stdout and stderr at their first use: for a pipe it loads net and the
// stream modules (~7 ms), for a file an fs.ReadStream (~3 ms more, read here as FileInput). A run
// that never reads stdin or writes to stdout or stderr (measured: empty.com, ~10 ms of its start)
// need not make them, so the run is given these stand-ins, which make them only when used.

/** /dev/null's device number on Linux (major 1, minor 3). */
const LINUX_DEV_NULL = 0x103;

/** The character device /dev/null (known by its number on Linux only). */
function isDevNull(st: Stats): boolean {
  return process.platform === 'linux' && st.isCharacterDevice() && st.rdev === LINUX_DEV_NULL;
}

/** tty.isatty(fd) without making the stream: only a character device can be a terminal, and
 *  /dev/null, the stdin of scripts and services, is one that is not. */
function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || isDevNull(st)) return false;
  } catch {
    // let isatty answer
  }
  return isatty(fd);
}

/** process.stdout once anything used it through here. */
let stdoutStream: NodeJS.WriteStream | null = null;
function stdout(): NodeJS.WriteStream {
  return (stdoutStream ??= process.stdout);
}

/** True when fd 0 is a file or /dev/null: read in place (FileInput), not through a stream. */
function stdinIsFile(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFile() || isDevNull(st);
  } catch {
    return false;
  }
}

/** A stdin that is not a terminal, read only if the program reads it (src/run.ts): a file or
 *  /dev/null through FileInput, anything else (a pipe, a socket) as process.stdin. */
function stdinWhenRead(): ByteStream {
  let source: ByteStream | null = null;
  const input = (): ByteStream => (source ??= stdinIsFile() ? new FileInput(0) : (process.stdin as unknown as ByteStream));
  const forward =
    (name: keyof ByteStream) =>
    (...args: unknown[]): unknown => {
      const s = input();
      return (s[name] as (...a: unknown[]) => unknown).apply(s, args);
    };
  return { on: forward('on'), off: forward('off'), pause: forward('pause'), resume: forward('resume') };
}

/** stdout (fd 1) or stderr (fd 2) when it is not a terminal, made at the first write. The run
 *  writes handle 1's bytes straight to `fd` (src/run.ts), which is asked for at each write: the
 *  stream is made then, as Node sets a pipe non-blocking when it makes one, and only a
 *  non-blocking pipe that nobody reads can be given up on (writeAllToFd) instead of hanging. */
function outputWhenWritten(fd: 1 | 2): RunOutput {
  const stream = () => (fd === 1 ? stdout() : process.stderr);
  return {
    get fd() {
      stream();
      return fd;
    },
    isTTY: false,
    write: (chunk) => stream().write(chunk),
  };
}

/** Set by a run that left stdout unmade: nothing was written that could wait to drain. */
let stdoutUnused = false;

function stderrLine(text: string): void {
  process.stderr.write(`vdm86: ${text}\n`);
}

function resultRecord(program: string, result: RunResult, processExitCode: number, outputBytes: number): object {
  return {
    program,
    dosPath: result.dosPath ?? null,
    reason: result.reason,
    exitCode: result.reason === 'exit' ? result.exitCode : null,
    processExitCode,
    message: result.message ?? null,
    instructions: result.instructions,
    durationMs: Math.round(result.durationMs * 1000) / 1000,
    outputBytes,
    drives: Object.fromEntries(result.drives.map((d) => [`${d.letter}:`, d.hostPath])),
  };
}

/** `vdm86 vdd init NAME [--dir DIR]`: writes the start of a new VDD (src/vdd-scaffold.ts). */
function vddCommand(argv: string[]): number {
  const cmd = command('vdm86 vdd').description('VDD plugin tools (docs/vdd.md)').exitOverride();
  cmd.configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `vdm86: ${s}` : s) });
  let code = 0;
  cmd
    .command('init')
    .description('write a new VDD: the plugin, its guest client, a test and the project files')
    .argument('<name>', 'the DLL name: 1-8 letters, digits or _')
    .option('--dir <folder>', 'where to write it (default: ./NAME in lower case)')
    .action((name: string, o: { dir?: string }) => {
      const dir = o.dir ?? name.toLowerCase();
      try {
        const files = writeScaffold(dir, name, VERSION);
        process.stdout.write(`wrote ${files.map((f) => `${dir}/${f}`).join(', ')}\nnext: cd ${dir} && npm install && npm test\n`);
      } catch (err) {
        if (!(err instanceof ScaffoldError)) throw err;
        stderrLine(err.message);
        code = EXIT.USAGE;
      }
    });
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (err) {
    if (isCommanderError(err)) return err.exitCode === 0 ? 0 : EXIT.USAGE;
    throw err;
  }
  return code;
}

/** The run was ended by a limit, a fault or a signal (not by the program's own exit). */
let runEndedEarly = false;

/** The run's stop signal: aborted with the name of the host signal that came (runProgram's
 *  StopSignal). Not an AbortController: making one costs ~1 ms of every start (Node loads its
 *  event-target modules), and the run needs only this much of it. */
class SignalStop implements StopSignal {
  aborted = false;
  reason: unknown = undefined;
  private readonly listeners: (() => void)[] = [];

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    for (const l of [...this.listeners]) l();
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }
}

interface ParsedCommand {
  program: string | undefined;
  args: string[];
  o: CliOptions;
}

/** A plain run, a program and its arguments with no option before it, as `npx vdm86 PROG.EXE
 *  args` is: every option keeps its default and everything after the program is the program's
 *  (passThroughOptions), so there is nothing for commander to do (building and running its
 *  parser cost ~1.5 ms of every such start). Anything else is commander's (parseOptions). */
function plainRun(argv: string[]): ParsedCommand | null {
  const program = argv[2];
  if (program === undefined || program === '' || program.startsWith('-')) return null;
  return { program, args: argv.slice(3), o: {} };
}

/** The command line through commander: the parsed command, or the exit status when it has
 *  already answered (--help, --version, a usage error). */
function parseOptions(argv: string[]): ParsedCommand | number {
  const cmd = buildCommand();
  cmd.exitOverride();
  cmd.configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `vdm86: ${s}` : s) });
  try {
    cmd.parse(argv);
  } catch (err) {
    if (isCommanderError(err)) {
      return err.exitCode === 0 ? 0 : EXIT.USAGE;
    }
    throw err;
  }
  const [program, args] = cmd.processedArgs as [string | undefined, string[]];
  return { program, args, o: cmd.opts<CliOptions>() };
}

async function main(argv: string[]): Promise<number> {
  // `vdm86 test ...` (the test runner) and `vdm86 vdd ...` (the VDD tools) are commands of their
  // own; anything else is a program to run.
  if (argv[2] === 'test') return runTestCommand(argv.slice(3));
  if (argv[2] === 'vdd' && argv.length > 3) return vddCommand(argv.slice(3));
  // Signals are taken first, so one that comes while vdm86 is still starting still ends the run
  // with its message (runProgram sees the signal already aborted and stops at once).
  const stopSignal = new SignalStop();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopSignal.aborted) process.exit(EXIT.STOPPED); // a second signal: leave now
    stopSignal.abort(signal);
  };
  // SIGQUIT, SIGUSR2 and SIGALRM too: by default they end Node at once, with the terminal raw.
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGALRM'] as const) process.on(s, onSignal);
  const parsed = plainRun(argv) ?? parseOptions(argv);
  if (typeof parsed === 'number') return parsed;
  const { program, args, o } = parsed;
  if (o.command !== undefined && program !== undefined) {
    stderrLine('give either a program or -c, not both');
    return EXIT.USAGE;
  }

  const stdinTerminal = isTerminal(0);
  const stdoutTerminal = isTerminal(1);
  const interactive = stdinTerminal && stdoutTerminal;
  // What the host redirected is the program's handle 0 or 1, a file as SORT <IN >OUT makes it
  // under DOS: stdin is read as it arrives (INT 16h takes its keys from it too), stdout gets
  // handle 1's bytes, and the screen shows on stderr. A terminal stays the console.
  const stdinMode: StdioMode = o.stdin ?? (stdinTerminal ? 'console' : 'file');
  const stdoutMode: StdioMode = o.stdout ?? (stdoutTerminal ? 'console' : 'file');
  const screen: ScreenMode = o.screen ?? (interactive ? 'tty' : 'stream');
  const dumpToStdout = !!o.screenDump;
  let lastByte = 0x0a;
  let outputBytes = 0;
  // A result file that cannot be written is a usage error found before the run, not after it.
  if (o.resultJson) {
    const folder = dirname(resolve(o.resultJson));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      stderrLine(`--result-json: the folder ${folder} does not exist`);
      return EXIT.USAGE;
    }
  }

  const options: RunOptions = {
    command: o.command,
    args,
    drives: o.drive,
    cwd: o.cwd,
    env: o.env,
    screen,
    raw: o.raw,
    stdin: stdinTerminal ? process.stdin : stdinWhenRead(),
    stdinMode,
    stdout: stdoutTerminal ? stdout() : outputWhenWritten(1),
    stdoutMode,
    screenOutput: isTerminal(2) ? process.stderr : outputWhenWritten(2),
    leaveScreen: !dumpToStdout,
    maxInstructions: o.maxInstructions,
    diskQuota: o.diskQuota,
    timeoutMs: o.timeout === undefined ? undefined : o.timeout * 1000,
    memoryKB: o.memory,
    dosVersion: o.dosVersion,
    trace: o.trace,
    compiledTier: o.compiled,
    vdds: o.vdd,
    vddTrace: o.vddTrace ? (line) => void process.stderr.write(`vdd: ${line}\n`) : undefined,
    handles: o.handles ? (text) => void process.stderr.write(text) : undefined,
    captureOutput: false,
    signal: stopSignal,
    onMachine: ({ bios, machine }) => {
      bios.console.addSink((ch) => {
        lastByte = ch;
        outputBytes++;
      });
      noOnStackReplacement(machine);
    },
  };

  let result: RunResult;
  try {
    result = await runProgram(program ?? '', options);
  } catch (err) {
    if (err instanceof RunOptionError) {
      stderrLine(err.message);
      return EXIT.USAGE;
    }
    throw err;
  }

  // A run that never started has no screen to dump.
  if ((dumpToStdout || o.screenDumpFile) && result.screen.length) {
    const dump = screenText(result.screen);
    if (o.screenDumpFile) writeTextFile(o.screenDumpFile, dump);
    if (dumpToStdout) {
      if (screen === 'stream' && stdoutMode === 'console' && lastByte !== 0x0a) stdout().write('\n');
      stdout().write(dump);
    }
  }

  runEndedEarly = result.reason !== 'exit';
  for (const w of result.warnings ?? []) stderrLine(`warning: ${w}`);
  let code = result.exitCode & 0xff;
  if (result.reason !== 'exit') {
    // An exception in VDD code is the plugin's error, not the guest's.
    const vddError = result.reason === 'fault' && result.message?.startsWith('VDD ');
    const verdict = vddError ? { ...VERDICT.fault, label: 'VDD error' } : VERDICT[result.reason];
    code = verdict.code;
    const message = result.message ?? result.reason;
    // "time limit of 1000 ms reached" already names its verdict: don't say it twice.
    stderrLine(message.startsWith(verdict.label) ? message : `${verdict.label}: ${message}`);
  }
  if (o.resultJson) {
    try {
      const shown = program ?? (o.command !== undefined ? `-c ${o.command}` : '(shell)');
      writeTextFile(o.resultJson, JSON.stringify(resultRecord(shown, result, code, outputBytes), null, 2) + '\n');
    } catch (err) {
      // The program's exit code stands; the lost record is only reported.
      stderrLine(`cannot write ${o.resultJson}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  stdoutUnused = stdoutStream === null;
  return code;
}

function internalError(err: unknown): void {
  // An error from what a run set going (a VDD's timer) ends that run as a fault (src/run-scope.ts).
  if (insideRun()) return;
  // Whoever read our output went away (vdm86 --help | head): there is no one left to tell, so
  // end quietly, as a Unix tool ended by SIGPIPE does.
  if ((err as NodeJS.ErrnoException | null)?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const msg = err instanceof Error ? (process.env.VDM86_DEBUG ? err.stack ?? err.message : err.message) : String(err);
  stderrLine(`internal error: ${msg}`);
  process.exit(EXIT.USAGE);
}

process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

/** How long a run stopped by a limit or a signal waits for stdout to drain before exiting: a
 *  pipe nobody reads must not keep it alive (issue 14). A run that ended on its own waits. */
const STOPPED_DRAIN_MS = 2000;

main(process.argv).then(
  (code) => {
    // Exit once everything written has gone out (stdout may be a slow pipe). A run that never
    // made process.stdout wrote nothing to it that could wait.
    if (stdoutUnused) process.exit(code);
    process.stdout.write('', () => process.exit(code));
    if (runEndedEarly) setTimeout(() => process.exit(code), STOPPED_DRAIN_MS);
  },
  (err) => internalError(err),
);

/** Instructions a run goes before the command turns V8's on-stack replacement off: the
 *  machine's first slice, after which it warms the CPU loop up (left on longer, OSR compiled the
 *  loop during the next slice as well: `dhry` and `sieve` 1.06x). */
const OSR_OFF_AFTER = WARM_UP_AFTER;

/** Turns V8's on-stack replacement off once the program has run its first slice (loading
 *  node:v8 costs ~3 ms, which a program that ends at once should not pay). The machine re-enters
 *  the CPU loop every slice (20,000 instructions), so the loop gets its optimised code at the next
 *  slice anyway; OSR only made V8 compile the loop a second time, at once (150-300 ms of a core
 *  on a 2-core machine). Measured: ~10 % less CPU time for a cold CL 5.10 run and for cpuwork
 *  (paired runs, medians). The bench's cold runs pass the same flag to node. */
function noOnStackReplacement(machine: Machine): void {
  let done = false;
  machine.addSliceHook(() => {
    if (done || machine.cpu.instructions < OSR_OFF_AFTER) return;
    done = true;
    // bin/vdm86.js writes a code cache it owes first: V8 refuses a cache made under other flags.
    const before = (globalThis as Record<symbol, unknown>)[Symbol.for('vdm86.beforeV8FlagChange')];
    if (typeof before === 'function') before();
    setFlagsFromString('--no-use-osr');
  });
}
