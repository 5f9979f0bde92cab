// The service object a VDD's routines and hooks receive: NTVDM's vddsvc.h / nt_vdd.h API with the
// names camel-cased (getAX, setCF, getVDMPointer, installIOHook, allocateDosHandle, ...), one
// instance per VDD module (it plays the part of the hVdd handle NTVDM's calls take). docs/vdd.md
// has the full NTVDM -> vdm86 table.
import type { Board } from '../hw/board';
import { FLAG } from '../cpu/cpu';
import { MEMORY_SIZE } from '../cpu/guest-memory';
import { hex4 } from '../hw/board';
import { VDD_ERROR, type VddErrorCode } from './last-error';
import type { HostHandleTable, HostObject } from '../dos/host-handles';
import { HostFile, statPath } from '../host/fs';
import { dosErrorOf } from '../dos/host-errors';
import { OPEN_MODE } from '../dos/layout';
import {
  allocateDosHandle,
  associateNtHandle,
  releaseDosHandle,
  retrieveNtHandle,
  VddUsageError,
  type AllocatedHandle,
  type RetrievedHandle,
} from './handles';
import { currentPsp } from './dos-tables';
import { IoHookSet, portStringIn, portStringOut, type VddIoHandlers, type VddPortRange } from './io-hooks';
import type { MemoryHooks, VddMemoryHandler } from './memory-hooks';
import type { UserHookList, VddUserHook } from './user-hooks';
import type { Simulator } from './simulate';
import type { VddModule } from './registry';
import type { VddPhase } from './errors';
import { IRQ_ANY, type IrqLines } from './irq-lines';
import { queryDma, setDma, validChannel, type VddDmaInfo } from './dma';

/** A register setter's value, refused (not masked) when it does not fit: `setBX(0x12345)` is a
 *  mistake in the VDD, and silently keeping 2345h would hide it. */
function word(reg: string, v: number): number {
  if (v >>> 0 === v && v <= 0xffff) return v;
  throw new VddUsageError(`set${reg}(${shown(v)}): ${reg} is 16 bits, 0 to 0xFFFF${negativeHint(v)}`);
}

function byte(reg: string, v: number): number {
  if (v >>> 0 === v && v <= 0xff) return v;
  throw new VddUsageError(`set${reg}(${shown(v)}): ${reg} is 8 bits, 0 to 0xFF${negativeHint(v)}`);
}

function shown(v: number): string {
  return Number.isInteger(v) && v > 0 ? `0x${v.toString(16).toUpperCase()}` : String(v);
}

function negativeHint(v: number): string {
  return typeof v === 'number' && v < 0 ? ' (a negative DOS error goes to AX as its absolute value: errorToAX)' : '';
}

/** seg:off as the 8086 forms it before the 20-bit wrap: above FFFFFh for FFFF:0010 and up. */
function unwrapped(seg: number, off: number): number {
  if (!Number.isInteger(seg) || seg < 0 || seg > 0xffff || !Number.isInteger(off) || off < 0 || off > 0xffff)
    throw new VddUsageError(`${seg}:${off} is not a segment and an offset (0 to FFFFh each)`);
  return seg * 16 + off;
}

/** DOS error 5, what opening a directory answers. */
const DOS_ACCESS_DENIED = 5;

function hexAddress(a: number): string {
  return Number.isInteger(a) && a >= 0 ? `${a.toString(16).toUpperCase()}h` : String(a);
}

/** What the bridge needs of the DOS kernel (src/dos/dos.ts's Dos satisfies it). */
export interface VddDosHost {
  readonly hostHandles: HostHandleTable;
  addProcessListener(l: { onCreate?(psp: number): void; onTerminate?(psp: number): void }): () => void;
}

