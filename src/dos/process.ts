// Processes: the first program under a DOS-owned shell PSP, EXEC (INT 21h/4Bh) starting a child,
// termination (4Ch, 00h, INT 20h, Ctrl-C, divide overflow), terminate-and-stay-resident (31h,
// INT 27h), the return code (4Dh), the current PSP (50h, 51h, 62h) and PSP creation (26h, 55h).
// Termination follows MS-DOS: vectors 22h-24h come back from the PSP, handles close and memory is
// freed (not for a TSR), and the parent resumes at INT 22h with the registers it had saved on its
// own stack at its EXEC call (PSP+2Eh), flags F202h.
import { rd16, wr16, readAsciiz, copyFromSegment, copyToSegment } from '../cpu/guest-memory';
import { ROM_ENTRY, ROM_SEGMENT, romEntry } from '../bios/rom';
import { IRET_CS, IRET_IP } from '../bios/iret-frame';
import { PSP, PSP_PARAS, SDA, MCB_OWNER_DOS } from './layout';
import { DOS_SEG, DOSMEM } from './sysvars';
import { DOS_ERROR } from './errors';
import { DosLoadError, type Kernel } from './kernel';
import { loadProgram, loadOverlay, fileNamePart, EXEC_BLOCK, EXEC_MODE, FCB_COPY, TAIL_COPY, type LoadedProgram } from './exec';
import { commandTail, parseFcbArgument } from './command-line';
import { masterEnvironment } from './environment';
import { copyPsp, createChildPsp, createRootPsp, getVector, setVector } from './psp';
import { forgetCtrlBreak, restoreUserRegisters, USER_FRAME } from './call-frame';

/** Termination type (INT 21h/4Dh AH). */
export const TERMINATION = {
  NORMAL: 0,
  CTRL_C: 1,
  CRITICAL_ERROR: 2,
  TSR: 3,
} as const;

/** DOS keeps at least this many paragraphs of a TSR (31h with a smaller DX). */
const TSR_MINIMUM = 6;
/** FLAGS a program starts with and a parent resumes with (IF set; 8086 bits 12-15 read as 1). */
const START_FLAGS = 0xf202;
/** BP at program start under MS-DOS 5 (observed; programs must not rely on it). */
const START_BP = 0x091c;

const SDA_BASE = DOSMEM.SDA;

// ------------------------------------------------------------------ starting programs

/** Sets the CPU up as DOS leaves it when it jumps to a new program, and fires the create
 *  listeners (the child's PSP is already current). */
function enterProgram(dos: Kernel, p: LoadedProgram): void {
  const cpu = dos.machine.cpu;
  cpu.ss = p.ss;
  cpu.sp = p.sp;
  cpu.cs = p.cs;
  cpu.ip = p.ip;
  cpu.ax = p.ax;
  cpu.bx = p.ax;
  cpu.cx = 0x00ff;
  cpu.dx = p.psp;
  cpu.si = p.ip;
  cpu.di = p.sp;
  cpu.bp = START_BP;
  cpu.ds = p.psp;
  cpu.es = p.psp;
  cpu.flags = START_FLAGS;
  setInDos(dos, 0);
  if (dos.call) dos.call.transferred = true;
  for (const l of [...dos.processListeners]) l.onCreate?.(p.psp);
}

/** The first program: a shell PSP owned by DOS (with the master environment, the standard
 *  handles, and INT 22h at the ROM's root_terminate) becomes its parent. */
