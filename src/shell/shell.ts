// One shell instance (one COMMAND.COM process): its options, environment, ECHO state, errorlevel
// and batch stack, and the interpreter that runs command lines — pipes, redirections, internal
// commands, batch files and programs found on PATH. Every DOS action is an INT 21h the guest
// half issues (guest-calls.ts), so what runs under it sees a real DOS shell.
import { rd16, rd8, copyFromSegment, wr16 } from '../cpu/guest-memory';
import { CtrlBreak, type Syscall } from './protocol';
import { GuestCalls, ATTR, fromBytes } from './guest-calls';
import { ShellEnvironment, ENV_DEFAULT, ENV_MAX, ENV_MIN, ENV_SPARE } from './environment';
import { parseRedirections, splitCommand, splitParameters, splitPipes, type SimpleCommand } from './command-line';
import { expandBatchLine } from './expand';
import { batchLines, type BatchFrame } from './batch';
import { MSG } from './messages';
import { expandPrompt } from './prompt';
import { INTERNAL_COMMANDS } from './internal/index';
import { editLine } from './line-editor';

/** IOCTL 4400h device information bits. */
const DEVICE_INFO = { CONSOLE_INPUT: 0x01, IS_DEVICE: 0x80 } as const;

/** PSP fields the shell reads of its own PSP. */
const PSP_PARENT = 0x16;
const PSP_ENVIRONMENT = 0x2c;
const PSP_TAIL = 0x80;

/** Program kinds in the order COMMAND.COM tries them for a name without extension. */
const PROGRAM_EXTENSIONS = ['.COM', '.EXE', '.BAT'] as const;

export type Internal = (sh: Shell, tail: string) => Syscall<void>;

export interface ShellOptions {
  /** /C or /K: the command to run. */
  command?: string;
  /** /K: stay after the command. */
  keep: boolean;
  /** /P: permanent (EXIT does nothing). */
  permanent: boolean;
  /** /E:size. */
  envSize?: number;
}

/** COMMAND's switches from its command tail: /P, /E:nnnnn, /C or /K and the rest of the line. */
export function parseShellTail(tail: string): ShellOptions {
  const out: ShellOptions = { keep: false, permanent: false };
  const m = /\/([CK])/i.exec(tail);
  const head = m ? tail.slice(0, m.index) : tail;
  if (m) {
    out.command = tail.slice(m.index + 2).replace(/^[ \t]+/, '');
    out.keep = m[1].toUpperCase() === 'K';
  }
  if (/\/P/i.test(head)) out.permanent = true;
  const e = /\/E:(\d+)/i.exec(head);
  if (e) out.envSize = Number(e[1]);
  return out;
}

export class Shell {
  env!: ShellEnvironment;
  echo = true;
  errorlevel = 0;
  readonly batches: BatchFrame[] = [];
  permanent = false;
  /** EXIT was given. */
  exiting = false;
  /** Ctrl-C reached INT 23h; thrown into the computation at its next step (host.ts). */
  breakPending = false;
  /** Lines typed at the prompt, oldest first (up/down recall). */
  readonly history: string[] = [];

  constructor(readonly dos: GuestCalls) {}

  get mem(): Uint8Array {
    return this.dos.mem;
  }

  isInternal(name: string): boolean {
    return INTERNAL_COMMANDS.has(name.toUpperCase());
  }

  *print(text: string): Syscall<void> {
    yield* this.dos.write(1, text);
  }

  *println(text = ''): Syscall<void> {
    yield* this.dos.write(1, text + '\r\n');
  }

  /** The shell process: set up, then /C, /K or the prompt. Returns the exit code. */
  *main(): Syscall<number> {
    const seg = this.dos.seg;
    const len = rd8(this.mem, seg, PSP_TAIL);
    const tail = fromBytes(copyFromSegment(this.mem, seg, PSP_TAIL + 1, Math.min(len, 127)));
    const options = parseShellTail(tail);
    this.permanent = options.permanent;
    // A permanent (primary) shell is its own parent, as MS-DOS marks the one loaded by CONFIG.SYS.
    if (this.permanent) wr16(this.mem, seg, PSP_PARENT, seg);
    yield* this.setupEnvironment(options.envSize);
    if (options.command !== undefined && !options.keep) {
      yield* this.runTopLevel(options.command);
      return this.errorlevel;
    }
    if (options.command !== undefined) yield* this.runTopLevel(options.command);
    return yield* this.interactive();
  }

