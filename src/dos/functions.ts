// Installs every INT 21h function DOS-core serves into the table (FileSystem installs its own).
// Grouped by the module that implements them, so the coverage reads here at a glance.
import type { Dos } from './dos';
import { int21_38, int21_65, int21_66 } from './country';
import { registerConsoleFunctions } from './console-functions';
import { registerMemoryFunctions } from './memory-functions';
import { registerSystemFunctions } from './system';
import { registerTimeFunctions } from './time';
import { int21_00, int21_26, int21_31, int21_4B, int21_4C, int21_4D, int21_50, int21_51, int21_55 } from './process';

export function registerCoreFunctions(dos: Dos): void {
  const t = dos.int21;
  registerConsoleFunctions(dos); // 01h-0Dh
  registerSystemFunctions(dos); // 18h 1Ah 1Dh 1Eh 20h 25h 2Eh 2Fh 30h 33h 34h 35h 37h 52h 54h 59h 5Dh 61h 63h 6Bh
  registerTimeFunctions(dos); // 2Ah-2Dh
  registerMemoryFunctions(dos); // 48h 49h 4Ah 58h
  // processes
  t.set(0x00, int21_00);
  t.set(0x26, int21_26);
  t.set(0x31, int21_31);
  t.set(0x4b, int21_4B);
  t.set(0x4c, int21_4C);
  t.set(0x4d, int21_4D);
  t.set(0x50, int21_50);
  t.set(0x51, int21_51);
  t.set(0x55, int21_55);
  t.set(0x62, int21_51);
  // country information
  t.set(0x38, int21_38);
  t.set(0x65, int21_65);
  t.set(0x66, int21_66);
}