/** The bridge's shared parts a service reaches into. */
export interface VddContext {
  readonly machine: Board;
  readonly dos: VddDosHost | null;
  readonly memoryHooks: MemoryHooks;
  readonly userHooks: UserHookList;
  readonly simulator: Simulator;
  readonly irqLines: IrqLines;
  /** VDDSimulateInterrupt through the PIC; false when the line does not exist. */
  simulateInterrupt(controller: number, line: number, count: number): boolean;
  /** Runs VDD code; a host exception in it ends the run with a fault naming the VDD, the phase
   *  and `what` ran, and `fallback` is returned. */
  guard<T>(phase: VddPhase, vdd: string, what: string, fn: () => T, fallback: T): T;
}

import { ICA } from './interrupts';
export { ICA };
/** VdmMapFlat's modes; vdm86 is real mode only. */
export const VDM_MODE = { V86: 0, PM: 1 } as const;
/** Access values for associateNtHandle / openHostFile (INT 21h/3Dh AL). */
export const ACCESS = { READ: 0, WRITE: 1, READ_WRITE: 2, NO_INHERIT: OPEN_MODE.NO_INHERIT } as const;

export class VddService {
  private readonly ioHooks: IoHookSet;

  constructor(
    private readonly ctx: VddContext,
    readonly module: VddModule,
  ) {
    this.ioHooks = new IoHookSet(ctx.machine.io);
  }

  /** The DLL name this service belongs to. */
  get name(): string {
    return this.module.name;
  }

  get machine(): Board {
    return this.ctx.machine;
  }

  /** All of guest memory (1 MiB); index = linear address. */
  get mem(): Uint8Array {
    return this.ctx.machine.mem;
  }

  // ---------------------------------------------------------------- registers (vddsvc.h)
  getAX(): number { return this.cpu.ax; }
  getBX(): number { return this.cpu.bx; }
  getCX(): number { return this.cpu.cx; }
  getDX(): number { return this.cpu.dx; }
  getSP(): number { return this.cpu.sp; }
  getBP(): number { return this.cpu.bp; }
  getSI(): number { return this.cpu.si; }
  getDI(): number { return this.cpu.di; }
  getIP(): number { return this.cpu.ip; }
  getCS(): number { return this.cpu.cs; }
  getDS(): number { return this.cpu.ds; }
  getES(): number { return this.cpu.es; }
  getSS(): number { return this.cpu.ss; }
  getAL(): number { return this.cpu.al; }
  getAH(): number { return this.cpu.ah; }
  getBL(): number { return this.cpu.bl; }
  getBH(): number { return this.cpu.bh; }
  getCL(): number { return this.cpu.cl; }
  getCH(): number { return this.cpu.ch; }
  getDL(): number { return this.cpu.dl; }
  getDH(): number { return this.cpu.dh; }
  setAX(v: number): void { this.cpu.ax = word('AX', v); }
  setBX(v: number): void { this.cpu.bx = word('BX', v); }
  setCX(v: number): void { this.cpu.cx = word('CX', v); }
  setDX(v: number): void { this.cpu.dx = word('DX', v); }
  setSP(v: number): void { this.cpu.sp = word('SP', v); }
  setBP(v: number): void { this.cpu.bp = word('BP', v); }
  setSI(v: number): void { this.cpu.si = word('SI', v); }
  setDI(v: number): void { this.cpu.di = word('DI', v); }
  setIP(v: number): void { this.cpu.ip = word('IP', v); }
  setCS(v: number): void { this.cpu.cs = word('CS', v); }
  setDS(v: number): void { this.cpu.ds = word('DS', v); }
  setES(v: number): void { this.cpu.es = word('ES', v); }
  setSS(v: number): void { this.cpu.ss = word('SS', v); }
  setAL(v: number): void { this.cpu.al = byte('AL', v); }
  setAH(v: number): void { this.cpu.ah = byte('AH', v); }
  setBL(v: number): void { this.cpu.bl = byte('BL', v); }
  setBH(v: number): void { this.cpu.bh = byte('BH', v); }
  setCL(v: number): void { this.cpu.cl = byte('CL', v); }
  setCH(v: number): void { this.cpu.ch = byte('CH', v); }
  setDL(v: number): void { this.cpu.dl = byte('DL', v); }
  setDH(v: number): void { this.cpu.dh = byte('DH', v); }

