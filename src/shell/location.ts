// Where the shipped COMMAND.COM is on the host: roms/shell/ of the vdm86 package, found by
// walking up from this module (src/shell/ when run from source, dist/ when bundled). A vdm86
// bundled elsewhere writes its built-in copy (command-image.ts) to a folder in the temp
// directory once and maps that.
import { keptCopy, statPath } from '../host/fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMAND_COM_BASE64 } from './command-image';

export const SHELL_FILE = 'COMMAND.COM';

let cached: string | null | undefined;

/** The host folder that drive Z: maps to by default, or null if there is none to be had. */
export function shellFolder(): string | null {
  if (cached !== undefined) return cached;
  // import.meta.dirname (Node 20.11) spares making a URL and parsing it back (~0.5 ms a start).
  let dir = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'roms', 'shell');
    if (statPath(join(candidate, SHELL_FILE))?.kind === 'file') return (cached = candidate);
    dir = dirname(dir);
  }
  return (cached = builtInCopy());
}

function builtInCopy(): string | null {
  return keptCopy('vdm86-shell', SHELL_FILE, Buffer.from(COMMAND_COM_BASE64, 'base64'));
}
