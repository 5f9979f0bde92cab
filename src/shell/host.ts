// The TypeScript end of BOP SHELL: one Shell per COMMAND.COM process (keyed by its segment, which
// is its PSP), one running computation per request block (the main loop's, and INT 2Eh's while a
// program runs under the shell). Each BOP hands the result of the last INT 21h to the
// computation and writes its next request into the block.
import type { Board } from '../hw/board';
import { BOP_INTERNAL } from '../cpu/bop';
import { rd16, rd8, wr16, wr8, copyFromSegment } from '../cpu/guest-memory';
import { BLOCK, CtrlBreak, OP, REQ, type Regs, type Reply, type Syscall } from './protocol';
import { GuestCalls, fromBytes } from './guest-calls';
import { Shell } from './shell';

interface Session {
  shell: Shell;
  run: Syscall<number>;
  /** The main loop's computation ends the process; INT 2Eh's returns to its caller. */
  main: boolean;
}

export function installShell(board: Board): void {
  const shells = new Map<number, Shell>();
  const sessions = new Map<number, Session>();
  const key = (cs: number, bx: number) => cs * 0x10000 + bx;

  board.bops.set(BOP_INTERNAL.SHELL, () => {
    try {
      step();
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      board.terminate({ reason: 'fault', exitCode: -1, message: `COMMAND.COM: ${msg}` });
    }
  });

  function step(): void {
    const cpu = board.cpu;
    const mem = board.mem;
    const cs = cpu.cs;
    const bx = cpu.bx;
    const op = rd16(mem, cs, bx + BLOCK.OP);
    let session: Session | undefined;
    let reply: Reply | undefined;
    if (op === OP.BREAK) {
      const sh = shells.get(cs);
      if (sh) sh.breakPending = true;
      return;
    }
    if (op === OP.START || op === OP.INT2E) {
      let shell = shells.get(cs);
      const calls = new GuestCalls(mem, cs, rd16(mem, cs, bx + BLOCK.SCRATCH), rd16(mem, cs, bx + BLOCK.SCRATCH_SIZE));
      if (op === OP.START || !shell) {
        shell = new Shell(calls);
        shells.set(cs, shell);
      }
      if (op === OP.START) session = { shell, run: shell.main(), main: true };
      else {
        // INT 2Eh: DS:SI -> count byte, command text, CR.
        const ds = rd16(mem, cs, bx + BLOCK.DS);
        const si = rd16(mem, cs, bx + BLOCK.SI);
        const n = rd8(mem, ds, si);
        const text = fromBytes(copyFromSegment(mem, ds, si + 1, n)).replace(/\r.*$/s, '');
        session = { shell, run: shell.int2e(text), main: false };
      }
      sessions.set(key(cs, bx), session);
    } else if (op === OP.RESULT) {
      session = sessions.get(key(cs, bx));
      reply = {
        ax: rd16(mem, cs, bx + BLOCK.AX),
        bx: rd16(mem, cs, bx + BLOCK.BX),
        cx: rd16(mem, cs, bx + BLOCK.CX),
        dx: rd16(mem, cs, bx + BLOCK.DX),
        si: rd16(mem, cs, bx + BLOCK.SI),
        di: rd16(mem, cs, bx + BLOCK.DI),
        ds: rd16(mem, cs, bx + BLOCK.DS),
        es: rd16(mem, cs, bx + BLOCK.ES),
        flags: rd16(mem, cs, bx + BLOCK.FLAGS),
      };
    }
    if (!session) throw new Error(`BOP SHELL with no shell at ${cs.toString(16)}:${bx.toString(16)} (op ${op})`);
    const sh = session.shell;
    let r: IteratorResult<unknown, number>;
    if (reply && sh.breakPending) {
      sh.breakPending = false;
      r = session.run.throw(new CtrlBreak());
    } else r = session.run.next(reply as Reply);
    if (r.done) {
      sessions.delete(key(cs, bx));
      wr16(mem, cs, bx + BLOCK.AX, r.value & 0xff);
      if (session.main) {
        shells.delete(cs);
        wr16(mem, cs, bx + BLOCK.OP, REQ.EXIT);
      } else wr16(mem, cs, bx + BLOCK.OP, REQ.RETURN);
      return;
    }
    const q = r.value as Regs;
    wr16(mem, cs, bx + BLOCK.OP, REQ.INT);
    wr16(mem, cs, bx + BLOCK.AX, q.ax);
    wr16(mem, cs, bx + BLOCK.BX, q.bx);
    wr16(mem, cs, bx + BLOCK.CX, q.cx);
    wr16(mem, cs, bx + BLOCK.DX, q.dx);
    wr16(mem, cs, bx + BLOCK.SI, q.si);
    wr16(mem, cs, bx + BLOCK.DI, q.di);
    wr16(mem, cs, bx + BLOCK.DS, q.ds);
    wr16(mem, cs, bx + BLOCK.ES, q.es);
    wr8(mem, cs, bx + BLOCK.VECTOR, q.vector ?? 0x21);
  }
}
