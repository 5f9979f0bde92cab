// What a VDD's own code did wrong, as vdm86 reports it: the plugin, the phase it was in (load,
// attach, init, dispatch, hook, detach) and the plugin's stack. NTVDM has no counterpart (an
// exception in a VDD DLL takes the whole VDM down with a Win32 unhandled-exception box); vdm86
// ends the run with a message that names the VDD and keeps the error for the host to show.

/** Where in a VDD's life the exception came from. */
export type VddPhase = 'load' | 'attach' | 'init' | 'dispatch' | 'hook' | 'detach';

/** Turns one stack frame of a plugin loaded from a file into its source location (null for
 *  any other frame). Set by the plugin loader, which knows how plugins are compiled. */
export type StackFrameMapper = (frame: string) => string | null;
let mapFrame: StackFrameMapper = () => null;

export function setStackFrameMapper(mapper: StackFrameMapper): void {
  mapFrame = mapper;
}

/** vdm86's own VDD layer, where a plugin's frames end (the bridge called it from there). */
const BRIDGE_FRAME = /[\\/](src[\\/]vdd[\\/][\w-]+\.ts|dist[\\/](index|cli)\.js)/;

export class VddPluginError extends Error {
  override readonly name = 'VddPluginError';
  /** The plugin's own exception. */
  override readonly cause: unknown;
  /** The first line of the report: "VDD NAME: what threw: message". */
  readonly headline: string;
  /** The plugin's frames of the exception, mapped to its .ts source (see pluginStack). */
  readonly pluginStack: string;

  constructor(
    readonly vdd: string,
    readonly phase: VddPhase,
    /** What was running, e.g. "dispatch routine GreetDispatch" or "inb handler of port 3A0h". */
    readonly what: string,
    cause: unknown,
  ) {
    const headline = `VDD ${vdd}: ${what} threw: ${cause instanceof Error ? cause.message : String(cause)}`;
    const stack = pluginFrames(cause);
    super(stack ? `${headline}\n${stack}` : headline);
    this.cause = cause;
    this.headline = headline;
    this.pluginStack = stack;
  }
}

/** The frames of `err` that are the plugin's: for a plugin loaded from a file, its own frames
 *  mapped to the .ts lines; for a module object, the frames above vdm86's VDD layer. */
function pluginFrames(err: unknown): string {
  if (!(err instanceof Error) || typeof err.stack !== 'string') return '';
  const frames = err.stack.split('\n').filter((l) => /^\s+at /.test(l));
  const own = frames.map((f) => mapFrame(f)).filter((f) => f !== null);
  if (own.length) return own.join('\n');
  const out: string[] = [];
  for (const f of frames) {
    if (BRIDGE_FRAME.test(f)) {
      if (out.length) break;
      continue; // vdm86 frames above the plugin's (a service call that refused)
    }
    out.push(f);
  }
  return out.join('\n');
}