export function startFirstProcess(dos: Kernel, program: string, args: string[]): void {
  if (dos.currentPsp !== 0) throw new DosLoadError('a program has already been started', DOS_ERROR.INVALID_FUNCTION);
  const mem = dos.mem;
  const rootTerminate = { seg: ROM_SEGMENT, off: romEntry(mem, ROM_ENTRY.ROOT_TERMINATE) };
  setVector(mem, 0x22, rootTerminate.seg, rootTerminate.off);

  // The master environment, owned by DOS as COMMAND.COM's would be by COMMAND.
  const envBytes = masterEnvironment(dos.options);
  const env = dos.memory.allocate((envBytes.length + 15) >>> 4, MCB_OWNER_DOS);
  if (env < 0) throw new DosLoadError('no memory for the environment', -env);
  copyToSegment(mem, env, 0, envBytes);

  // The shell PSP, plus room for the register frame its PSP+2Eh points at: when the first program
  // ends, DOS "returns" through that frame to root_terminate, which ends the run.
  const shellParas = PSP_PARAS + Math.ceil(USER_FRAME.SIZE / 16);
  const shell = dos.memory.allocate(shellParas, MCB_OWNER_DOS);
  if (shell < 0) throw new DosLoadError('no memory for the shell PSP', -shell);
  dos.memory.setName(shell - 1, 'COMMAND');
  createRootPsp(dos, shell, shell + shellParas);
  wr16(mem, shell, PSP.ENVIRONMENT, env);
  const frame = PSP.SIZE;
  for (let i = 0; i < USER_FRAME.SIZE; i += 2) wr16(mem, shell, frame + i, 0);
  wr16(mem, shell, frame + USER_FRAME.IP, rootTerminate.off);
  wr16(mem, shell, frame + USER_FRAME.CS, rootTerminate.seg);
  wr16(mem, shell, frame + USER_FRAME.FLAGS, START_FLAGS);
  wr16(mem, shell, PSP.SAVED_SS_SP, frame);
  wr16(mem, shell, PSP.SAVED_SS_SP + 2, shell);
  dos.currentPsp = shell;
  dos.setDta(shell, PSP.DEFAULT_DTA);
  dos.files.setupStandardHandles(shell);

  // As COMMAND.COM does: a name without an extension is tried as .COM, then .EXE.
  const candidates = fileNamePart(program).includes('.') ? [program] : [`${program}.COM`, `${program}.EXE`];
  let lastError: { error: number; reason: string } = { error: DOS_ERROR.FILE_NOT_FOUND, reason: `cannot find ${program}` };
  for (const path of candidates) {
    const r = loadProgram(dos, {
      path,
      environment: 0,
      tail: commandTail(args),
      fcb1: parseFcbArgument(args[0]),
      fcb2: parseFcbArgument(args[1]),
      returnTo: rootTerminate,
    });
    if (!('error' in r)) {
      enterProgram(dos, r);
      return;
    }
    lastError = r;
    if (r.error !== DOS_ERROR.FILE_NOT_FOUND && r.error !== DOS_ERROR.PATH_NOT_FOUND) break;
  }
  throw new DosLoadError(`${program}: ${lastError.reason} (DOS error ${lastError.error})`, lastError.error);
}

