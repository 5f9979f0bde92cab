// runProgram: one DOS program run from start to end, as the vdm86 command does it and as a
// library call — a machine with the BIOS and the DOS kernel, host folders as drives, the console
// on a terminal, a stream or nowhere, keys from stdin, and a result with the exit code, how the run
// ended, the captured console output and the final text screen.
import { Machine, type EndReason, type MachineEnd } from './machine';
import { Dos, DosLoadError } from './dos/dos';
import { installBios, type Bios } from './bios/bios';
import { formatInstruction } from './cpu/disasm';
import { hex4 } from './hw/board';
import { OutputCapture, StreamOutput, DEFAULT_CAPTURE_LIMIT, type OutputTarget } from './host/stream';
import { ScreenStream } from './host/screen-stream';
import { TerminalRenderer, frameLines, screenDump } from './host/terminal';
import { readIntoStream, readStreamKeys, readTerminalKeys, streamKeyFeed, typeAll, type ByteStream, type KeySource, type TerminalInput } from './host/input';
import { guardTerminal } from './host/tty-guard';
import { TextFileWriter } from './host/text-file';
import type { HostKey } from './host/keys';
import { EmulatedClock, monotonicMs, systemClock } from './host/clock';
import { stringToCp437 } from './host/cp437';
import { InputBytes, InputStream, OutputSink } from './host/redirected-files';
import { writeAllToFd } from './host/fs';
import { ACCESS } from './dos/sharing';
import { DOS_ERROR } from './dos/errors';
import { locateProgram, notAProgramFile, resolveDrives, startDirectory, RunOptionError, type DriveSpec, type DrivesOption } from './program-path';
import { HostFsError } from './host/fs';
import { withinRun } from './run-scope';
import { attachVdds, traceHandlesOnTerminate, type VddBridge, type VddModule } from './vdd';

export { RunOptionError, type DriveSpec, type DrivesOption } from './program-path';

/** tty: the text screen drawn on a terminal; stream: console output as a text stream;
 *  none: nothing shown (output is still captured). */
export type ScreenMode = 'tty' | 'stream' | 'none';

/** A host standard stream as the program sees it: the console, or a redirected file. */
export type StdioMode = 'console' | 'file';

/** Where the terminal or stream output goes (process.stdout by default). */
export interface RunOutput {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  fd?: number;
  on?(event: 'resize', fn: () => void): unknown;
  off?(event: 'resize', fn: () => void): unknown;
}

/** What runProgram asks of RunOptions.signal: the part of AbortSignal it uses. The vdm86 command
 *  passes a light one of its own (bin/cli.ts): an AbortController costs ~1 ms to make in a fresh
 *  process (Node loads its event-target modules then). */
export interface StopSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Everything a run can be given to work with: the machine, its DOS kernel and its BIOS. */
export interface RunContext {
  machine: Machine;
  dos: Dos;
  bios: Bios;
}

