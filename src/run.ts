// runProgram: one DOS program run from start to end, as the vdm86 command does it and as a
// library call — a machine with the BIOS and the DOS kernel, host folders as drives, the console
// on a terminal, a stream or nowhere, keys from stdin, and a result with the exit code, how the run
// ended, the captured console output and the final text screen.
import { Machine, type EndReason, type MachineEnd } from './machine';
import { Dos, DosLoadError } from './dos/dos';
import { installBios, type Bios } from './bios/bios';
import { formatInstruction } from './cpu/disasm';
import { hex4 } from './hw/board';
import { OutputCapture, StreamOutput, type OutputTarget } from './host/stream';
import { TerminalRenderer, frameLines, screenDump } from './host/terminal';
import { readStreamKeys, readTerminalKeys, typeAll, type ByteStream, type KeySource, type TerminalInput } from './host/input';
import { guardTerminal } from './host/tty-guard';
import { TextFileWriter } from './host/text-file';
import type { HostKey } from './host/keys';
import { systemClock } from './host/clock';
import { stringToCp437 } from './host/cp437';
import { InputBytes, OutputSink } from './host/redirected-files';
import { ACCESS } from './dos/sharing';
import { DOS_ERROR } from './dos/errors';
import { locateProgram, resolveDrives, startDirectory, RunOptionError, type DriveSpec, type DrivesOption } from './program-path';
import { attachVdds, traceHandlesOnTerminate, type VddBridge, type VddModule } from './vdd';

export { RunOptionError, type DriveSpec, type DrivesOption } from './program-path';

/** tty: the text screen drawn on a terminal; stream: console output as a text stream;
 *  none: nothing shown (output is still captured). */
export type ScreenMode = 'tty' | 'stream' | 'none';

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

/** Everything a run can be given to work with: the machine, its DOS kernel and its BIOS. */
export interface RunContext {
  machine: Machine;
  dos: Dos;
  bios: Bios;
}

export interface RunOptions {
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
  stdin?: string | Uint8Array | NodeJS.ReadableStream | null;
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
  /** Ends the run with reason 'stopped' when aborted. */
  signal?: AbortSignal;
  /** Host's current folder for relative paths. Default process.cwd(). */
  hostCwd?: string;
  /** Called once the machine, BIOS and DOS exist and before the program is loaded: the place to
   *  attach VDDs (plugins), I/O hooks or process listeners. */
  onMachine?: (ctx: RunContext) => void | Promise<void>;
  /** VDD plugins (docs/vdd.md): paths to .ts/.js plugin files, or VddModule objects. */
  vdds?: (string | VddModule)[];
  /** Receives the handle walk of each process as it terminates, before its handles close (--handles). */
  handles?: (text: string) => void;
  /** Called after the program is loaded, before its first instruction. */
  onStart?: (ctx: RunContext) => void | Promise<void>;
}

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
  /** The final text screen, one string per row, trailing blanks trimmed. */
  screen: string[];
  instructions: number;
  durationMs: number;
  /** The program as DOS was asked to start it, and the drive table used. */
  dosPath?: string;
  drives: DriveSpec[];
}

const SCREEN_REFRESH_MS = 20;
/** Input flow control (host keys queued ahead of the program). */
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

/** Binds the program's handles 0 and 1 to `inputFile` and `outputFile` when given: files to the
 *  program (IOCTL 4400h says so), inherited by its children like any redirection. */
