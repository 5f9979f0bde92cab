// Installs every INT 21h function DOS-core serves into the table (FileSystem installs its own).
// One line per function, grouped by the module that implements it, so the coverage is readable here.
import type { Dos } from './dos';
import { int21_38, int21_65, int21_66 } from './country';

export function registerCoreFunctions(dos: Dos): void {
  const t = dos.int21;
  // country information
  t.set(0x38, int21_38);
  t.set(0x65, int21_65);
  t.set(0x66, int21_66);
}
