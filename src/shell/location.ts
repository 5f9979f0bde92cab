// Where the shipped COMMAND.COM is on the host: roms/shell/ of the vdm86 package, found by
// walking up from this module (src/shell/ when run from source, dist/ when bundled). A vdm86
// bundled elsewhere writes its built-in copy (command-image.ts) to a folder in the temp
// directory once and maps that.
import { writeFileSync } from 'node:fs';
import { makeDirectory, readFileHead, statPath } from '../host/fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { COMMAND_COM_BASE64 } from './command-image';

export const SHELL_FILE = 'COMMAND.COM';

let cached: string | null | undefined;

/** The host folder that drive Z: maps to by default, or null if there is none to be had. */
export function shellFolder(): string | null {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'roms', 'shell');
    if (statPath(join(candidate, SHELL_FILE))?.kind === 'file') return (cached = candidate);
    dir = dirname(dir);
  }
  return (cached = builtInCopy());
}

function builtInCopy(): string | null {
  const image = Buffer.from(COMMAND_COM_BASE64, 'base64');
  const folder = join(tmpdir(), `vdm86-shell-${createHash('sha256').update(image).digest('hex').slice(0, 12)}`);
  const file = join(folder, SHELL_FILE);
  try {
    if (statPath(file)?.kind !== 'file' || Buffer.compare(readFileHead(file, image.length + 1).data, image) !== 0) {
      if (!statPath(folder)) makeDirectory(folder);
      // (host/fs has no whole-file writer; this is the one write the shell's location needs)
      writeFileSync(file, image);
    }
    return folder;
  } catch {
    return null;
  }
}