export interface RunOptions {
  /** A command line the shell runs as `COMMAND /C` would (the program is then ignored). With no
   *  program and no command, the shell's prompt opens. */
  command?: string;
  /** Arguments (the command tail is built from them, space-separated), as text: DOS gets them in
   *  CP437 (with `raw`, their UTF-8 bytes as they are). */
  args?: string[];
  /** Drive letters to host folders. Default: C: = the host's current folder. */
  drives?: DrivesOption;
  /** The starting directory: a DOS path (C:\SRC) or a host folder inside a drive. */
  cwd?: string;
  /** Environment variables of the program (added to DOS's COMSPEC and PATH); text, like `args`. */
  env?: Record<string, string>;
  /** Default 'none'. */
  screen?: ScreenMode;
  /** Console bytes out unconverted (not CP437 -> UTF-8), input bytes in unconverted. */
  raw?: boolean;
  /** Keyboard input: text, bytes, or a stream (a TTY stream is read key by key in raw mode).
   *  Absent: no input (a program that waits for a key gets Ctrl-Z at once). */
  stdin?: string | Uint8Array | NodeJS.ReadableStream | ByteStream | null;
  /** How `stdin` reaches the program. 'console' (default): typed at the keyboard; handle 0 is
   *  the console, whose reads echo and edit it. 'file': handle 0 is `stdin` as a redirected file
   *  (SORT <IN): bytes as they are (text: CP437, or UTF-8 with `raw`), no echo or line editing,
   *  end of file at its end; a stream is read as it arrives. INT 16h and console reads (a program
   *  that opens CON) take their keys from the same bytes, in order. */
  stdinMode?: StdioMode;
  /** How the program's standard output reaches `stdout`. 'console' (default): handle 1 is the
   *  console and `stdout` shows the screen (`screen`). 'file': handle 1 is `stdout` as a
   *  redirected file (SORT >OUT: the bytes as they are, unconverted), and the screen (BIOS and
   *  video memory output, handle 2, echo) goes to `screenOutput`. */
  stdoutMode?: StdioMode;
  /** Where the screen goes with stdoutMode 'file'. Default process.stderr. */
  screenOutput?: RunOutput;
  /** Standard input as a file, as DOS redirection gives it (SORT <IN): handle 0 reads these bytes
   *  (text: CP437, or UTF-8 with `raw`) with no echo or line editing, then end of file. Console
   *  reads (INT 21h/01h-0Ch on CON, INT 16h) still take `stdin`. */
  inputFile?: string | Uint8Array;
  /** Standard output as a file (SORT >OUT): what the program writes to handle 1 is handed here as
   *  it is, unconverted. Console output (CON, INT 10h) still goes to the screen and `output`. */
  outputFile?: (data: Uint8Array) => void;
  /** Where 'tty' and 'stream' output go. Default process.stdout. */
  stdout?: RunOutput;
  /** After a 'tty' run, print the final screen on the normal terminal screen. Default true. */
  leaveScreen?: boolean;
  maxInstructions?: number;
  timeoutMs?: number;
  /** Bytes the run may add to the host's disk (file growth, 32 per new file or folder); past it
   *  the guest sees a full disk (src/dos/quota.ts). Default: no quota. */
  diskQuota?: number;
  /** Conventional memory in KiB (64-640). Default 640. */
  memoryKB?: number;
  /** INT 21h/30h answer, "5.0" or {major, minor}. Default 5.00. */
  dosVersion?: string | { major: number; minor: number };
  /** Initial video mode (0-3, 7). Default 3. */
  videoMode?: number;
  /** Disassembled instruction trace: a file path, or a function receiving each line. */
  trace?: string | ((line: string) => void);
  /** Run hot guest code through the compiled tier (src/cpu/block-compiler.ts). Default off;
   *  ignored with `trace` (every instruction is then interpreted). */
  compiledTier?: boolean;
  /** Keep the console output for the result. Default true. */
  captureOutput?: boolean;
  /** At most this many bytes of console output are kept for the result (the last ones; the
   *  result's `outputDropped` counts the rest). Default 16 MiB (DEFAULT_CAPTURE_LIMIT). */
  maxOutputBytes?: number;
  /** Ends the run with reason 'stopped' when aborted: an AbortSignal, or anything with its
   *  `aborted`, `reason` and 'abort' listeners (StopSignal). */
  signal?: StopSignal;
  /** Host's current folder for relative paths. Default process.cwd(). */
  hostCwd?: string;
  /** Called once the machine, BIOS and DOS exist and before the program is loaded: the place to
   *  attach VDDs (plugins), I/O hooks or process listeners. */
  onMachine?: (ctx: RunContext) => void | Promise<void>;
  /** VDD plugins (docs/vdd.md): paths to .ts/.js plugin files, or VddModule objects. */
  vdds?: (string | VddModule)[];
  /** Gets a line for every VDD BOP and every call into VDD code, with registers (`--vdd-trace`). */
  vddTrace?: (line: string) => void;
  /** Receives the handle walk of each process as it terminates, before its handles close (--handles). */
  handles?: (text: string) => void;
  /** Called after the program is loaded, before its first instruction. */
  onStart?: (ctx: RunContext) => void | Promise<void>;
  /** A reproducible run: DOS and the BIOS start at this local date and time and their clock
   *  advances with the emulated machine, not the host (EmulatedClock); the drives report a fixed
   *  free space (REPRODUCIBLE_DISK); `timeoutMs` then counts emulated milliseconds. Absent: the
   *  host's clock and disks. */
  clock?: Date;
}

