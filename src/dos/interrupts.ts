// The DOS interrupt entry points as BOP handlers: INT 21h dispatch (with the caller's register
// frame saved on its stack and SS:SP recorded at PSP+2Eh, as MS-DOS does), INT 20h/27h, the
// default INT 00h/23h/24h handlers, INT 1Bh (Ctrl-Break), INT 25h/26h, 29h, 2Fh, the CP/M
// CALL 5 entry and the ROM's root_terminate. A host exception inside a handler becomes a clean
// machine fault.
import { HostWorkMeter } from './host-work';
import { FLAG } from '../cpu/cpu';
import { rd16, wr16 } from '../cpu/guest-memory';
import { BOP_INTERNAL, rewindToBop } from '../cpu/bop';
import { CALL_OUTCOME, USER_FRAME, callOutcome, runAgain, saveUserFrame, restoreUserRegisters, type CallOutcome, type CallResult } from './call-frame';
import { IRET_CS, IRET_FLAGS, IRET_IP } from '../bios/iret-frame';
import { PSP, SDA } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import { DOS_ERROR } from './errors';
import { consoleBreak, consoleCtrlCWaiting, consolePutChar, echoCtrlC, consoleWriteRaw } from './console';
import { terminateProcess, TERMINATION } from './process';
import { multiplex } from './multiplex';
import { isCookedConsole } from './stdio';
import type { Kernel, CallState } from './kernel';

/** INT 21h functions DOS answers without switching stacks, leaving PSP+2Eh alone. */
const QUICK_FUNCTIONS = new Set([0x33, 0x50, 0x51, 0x62, 0x64]);
/** Console functions that check for Ctrl-C themselves. */
const CONSOLE_FUNCTIONS_MAX = 0x0c;
/** INT 21h/40h, write to a handle. */
const WRITE_HANDLE = 0x40;

const SDA_BASE = DOSMEM.SDA;

export function installDosInterrupts(dos: Kernel): void {
  const b = dos.machine.bops;
  const work = new HostWorkMeter();
  const endSlice = () => dos.machine.cpu.stop();
  b.set(0x21, () => work.measure(endSlice, () => guarded(dos, () => int21Entry(dos))));
  // INT 20h is MOV AH,0 and the INT 21h entry in DOS: the caller's frame is saved like any call's.
  b.set(0x20, () =>
    guarded(dos, () => {
      const cpu = dos.machine.cpu;
      cpu.ah = 0;
      dispatch(dos, cpu.ss, cpu.sp, false);
    }),
  );
  b.set(0x27, () => guarded(dos, () => int27(dos)));
  b.set(0x00, () => guarded(dos, () => divideError(dos)));
  b.set(0x23, () => guarded(dos, () => terminateProcess(dos, 0, TERMINATION.CTRL_C)));
  b.set(0x24, () => {
    // The kernel's own critical error handler: "fail" (COMMAND.COM would ask Abort/Retry/Fail).
    dos.machine.cpu.al = 3;
  });
  b.set(0x25, () => absoluteDisk(dos));
  b.set(0x26, () => absoluteDisk(dos));
  b.set(0x1b, () => consoleBreak(dos));
  b.set(0x29, () => {
    consoleWriteRaw(dos, Uint8Array.of(dos.machine.cpu.al));
  });
  b.set(0x2f, () => guarded(dos, () => multiplex(dos)));
  b.set(BOP_INTERNAL.DOS_ROOT_TERMINATE, () => {
    const code = rd16(dos.mem, DOS_SEG, SDA_BASE + SDA.RETURN_CODE) & 0xff;
    dos.machine.terminate({ reason: 'exit', exitCode: code });
  });
  b.set(CPM_BOP, () => guarded(dos, () => cpmEntry(dos)));
}

const CPM_BOP = BOP_INTERNAL.DOS_CPM_CALL;

/** Runs a handler; a host exception ends the run as a fault instead of escaping into the CPU. */
function guarded(dos: Kernel, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    dos.machine.terminate({ reason: 'fault', exitCode: -1, message: `DOS kernel: ${msg}` });
  }
}

// ------------------------------------------------------------------ INT 21h

