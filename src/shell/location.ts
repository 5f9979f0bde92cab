// Where the shipped COMMAND.COM is on the host: roms/shell/ of the vdm86 package, found by
// walking up from this module (src/shell/ when run from source, dist/ when bundled).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHELL_FILE = 'COMMAND.COM';

let cached: string | null | undefined;

/** The host folder that drive Z: maps to by default, or null if the package has none. */
export function shellFolder(): string | null {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'roms', 'shell');
    if (existsSync(join(candidate, SHELL_FILE))) return (cached = candidate);
    dir = dirname(dir);
  }
  return (cached = null);
}
