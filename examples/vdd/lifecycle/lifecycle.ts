// Example VDD: user hooks. Once a DOS program registers it, it logs every DOS process that is
// created or terminates (by PSP segment) on the vdm86 console, and its dispatch routine prints
// a summary. Create fires once the new PSP is current; terminate fires before the process's
// handles close (for a TSR exit too).
//
//   npx vdm86 --vdd examples/vdd/lifecycle/lifecycle.ts roms/examples/lifelog.com
import type { VddService } from 'vdm86';

export const dllName = 'LIFECYCLE';

interface Tally {
  created: number;
  terminated: number;
  live: number[];
}
const tallies = new WeakMap<VddService, Tally>();

function say(vdd: VddService, text: string): void {
  for (const ch of `[lifecycle] ${text}\r\n`) vdd.machine.console.writeChar(ch.charCodeAt(0));
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** Init routine: installs the create and terminate hooks (CF=1 refuses if they were already in). */
export function LifecycleInit(vdd: VddService): void {
  const tally: Tally = { created: 0, terminated: 0, live: [] };
  const ok = vdd.installUserHook(
    (psp) => {
      tally.created++;
      tally.live.push(psp);
      say(vdd, `create    PSP ${hex4(psp)} (parent ${hex4(parentOf(vdd, psp))})`);
    },
    (psp) => {
      tally.terminated++;
      tally.live = tally.live.filter((p) => p !== psp);
      say(vdd, `terminate PSP ${hex4(psp)}`);
    },
  );
  if (ok) tallies.set(vdd, tally);
  vdd.setCF(ok ? 0 : 1);
  if (!ok) vdd.setAX(4);
}

/** Dispatch routine: prints what the hooks have seen so far. */
export function LifecycleDispatch(vdd: VddService): void {
  const t = tallies.get(vdd);
  if (t) say(vdd, `${t.created} created, ${t.terminated} terminated, live: ${t.live.map(hex4).join(' ') || 'none'}`);
  vdd.setCF(0);
}

/** PSP+16h: the parent's PSP. */
function parentOf(vdd: VddService, psp: number): number {
  const p = vdd.getVDMAddr(psp, 0x16, 2);
  return p[0] | (p[1] << 8);
}
