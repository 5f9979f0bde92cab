// The BOP table: the single door from guest code into TypeScript. A BOP is the byte sequence
// C4 C4 nn (LES with a register operand, which no real program executes); the CPU reports nn
// and the machine calls the handler registered for it. Numbering (see roms/rom.asm):
//   00h-57h, 59h-EFh  the interrupt vector of the same number (its ROM stub is BOP nn / IRET)
//   58h               the VDD bridge (RegisterModule / UnRegisterModule / DispatchCall)
//   F0h-FDh           internal ROM entry points (BOP_INTERNAL below)
//   FEh               VDDUnSimulate16: ends a nested simulate16 run

export type BopHandler = (n: number) => void;

/** The BOP's first two bytes (C4 C4); the third is its number. */
export const BOP_OPCODE = 0xc4;
/** Bytes of a BOP (C4 C4 nn): a handler that moves IP back by this much runs again (waiting for
 *  input, or a DOS call restarted after INT 23h/28h). */
export const BOP_LENGTH = 3;

/** IP moved back onto the BOP just executed, so the same BOP runs again. */
export function rewindToBop(ip: number): number {
  return (ip - BOP_LENGTH) & 0xffff;
}

export const BOP_VDD = 0x58;
export const BOP_UNSIMULATE = 0xfe;

/** Internal BOP numbers used by ROM code that is not an interrupt vector's stub. */
export const BOP_INTERNAL = {
  /** DOS: end of the first program (its INT 22h lands on the ROM's root_terminate entry). */
  DOS_ROOT_TERMINATE: 0xf1,
  /** DOS: the CP/M-style CALL 5 entry (PSP+05h), function number in CL. */
  DOS_CPM_CALL: 0xf2,
  /** BIOS: F600:0000, where the IBM PC's ROM BASIC starts (vdm86 has none: the run ends). */
  ROM_BASIC_ENTRY: 0xf3,
  /** The shell: vdm86's COMMAND.COM (roms/shell) asks src/shell/ for its next request. */
  SHELL: 0xf4,
  /** The CPU loop's warm-up (cpu/feedback-warmup.ts) runs its BOP path with this one, which
   *  does nothing (a guest that runs it gets nothing either, not INT 6). */
  WARM_UP: 0xf5,
} as const;

export class BopTable {
  private readonly handlers: (BopHandler | null)[] = new Array(256).fill(null);

  set(n: number, handler: BopHandler | null): void {
    this.handlers[n & 0xff] = handler;
  }

  /** Returns false when nothing handles nn; the caller then raises INT 6 (docs/DESIGN.md). */
  dispatch(n: number): boolean {
    const h = this.handlers[n & 0xff];
    if (!h) return false;
    h(n);
    return true;
  }
}
