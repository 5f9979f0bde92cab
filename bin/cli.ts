// The vdm86 command: `vdm86 [options] <program> [args...]`. Runs one DOS program with runProgram,
// turns its DOS exit code into the process exit code, and reports vdm86's own verdicts (program
// not found, bad program file, limits, guest faults) as one stderr line and a reserved exit code
// (EXIT below); --result-json records the run for scripts that need to tell them apart exactly.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runProgram, RunOptionError, type RunOptions, type RunReason, type RunResult, type ScreenMode } from '../src/run';
import { writeTextFile } from '../src/host/text-file';
import { screenText } from '../src/host/terminal';
import { writeAllToFd } from '../src/host/fs';
import { VERSION } from '../src/index';

/** Process exit codes of vdm86's own verdicts; any other code is the program's own. */
const EXIT = {
  INPUT_EXHAUSTED: 120,
  FAULT: 122,
  INSTRUCTION_LIMIT: 123,
  TIMEOUT: 124,
  USAGE: 125, // bad command line, or vdm86 itself failed
  BAD_PROGRAM: 126,
  NOT_FOUND: 127,
  STOPPED: 130, // Ctrl-\ at the terminal, SIGINT, SIGTERM, SIGHUP
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
      throw new InvalidArgumentError(`${what} must be a positive ${integer ? 'integer' : 'number'}`);
    }
    return n;
  };
}

function screenMode(value: string): ScreenMode {
  if (value !== 'tty' && value !== 'stream' && value !== 'none') throw new InvalidArgumentError('expected tty, stream or none');
  return value;
}

function envPair(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, eq).toUpperCase()]: value.slice(eq + 1) };
}

interface CliOptions {
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
  handles?: boolean;
  redirect?: boolean;
}

function buildCommand(): Command {
  return new Command('vdm86')
    .description('Run a DOS program (.COM or .EXE) on an emulated 8086 with DOS 5 and a PC BIOS.')
    .version(VERSION, '-V, --version')
    .argument('<program>', 'the program: a host path (a folder outside every drive is mapped as the next free letter from D:), or a DOS path on a mapped drive')
    .argument('[args...]', 'arguments for the program (everything after <program> goes to it)')
    .option('-d, --drive <L=DIR>', 'map a drive letter to a host folder (repeatable; C: is the current folder unless mapped)', collect)
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
    .option('--handles', "print each process's open handles (PSP -> JFT -> SFT -> host) on stderr as it terminates")
    .option('--redirect', 'stdin and stdout that are not a terminal become the program\'s standard input and output files, as DOS redirection makes them (no echo, bytes as they are); console output then goes to stderr')
    .passThroughOptions()
    .allowExcessArguments(false)
    .addHelpText(
      'after',
      `
Exit status: the program's DOS exit code, or one of vdm86's own:
  ${EXIT.INPUT_EXHAUSTED} input exhausted (kept reading after stdin ended)   ${EXIT.FAULT} guest fault
  ${EXIT.INSTRUCTION_LIMIT} instruction limit   ${EXIT.TIMEOUT} time limit   ${EXIT.USAGE} usage or internal error
  ${EXIT.BAD_PROGRAM} bad program file   ${EXIT.NOT_FOUND} program not found   ${EXIT.STOPPED} stopped (Ctrl-\\ or a signal)
Use --result-json to tell a program's own code from these for certain.
At a terminal, Ctrl-\\ stops vdm86 (Ctrl-C goes to the program).`,
    );
}

function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

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

async function main(argv: string[]): Promise<number> {
  const cmd = buildCommand();
  cmd.exitOverride();
  cmd.configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `vdm86: ${s}` : s) });
  try {
    cmd.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT.USAGE;
    }
    throw err;
  }
  const [program, args] = cmd.processedArgs as [string, string[]];
  const o = cmd.opts<CliOptions>();

  const interactive = !!process.stdin.isTTY && !!process.stdout.isTTY;
  // --redirect: what the host redirected becomes the program's handle 0 or 1, a file as with
  // SORT <IN >OUT under DOS; the keyboard then has no input and the console shows on stderr.
  const redirectIn = !!o.redirect && !process.stdin.isTTY;
  const redirectOut = !!o.redirect && !process.stdout.isTTY;
  const inputFile = redirectIn ? await readAll(process.stdin) : undefined;
  const screen: ScreenMode = o.screen ?? (interactive ? 'tty' : 'stream');
  const dumpToStdout = !!o.screenDump;
  let lastByte = 0x0a;
  let outputBytes = 0;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.STOPPED); // a second signal: leave now
    controller.abort(signal);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);

  const options: RunOptions = {
    args,
    drives: o.drive,
    cwd: o.cwd,
    env: o.env,
    screen,
    raw: o.raw,
    stdin: redirectIn ? undefined : process.stdin,
    stdout: redirectOut ? process.stderr : process.stdout,
    inputFile,
    outputFile: redirectOut ? (data) => writeAllToFd(1, data) : undefined,
    leaveScreen: !dumpToStdout,
    maxInstructions: o.maxInstructions,
    timeoutMs: o.timeout === undefined ? undefined : o.timeout * 1000,
    memoryKB: o.memory,
    dosVersion: o.dosVersion,
    trace: o.trace,
    compiledTier: o.compiled,
    vdds: o.vdd,
    handles: o.handles ? (text) => void process.stderr.write(text) : undefined,
    captureOutput: false,
    signal: controller.signal,
    onMachine: ({ bios }) => {
      bios.console.addSink((ch) => {
        lastByte = ch;
        outputBytes++;
      });
    },
  };

  let result: RunResult;
  try {
    result = await runProgram(program, options);
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
      if (screen === 'stream' && lastByte !== 0x0a) process.stdout.write('\n');
      process.stdout.write(dump);
    }
  }

  let code = result.exitCode & 0xff;
  if (result.reason !== 'exit') {
    const verdict = VERDICT[result.reason];
    code = verdict.code;
    const message = result.message ?? result.reason;
    // "time limit of 1000 ms reached" already names its verdict: don't say it twice.
    stderrLine(message.startsWith(verdict.label) ? message : `${verdict.label}: ${message}`);
  }
  if (o.resultJson) writeTextFile(o.resultJson, JSON.stringify(resultRecord(program, result, code, outputBytes), null, 2) + '\n');
  return code;
}

function internalError(err: unknown): never {
  const msg = err instanceof Error ? (process.env.VDM86_DEBUG ? err.stack ?? err.message : err.message) : String(err);
  stderrLine(`internal error: ${msg}`);
  process.exit(EXIT.USAGE);
}

process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

main(process.argv).then(
  (code) => {
    // Exit once everything written has gone out (stdout may be a slow pipe).
    process.stdout.write('', () => process.exit(code));
  },
  (err) => internalError(err),
);