  /** INT 2Eh: run one command line in this shell; the result is its errorlevel. */
  *int2e(command: string): Syscall<number> {
    yield* this.runTopLevel(command);
    return this.errorlevel;
  }

  private *setupEnvironment(requested: number | undefined): Syscall<void> {
    const seg = this.dos.seg;
    const parentSeg = rd16(this.mem, seg, PSP_ENVIRONMENT);
    const strings = parentSeg ? ShellEnvironment.readStrings(this.mem, parentSeg) : [];
    const used = strings.reduce((n, s) => n + s.length + 1, 1);
    // /E:size is honoured (never below what was inherited); without it, room to grow is kept.
    const size =
      requested === undefined
        ? Math.min(ENV_MAX, (Math.max(ENV_DEFAULT, used + ENV_SPARE) + 15) & ~15)
        : Math.min(ENV_MAX, (Math.max(ENV_MIN, Math.min(ENV_MAX, requested), used) + 15) & ~15);
    const block = yield* this.dos.alloc(size >> 4);
    if (block < 0) {
      this.env = new ShellEnvironment(this.mem, parentSeg, used);
      return;
    }
    this.env = new ShellEnvironment(this.mem, block, size);
    this.env.store(
      strings.map((s) => {
        const eq = s.indexOf('=');
        return eq < 0 ? [s, ''] : [s.slice(0, eq), s.slice(eq + 1)];
      }),
    );
    // The environment is ours from now on: PSP+2Ch names it, children get copies of it.
    wr16(this.mem, seg, PSP_ENVIRONMENT, block);
    if (parentSeg) yield* this.dos.free(parentSeg);
  }

  /** A line from /C, /K, INT 2Eh or the prompt: runs it, and any batch it starts to its end. */
  *runTopLevel(line: string): Syscall<void> {
    const depth = this.batches.length;
    try {
      yield* this.runLine(line);
    } catch (err) {
      if (!(err instanceof CtrlBreak)) throw err;
      yield* this.print('\r\n');
    }
    yield* this.runBatches(depth);
  }

  private *interactive(): Syscall<number> {
    for (;;) {
      if (this.exiting && !this.permanent) return this.errorlevel;
      this.exiting = false;
      if (this.echo) yield* this.print('\r\n' + (yield* this.prompt()));
      let line: string;
      try {
        line = yield* this.readCommandLine();
      } catch (err) {
        if (!(err instanceof CtrlBreak)) throw err;
        continue;
      }
      if (line.trim()) this.history.push(line);
      yield* this.runTopLevel(line);
    }
  }

  /** A line typed at the prompt: with the console as standard input, the line editor with
   *  history; otherwise (redirected input) INT 21h/0Ah. */
  private *readCommandLine(): Syscall<string> {
    const info = yield* this.dos.deviceInfo(0);
    const console = info >= 0 && (info & (DEVICE_INFO.IS_DEVICE | DEVICE_INFO.CONSOLE_INPUT)) === (DEVICE_INFO.IS_DEVICE | DEVICE_INFO.CONSOLE_INPUT);
    if (!console) return yield* this.readLine();
    const line = yield* editLine(this, this.history);
    yield* this.print('\r\n');
    return line;
  }

  /** A line through INT 21h/0Ah, which echoes the Enter as CR; the LF completes the line end. */
  *readLine(): Syscall<string> {
    const line = yield* this.dos.readLine();
    yield* this.print('\n');
    return line;
  }

  *prompt(): Syscall<string> {
    return yield* expandPrompt(this, this.env.get('PROMPT') ?? '$P$G');
  }

  /** The current directory of the current drive, "C:\DIR". */
  *currentDirectory(): Syscall<string> {
    const drive = yield* this.dos.getDrive();
    const cwd = yield* this.dos.getCwd(drive);
    return `${String.fromCharCode(0x41 + drive)}:\\${typeof cwd === 'string' ? cwd : ''}`;
  }

  /** One command line: pipes, redirections, then the command. */
  *runLine(line: string): Syscall<void> {
    const parts = splitPipes(line);
    if (parts.length === 1) {
      const c = parseRedirections(parts[0]);
      yield* this.withRedirections(c, () => this.runSimple(c.text));
      return;
    }
    yield* this.runPipeline(parts);
  }