  // Flags: NTVDM's getters answer 0 or 1 and its setters take 0 or nonzero.
  getCF(): number { return this.flag(FLAG.CF); }
  getPF(): number { return this.flag(FLAG.PF); }
  getAF(): number { return this.flag(FLAG.AF); }
  getZF(): number { return this.flag(FLAG.ZF); }
  getSF(): number { return this.flag(FLAG.SF); }
  getIF(): number { return this.flag(FLAG.IF); }
  getDF(): number { return this.flag(FLAG.DF); }
  getOF(): number { return this.flag(FLAG.OF); }
  setCF(v: number | boolean): void { this.cpu.setFlag(FLAG.CF, !!v); }
  setPF(v: number | boolean): void { this.cpu.setFlag(FLAG.PF, !!v); }
  setAF(v: number | boolean): void { this.cpu.setFlag(FLAG.AF, !!v); }
  setZF(v: number | boolean): void { this.cpu.setFlag(FLAG.ZF, !!v); }
  setSF(v: number | boolean): void { this.cpu.setFlag(FLAG.SF, !!v); }
  setIF(v: number | boolean): void { this.cpu.setFlag(FLAG.IF, !!v); }
  setDF(v: number | boolean): void { this.cpu.setFlag(FLAG.DF, !!v); }
  setOF(v: number | boolean): void { this.cpu.setFlag(FLAG.OF, !!v); }
  /** The whole FLAGS word (a vdm86 addition; NTVDM has no 16-bit accessor for it). */
  getFlags(): number { return this.cpu.flags & 0xffff; }
  setFlags(v: number): void { this.cpu.flags = word('Flags', v); }
  /** The 286+ machine status word: an 8086 has none, and vdm86 is always in real mode (PE=0). */
  getMSW(): number { return 0; }

  private get cpu() {
    return this.ctx.machine.cpu;
  }

  private flag(mask: number): number {
    return this.cpu.getFlag(mask) ? 1 : 0;
  }

  // ---------------------------------------------------------------- guest memory
  /** GetVDMPointer: a live view of `size` bytes at the real-mode address `address` (segment in
   *  the high word, offset in the low word). vdm86 has no protected mode and no memory above
   *  1 MiB: protectedMode true, or a view running past FFFFFh (NTVDM would reach the HMA; vdm86
   *  has none), throws a VddUsageError naming the mistake rather than wrapping into the vector
   *  table. */
  getVDMPointer(address: number, size: number, protectedMode = false): Uint8Array {
    if (protectedMode) throw new VddUsageError('getVDMPointer: vdm86 runs real mode only (protectedMode must be false)');
    if (!Number.isInteger(address) || address < 0 || address > 0xffffffff)
      throw new VddUsageError(`getVDMPointer(${address}): the address is a 16:16 pointer, segment in the high word`);
    return this.view(`getVDMPointer(${hex4(address >>> 16)}:${hex4(address & 0xffff)}, ${size})`, unwrapped(address >>> 16, address & 0xffff), size);
  }

  /** GetVDMAddr(seg, off) from vddsvc.h: a view from seg:off, `size` bytes long (default: to
   *  the end of the 1 MiB). */
  getVDMAddr(seg: number, off: number, size?: number): Uint8Array {
    const a = unwrapped(seg, off);
    return this.view(`getVDMAddr(${hex4(seg)}:${hex4(off)})`, a, size ?? Math.max(0, MEMORY_SIZE - a));
  }

  /** VdmMapFlat: the flat view of guest memory starting at seg:off (real mode, VDM_MODE.V86). */
  vdmMapFlat(seg: number, off: number, mode: number = VDM_MODE.V86): Uint8Array {
    if (mode !== VDM_MODE.V86) throw new VddUsageError('vdmMapFlat: vdm86 runs real mode only');
    const a = unwrapped(seg, off);
    return this.view(`vdmMapFlat(${hex4(seg)}:${hex4(off)})`, a, Math.max(0, MEMORY_SIZE - a));
  }