/** INT 21h/4Bh: EXEC. DS:DX program name (with extension), ES:BX parameter block, AL mode. */
export function int21_4B(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const mode = cpu.al;
  if (mode !== EXEC_MODE.LOAD_AND_EXECUTE && mode !== EXEC_MODE.LOAD_ONLY && mode !== EXEC_MODE.OVERLAY) {
    return dos.fail(DOS_ERROR.INVALID_FUNCTION);
  }
  const path = readAsciiz(mem, cpu.ds, cpu.dx, 128);
  const es = cpu.es;
  const bx = cpu.bx;
  if (mode === EXEC_MODE.OVERLAY) {
    const err = loadOverlay(dos, path, rd16(mem, es, bx + EXEC_BLOCK.OVERLAY_SEGMENT), rd16(mem, es, bx + EXEC_BLOCK.OVERLAY_RELOCATION));
    return err ? dos.fail(err) : dos.ok();
  }
  const far = (off: number) => ({ off: rd16(mem, es, bx + off), seg: rd16(mem, es, bx + off + 2) });
  const tail = far(EXEC_BLOCK.COMMAND_TAIL);
  const f1 = far(EXEC_BLOCK.FCB1);
  const f2 = far(EXEC_BLOCK.FCB2);
  const c = dos.call;
  // The child's INT 22h is where this INT 21h returns to.
  const returnTo = c
    ? { off: rd16(mem, c.frameSs, c.frameSp + IRET_IP), seg: rd16(mem, c.frameSs, c.frameSp + IRET_CS) }
    : { off: cpu.ip, seg: cpu.cs };
  const r = loadProgram(dos, {
    path,
    environment: rd16(mem, es, bx + EXEC_BLOCK.ENVIRONMENT),
    tail: copyFromSegment(mem, tail.seg, tail.off, TAIL_COPY),
    fcb1: copyFromSegment(mem, f1.seg, f1.off, FCB_COPY),
    fcb2: copyFromSegment(mem, f2.seg, f2.off, FCB_COPY),
    returnTo,
  });
  if ('error' in r) return dos.fail(r.error);
  if (mode === EXEC_MODE.LOAD_ONLY) {
    // Load without executing (debuggers): the child's AX goes on top of its stack, SS:SP and
    // CS:IP into the parameter block; the child's PSP stays current.
    const sp = (r.sp - 2) & 0xffff;
    wr16(mem, r.ss, sp, r.ax);
    wr16(mem, es, bx + EXEC_BLOCK.INITIAL_SP, sp);
    wr16(mem, es, bx + EXEC_BLOCK.INITIAL_SP + 2, r.ss);
    wr16(mem, es, bx + EXEC_BLOCK.INITIAL_IP, r.ip);
    wr16(mem, es, bx + EXEC_BLOCK.INITIAL_IP + 2, r.cs);
    for (const l of [...dos.processListeners]) l.onCreate?.(r.psp);
    return dos.ok();
  }
  enterProgram(dos, r);
}

// ------------------------------------------------------------------ ending programs

/**
 * Ends the process whose PSP is `ending` (the current one unless given) with `code` and `type`
 * (TSR: keeps `keepParas` paragraphs of its PSP block) and resumes at INT 22h. Used by 4Ch, 00h,
 * 31h, INT 20h, INT 27h, the default Ctrl-C handler and divide overflow.
 *
 * As MS-DOS's abort_inner/reset_environment: vectors 22h-24h come back from the ending PSP, but
 * only when it is the current PSP (and not a shell, its own parent) are its handles closed, its
 * memory freed and its parent made current. Otherwise it is an "old-style return": nothing is
 * released and the current PSP resumes at INT 22h (DEBUG runs a program under a PSP made with
 * 26h while its own PSP stays current; the program's INT 20h comes back to DEBUG that way).
 */
export function terminateProcess(dos: Kernel, code: number, type: number, keepParas = 0, ending = dos.currentPsp): void {
  const mem = dos.mem;
  const current = dos.currentPsp;
  const psp = ending;
  const parent = rd16(mem, current, PSP.PARENT);
  wr16(mem, DOS_SEG, SDA_BASE + SDA.RETURN_CODE, ((type & 0xff) << 8) | (code & 0xff));

  if (type === TERMINATION.TSR) {
    // DOS resizes the PSP's block (ignoring failure) and records the new top in the PSP.
    const keep = Math.max(keepParas, TSR_MINIMUM);
    if (dos.memory.resize(psp, keep, psp) === 0) wr16(mem, psp, PSP.MEMORY_TOP, psp + keep);
  }

  forgetCtrlBreak(dos);
  const releases = psp === current;
  if (releases) for (const l of [...dos.processListeners]) l.onTerminate?.(psp);

  // Vectors 22h-24h come back from the PSP being left.
  setVector(mem, 0x22, rd16(mem, psp, PSP.INT22 + 2), rd16(mem, psp, PSP.INT22));
  setVector(mem, 0x23, rd16(mem, psp, PSP.INT23 + 2), rd16(mem, psp, PSP.INT23));
  setVector(mem, 0x24, rd16(mem, psp, PSP.INT24 + 2), rd16(mem, psp, PSP.INT24));

  // A process that is its own parent (a shell) is not removed; otherwise the parent takes over.
  if (releases && parent !== psp) {
    if (type !== TERMINATION.TSR) {
      dos.files.closeProcessHandles(psp);
      if (dos.memory.freeOwnedBy(psp) < 0) {
        dos.machine.terminate({ reason: 'fault', exitCode: -1, message: 'Memory allocation error: the MCB chain is destroyed' });
        return;
      }
    }
    dos.currentPsp = parent;
  }
  setInDos(dos, 0);
  resumeAtTerminateAddress(dos);
}