function int21Entry(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const st = dos.state;
  const f = st.breakFrame;
  if (f && cpu.ss === f.ss && (cpu.sp === f.sp || cpu.sp === ((f.sp - 2) & 0xffff))) {
    // Back from a Ctrl-C handler started by ctrlBreak(): IRET (SP as before) restarts the call;
    // RETF leaves the flags word, and then CF set means "terminate", clear means "restart".
    // (INT 21h calls the handler makes itself arrive with a deeper stack and pass through.)
    st.breakFrame = null;
    if (cpu.sp !== f.sp) {
      const carry = cpu.getFlag(FLAG.CF);
      cpu.sp = f.sp;
      if (carry) return terminateProcess(dos, 0, TERMINATION.CTRL_C);
    }
  }
  dispatch(dos, cpu.ss, cpu.sp, false);
}

/** Runs INT 21h function AH for a caller whose IRET frame is at ss:sp, and acts on what its
 *  handler answered: the one place a call is made to run again (runAgain). */
function dispatch(dos: Kernel, ss: number, sp: number, cpm: boolean): CallOutcome {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const st = dos.state;
  const ah = cpu.ah;

  if (!QUICK_FUNCTIONS.has(ah)) saveUserFrame(dos, ss, sp);

  const indos = DOS_SEG * 16 + SDA_BASE + SDA.INDOS;
  const rerun = st.waitingFrame !== null && st.waitingFrame.ss === ss && st.waitingFrame.sp === sp;
  if (rerun) st.waitingFrame = null;
  else mem[indos] = (mem[indos] + 1) & 0xff;

  const call: CallState = { frameSs: ss, frameSp: sp, ah, cpm, transferred: false };
  dos.call = call;
  let result: CallResult = CALL_OUTCOME.DONE;
  let outcome: CallOutcome = CALL_OUTCOME.DONE;
  try {
    // With BREAK ON, every call checks for Ctrl-C first (console calls always check themselves);
    // a write to the console in cooked mode checks too, before anything is written.
    const check = ah > CONSOLE_FUNCTIONS_MAX && (breakOn(dos) || (ah === WRITE_HANDLE && isCookedConsole(dos, cpu.bx)));
    if (check && consoleCtrlCWaiting(dos)) {
      echoCtrlC(dos);
      dos.ctrlBreak();
    } else {
      const handler = dos.int21.get(ah);
      if (handler) result = handler(dos);
      else dos.fail(DOS_ERROR.INVALID_FUNCTION);
    }
  } finally {
    dos.call = null;
    outcome = callOutcome(call, result);
    // A call that runs again keeps InDOS up until it is done.
    const again = outcome === CALL_OUTCOME.AGAIN && !dos.machine.end;
    if (again) st.waitingFrame = { ss, sp };
    else if (mem[indos] > 0) mem[indos]--;
  }
  if (outcome === CALL_OUTCOME.AGAIN) runAgain(dos, call);
  return outcome;
}

function breakOn(dos: Kernel): boolean {
  return dos.mem[DOS_SEG * 16 + SDA_BASE + SDA.BREAK_FLAG] !== 0;
}

/**
 * Ctrl-C inside an INT 21h call (the caller has echoed "^C"): as MS-DOS does, the caller's
 * registers are restored and INT 23h is issued with the call's own stack; if the handler IRETs the
 * call starts again, if it RETFs with CF set (or the default handler runs) the program ends.
 */
export function ctrlBreak(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const c = dos.call;
  if (!c || c.cpm) {
    terminateProcess(dos, 0, TERMINATION.CTRL_C);
    return;
  }
  restoreUserRegisters(dos, c.frameSs, (c.frameSp - USER_FRAME.REGISTERS) & 0xffff);
  // Return from INT 23h onto the INT 21h BOP in the ROM, so the call runs again.
  cpu.ss = c.frameSs;
  cpu.sp = c.frameSp;
  cpu.ip = rewindToBop(cpu.ip);
  dos.state.breakFrame = { ss: c.frameSs, sp: c.frameSp };
  c.transferred = true;
  // DOS runs the handler with InDOS cleared (it may end the program or call DOS itself).
  dos.mem[DOS_SEG * 16 + SDA_BASE + SDA.INDOS] = 0;
  cpu.interrupt(0x23);
}