  /** VdmUnmapFlat: nothing to undo (views are live and need no release). */
  vdmUnmapFlat(_seg: number, _off: number, _buffer: Uint8Array, _mode: number = VDM_MODE.V86): boolean {
    return true;
  }

  /** VdmFlushCache: vdm86 has no translation cache to flush. */
  vdmFlushCache(_seg: number, _off: number, _size: number, _mode: number = VDM_MODE.V86): boolean {
    return true;
  }

  private view(what: string, a: number, size: number): Uint8Array {
    if (!Number.isInteger(size) || size < 0) throw new VddUsageError(`${what}: the size is not a whole number of bytes`);
    if (a >= MEMORY_SIZE || a + size > MEMORY_SIZE)
      throw new VddUsageError(`${what}: ${size} bytes at ${hexAddress(a)} run past FFFFFh, the end of the 1 MiB of guest memory`);
    return this.mem.subarray(a, a + size);
  }

  // ---------------------------------------------------------------- hooks
  /** VDDInstallIOHook: byte handlers required, the rest optional (emulated from byte handlers).
   *  The last VDD to hook a port wins. One set of hooks per VDD at a time, as in NTVDM: pass
   *  every range in one call; a second call before deInstallIOHook answers false. False too for
   *  missing byte handlers or a bad range; getLastError / getLastErrorMessage say why. */
  installIOHook(ranges: VddPortRange | VddPortRange[], handlers: VddIoHandlers): boolean {
    const why = this.ioHooks.install(Array.isArray(ranges) ? ranges : [ranges], this.guardIo(handlers));
    if (!why) return this.succeed();
    return this.refuse(this.ioHooks.active ? VDD_ERROR.ALREADY_EXISTS : VDD_ERROR.INVALID_PARAMETER, `installIOHook: ${why}`);
  }

  /** VDDDeInstallIOHook: the ports go back to whoever had them before. */
  deInstallIOHook(ranges: VddPortRange | VddPortRange[]): void {
    this.ioHooks.deinstall(Array.isArray(ranges) ? ranges : [ranges]);
  }

  /** A block of `count` elements (`width` 1 = bytes, 2 = words) from `port` into guest memory
   *  at the linear `address`, as REP INSB/INSW would move it: the port owner's insb/insw handler
   *  when it has one, else one IN per element. The 8086 has no INS/OUTS instructions, so this is
   *  how a VDD moves a block through a port. A vdm86 addition. */
  portStringIn(port: number, address: number, count: number, width: 1 | 2 = 1): void {
    this.checkBlock('portStringIn', port, address, count, width);
    portStringIn(this.ctx.machine.io, this.mem, port, address, count, width);
  }

  /** The reverse of portStringIn: `count` elements from guest memory at `address` to `port`
   *  (the owner's outsb/outsw handler, else one OUT per element). */
  portStringOut(port: number, address: number, count: number, width: 1 | 2 = 1): void {
    this.checkBlock('portStringOut', port, address, count, width);
    portStringOut(this.ctx.machine.io, this.mem, port, address, count, width);
  }

  private checkBlock(what: string, port: number, address: number, count: number, width: number): void {
    if (!Number.isInteger(port) || port < 0 || port > 0xffff) throw new VddUsageError(`${what}: port ${port} is not 0 to FFFFh`);
    if (width !== 1 && width !== 2) throw new VddUsageError(`${what}: width ${width} is not 1 (bytes) or 2 (words)`);
    if (!Number.isInteger(count) || count < 0) throw new VddUsageError(`${what}: count ${count} is not a whole number of elements`);
    if (!Number.isInteger(address) || address < 0 || address + count * width > MEMORY_SIZE)
      throw new VddUsageError(`${what}: ${count * width} bytes at ${hexAddress(address)} run past the 1 MiB of guest memory`);
  }

