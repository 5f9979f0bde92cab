// The four VDD handle calls, driven by a guest program (roms/tests/vdd-handles) through the whole
// machine: a VDD hands host objects to the guest as DOS handles, which INT 21h then reads, closes
// and passes to an EXEC child; the handle walk shows what DOS keeps in memory meanwhile.
import { afterAll, describe, expect, it } from 'vitest';
import { linear } from '../../src/cpu/guest-memory';
import { PSP } from '../../src/dos/layout';
import { ACCESS, MemoryHostObject, walkHandles, type HandleWalk, type VddModule } from '../../src/vdd';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

const GREETING = 'Hello from the host!\r\n';
const DATA = '12345 a file DOS opened\r\n';

/** The HANDLES VDD of vdd-handles.asm (see its header for the functions). */
function handlesVdd() {
  const made: { obj: MemoryHostObject; id: number; handle: number }[] = [];
  const walks: HandleWalk[] = [];
  const retrieved: { hostHandle: number; sft: number; jft: number; path?: string; sfnInJft: number; psp: number }[] = [];
  const module: VddModule = {
    name: 'HANDLES',
    routines: {
      Dispatch: (v) => {
        const fn = v.getDL();
        if (fn === 1 || fn === 4) {
          const obj = new MemoryHostObject(GREETING, 'greeting');
          const alloc = v.allocateDosHandle(0);
          if (alloc.handle < 0) {
            v.setAX(alloc.handle & 0xffff);
            v.setCF(1);
            return;
          }
          const id = v.associateNtHandle(alloc.sft, obj, ACCESS.READ | (fn === 4 ? ACCESS.NO_INHERIT : 0));
          made.push({ obj, id, handle: alloc.handle });
          walks.push(walkHandles(v.machine, undefined, v.hostHandles));
          v.setAX(alloc.handle);
          v.setCF(0);
        } else if (fn === 2) {
          const r = v.retrieveNtHandle(0, v.getBX());
          if (!r.hostHandle) {
            v.setAX(0);
            v.setCF(1);
            return;
          }
          const obj = v.hostObject(r.hostHandle)!;
          retrieved.push({ ...r, path: obj.hostPath, sfnInJft: v.mem[r.jft + v.getBX()], psp: v.getCurrentPsp() });
          walks.push(walkHandles(v.machine, undefined, v.hostHandles));
          const buf = new Uint8Array(5);
          const n = obj.read(0, buf);
          v.getVDMAddr(v.getDS(), v.getDI(), 5).set(buf);
          v.setAX(n);
          v.setCF(0);
        } else if (fn === 3) {
          v.setAX(v.releaseDosHandle(0, v.getBX()) ? 1 : 0);
          v.setCF(0);
        } else if (fn === 5) {
          v.setAX(made.at(-1)?.obj.closed ? 1 : 0);
          v.setCF(0);
        }
      },
    },
  };
  return { module, made, walks, retrieved };
}

async function scenario(letter: string) {
  const vdd = handlesVdd();
  const childWalks: HandleWalk[] = [];
  const run = await runGuest({
    program: 'roms/tests/vdd-handles.com',
    programs: { 'CHILD.COM': 'roms/tests/vdd-hchild.com' },
    files: { 'DATA.TXT': DATA },
    args: [letter],
    vdds: [vdd.module],
    before: ({ machine, dos }) => {
      dos.addProcessListener({ onCreate: (psp) => void childWalks.push(walkHandles(machine, psp, dos.hostHandles)) });
    },
  });
  return { run, ...vdd, childWalks };
}

