// The 8237 DMA controller (src/hw/dma.ts) through its real ports, and the NTVDM DMA, IRQ-line and
// adapter-memory services over it; end to end, the DMADISK example: a guest programs DMA channel
// 1 with OUTs, starts the device, and the VDD moves each sector with requestDMA and interrupts
// through the PIC (roms/examples/dmadisk.asm).
import { afterAll, describe, expect, it } from 'vitest';
import { IoPorts } from '../../src/cpu/bus';
import { Dma8237, DMA_MODE } from '../../src/hw/dma';
import { IRQ_ANY, VDD_DMA, VDD_ERROR, vddModuleFromExports, type VddModule, type VddService } from '../../src/vdd';
import * as dmadisk from '../../examples/vdd/dmadisk/dmadisk';
import { cleanupTemps, lines, runGuest } from '../helpers/guest';

afterAll(cleanupTemps);

function board() {
  const io = new IoPorts();
  const dma = new Dma8237();
  dma.attach(io);
  return { io, dma, mem: new Uint8Array(0x100000) };
}

/** Channel `ch` for `count` bytes at the 20-bit `address`, as a guest programs it. */
function program(io: IoPorts, ch: number, mode: number, address: number, count: number): void {
  const pagePort = [0x87, 0x83, 0x81, 0x82][ch];
  io.out8(0x0a, 4 | ch);
  io.out8(0x0c, 0);
  io.out8(0x0b, mode | ch);
  io.out8(ch * 2, address & 0xff);
  io.out8(ch * 2, (address >>> 8) & 0xff);
  io.out8(pagePort, address >>> 16);
  io.out8(ch * 2 + 1, (count - 1) & 0xff);
  io.out8(ch * 2 + 1, (count - 1) >>> 8);
  io.out8(0x0a, ch);
}

describe('8237 DMA controller', () => {
  it('takes address, page and count through the flip-flop and reads them back', () => {
    const { io, dma } = board();
    program(io, 1, DMA_MODE.WRITE, 0x2abcd, 0x100);
    expect(dma.channels[1]).toMatchObject({ address: 0xabcd, count: 0xff, page: 2, masked: false, mode: DMA_MODE.WRITE | 1 });
    io.out8(0x0c, 0);
    expect([io.in8(0x02), io.in8(0x02), io.in8(0x03), io.in8(0x03), io.in8(0x83)]).toEqual([0xcd, 0xab, 0xff, 0x00, 2]);
  });

  it('transfers in the programmed direction, sets terminal count (cleared by reading the status) and masks', () => {
    const { io, dma, mem } = board();
    program(io, 1, DMA_MODE.WRITE, 0x12340, 4);
    expect(dma.transfer(1, mem, Uint8Array.of(1, 2, 3, 4, 5, 6))).toBe(4);
    expect([...mem.subarray(0x12340, 0x12345)]).toEqual([1, 2, 3, 4, 0]);
    expect(io.in8(0x08) & 0x0f).toBe(0b0010);
    expect(io.in8(0x08) & 0x0f).toBe(0);
    expect(dma.channels[1].masked).toBe(true);
    expect(dma.transfer(1, mem, new Uint8Array(1))).toBe(0);
    // read (memory to device), decrementing, auto-initialized: reloads at terminal count
    program(io, 2, DMA_MODE.READ | DMA_MODE.DECREMENT | DMA_MODE.AUTO_INIT, 0x12343, 2);
    const out = new Uint8Array(3);
    expect(dma.transfer(2, mem, out)).toBe(2);
    expect([...out]).toEqual([4, 3, 0]);
    expect(dma.channels[2]).toMatchObject({ address: 0x2343, count: 1, masked: false });
  });

  it('the address wraps inside its 64 KiB page, as the page register does not carry', () => {
    const { io, dma, mem } = board();
    program(io, 3, DMA_MODE.WRITE, 0x1ffff, 2);
    dma.transfer(3, mem, Uint8Array.of(0xaa, 0xbb));
    expect([mem[0x1ffff], mem[0x10000], mem[0x20000]]).toEqual([0xaa, 0xbb, 0]);
  });

  it('master clear masks every channel; 0Eh unmasks all, 0Fh writes the mask bits', () => {
    const { io, dma } = board();
    io.out8(0x0e, 0);
    expect(dma.channels.map((c) => c.masked)).toEqual([false, false, false, false]);
    io.out8(0x0f, 0b0101);
    expect(dma.channels.map((c) => c.masked)).toEqual([true, false, true, false]);
    io.out8(0x0d, 0);
    expect(dma.channels.map((c) => c.masked)).toEqual([true, true, true, true]);
  });
});