  /** VDDInstallMemoryHook: `start` is a linear address in the adapter area (from the top of
   *  conventional memory to EFFFFh); whole 4 KiB pages are hooked. False if a page is taken or
   *  the range is outside the area (getLastErrorMessage says which). */
  installMemoryHook(start: number, count: number, handler: VddMemoryHandler): boolean {
    if (typeof handler !== 'function') return this.refuse(VDD_ERROR.INVALID_PARAMETER, 'installMemoryHook: the handler is not a function');
    const guarded: VddMemoryHandler = (address, rwMode) =>
      this.ctx.guard('hook', this.name, `memory hook at ${address.toString(16).toUpperCase()}h`, () => handler(address, rwMode), undefined);
    return this.memoryResult('installMemoryHook', this.ctx.memoryHooks.install(this, start, count, guarded));
  }

  deInstallMemoryHook(start: number, count: number): boolean {
    return this.memoryResult('deInstallMemoryHook', this.ctx.memoryHooks.deinstall(this, start, count));
  }

  /** VDDAllocMem: commits hooked pages (zero-filled); accesses to them stop calling the hook. */
  allocMem(address: number, size: number): boolean {
    return this.memoryResult('allocMem', this.ctx.memoryHooks.alloc(this, address, size));
  }

  /** VDDFreeMem: decommits them again (they read FFh and call the hook). */
  freeMem(address: number, size: number): boolean {
    return this.memoryResult('freeMem', this.ctx.memoryHooks.free(this, address, size));
  }

  private memoryResult(what: string, why: string): boolean {
    if (!why) return this.succeed();
    const code = /hooked already|another VDD/.test(why) ? VDD_ERROR.ACCESS_DENIED : /did not (hook|exclude)/.test(why) ? VDD_ERROR.NOT_OWNER : VDD_ERROR.INVALID_PARAMETER;
    return this.refuse(code, `${what}: ${why}`);
  }

  /** VDDInstallUserHook: DOS process create/terminate and VDM block/resume callbacks, each
   *  given a PSP segment. One set per VDD. */
  installUserHook(create?: VddUserHook, terminate?: VddUserHook, block?: VddUserHook, resume?: VddUserHook): boolean {
    if (!this.ctx.dos && (create || terminate))
      throw new VddUsageError('installUserHook: no DOS kernel is attached to report processes');
    const wrap = (kind: string, hook?: VddUserHook): VddUserHook | undefined =>
      hook && ((psp) => this.ctx.guard('hook', this.name, `${kind} user hook`, () => hook(psp), undefined));
    const ok = this.ctx.userHooks.install(this, {
      create: wrap('create', create),
      terminate: wrap('terminate', terminate),
      block: wrap('block', block),
      resume: wrap('resume', resume),
    });
    return ok ? this.succeed() : this.refuse(VDD_ERROR.ALREADY_EXISTS, 'installUserHook: this VDD has user hooks installed already (one set per VDD)');
  }

  deInstallUserHook(): boolean {
    return this.ctx.userHooks.deinstall(this)
      ? this.succeed()
      : this.refuse(VDD_ERROR.INVALID_PARAMETER, 'deInstallUserHook: this VDD has no user hooks installed');
  }

  /** VDDExcludeMem: claims adapter-area pages for this VDD's device. NTVDM then keeps them out
   *  of the UMB pool; vdm86 has no UMBs, so the claim keeps other VDDs' memory hooks and
   *  exclusions out. False (getLastErrorMessage says why) for a range outside the adapter area
   *  or one another VDD holds. */
  excludeMem(address: number, size: number): boolean {
    return this.memoryResult('excludeMem', this.ctx.memoryHooks.exclude(this, address, size));
  }

  /** VDDIncludeMem: gives pages this VDD excluded back. */
  includeMem(address: number, size: number): boolean {
    return this.memoryResult('includeMem', this.ctx.memoryHooks.include(this, address, size));
  }

