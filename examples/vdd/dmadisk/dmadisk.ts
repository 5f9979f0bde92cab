// Example VDD: a DMA-driven block device, the shape of a disk controller or a sound card's
// sample transfers. The guest programs DMA channel 1 through the 8237's real ports, then starts
// the device with OUT; the VDD moves the sector through the channel with requestDMA
// (VDDRequestDMA) and raises the device's interrupt through the PIC on the IRQ line it reserved
// (VDDReserveIrqLine). A RAM disk of 4 sectors of 128 bytes:
//   3B0h  write: sector number (0-3)          read: status (bit 7: the last command failed)
//   3B1h  write: command 1 = read the sector into memory, 2 = write it from memory
//   3B2h  read: the IRQ line the device interrupts on
//
//   npx vdm86 --vdd examples/vdd/dmadisk/dmadisk.ts roms/examples/dmadisk.com
import { IRQ_ANY, ICA, type VddService } from 'vdm86';

export const dllName = 'DMADISK';

const PORT = { SECTOR: 0x3b0, COMMAND: 0x3b1, IRQ: 0x3b2 } as const;
const COMMAND = { READ: 1, WRITE: 2 } as const;
const DMA_CHANNEL = 1;
const SECTOR_SIZE = 128;
const SECTORS = 4;
const STATUS_ERROR = 0x80;

export class RamDisk {
  readonly sectors = Array.from({ length: SECTORS }, () => new Uint8Array(SECTOR_SIZE));
  sector = 0;
  status = 0;
  irq = IRQ_ANY;

  constructor() {
    const text = 'Sector 0 of the DMADISK, read through DMA channel 1.\r\n';
    for (let i = 0; i < text.length; i++) this.sectors[0][i] = text.charCodeAt(i);
  }
}

// One disk per attached service (per machine).
export const disks = new WeakMap<VddService, RamDisk>();

export function onAttach(vdd: VddService): void {
  const disk = new RamDisk();
  disks.set(vdd, disk);
  disk.irq = vdd.reserveIrqLine(IRQ_ANY);
  if (disk.irq === IRQ_ANY) throw new Error(`no IRQ line for the disk: ${vdd.getLastErrorMessage()}`);
  const ok = vdd.installIOHook(
    { first: PORT.SECTOR, last: PORT.IRQ },
    {
      inb(port) {
        if (port === PORT.SECTOR) return disk.status;
        if (port === PORT.IRQ) return disk.irq;
        return 0xff;
      },
      outb(port, value) {
        if (port === PORT.SECTOR) disk.sector = value;
        else if (port === PORT.COMMAND) command(vdd, disk, value);
      },
    },
  );
  if (!ok) throw new Error(vdd.getLastErrorMessage());
}

/** Runs a command at once (a real disk would take a while) and interrupts when it is done. */
function command(vdd: VddService, disk: RamDisk, cmd: number): void {
  const data = disk.sectors[disk.sector];
  // The channel must be programmed for a whole sector, in the direction the command needs.
  const info = vdd.queryDMA(DMA_CHANNEL);
  const direction = cmd === COMMAND.READ ? 0x04 : 0x08; // 8237 mode bits 2-3: write / read
  if (!data || !info || (info.mode & 0x0c) !== direction || info.count + 1 < SECTOR_SIZE) {
    disk.status = STATUS_ERROR;
  } else {
    const moved = vdd.requestDMA(DMA_CHANNEL, data, SECTOR_SIZE);
    disk.status = moved === SECTOR_SIZE ? 0 : STATUS_ERROR;
  }
  vdd.simulateInterrupt(ICA.MASTER, disk.irq, 1);
}

export function onDetach(vdd: VddService): void {
  const disk = disks.get(vdd);
  if (disk && disk.irq !== IRQ_ANY) vdd.releaseIrqLine(disk.irq);
  disks.delete(vdd);
}
