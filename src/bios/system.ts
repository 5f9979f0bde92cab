// The BIOS's small services: INT 11h (equipment), 12h (memory size), 15h (86h wait, 88h, C0h;
// everything else CF=1, AH=86h "unsupported" as the AT BIOS answers), the device interrupts
// there is no hardware for (13h disks, 14h serial, 17h printer, 05h print screen), and the ways a
// program can leave the machine: INT 18h/19h (no ROM BASIC, no boot disk), an unhandled BOP (INT 6),
// and a divide error when no DOS has taken INT 0.
import type { Cpu } from '../cpu/cpu';
import { hex4, type Board, type TimedDevice } from '../hw/board';
import { rd8 } from '../cpu/guest-memory';
import { BOP_LENGTH, BOP_OPCODE } from '../cpu/bop';
import { ROM_ENTRY, ROM_SEGMENT, romEntry } from './rom';
import { BDA, bda } from './bda';
import { returnAddress, setReturnCarry } from './iret-frame';

/** AH for an INT 15h function the BIOS does not support. */
const UNSUPPORTED = 0x86;
/** Where the IBM PC's ROM BASIC is (F600:0000-7FFF; roms/rom.asm makes it lead to BOP F3h). */
const ROM_BASIC_SEGMENT = 0xf600;

export class SystemBios implements TimedDevice {
  /** A pending INT 15h/86h wait: the host time it ends and the stack of the call it belongs to. */
  private wait: { until: number; ss: number; sp: number } | null = null;

  constructor(private readonly machine: Board) {}

  private get mem(): Uint8Array {
    return this.machine.mem;
  }

  nextEvent(): number {
    return this.wait ? this.wait.until : Infinity;
  }
  service(): void {
    // Nothing to do: being due wakes the machine, and the waiting BOP runs again.
  }

  equipment(cpu: Cpu): void {
    cpu.ax = bda.rd16(this.mem, BDA.EQUIPMENT);
  }

  memorySize(cpu: Cpu): void {
    cpu.ax = bda.rd16(this.mem, BDA.MEMORY_KB);
  }

  int15(cpu: Cpu): void {
    switch (cpu.ah) {
      case 0x86: {
        // Wait CX:DX microseconds without spinning: the machine sleeps until the time is up.
        const now = this.machine.now();
        let w = this.wait;
        if (!w || w.ss !== cpu.ss || w.sp !== cpu.sp) {
          const us = ((cpu.cx << 16) | cpu.dx) >>> 0;
          w = this.wait = { until: now + us / 1000, ss: cpu.ss, sp: cpu.sp };
        }
        if (now >= w.until) {
          this.wait = null;
          cpu.ah = 0;
          setReturnCarry(cpu, false);
          return;
        }
        this.machine.waitForInput();
        return;
      }
      case 0x88:
        cpu.ax = 0; // no extended memory on an 8086
        setReturnCarry(cpu, false);
        return;
      case 0xc0:
        cpu.es = ROM_SEGMENT;
        cpu.bx = romEntry(this.mem, ROM_ENTRY.CONFIG_TABLE);
        cpu.ah = 0;
        setReturnCarry(cpu, false);
        return;
      case 0x4f:
        // Keyboard intercept: CF=1 means "use this scan code" (AL unchanged).
        setReturnCarry(cpu, true);
        return;
      default:
        cpu.ah = UNSUPPORTED;
        setReturnCarry(cpu, true);
    }
  }

  /** INT 13h: no BIOS disks (drives are host folders reached through DOS). */
  disk(cpu: Cpu): void {
    if (cpu.ah === 0x00) {
      cpu.ah = 0; // reset succeeds
      setReturnCarry(cpu, false);
    } else if (cpu.ah === 0x15) {
      cpu.ah = 0; // drive type: not present
      setReturnCarry(cpu, false);
    } else {
      cpu.ah = 0x01; // invalid function / no such drive
      setReturnCarry(cpu, true);
    }
  }

  /** INT 14h: no serial ports; every function times out. */
  serial(cpu: Cpu): void {
    const fn = cpu.ah;
    cpu.ah = 0x80;
    if (fn === 0x00 || fn === 0x03) cpu.al = 0; // modem status: nothing connected
  }

  /** INT 17h: no printer; status "time-out". */
  printer(cpu: Cpu): void {
    cpu.ah = 0x01;
  }

  /** INT 05h: print screen has no printer to go to; nothing happens. */
  printScreen(): void {}

  /** INT 18h: the IBM PC started ROM BASIC when no disk booted. */
  romBasic(): void {
    this.end('the program called INT 18h (ROM BASIC), which vdm86 does not have');
  }

  /** BOP F3h in F600:0000-7FFF: a program jumped into the IBM PC's ROM BASIC (BASICA and BASIC
   *  of MS-DOS 1.25 do: they are extensions of it). vdm86 has no ROM BASIC, and executing the
   *  zeros there would run on forever; the run ends, as PCs without ROM BASIC stop at INT 18h. */
  romBasicEntered(): void {
    this.end(`ROM BASIC is not present: the program jumped into ${hex4(ROM_BASIC_SEGMENT)}:0000-7FFF, where the IBM PC's ROM BASIC would be`);
  }

  /** INT 19h and the keyboard controller's reset line: the program asked to reboot. */
  reboot(how: string): void {
    this.end(`the program rebooted the machine (${how})`);
  }

  /** BOP 06h: INT 6 was raised. The 8086 has no invalid-opcode exception, so it comes from a
   *  BOP nothing handles (the machine raises INT 6 then) or from an explicit INT 6. */
  invalidOpcode(cpu: Cpu): void {
    const { cs, ip } = returnAddress(cpu);
    const mem = this.mem;
    const bop = ip - BOP_LENGTH;
    if (rd8(mem, cs, bop) === BOP_OPCODE && rd8(mem, cs, bop + 1) === BOP_OPCODE) {
      this.end(`BOP ${hex4(rd8(mem, cs, bop + 2)).slice(2)}h at ${hex4(cs)}:${hex4(bop)} has no handler`);
    } else {
      this.end(`INT 6 (invalid opcode) raised at ${hex4(cs)}:${hex4(ip)}`);
    }
  }

  /** BOP 00h until DOS installs its own: a divide error ends the run. */
  divideError(cpu: Cpu): void {
    const { cs, ip } = returnAddress(cpu);
    // The 8086 pushes the address after the DIV/IDIV.
    this.end(`divide error (the instruction before ${hex4(cs)}:${hex4(ip)})`);
  }

  private end(message: string): void {
    this.machine.terminate({ reason: 'fault', exitCode: -1, message });
  }
}
