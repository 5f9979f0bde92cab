// VDDReserveIrqLine / VDDReleaseIrqLine: a VDD whose device interrupts claims an IRQ line of the
// PIC, so two VDDs never drive the same line. The board's own devices hold theirs from the start
// (IRQ0 the timer, IRQ1 the keyboard); an 8086 PC/XT has lines 0-7 only. Asking for line FFFFh
// takes a free one (the lowest), as NTVDM's does.
export const IRQ_ANY = 0xffff;
const LINES = 8;
/** Lines the board's own devices use (PC/XT: 0 = PIT, 1 = keyboard). */
const BOARD_LINES: Record<number, string> = { 0: 'the timer (PIT)', 1: 'the keyboard' };

export class IrqLines {
  private readonly owners: (object | null)[] = new Array(LINES).fill(null);

  /** The line reserved, or a reason it could not be. */
  reserve(owner: object, line: number): number | string {
    if (line === IRQ_ANY) {
      for (let l = 0; l < LINES; l++) if (!(l in BOARD_LINES) && !this.owners[l]) return this.take(owner, l);
      return 'every IRQ line is taken';
    }
    if (!Number.isInteger(line) || line < 0 || line >= LINES) return `IRQ ${line} does not exist (an 8086 PC/XT has IRQ 0-7; FFFFh picks a free one)`;
    if (line in BOARD_LINES) return `IRQ ${line} belongs to ${BOARD_LINES[line]}`;
    if (this.owners[line]) return this.owners[line] === owner ? `IRQ ${line} is reserved by this VDD already` : `IRQ ${line} is reserved by another VDD`;
    return this.take(owner, line);
  }

  private take(owner: object, line: number): number {
    this.owners[line] = owner;
    return line;
  }

  release(owner: object, line: number): boolean {
    if (!Number.isInteger(line) || line < 0 || line >= LINES || this.owners[line] !== owner) return false;
    this.owners[line] = null;
    return true;
  }

  releaseAll(owner: object): void {
    for (let l = 0; l < LINES; l++) if (this.owners[l] === owner) this.owners[l] = null;
  }
}
