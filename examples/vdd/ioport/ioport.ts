// Example VDD: a small device on I/O ports, which an unmodified DOS program drives with IN and
// OUT. It is a Fletcher-16 checksum engine:
//   3A0h  write: any value resets the engine      read: bytes fed since the reset (low 8 bits)
//   3A1h  write: feeds one byte                   read: FFh
//   3A2h  read: the checksum's low byte (sum1)    3A3h read: its high byte (sum2)
// A word IN from 3A2h is served by the word handler in one go; a byte IN from 3A2h or 3A3h by
// the byte handler. The hooks go in at attach time (the NTVDM counterpart: a VDD listed in the
// registry installs them in DllMain), so the guest needs no RegisterModule to find the device.
//
//   npx vdm86 --vdd examples/vdd/ioport/ioport.ts roms/examples/ioport.com
import type { VddService } from 'vdm86';

export const dllName = 'IOPORT';

const BASE = 0x3a0;
const PORT = { CONTROL: BASE, DATA: BASE + 1, SUM_LOW: BASE + 2, SUM_HIGH: BASE + 3 } as const;

class Fletcher16 {
  sum1 = 0;
  sum2 = 0;
  count = 0;
  reset(): void {
    this.sum1 = this.sum2 = this.count = 0;
  }
  feed(byte: number): void {
    this.sum1 = (this.sum1 + byte) % 255;
    this.sum2 = (this.sum2 + this.sum1) % 255;
    this.count = (this.count + 1) & 0xff;
  }
  get value(): number {
    return (this.sum2 << 8) | this.sum1;
  }
}

// One engine per attached service (per machine), never shared between machines.
const engines = new WeakMap<VddService, Fletcher16>();

export function onAttach(vdd: VddService): void {
  const engine = new Fletcher16();
  engines.set(vdd, engine);
  vdd.installIOHook(
    { first: PORT.CONTROL, last: PORT.SUM_HIGH },
    {
      inb(port) {
        switch (port) {
          case PORT.CONTROL:
            return engine.count;
          case PORT.SUM_LOW:
            return engine.value & 0xff;
          case PORT.SUM_HIGH:
            return engine.value >>> 8;
          default:
            return 0xff;
        }
      },
      outb(port, value) {
        if (port === PORT.CONTROL) engine.reset();
        else if (port === PORT.DATA) engine.feed(value);
      },
      inw(port) {
        // the whole checksum from 3A2h; other word reads are two byte reads, as on the bus
        if (port === PORT.SUM_LOW) return engine.value;
        return this.inb(port) | (this.inb(port + 1) << 8);
      },
    },
  );
}

export function onDetach(vdd: VddService): void {
  vdd.deInstallIOHook({ first: PORT.CONTROL, last: PORT.SUM_HIGH });
  engines.delete(vdd);
}