function redirectStandardHandles(dos: Dos, options: RunOptions, raw: boolean): void {
  const psp = dos.currentPsp;
  const bind = (handle: number, obj: InputBytes | OutputSink, access: number, name: string) => {
    if (dos.files.bindHostObject(psp, handle, obj, access, name)) throw new RunOptionError(`cannot redirect handle ${handle}: no free SFT entry`);
  };
  const input = options.inputFile;
  if (input !== undefined) {
    const bytes = typeof input === 'string' ? dosBytes(input, raw) : input;
    bind(0, new InputBytes(bytes, 'redirected standard input'), ACCESS.READ, 'STDIN');
  }
  if (options.outputFile) bind(1, new OutputSink(options.outputFile, 'redirected standard output'), ACCESS.WRITE, 'STDOUT');
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
  const started = performance.now();
  const hostCwd = options.hostCwd ?? process.cwd();
  const raw = !!options.raw;
  const screenMode: ScreenMode = options.screen ?? 'none';
  const version = parseVersion(options.dosVersion);
  const memoryKB = options.memoryKB;
  if (memoryKB !== undefined && !(memoryKB >= 64 && memoryKB <= 640)) {
    throw new RunOptionError(`memory must be 64 to 640 KB (got ${memoryKB})`);
  }
  let drives = resolveDrives(options.drives, hostCwd);

  const emptyResult = (reason: RunReason, message: string, dosPath?: string): RunResult => ({
    exitCode: -1,
    reason,
    message,
    output: '',
    outputBytes: new Uint8Array(0),
    screen: [],
    instructions: 0,
    durationMs: performance.now() - started,
    dosPath,
    drives,
  });

  const located = locateProgram(program, drives, hostCwd);
  if (!located) return emptyResult('not-found', `cannot find ${program}`);
  drives = located.drives;
  const cwd = startDirectory(options.cwd, drives, hostCwd);

  const machine = new Machine({ memoryKB, now: systemClock.now });
  const bios = installBios(machine, { videoMode: options.videoMode });
  if (options.compiledTier && !options.trace) machine.cpu.setCompiledTier(true);
  let dos: Dos;
  try {
    dos = new Dos(machine, {
      drives: drives.map((d) => ({ letter: d.letter, hostPath: d.hostPath })),
      cwd,
      env: options.env && Object.fromEntries(Object.entries(options.env).map(([k, v]) => [dosText(k, raw), dosText(v, raw)])),
      version,
    });
  } catch (err) {
    throw new RunOptionError(err instanceof Error ? err.message : String(err));
  }
  const ctx: RunContext = { machine, dos, bios };

  // ---------------------------------------------------------------- console output
  const capture = options.captureOutput === false ? null : new OutputCapture();
  if (capture) bios.console.addSink((ch) => capture.push(ch));
  const out: RunOutput = options.stdout ?? (process.stdout as unknown as RunOutput);
  let stream: StreamOutput | null = null;
  let renderer: TerminalRenderer | null = null;
  let releaseGuard: (() => void) | null = null;
  const onResize = () => renderer?.invalidate();
  if (screenMode === 'stream') {
    stream = new StreamOutput(out as OutputTarget, raw);
    const s = stream;
    bios.console.addSink((ch) => s.push(ch));
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
  const stop = (message: string) => machine.terminate({ reason: 'stopped', exitCode: -1, message });
  const input = options.stdin;

  let trace: TextFileWriter | null = null;
  let traceFn: ((line: string) => void) | null = null;
  let end: MachineEnd | null = null;
  let vddBridge: VddBridge | null = null;
  const dosPath = located.dosPath;
  let rendererStarted = false;
  const onAbort = () => stop('stopped by the host');
  try {
    // Always a bridge, as NTVDM always has one: without plugins RegisterModule answers error 1.
    vddBridge = await attachVdds(machine, dos, options.vdds ?? []).catch((err) => {
      throw new RunOptionError(err instanceof Error ? err.message : String(err));
    });
    if (options.handles) traceHandlesOnTerminate(machine, dos, options.handles);
    if (options.onMachine) await options.onMachine(ctx);
    try {
      dos.start(dosPath, (options.args ?? []).map((a) => dosText(a, raw)));
    } catch (err) {
      if (err instanceof DosLoadError) {
        const missing = err.dosError === DOS_ERROR.FILE_NOT_FOUND || err.dosError === DOS_ERROR.PATH_NOT_FOUND;
        const reason = missing ? 'not-found' : 'bad-program';
        return { ...emptyResult(reason, err.message, dosPath), screen: frameLines(bios.frame()) };
      }
      throw err;
    }
    redirectStandardHandles(dos, options, raw);
    if (options.onStart) await options.onStart(ctx);

    const terminalInput = isTerminalInput(input) ? input : undefined;
    // Whatever vdm86 does to the terminal (raw input, the drawn screen) is undone even if the
    // process dies before the finally below runs.
    if (terminalInput || renderer) releaseGuard = guardTerminal({ fd: renderer ? out.fd : undefined, input: terminalInput });
    if (input === undefined || input === null) onEnd();
    else if (typeof input === 'string' || input instanceof Uint8Array) keys = typeAll(input, raw, onKey, onEnd);
    else if (terminalInput) keys = readTerminalKeys(terminalInput, onKey, () => stop('stopped by the user (Ctrl-\\)'), onEnd);
    else keys = readStreamKeys(input as unknown as ByteStream, raw, onKey, onEnd);

    if (renderer) {
      renderer.start();
      rendererStarted = true;
      out.on?.('resize', onResize);
    }

    let lastRender = -Infinity;
    let inputPaused = false;
    machine.addSliceHook((now) => {
      if (renderer && now - lastRender >= SCREEN_REFRESH_MS) {
        renderer.render(bios.frame());
        lastRender = now;
      }
      if (keys) {
        const queued = bios.keyboard.pendingKeys();
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
    vddBridge?.dispose();
    keys?.stop();
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
    screen: frameLines(bios.frame()),
    instructions: machine.cpu.instructions,
    durationMs: performance.now() - started,
    dosPath,
    drives,
  };
}