/** The disk space every drive reports in a reproducible run (36h, DPBs): 32 MB, 16 MB free. */
export const REPRODUCIBLE_DISK = { free: 16 * 1024 * 1024, total: 32 * 1024 * 1024 } as const;

/** How a run ended: the machine's verdicts, or the program could not be started at all. */
export type RunReason = EndReason | 'not-found' | 'bad-program';

export interface RunResult {
  /** The program's DOS exit code (INT 21h/4Ch AL) when reason is 'exit'; otherwise -1. */
  exitCode: number;
  reason: RunReason;
  /** Why, for every reason but 'exit'. */
  message?: string;
  /** Everything written through the console (teletype, INT 29h, DOS output): UTF-8 text with
   *  CP437 shown as Unicode, or one char per byte with `raw`. */
  output: string;
  outputBytes: Uint8Array;
  /** Problems that came after the run's verdict and did not change it (a VDD's onDetach or a
   *  timer it left throwing once the program had ended). */
  warnings?: string[];
  /** Console bytes written but not kept because `maxOutputBytes` was reached (the head goes,
   *  the tail stays). */
  outputDropped: number;
  /** The final text screen, one string per row, trailing blanks trimmed. */
  screen: string[];
  instructions: number;
  durationMs: number;
  /** The program as DOS was asked to start it, and the drive table used. */
  dosPath?: string;
  drives: DriveSpec[];
}

const SCREEN_REFRESH_MS = 20;
/** DOS's largest environment block: EXEC refuses one that does not end within 32 KiB. */
const MAX_ENVIRONMENT_BYTES = 32 * 1024;
/** Room kept in it for what vdm86 adds (COMSPEC, PATH, the program's path after the block). */
const ENVIRONMENT_RESERVE = 512;

/** Options a caller could pass wrongly from JavaScript: numbers that are numbers, text that is
 *  text, an environment that fits DOS's 32 KiB. */
function checkOptionTypes(options: RunOptions, raw: boolean): void {
  for (const key of ['maxInstructions', 'timeoutMs'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v) || v < 0)) {
      throw new RunOptionError(`${key} must be a number, 0 or more (got ${String(v)})`);
    }
  }
  const args = options.args;
  if (args !== undefined && (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))) {
    throw new RunOptionError('args must be an array of strings');
  }
  if (options.env !== undefined) {
    let bytes = 0;
    for (const [k, v] of Object.entries(options.env)) {
      if (typeof v !== 'string') throw new RunOptionError(`env ${k} must be a string`);
      bytes += dosBytes(k, raw).length + dosBytes(v, raw).length + 2;
    }
    if (bytes > MAX_ENVIRONMENT_BYTES - ENVIRONMENT_RESERVE) {
      throw new RunOptionError(`environment too large: ${bytes} bytes (DOS allows ${MAX_ENVIRONMENT_BYTES - ENVIRONMENT_RESERVE} with COMSPEC and PATH)`);
    }
  }
}

/** A host failure while reading the folders a run starts from (an unreadable current folder, one
 *  whose name is not UTF-8) is the caller's setup, reported as such. */
function hostSetup<T>(hostCwd: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof HostFsError)) throw err;
    const name = hostCwd.includes('\uFFFD') ? ' (its name is not valid UTF-8)' : '';
    throw new RunOptionError(`cannot use the folder ${hostCwd}${name}: ${err.message}`);
  }
}
/** Input flow control: host keys queued ahead of the program, or with stdin as a file bytes
 *  (read from a stream as the program takes them, never all of it at once). */