describe('DMA, IRQ-line and adapter-memory services', () => {
  it('requestDMA, queryDMA and setDMA on the machine 8237; reserve and exclude with reasons', async () => {
    const got: unknown[] = [];
    const other: VddModule = { name: 'OTHER', routines: {}, onAttach: (v) => void got.push(v.reserveIrqLine(IRQ_ANY), v.excludeMem(0xd0000, 0x1000)) };
    const probe: VddModule = {
      name: 'PROBE',
      routines: {},
      onAttach: (v: VddService) => {
        got.push(v.requestDMA(1, new Uint8Array(4)), v.getLastErrorMessage());
        const io = v.machine.io;
        program(io, 1, DMA_MODE.READ, 0x500, 8);
        got.push(v.requestDMA(1, new Uint8Array(0), 0)); // bytes left
        v.getVDMAddr(0x50, 0, 4).set([9, 8, 7, 6]);
        const buf = new Uint8Array(4);
        got.push(v.requestDMA(1, buf), [...buf], v.queryDMA(1));
        got.push(v.setDMA(1, VDD_DMA.COUNT | VDD_DMA.STATUS, { count: 0x10, status: 0x02, addr: 0x1234 }), v.queryDMA(1));
        got.push(v.queryDMA(4), v.getLastErrorMessage());
        got.push(v.reserveIrqLine(2), v.getLastError(), v.reserveIrqLine(1), v.getLastErrorMessage(), v.reserveIrqLine(IRQ_ANY), v.releaseIrqLine(0));
        got.push(v.excludeMem(0xd0000, 0x1000), v.getLastErrorMessage(), v.excludeMem(0xd1000, 0x1000));
        got.push(v.installMemoryHook(0xd0000, 0x1000, () => {}), v.getLastError(), v.includeMem(0xd1000, 0x1000));
      },
    };
    const run = await runGuest({ program: 'roms/examples/ioport.com', vdds: [other, probe] });
    expect(run.end.reason).toBe('exit');
    expect(got).toEqual([
      2, // OTHER: the lowest free line (0 and 1 are the timer's and the keyboard's)
      true,
      0,
      'requestDMA: channel 1 is masked (the guest has not unmasked it, or it reached terminal count)',
      8,
      4,
      [9, 8, 7, 6],
      { addr: 0x504, count: 3, page: 0, status: 0, mode: DMA_MODE.READ | 1, mask: 0b1101 },
      true,
      { addr: 0x504, count: 0x10, page: 0, status: 0x02, mode: DMA_MODE.READ | 1, mask: 0b1101 },
      null,
      'queryDMA: channel 4 does not exist (the PC/XT\'s 8237 has channels 0-3)',
      IRQ_ANY,
      VDD_ERROR.ACCESS_DENIED,
      IRQ_ANY,
      'reserveIrqLine: IRQ 1 belongs to the keyboard',
      3,
      false,
      false,
      'excludeMem: page D0000h is excluded by another VDD',
      true,
      false,
      VDD_ERROR.ACCESS_DENIED,
      true,
    ]);
  });
});

describe('the DMADISK example, end to end', () => {
  it('reads and writes sectors through DMA channel 1 with an interrupt per command', async () => {
    const module = vddModuleFromExports('dmadisk', dmadisk as unknown as Record<string, unknown>);
    const run = await runGuest({ program: 'roms/examples/dmadisk.com', vdds: [module], bios: true });
    expect(run.end).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(lines(run.output)).toEqual([
      'DMA TC',
      'Sector 0 of the DMADISK, read through DMA channel 1.',
      'DMA TC',
      'DMA TC',
      'Sector 2, written by the guest through DMA channel 1.',
    ]);
    const disk = dmadisk.disks.get(run.bridge.service('DMADISK')!)!;
    expect(disk.irq).toBe(2);
    expect(String.fromCharCode(...disk.sectors[2]).replace(/\0+$/, '')).toBe('Sector 2, written by the guest through DMA channel 1.\r\n');
    expect(disk.status).toBe(0);
  });
});