  /** A | B | C: A's output to a temporary file that is B's input, and so on (as MS-DOS 5 does,
   *  in %TEMP% or the current drive's root), then the files are deleted. */
  private *runPipeline(parts: string[]): Syscall<void> {
    let dir = this.env.get('TEMP') ?? '';
    if (dir) {
      const attr = yield* this.dos.getAttributes(dir.replace(/\\$/, '') || dir);
      if (attr < 0 || !(attr & ATTR.DIRECTORY)) dir = '';
    }
    if (!dir) dir = `${String.fromCharCode(0x41 + (yield* this.dos.getDrive()))}:\\`;
    if (!dir.endsWith('\\')) dir += '\\';
    const temps = parts.slice(1).map((_, i) => `${dir}%PIPE${i + 1}.$$$`);
    try {
      for (let i = 0; i < parts.length; i++) {
        const c: SimpleCommand = parseRedirections(parts[i]);
        if (i > 0) c.input = temps[i - 1];
        if (i < parts.length - 1) {
          c.output = temps[i];
          c.append = false;
        }
        yield* this.withRedirections(c, () => this.runSimple(c.text));
      }
    } finally {
      for (const t of temps) yield* this.dos.unlink(t);
    }
  }

  /** Runs `body` with handles 0/1 pointing at the redirection files, as COMMAND.COM does it:
   *  open (3Dh) or create (3Ch) the file, keep the old handle with 45h, put the file on 0 or 1
   *  with 46h, and put the old ones back afterwards. */
  /** Handle `h` becomes standard handle `n` (45h/46h, as COMMAND.COM redirects), the old one
   *  kept in `saved` for the restore. */
  private *standIn(h: number, n: number, saved: [number, number][]): Syscall<void> {
    saved.push([n, yield* this.dos.dup(n)]);
    yield* this.dos.dup2(h, n);
    yield* this.dos.close(h);
  }

  *withRedirections(c: SimpleCommand, body: () => Syscall<void>): Syscall<void> {
    const saved: [number, number][] = [];
    try {
      if (c.input !== undefined) {
        const h = yield* this.dos.open(c.input, 0);
        if (h < 0) {
          yield* this.println(MSG.FILE_NOT_FOUND);
          return;
        }
        yield* this.standIn(h, 0, saved);
      }
      if (c.output !== undefined) {
        let h = -1;
        if (c.append) {
          h = yield* this.dos.open(c.output, 2);
          if (h >= 0) yield* this.seekAppend(h);
        }
        if (h < 0) h = yield* this.dos.create(c.output);
        if (h < 0) {
          yield* this.println(MSG.ACCESS_DENIED);
          return;
        }
        yield* this.standIn(h, 1, saved);
      }
      yield* body();
    } finally {
      for (const [target, s] of saved.reverse()) {
        if (s < 0) continue;
        yield* this.dos.dup2(s, target);
        yield* this.dos.close(s);
      }
    }
  }

  /** >> goes to the end of the file, over a closing Ctrl-Z if there is one (MS-DOS 5). */
  private *seekAppend(h: number): Syscall<void> {
    const size = yield* this.dos.seek(h, 2, 0);
    if (size <= 0) return;
    yield* this.dos.seek(h, 0, size - 1);
    const last = yield* this.dos.read(h, 1);
    if (typeof last !== 'number' && last[0] === 0x1a) yield* this.dos.seek(h, 0, size - 1);
  }

  /** One command without redirections: a drive change, an internal command or a program. */
  *runSimple(text: string): Syscall<void> {
    const t = text.replace(/^[ \t@]+/, '');
    if (!t.trim()) return;
    const { name, tail } = splitCommand(t, (n) => this.isInternal(n));
    if (/^[A-Za-z]:$/.test(name) && !tail.trim()) {
      const drive = name.toUpperCase().charCodeAt(0) - 0x41;
      yield* this.dos.setDrive(drive);
      if ((yield* this.dos.getDrive()) !== drive) yield* this.println(MSG.INVALID_DRIVE);
      return;
    }
    const internal = INTERNAL_COMMANDS.get(name.toUpperCase());
    if (internal) {
      yield* internal(this, tail);
      return;
    }
    yield* this.runProgram(name, tail, false);
  }