/** Returns into the current process (the parent) at INT 22h, with the registers it saved on its
 *  stack at its last INT 21h (its EXEC call) and flags F202h, as DOS does. */
function resumeAtTerminateAddress(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const mem = dos.mem;
  const cur = dos.currentPsp;
  const base = rd16(mem, cur, PSP.SAVED_SS_SP);
  const ss = rd16(mem, cur, PSP.SAVED_SS_SP + 2);
  restoreUserRegisters(dos, ss, base);
  cpu.ss = ss;
  cpu.sp = (base + USER_FRAME.SIZE) & 0xffff;
  const v = getVector(mem, 0x22);
  cpu.cs = v.seg;
  cpu.ip = v.off;
  cpu.flags = START_FLAGS;
  if (dos.call) dos.call.transferred = true;
}

function setInDos(dos: Kernel, v: number): void {
  dos.mem[DOS_SEG * 16 + SDA_BASE + SDA.INDOS] = v;
}

// ------------------------------------------------------------------ INT 21h functions

/** 00h (and INT 20h, which DOS turns into it): terminate (code 0) the process whose PSP is at
 *  the caller's CS — not necessarily the current one (DOS's $ABORT reads user_CS). */
export function int21_00(dos: Kernel): void {
  const c = dos.call;
  const caller = c ? rd16(dos.mem, c.frameSs, c.frameSp + IRET_CS) : dos.machine.cpu.cs;
  terminateProcess(dos, 0, TERMINATION.NORMAL, 0, caller);
}

/** 4Ch: terminate with return code AL. */
export function int21_4C(dos: Kernel): void {
  terminateProcess(dos, dos.machine.cpu.al, TERMINATION.NORMAL);
}

/** 31h: terminate and stay resident, AL return code, DX paragraphs to keep. */
export function int21_31(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  terminateProcess(dos, cpu.al, TERMINATION.TSR, cpu.dx);
}

/** 4Dh: AL = the last child's return code, AH = how it ended; DOS then clears it. */
export function int21_4D(dos: Kernel): void {
  const at = SDA_BASE + SDA.RETURN_CODE;
  dos.machine.cpu.ax = rd16(dos.mem, DOS_SEG, at);
  wr16(dos.mem, DOS_SEG, at, 0);
  dos.ok();
}

/** 50h: set the current PSP to BX (DOS does not check it). */
export function int21_50(dos: Kernel): void {
  dos.currentPsp = dos.machine.cpu.bx;
}

/** 51h and 62h: BX = the current PSP. */
export function int21_51(dos: Kernel): void {
  dos.machine.cpu.bx = dos.currentPsp;
}

/** 26h: create a new PSP at DX, DOS 1 style: a copy of the caller's PSP (the one at its CS)
 *  with the same memory top and the handles copied as they are; the current PSP stays. */
export function int21_26(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  const c = dos.call;
  const source = c ? rd16(dos.mem, c.frameSs, c.frameSp + IRET_CS) : cpu.cs;
  copyPsp(dos, source, cpu.dx, rd16(dos.mem, source, PSP.MEMORY_TOP));
}

/** 55h: create a child PSP at DX with memory top SI: handles inherited, parent set, and it
 *  becomes the current PSP (DOS 3+). AL is destroyed (F0h in DOS 3.3+). */
export function int21_55(dos: Kernel): void {
  const cpu = dos.machine.cpu;
  createChildPsp(dos, cpu.dx, cpu.si);
  cpu.al = 0xf0;
}
