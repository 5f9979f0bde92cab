// commander, the option parser of the vdm86 command and of `vdm86 test`, required when first
// needed: a plain run reads its command line without it (bin/cli.ts plainRun), and loading it
// (it makes its default program object as it loads) cost every such start ~1 ms.
import type * as Commander from 'commander';

let loaded: typeof Commander | undefined;

function commander(): typeof Commander {
  // A require() esbuild bundles (commander's CommonJS build), run at this first call.
  return (loaded ??= require('commander') as typeof Commander);
}

/** A new commander Command named `name`. */
export function command(name: string): Commander.Command {
  return new (commander().Command)(name);
}

/** A bad option value, as an option's parser throws it for commander to report. */
export function invalidArgument(message: string): Error {
  return new (commander().InvalidArgumentError)(message);
}

/** True for commander's own errors (exitOverride: help, version, usage errors). */
export function isCommanderError(err: unknown): err is Commander.CommanderError {
  return loaded !== undefined && err instanceof loaded.CommanderError;
}