  /** VDDReserveIrqLine: claims IRQ `line` of the PIC for this VDD's device (IRQ_ANY, FFFFh,
   *  takes the lowest free one). Returns the line, or FFFFh when it cannot (getLastError). */
  reserveIrqLine(line: number = IRQ_ANY): number {
    const r = this.ctx.irqLines.reserve(this, line);
    if (typeof r === 'number') {
      this.succeed();
      return r;
    }
    this.refuse(/another|belongs/.test(r) ? VDD_ERROR.ACCESS_DENIED : /already/.test(r) ? VDD_ERROR.ALREADY_EXISTS : VDD_ERROR.INVALID_PARAMETER, `reserveIrqLine: ${r}`);
    return IRQ_ANY;
  }

  /** VDDReleaseIrqLine: gives a reserved line back. False when this VDD does not hold it. */
  releaseIrqLine(line: number): boolean {
    return this.ctx.irqLines.release(this, line)
      ? this.succeed()
      : this.refuse(VDD_ERROR.NOT_OWNER, `releaseIrqLine: IRQ ${line} is not reserved by this VDD`);
  }

  // ---------------------------------------------------------------- DMA (vddsvc.h)
  /** VDDRequestDMA(hVdd, iChannel, Buffer, length): moves up to `length` bytes between `buffer`
   *  and guest memory through DMA `channel` (0-3) as the guest programmed it: a "write" channel
   *  (mode 01b) fills guest memory from the buffer, a "read" channel (10b) fills the buffer
   *  from guest memory. The channel's address and count advance; at terminal count the status
   *  bit is set and the channel reloads (auto-init) or masks itself. Returns the bytes moved, 0
   *  for a masked channel (getLastError says why). `length` 0 returns the bytes the channel
   *  has left to move, as NTVDM's does. */
  requestDMA(channel: number, buffer: Uint8Array, length: number = buffer.length): number {
    const dma = this.dmaChannel('requestDMA', channel);
    if (!dma) return 0;
    if (!Number.isInteger(length) || length < 0 || length > buffer.length)
      throw new VddUsageError(`requestDMA: length ${length} is not 0 to the buffer's ${buffer.length} bytes`);
    const c = dma.channels[channel];
    if (length === 0) {
      this.succeed();
      return c.count + 1;
    }
    if (c.masked) {
      this.refuse(VDD_ERROR.INVALID_PARAMETER, `requestDMA: channel ${channel} is masked (the guest has not unmasked it, or it reached terminal count)`);
      return 0;
    }
    this.succeed();
    return dma.transfer(channel, this.mem, buffer.subarray(0, length));
  }

  /** VDDQueryDMA: the channel's registers as VDD_DMA_INFO, or null (getLastError). */
  queryDMA(channel: number): VddDmaInfo | null {
    const dma = this.dmaChannel('queryDMA', channel);
    if (!dma) return null;
    this.succeed();
    return queryDma(dma, channel);
  }

  /** VDDSetDMA: writes the fields of `info` that `fields` (VDD_DMA.ADDR | COUNT | PAGE | STATUS)
   *  selects into the channel (the status into the controller). */
  setDMA(channel: number, fields: number, info: Partial<VddDmaInfo>): boolean {
    const dma = this.dmaChannel('setDMA', channel);
    if (!dma) return false;
    setDma(dma, channel, fields, info);
    return this.succeed();
  }

  private dmaChannel(what: string, channel: number) {
    const dma = this.ctx.machine.dma;
    if (!dma) {
      this.refuse(VDD_ERROR.INVALID_PARAMETER, `${what}: this machine has no DMA controller`);
      return null;
    }
    if (!validChannel(channel)) {
      this.refuse(VDD_ERROR.INVALID_PARAMETER, `${what}: channel ${channel} does not exist (the PC/XT's 8237 has channels 0-3)`);
      return null;
    }
    return dma;
  }

  // ---------------------------------------------------------------- why a call answered false
  /** The reason the last service call that can fail failed, as NTVDM's GetLastError after a
   *  VDD service call: a Win32 error code (VDD_ERROR), 0 after a call that succeeded. */
  getLastError(): VddErrorCode {
    return this.lastError.code;
  }

  /** The same reason in words, naming the mistake ('' after a success). */
  getLastErrorMessage(): string {
    return this.lastError.message;
  }