  /** A program or batch file by name: as given when it has a path or an extension, else
   *  NAME.COM, NAME.EXE, NAME.BAT in the current directory, then in each PATH directory. */
  *findProgram(name: string): Syscall<string | null> {
    const base = name.replace(/^.*[\\:]/, '');
    const dot = base.lastIndexOf('.');
    const ext = dot >= 0 ? base.slice(dot).toUpperCase() : '';
    if (ext && !(PROGRAM_EXTENSIONS as readonly string[]).includes(ext)) return null;
    const exts = ext ? [''] : PROGRAM_EXTENSIONS;
    const dirs = /[\\:]/.test(name) ? [''] : ['', ...(this.env.get('PATH') ?? '').split(';').filter((d) => d.trim())];
    for (const d of dirs) {
      const prefix = d === '' || d.endsWith('\\') || d.endsWith(':') ? d : d + '\\';
      for (const e of exts) {
        const candidate = prefix + name + e;
        const attr = yield* this.dos.getAttributes(candidate);
        if (attr >= 0 && !(attr & (ATTR.DIRECTORY | ATTR.VOLUME))) return candidate.toUpperCase();
      }
    }
    return null;
  }

  /** Runs a program or a batch file; `call` keeps the current batch (CALL), otherwise a batch
   *  started from a batch replaces it (MS-DOS chains batch files). */
  *runProgram(name: string, tail: string, call: boolean): Syscall<void> {
    const path = yield* this.findProgram(name);
    if (!path) {
      yield* this.println(MSG.BAD_COMMAND);
      return;
    }
    if (path.endsWith('.BAT')) {
      yield* this.startBatch(path, name, tail, call);
      return;
    }
    const r = yield* this.dos.exec(path, tail);
    if (r < 0) {
      const err = -r;
      yield* this.println(err === 8 ? MSG.EXEC_FAILURE : err === 2 || err === 3 ? MSG.BAD_COMMAND : `EXEC failure (error ${err})`);
      return;
    }
    this.errorlevel = (yield* this.dos.returnCode()) & 0xff;
  }

  *startBatch(path: string, typedName: string, tail: string, call: boolean): Syscall<void> {
    const data = yield* this.dos.readFile(path);
    if (typeof data === 'number') {
      yield* this.println(MSG.BATCH_MISSING);
      return;
    }
    const frame: BatchFrame = {
      path,
      lines: batchLines(fromBytes(data)),
      pos: 0,
      params: [typedName, ...splitParameters(tail)],
      savedEcho: this.echo,
    };
    const top = this.batches.length - 1;
    if (!call && top >= 0) {
      frame.savedEcho = this.batches[top].savedEcho;
      this.batches[top] = frame;
      return;
    }
    this.batches.push(frame);
    if (call) yield* this.runBatches(this.batches.length - 1);
  }

  /** Runs batch lines while the stack is deeper than `depth`. */
  *runBatches(depth: number): Syscall<void> {
    while (this.batches.length > depth) {
      const f = this.batches[this.batches.length - 1];
      if (f.pos >= f.lines.length || this.exiting) {
        this.batches.pop();
        this.echo = f.savedEcho;
        if (this.exiting) {
          while (this.batches.length > depth) this.echo = (this.batches.pop() as BatchFrame).savedEcho;
        }
        continue;
      }
      const line = f.lines[f.pos++];
      try {
        yield* this.runBatchLine(line, f);
      } catch (err) {
        if (!(err instanceof CtrlBreak)) throw err;
        if (yield* this.askTerminateBatch()) {
          if (this.batches.length) this.echo = this.batches[0].savedEcho;
          this.batches.length = 0;
        }
      }
    }
  }

  private *runBatchLine(line: string, f: BatchFrame): Syscall<void> {
    const text = expandBatchLine(line, f.params, (n) => this.env.get(n));
    let t = text.replace(/^[ \t]+/, '');
    if (t.startsWith(':')) return;
    let quiet = false;
    if (t.startsWith('@')) {
      quiet = true;
      t = t.slice(1);
    }
    if (!t.trim()) return;
    if (this.echo && !quiet) yield* this.print('\r\n' + (yield* this.prompt()) + t + '\r\n');
    yield* this.runLine(t);
  }

  /** "Terminate batch job (Y/N)?" until Y or N. */
  private *askTerminateBatch(): Syscall<boolean> {
    for (;;) {
      yield* this.print('\r\n' + MSG.TERMINATE_BATCH);
      const key = yield* this.dos.readKey();
      const ch = String.fromCharCode(key).toUpperCase();
      if (ch === 'Y' || ch === 'N') {
        yield* this.print(ch + '\r\n');
        return ch === 'Y';
      }
    }
  }

  /** The batch running now, if any. */
  get currentBatch(): BatchFrame | undefined {
    return this.batches[this.batches.length - 1];
  }
}
