// What a VDD's own code did wrong, as vdm86 reports it: the plugin, the phase it was in (load,
// attach, init, dispatch, hook, detach) and the plugin's stack. NTVDM has no counterpart (an
// exception in a VDD DLL takes the whole VDM down with a Win32 unhandled-exception box); vdm86
// ends the run with a message that names the VDD and keeps the error for the host to show.

/** Where in a VDD's life the exception came from. */
export type VddPhase = 'load' | 'attach' | 'init' | 'dispatch' | 'hook' | 'detach';

export class VddPluginError extends Error {
  override readonly name = 'VddPluginError';
  /** The plugin's own exception. */
  override readonly cause: unknown;

  constructor(
    readonly vdd: string,
    readonly phase: VddPhase,
    /** What was running, e.g. "dispatch routine GreetDispatch" or "inb handler of port 3A0h". */
    readonly what: string,
    cause: unknown,
  ) {
    super(`VDD ${vdd}: ${what} threw: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.cause = cause;
  }

  /** The plugin's stack: the frames of the exception up to the first frame inside vdm86's VDD
   *  bridge (the frames below are vdm86's own and say nothing about the plugin). With source
   *  maps enabled (the vdm86 command enables them) the frames name the plugin's .ts lines. */
  get pluginStack(): string {
    const c = this.cause;
    if (!(c instanceof Error) || !c.stack) return '';
    const lines = c.stack.split('\n');
    const frames: string[] = [];
    for (const line of lines.slice(1)) {
      if (!/^\s+at /.test(line)) continue;
      if (/[\\/]src[\\/]vdd[\\/](bridge|bop|service|io-hooks|memory-hooks|user-hooks)\.ts|VddBridge\.|vdm86[\\/]dist[\\/]/.test(line)) break;
      frames.push(line);
    }
    return frames.join('\n');
  }
}