  private lastError: { code: VddErrorCode; message: string } = { code: VDD_ERROR.SUCCESS, message: '' };

  private succeed(): true {
    this.lastError = { code: VDD_ERROR.SUCCESS, message: '' };
    return true;
  }

  private refuse(code: VddErrorCode, message: string): false {
    this.lastError = { code, message };
    return false;
  }

  // ---------------------------------------------------------------- running the guest
  /** VDDSimulateInterrupt: requests `count` interrupts on IRQ `line` of the master (0) or slave
   *  (1) PIC; the CPU takes them one after another as its IF, the PIC's mask and the EOIs allow,
   *  as it would a device's. False (a vdm86 addition; NTVDM's returns nothing) when the machine
   *  has no such line: an 8086 PC/XT has only the master PIC. */
  simulateInterrupt(controller: number, line: number, count = 1): boolean {
    if (this.ctx.simulateInterrupt(controller, line, count)) return this.succeed();
    const why =
      controller === ICA.SLAVE
        ? 'an 8086 PC/XT has no slave PIC (ICA.SLAVE)'
        : `controller ${controller}, line ${line}, count ${count}: expected ICA.MASTER, a line 0-7 and a count of 0 or more, on a machine with a PIC`;
    return this.refuse(VDD_ERROR.INVALID_PARAMETER, `simulateInterrupt: ${why}`);
  }

  /** VDDSimulate16: runs the guest from the current CS:IP until it executes BOP FEh
   *  (VDDUnSimulate16). The VDD saves and restores CS:IP around it itself, as under NTVDM.
   *  Returns false if the machine's run ended meanwhile (the guest exited or faulted). */
  simulate16(): boolean {
    return this.ctx.simulator.simulate16();
  }

  /** VDDTerminateVDM: ends the run. */
  terminateVDM(): void {
    this.ctx.machine.terminate({ reason: 'stopped', exitCode: -1, message: `VDD ${this.name} terminated the VDM` });
  }

  // ---------------------------------------------------------------- DOS handles
  /** The current PSP (SDA), which pdb 0 stands for in the handle calls. */
  getCurrentPsp(): number {
    return currentPsp(this.mem);
  }

  /** VDDAllocateDosHandle(pPDB, ppSFT, ppJFT): pPDB is NTVDM's 16:16 pointer MK_FP(psp, 0)
   *  (`pdbPointer(psp)` builds it), 0 = the current PSP; one that points at no PSP answers -6. */
  allocateDosHandle(pdb = 0): AllocatedHandle {
    return allocateDosHandle(this.mem, pdb);
  }

  /** VDDAssociateNtHandle(pSFT, h32File, wAccess): `host` is a host handle id (from
   *  openHostFile or addHostObject) or an object, which is then added to the host handle table.
   *  Returns the host handle id. Access bit 7 (ACCESS.NO_INHERIT) keeps it from EXEC children. */
  associateNtHandle(sft: number, host: number | HostObject, access: number): number {
    const table = this.hostHandles;
    const id = typeof host === 'number' ? host : table.add(host);
    const obj = table.get(id);
    if (!obj) throw new VddUsageError(`associateNtHandle: ${id} is not an open host handle`);
    associateNtHandle(this.mem, sft, id, access, obj);
    return id;
  }

  /** VDDRetrieveNtHandle(pPDB, hFile, ppSFT, ppJFT): hostHandle 0 for a bad pPDB or handle. */
  retrieveNtHandle(pdb: number, handle: number): RetrievedHandle {
    return retrieveNtHandle(this.mem, pdb, handle);
  }

  /** VDDReleaseDosHandle(pPDB, hFile): the host handle stays open. False for a bad pPDB or
   *  handle, and (as in NTVDM) for a handle allocated but never associated. */
  releaseDosHandle(pdb: number, handle: number): boolean {
    return releaseDosHandle(this.mem, pdb, handle);
  }