const INPUT_HIGH_WATER = 8192;
const INPUT_LOW_WATER = 1024;

function parseVersion(v: RunOptions['dosVersion']): { major: number; minor: number } | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return v;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(v.trim());
  if (!m) throw new RunOptionError(`bad DOS version "${v}" (expected X.Y, e.g. 3.30)`);
  const minor = m[2] === undefined ? 0 : m[2].length === 1 ? Number(m[2]) * 10 : Number(m[2]);
  const major = Number(m[1]);
  if (major < 2 || major > 9) throw new RunOptionError(`unsupported DOS version "${v}"`);
  return { major, minor };
}

/** Host text as DOS bytes: CP437, or with `raw` the UTF-8 bytes. */
function dosBytes(text: string, raw: boolean): Uint8Array {
  return raw ? new TextEncoder().encode(text) : stringToCp437(text);
}

/** Host text as DOS sees it, one character per byte (dosBytes as char codes 0-255). */
function dosText(text: string, raw: boolean): string {
  const bytes = dosBytes(text, raw);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** Binds the program's handles 0 and 1 to `inputFile` / a piped `stdin` and to `outputFile`
 *  when given: files to the program (IOCTL 4400h says so), inherited by its children like any
 *  redirection. */
function redirectStandardHandles(dos: Dos, options: RunOptions, raw: boolean, piped: InputStream | null, output: ((data: Uint8Array) => void) | null): void {
  const psp = dos.currentPsp;
  const bind = (handle: number, obj: InputBytes | InputStream | OutputSink, access: number, name: string) => {
    if (dos.files.bindHostObject(psp, handle, obj, access, name)) throw new RunOptionError(`cannot redirect handle ${handle}: no free SFT entry`);
  };
  const input = options.inputFile;
  if (input !== undefined) {
    const bytes = typeof input === 'string' ? dosBytes(input, raw) : input;
    bind(0, new InputBytes(bytes, 'redirected standard input'), ACCESS.READ, 'STDIN');
  } else if (piped) bind(0, piped, ACCESS.READ, 'STDIN');
  if (output) bind(1, new OutputSink(output, 'redirected standard output'), ACCESS.WRITE, 'STDOUT');
}

function stdioMode(value: StdioMode | undefined, name: string): StdioMode {
  if (value === undefined) return 'console';
  if (value !== 'console' && value !== 'file') throw new RunOptionError(`${name} must be 'console' or 'file' (got "${String(value)}")`);
  return value;
}

function isTerminalInput(s: unknown): s is TerminalInput {
  return !!s && typeof s === 'object' && (s as TerminalInput).isTTY === true && typeof (s as TerminalInput).setRawMode === 'function';
}

function traceLine(m: Machine): string {
  const c = m.cpu;
  const ins = formatInstruction(m.mem, c.cs, c.ip).padEnd(44);
  return `${ins} AX=${hex4(c.ax)} BX=${hex4(c.bx)} CX=${hex4(c.cx)} DX=${hex4(c.dx)} SP=${hex4(c.sp)} BP=${hex4(c.bp)} SI=${hex4(c.si)} DI=${hex4(c.di)} DS=${hex4(c.ds)} ES=${hex4(c.es)} SS=${hex4(c.ss)} FL=${hex4(c.flags)}`;
}

/** Runs one DOS program (a host path) to its end. Bad options throw RunOptionError; everything
 *  the program or its file does wrong comes back as the result's reason. */
export async function runProgram(program: string, options: RunOptions = {}): Promise<RunResult> {
  // What the run started that throws later (a VDD's timer, a rejected promise) ends this run as a
  // fault naming it, not the embedding process (src/run-scope.ts).
  const vddNames = (Array.isArray(options.vdds) ? options.vdds : []).map((v) => (typeof v === 'string' ? v.replace(/^.*[\\/]/, '') : v?.name));
  const late: LateErrors = {
    machine: null,
    culprit: vddNames.length === 1 ? `VDD ${vddNames[0]}` : vddNames.length ? `one of the VDDs ${vddNames.join(', ')}` : 'code the run started',
    warnings: [],
    done: false,
  };
  const fail = (err: unknown) => {
    const msg = `${late.culprit} threw after returning: ${err instanceof Error ? err.message : String(err)}`;
    if (late.machine && !late.machine.end) late.machine.terminate({ reason: 'fault', exitCode: -1, message: msg });
    else if (!late.done) late.warnings.push(msg);
    else process.emitWarning(`vdm86: ${msg} (after its run had ended)`);
  };
  return withinRun({ fail }, async () => {
    const result = await runProgramScoped(program, options, late);
    late.done = true;
    return result;
  });
}

/** Errors thrown by what a run set going, after the call that started it returned. */
interface LateErrors {
  machine: Machine | null;
  culprit: string;
  /** Reported in the result: the run had already ended when they came. */
  warnings: string[];
  done: boolean;
}

async function runProgramScoped(program: string, options: RunOptions, late: LateErrors): Promise<RunResult> {
  const started = monotonicMs();
  const hostCwd = options.hostCwd ?? process.cwd();
  const raw = !!options.raw;
  const screenMode: ScreenMode = options.screen ?? 'none';
  const version = parseVersion(options.dosVersion);
  const memoryKB = options.memoryKB;
  if (memoryKB !== undefined && !(memoryKB >= 64 && memoryKB <= 640)) {
    throw new RunOptionError(`memory must be 64 to 640 KB (got ${memoryKB})`);
  }
  if (options.diskQuota !== undefined && !(options.diskQuota >= 0 && Number.isSafeInteger(options.diskQuota))) {
    throw new RunOptionError(`diskQuota must be a whole number of bytes, 0 or more (got ${options.diskQuota})`);
  }
  const maxOutput = options.maxOutputBytes;
  if (maxOutput !== undefined && !(Number.isSafeInteger(maxOutput) && maxOutput >= 0)) {
    throw new RunOptionError(`maxOutputBytes must be a whole number of bytes, 0 or more (got ${maxOutput})`);
  }
  checkOptionTypes(options, raw);
  let drives = hostSetup(hostCwd, () => resolveDrives(options.drives, hostCwd));

  const emptyResult = (reason: RunReason, message: string, dosPath?: string): RunResult => ({
    exitCode: -1,
    reason,
    message,
    output: '',
    outputBytes: new Uint8Array(0),
    outputDropped: 0,
    screen: [],
    instructions: 0,
    durationMs: monotonicMs() - started,
    dosPath,
    drives,
  });

  // The shell (COMSPEC, else vdm86's own Z:\COMMAND.COM) runs batch files, -c command lines
  // and the prompt; any other program must be a .COM or an .EXE by name.
  const shellPath = options.env?.COMSPEC ?? 'Z:\\COMMAND.COM';
  let args = options.args ?? [];
  if (options.command !== undefined || program === undefined || program === '') {
    args = options.command !== undefined ? ['/C', options.command] : [];
    program = shellPath;
  }
  if (typeof program !== 'string') throw new RunOptionError('the program must be a path (a string)');
  const notProgram = notAProgramFile(program, hostCwd);
  if (notProgram) return emptyResult('bad-program', notProgram);
  const wanted = program;
  let located = hostSetup(hostCwd, () => locateProgram(wanted, drives, hostCwd));
  if (!located) return emptyResult('not-found', `cannot find ${program}`);
  const kind = /\.([^.\\]*)$/.exec(located.dosPath)?.[1].toUpperCase() ?? '';
  if (kind === 'BAT') {
    args = ['/C', located.dosPath, ...args];
    drives = located.drives;
    located = locateProgram(shellPath, drives, hostCwd);
    if (!located) return emptyResult('not-found', `cannot find the shell ${shellPath} to run ${program}`);
  } else if (kind !== 'COM' && kind !== 'EXE') {
    return emptyResult('bad-program', `${program} is not a .COM, .EXE or .BAT file`, located.dosPath);
  }
  drives = located.drives;
  const cwd = hostSetup(hostCwd, () => startDirectory(options.cwd, drives, hostCwd));

  const emulatedClock = options.clock ? new EmulatedClock(options.clock) : null;
  const machine = new Machine({ memoryKB, clock: emulatedClock ?? systemClock, scheduler: emulatedClock ?? undefined });
  emulatedClock?.attach(() => machine.cpu.instructions);
  late.machine = machine;
  const bios = installBios(machine, { videoMode: options.videoMode });
  if (options.compiledTier && !options.trace) machine.cpu.setCompiledTier(true);
  let dos: Dos;
  try {
    dos = new Dos(machine, {
      drives: drives.map((d) => ({
        letter: d.letter,
        hostPath: d.hostPath,
        readOnly: d.readOnly,
        space: emulatedClock ? REPRODUCIBLE_DISK : undefined,
      })),
      cwd,
      env: options.env && Object.fromEntries(Object.entries(options.env).map(([k, v]) => [dosText(k, raw), dosText(v, raw)])),
      version,
      diskQuota: options.diskQuota,
    });
  } catch (err) {
    throw new RunOptionError(err instanceof Error ? err.message : String(err));
  }
  const ctx: RunContext = { machine, dos, bios };

  // ---------------------------------------------------------------- console output
  const capture = options.captureOutput === false ? null : new OutputCapture(options.maxOutputBytes ?? DEFAULT_CAPTURE_LIMIT);
  if (capture) bios.console.addSink((ch) => capture.push(ch));
  const stdinMode = stdioMode(options.stdinMode, 'stdinMode');
  const stdoutMode = stdioMode(options.stdoutMode, 'stdoutMode');
  if (stdinMode === 'file' && options.inputFile !== undefined) throw new RunOptionError('inputFile and stdinMode "file" both give handle 0');
  if (stdoutMode === 'file' && options.outputFile) throw new RunOptionError('outputFile and stdoutMode "file" both give handle 1');
  const stdoutTarget: RunOutput = options.stdout ?? (process.stdout as unknown as RunOutput);
  const stop = (message: string) => machine.terminate({ reason: 'stopped', exitCode: -1, message });
  // Handle 1 as a file: written as it comes, straight to the descriptor when there is one (so a
  // slow pipe holds the program back rather than a queue growing in memory). A pipe nobody reads
  // holds it back no longer than the run may last (timeoutMs of host time) or until aborted.
  const writeWaitEnds = started + (options.timeoutMs ?? Infinity);
  const stopWaitingForStdout = () => monotonicMs() > writeWaitEnds || !!options.signal?.aborted;
  // `fd` is read at each write, not before: the vdm86 command's stand-in for process.stdout makes
  // the stream (which sets a pipe non-blocking, so a full one can be given up on) only then.
  const outputToFile =
    stdoutMode === 'file'
      ? (data: Uint8Array) => {
          const fd = stdoutTarget.fd;
          if (fd === undefined) return void stdoutTarget.write(data);
          try {
            writeAllToFd(fd, data, stopWaitingForStdout);
          } catch (err) {
            // The reader of stdout went away (vdm86 PROG | head): nobody wants the rest, so the
            // run ends as a Unix tool does on SIGPIPE, stopped, and not as a fault of the guest.
            if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
            stop('standard output was closed (its reader went away)');
          }
        }
      : options.outputFile ?? null;
  const out: RunOutput = stdoutMode === 'file' ? options.screenOutput ?? (process.stderr as unknown as RunOutput) : stdoutTarget;
  let stream: StreamOutput | null = null;
  let renderer: TerminalRenderer | null = null;
  let releaseGuard: (() => void) | null = null;
  const onResize = () => renderer?.invalidate();
  let screenStream: ScreenStream | null = null;
  let keyWanted = false;
  if (screenMode === 'stream') {
    stream = new StreamOutput(out as OutputTarget, raw);
    const s = stream;
    bios.console.addSink((ch) => s.push(ch));
    // Text put on the screen other than through the teletype (INT 10h/09h, video memory) joins
    // the stream row by row as it becomes final.
    const video = bios.video;
    screenStream = new ScreenStream({
      frame: () => bios.frame(),
      cols: () => video.cols(),
      rows: () => video.rows(),
      chars: (into) => video.screenChars(into),
      stamp: () => machine.cpu.instructions,
      emit: (b) => s.push(b),
    });
    video.observer = screenStream;
    bios.keyboard.onNoKey = () => {
      keyWanted = true;
    };
  } else if (screenMode === 'tty') {
    renderer = new TerminalRenderer(out);
    const r = renderer;
    bios.console.addSink((ch) => {
      if (ch === 0x07) r.bell();
    });
  }

  // ---------------------------------------------------------------- keyboard input
  let keys: KeySource | null = null;
  const onKey = (k: HostKey) => bios.type(k);
  const onEnd = () => bios.endInput();
  const input = options.stdin;
  // stdin as a redirected file: one stream for handle 0 and, on demand, the keyboard.
  let piped: InputStream | null = null;
  if (stdinMode === 'file') {
    const p = new InputStream('redirected standard input');
    piped = p;
    p.onArrival = () => machine.notify();
    bios.keyboard.setFeed(streamKeyFeed(p, raw));
  }

  let trace: TextFileWriter | null = null;
  let traceFn: ((line: string) => void) | null = null;
  let end: MachineEnd | null = null;
  let vddBridge: VddBridge | null = null;
  const dosPath = located.dosPath;
  let rendererStarted = false;
  // A signal name as the abort reason (the CLI passes it) is named in the message.
  const onAbort = () => {
    const why = options.signal?.reason;
    stop(typeof why === 'string' && why.startsWith('SIG') ? `stopped by ${why}` : 'stopped by the host');
  };
  try {
    // Always a bridge, as NTVDM always has one: without plugins RegisterModule answers error 1.
    vddBridge = await attachVdds(machine, dos, options.vdds ?? [], { trace: options.vddTrace }).catch((err) => {
      throw new RunOptionError(err instanceof Error ? err.message : String(err));
    });
    if (options.handles) traceHandlesOnTerminate(machine, dos, options.handles);
    if (options.onMachine) await options.onMachine(ctx);
    try {
      dos.start(dosPath, args.map((a) => dosText(a, raw)));
    } catch (err) {
      if (err instanceof DosLoadError) {
        const missing = err.dosError === DOS_ERROR.FILE_NOT_FOUND || err.dosError === DOS_ERROR.PATH_NOT_FOUND;
        const reason = missing ? 'not-found' : 'bad-program';
        return { ...emptyResult(reason, err.message, dosPath), screen: frameLines(bios.frame()) };
      }
      throw err;
    }
    redirectStandardHandles(dos, options, raw, piped, outputToFile);
    if (options.onStart) await options.onStart(ctx);

    const terminalInput = !piped && isTerminalInput(input) ? input : undefined;
    // Whatever vdm86 does to the terminal (raw input, the drawn screen) is undone even if the
    // process dies before the finally below runs.
    if (terminalInput || renderer) {
      releaseGuard = guardTerminal({ fd: renderer ? out.fd : undefined, input: terminalInput, onResume: () => renderer?.invalidate() });
    }
    if (piped) {
      if (input === undefined || input === null) piped.end();
      else if (typeof input === 'string' || input instanceof Uint8Array) {
        piped.push(typeof input === 'string' ? dosBytes(input, raw) : input);
        piped.end();
      } else {
        // The stream is read from the program's first read of standard input on: most programs
        // never read it, and the vdm86 command's process.stdin is made by Node at its first use
        // (an fs.ReadStream or a socket, with the stream modules: ~10 ms of every start).
        const p = piped;
        p.onFirstRead = () => {
          keys = readIntoStream(input as unknown as ByteStream, p);
        };
      }
    } else if (input === undefined || input === null) onEnd();
    else if (typeof input === 'string' || input instanceof Uint8Array) keys = typeAll(input, raw, onKey, onEnd);
    else if (terminalInput) keys = readTerminalKeys(terminalInput, onKey, () => stop('stopped by the user (Ctrl-\\)'), onEnd);
    else keys = readStreamKeys(input as unknown as ByteStream, raw, onKey, onEnd);

    if (renderer) {
      renderer.start();
      rendererStarted = true;
      out.on?.('resize', onResize);
    }

    let lastRender = -Infinity;
    let lastScreenSync = -Infinity;
    let inputPaused = false;
    machine.addSliceHook((now) => {
      if (screenStream) {
        // A program waiting for a key shows its prompt; otherwise the screen is compared now and
        // then, so text a program scrolls away by itself is seen before it goes.
        if (keyWanted) {
          keyWanted = false;
          screenStream.waitingForInput();
          lastScreenSync = now;
        } else if (now - lastScreenSync >= SCREEN_REFRESH_MS) {
          screenStream.sync();
          lastScreenSync = now;
        }
      }
      if (renderer && now - lastRender >= SCREEN_REFRESH_MS) {
        renderer.render(bios.frame());
        lastRender = now;
      }
      if (keys) {
        const queued = piped ? piped.buffered() : bios.keyboard.pendingKeys();
        if (!inputPaused && queued > INPUT_HIGH_WATER) {
          keys.pause();
          inputPaused = true;
        } else if (inputPaused && queued < INPUT_LOW_WATER) {
          keys.resume();
          inputPaused = false;
        }
      }
    });

    if (typeof options.trace === 'string') {
      const t = new TextFileWriter(options.trace);
      trace = t;
      traceFn = (line) => t.line(line);
    } else if (options.trace) traceFn = options.trace;
    if (traceFn) {
      // One instruction per slice: each line is the instruction about to run and the registers
      // before it.
      const log = traceFn;
      let last = machine.cpu.instructions;
      log(traceLine(machine));
      machine.addSliceHook(() => {
        if (machine.end || machine.cpu.instructions === last) return;
        last = machine.cpu.instructions;
        log(traceLine(machine));
      });
    }

    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) onAbort();
    end = await machine.run({
      maxInstructions: options.maxInstructions,
      timeoutMs: options.timeoutMs,
      sliceInstructions: traceFn ? 1 : undefined,
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    dos.close();
    vddBridge?.dispose();
    keys?.stop();
    screenStream?.end();
    stream?.flush();
    trace?.close();
    if (renderer && rendererStarted) {
      renderer.render(bios.frame());
      renderer.stop();
      out.off?.('resize', onResize);
      if (options.leaveScreen !== false) out.write(screenDump(bios.frame()));
    }
    releaseGuard?.();
  }

  const bytes = capture ? capture.bytes() : new Uint8Array(0);
  end = end as MachineEnd;
  return {
    exitCode: end.reason === 'exit' ? end.exitCode : -1,
    reason: end.reason,
    message: end.reason === 'exit' ? undefined : end.message,
    output: capture ? capture.text(raw) : '',
    outputBytes: bytes,
    outputDropped: capture ? capture.dropped : 0,
    ...(late.warnings.length || machine.lateFaults.length ? { warnings: [...machine.lateFaults, ...late.warnings] } : {}),
    screen: frameLines(bios.frame()),
    instructions: machine.cpu.instructions,
    durationMs: monotonicMs() - started,
    dosPath,
    drives,
  };
}