describe('VDD handle calls', () => {
  it('round trip: allocate, associate, the guest reads and closes, the host object is closed', async () => {
    const { run, made, walks } = await scenario('R');
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'handle: CF=0 AX=0005',
      'Hello from the host!',
      'closed before 3Eh: CF=0 AX=0000',
      'close: CF=0',
      'closed after 3Eh: CF=0 AX=0001',
    ]);
    expect(made).toHaveLength(1);
    expect(made[0].obj.closed).toBe(true);
    expect(run.dos.hostHandles.get(made[0].id)).toBeUndefined();
    // What allocate + associate left in guest memory, as the walk reads it
    const rec = walks[0].handles.find((h) => h.handle === 5)!;
    expect(rec.sft).toMatchObject({
      refCount: 1,
      openMode: 0,
      isDevice: false,
      noInherit: false,
      devicePointer: { seg: 0xffff, off: 0xffff },
      hostHandle: made[0].id,
      position: 0,
      size: GREETING.length,
      ownerPsp: walks[0].psp,
    });
    expect(rec.host).toMatchObject({ id: made[0].id, open: true, description: 'greeting' });
  });

  it('retrieveNtHandle finds the host file behind a handle the guest opened with 3Dh', async () => {
    const { run, retrieved, walks } = await scenario('T');
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual(['open: CF=0 AX=0005', 'retrieve: CF=0 AX=0005', '12345', 'retrieve free: CF=1 AX=0000']);
    expect(retrieved).toHaveLength(1);
    const r = retrieved[0];
    expect(r.path).toMatch(/DATA\.TXT$/);
    // ppJFT is the JFT inside the PSP; ppSFT is the entry of the SFN in JFT slot 5
    expect(r.jft).toBe(linear(r.psp, PSP.JFT));
    const rec = walks[0].handles.find((h) => h.handle === 5)!;
    expect(rec.sfn).toBe(r.sfnInJft);
    expect(rec.sft?.linear).toBe(r.sft);
    expect(rec.sft?.name).toBe('DATA.TXT');
  });

  it('allocates into slot 20 and beyond after 67h raised the handle count', async () => {
    const { run, walks } = await scenario('S');
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual(['set count: CF=0', 'handle: CF=0 AX=0014', 'Hello from the host!']);
    const w = walks[0];
    expect(w.jftSize).toBe(30);
    expect(w.jftPointer).not.toEqual({ seg: w.psp, off: PSP.JFT });
    expect(w.handles.map((h) => h.handle)).toEqual([...Array(21).keys()]);
    expect(w.handles[20].host?.description).toBe('greeting');
  });

  it('answers -4 when the JFT is full', async () => {
    const { run, made } = await scenario('F');
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual(['handle: CF=1 AX=FFFC']);
    expect(made).toHaveLength(0);
  });

  it('releaseDosHandle frees the DOS handle and leaves the host object open', async () => {
    const { run, made } = await scenario('L');
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'release: CF=0 AX=0001',
      'read after release: CF=1 AX=0006',
      'release again: CF=0 AX=0000',
      'closed: CF=0 AX=0000',
    ]);
    expect(made[0].obj.closed).toBe(false);
    expect(run.dos.hostHandles.get(made[0].id)).toBe(made[0].obj);
  });

  it('an EXEC child inherits a VDD handle unless it was associated with the no-inherit bit', async () => {
    const { run, made, childWalks } = await scenario('I');
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'inheritable: CF=0 AX=0005',
      'no-inherit: CF=0 AX=0006',
      'child reads 5: CF=0 AX=0005',
      'Hello',
      'child reads 6: CF=1 AX=0006',
      'exec: CF=0',
      'child exit: CF=0 AX=0003',
      'parent reads no-inherit: CF=0 AX=0005',
      'Hello',
    ]);
    const child = childWalks.at(-1)!; // the last process created is CHILD.COM
    const inherited = child.handles.find((h) => h.handle === 5)!;
    expect(inherited.sft?.refCount).toBe(2);
    expect(inherited.host?.id).toBe(made[0].id);
    expect(child.handles.find((h) => h.handle === 6)).toBeUndefined();
    // Both closed when the parent ended and its handles closed
    expect(made.map((m) => m.obj.closed)).toEqual([true, true]);
  });
});