  /** allocateDosHandle + associateNtHandle in one step: the DOS handle, or a negative DOS error
   *  (the host object is then left to the caller). */
  openDosHandle(host: number | HostObject, access: number, pdb = 0): number {
    const h = this.allocateDosHandle(pdb);
    if (h.handle < 0) return h.handle;
    this.associateNtHandle(h.sft, host, access);
    return h.handle;
  }

  // ---------------------------------------------------------------- host objects (vdm86)
  get hostHandles(): HostHandleTable {
    const dos = this.ctx.dos;
    if (!dos) throw new VddUsageError('no DOS kernel is attached: there is no host handle table');
    return dos.hostHandles;
  }

  /** Opens a host file (any host path: VDDs are trusted, unlike the guest's drives) and returns
   *  its host handle id, or a negative DOS error (-2 not found, -5 access denied, ...). */
  openHostFile(path: string, access: number = ACCESS.READ, options: { create?: boolean; truncate?: boolean } = {}): number {
    const mode = access & OPEN_MODE.ACCESS_MASK;
    // A folder cannot be read or written as a file: refuse it here, as DOS's open (and Win32's
    // CreateFile without backup semantics) does, rather than hand out a handle that fails at
    // its first read.
    if (statPath(path)?.kind === 'dir') {
      this.lastError = { code: VDD_ERROR.ACCESS_DENIED, message: `openHostFile: ${path} is a folder, not a file` };
      return -DOS_ACCESS_DENIED;
    }
    try {
      const file = HostFile.open(path, {
        read: mode !== ACCESS.WRITE,
        write: mode !== ACCESS.READ,
        create: options.create,
        truncate: options.truncate,
      });
      return this.hostHandles.add(file);
    } catch (err) {
      return -dosErrorOf(err);
    }
  }

  /** Puts any object that reads, writes, sizes and closes into the host handle table. */
  addHostObject(obj: HostObject): number {
    return this.hostHandles.add(obj);
  }

  hostObject(id: number): HostObject | undefined {
    return this.hostHandles.get(id);
  }

  /** Closes a host handle the guest no longer references (e.g. after releaseDosHandle). */
  closeHostHandle(id: number): void {
    this.hostHandles.close(id);
  }

  /** The VDD's I/O handlers with host exceptions turned into a fault of the run (a failed IN
   *  reads as open bus). Absent optional handlers stay absent, so the fallbacks still apply. */
  private guardIo(h: VddIoHandlers): VddIoHandlers {
    if (typeof h?.inb !== 'function' || typeof h?.outb !== 'function') return h;
    const who = (port: number, what: string) => `${what} handler of port ${port.toString(16).toUpperCase()}h`;
    const g = <T>(what: string, fn: () => T, fallback: T) => this.ctx.guard('hook', this.name, what, fn, fallback);
    const out: VddIoHandlers = {
      inb: (port) => g(who(port, 'inb'), () => h.inb(port), 0xff),
      outb: (port, value) => g(who(port, 'outb'), () => h.outb(port, value), undefined),
    };
    if (h.inw) out.inw = (port) => g(who(port, 'inw'), () => h.inw!(port), 0xffff);
    if (h.outw) out.outw = (port, value) => g(who(port, 'outw'), () => h.outw!(port, value), undefined);
    if (h.insb) out.insb = (port, buf, n) => g(who(port, 'insb'), () => h.insb!(port, buf, n), undefined);
    if (h.insw) out.insw = (port, buf, n) => g(who(port, 'insw'), () => h.insw!(port, buf, n), undefined);
    if (h.outsb) out.outsb = (port, buf, n) => g(who(port, 'outsb'), () => h.outsb!(port, buf, n), undefined);
    if (h.outsw) out.outsw = (port, buf, n) => g(who(port, 'outsw'), () => h.outsw!(port, buf, n), undefined);
    return out;
  }

  /** Called by the bridge when it is disposed: every hook this VDD left behind goes. */
  removeAllHooks(): void {
    this.ioHooks.deinstallAll();
    this.ctx.memoryHooks.deinstallAll(this);
    this.ctx.userHooks.deinstall(this);
    this.ctx.irqLines.releaseAll(this);
  }
}