// ------------------------------------------------------------------ other vectors

/** INT 27h: terminate and stay resident, DX = bytes to keep from the PSP (CS must be the PSP). */
function int27(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  // DOS rounds up to paragraphs; DX values above FFF0h wrap in DOS 2-5's arithmetic to 1000h.
  const paras = cpu.dx > 0xfff0 ? 0x1000 : (cpu.dx + 15) >>> 4;
  terminateProcess(dos, 0, TERMINATION.TSR, paras);
}

/** INT 00h with no program handler: "Divide overflow", then DOS ends the program the way a
 *  Ctrl-C does (return code 0, termination type 1). */
function divideError(dos: Kernel): void {
  for (const ch of '\r\nDivide overflow\r\n') consolePutChar(dos, ch.charCodeAt(0));
  terminateProcess(dos, 0, TERMINATION.CTRL_C);
}

/** INT 25h/26h status when no block device stands behind the drive: AL=01h "unknown unit" (the
 *  INT 24h code) with AH=02h, as DOS emulators answer for a drive that has no disk (Wine). */
const ABSOLUTE_DISK_NO_UNIT = 0x0201;

/** INT 25h/26h: vdm86's drives are host folders, which DOS sees as redirected (network) drives:
 *  there are no sectors to read or write, so absolute disk access fails as on a network drive
 *  (CF=1, AX=0201h), and tools that look first are told so (IOCTL 4409h: remote; 1Fh/32h: no
 *  DPB). The stub returns with RETF, so CF goes into the live flags. */
function absoluteDisk(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  cpu.ax = ABSOLUTE_DISK_NO_UNIT;
  cpu.setFlag(FLAG.CF, true);
}

/** The stack at the CP/M entry: the far return of the CALL FAR at PSP+05h, and above it the near
 *  return of the program's CALL 5. */
const CPM_STACK = { FAR_IP: 0, FAR_CS: 2, NEAR_IP: 4 } as const;

/**
 * The CP/M entry (PSP+05h: CALL F01D:FEF0 -> 0000:00C0 -> JMP FAR -> ROM: BOP F2h; RETF). On
 * entry the stack holds the far return into the PSP and, above it, the near return of the
 * program's CALL 5. The function is in CL; it runs as INT 21h function CL, then returns straight
 * to the near return address in the PSP's segment.
 */
function cpmEntry(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const ss = cpu.ss;
  const sp = cpu.sp;
  const farIp = rd16(mem, ss, sp + CPM_STACK.FAR_IP);
  const farCs = rd16(mem, ss, sp + CPM_STACK.FAR_CS);
  const nearIp = rd16(mem, ss, sp + CPM_STACK.NEAR_IP);
  // Turn the three words into an IRET frame (IP, CS, FLAGS) so the handlers see an INT 21h call.
  wr16(mem, ss, sp + IRET_IP, nearIp);
  wr16(mem, ss, sp + IRET_CS, farCs);
  wr16(mem, ss, sp + IRET_FLAGS, cpu.flags);
  const fn = cpu.cl;
  cpu.ah = fn;
  if (fn > 0x24) {
    cpu.al = 0; // CP/M-style calls only reach functions 00h-24h
  } else {
    const outcome = dispatch(dos, ss, sp, true);
    if (outcome === CALL_OUTCOME.TRANSFERRED || dos.machine.end) return;
    if (outcome === CALL_OUTCOME.AGAIN) {
      // Waiting for input: put the stack back as it was; the BOP runs again.
      wr16(mem, ss, sp + CPM_STACK.FAR_IP, farIp);
      wr16(mem, ss, sp + CPM_STACK.FAR_CS, farCs);
      wr16(mem, ss, sp + CPM_STACK.NEAR_IP, nearIp);
      return;
    }
    cpu.flags = rd16(mem, ss, sp + IRET_FLAGS);
  }
  // RETF to PSP:nearIp, leaving SP where it was before the CALL 5: the far return (IP, CS) goes
  // one word up, over the near return address.
  const retf = sp + 2;
  wr16(mem, ss, retf, nearIp);
  wr16(mem, ss, retf + 2, farCs);
  cpu.sp = retf & 0xffff;
}
