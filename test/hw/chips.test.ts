// The chips through their ports, on a machine with the BIOS installed and a hand-driven clock
// (no guest code runs): 8259 priorities, masks and EOIs; 8253 counts and IRQ0 timing; the
// keyboard controller's byte hand-over; the CRTC's cursor and start address as the screen shows them.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine';
import { installBios } from '../../src/bios/bios';

function machineAt(clock: { t: number }) {
  const machine = new Machine({ now: () => clock.t });
  const bios = installBios(machine, { wallClock: () => new Date(2026, 0, 2, 12, 0, 0) });
  return { machine, bios, io: machine.io, cpu: machine.cpu };
}

describe('8259 PIC', () => {
  it('raises INTR for the highest-priority unmasked request and nests by priority', () => {
    const { bios, io, cpu } = machineAt({ t: 0 });
    const pic = bios.pic;
    pic.raise(3);
    pic.raise(1);
    expect(cpu.intr).toBe(true);
    expect(pic.acknowledge()).toBe(0x09); // IRQ1 first
    expect(cpu.intr).toBe(false); // IRQ3 waits: lower priority than IRQ1 in service
    pic.raise(0);
    expect(cpu.intr).toBe(true); // IRQ0 outranks IRQ1
    expect(pic.acknowledge()).toBe(0x08);
    io.out8(0x20, 0x20); // non-specific EOI ends IRQ0
    expect(cpu.intr).toBe(false);
    io.out8(0x20, 0x20); // ends IRQ1
    expect(cpu.intr).toBe(true);
    expect(pic.acknowledge()).toBe(0x0b);
  });

  it('honours the mask register and reads IRR and ISR through OCW3', () => {
    const { bios, io, cpu } = machineAt({ t: 0 });
    io.out8(0x21, 0x02);
    bios.pic.raise(1);
    expect(cpu.intr).toBe(false);
    expect(io.in8(0x20)).toBe(0x02); // IRR
    io.out8(0x21, 0x00);
    expect(cpu.intr).toBe(true);
    bios.pic.acknowledge();
    io.out8(0x20, 0x0b);
    expect(io.in8(0x20)).toBe(0x02); // ISR
    io.out8(0x20, 0x61); // specific EOI for IRQ1
    expect(io.in8(0x20)).toBe(0x00);
  });

  it('takes a new vector base from ICW2', () => {
    const { bios, io } = machineAt({ t: 0 });
    io.out8(0x20, 0x13); // ICW1: edge, single, ICW4
    io.out8(0x21, 0x50); // ICW2
    io.out8(0x21, 0x01); // ICW4: 8086 mode
    bios.pic.raise(2);
    expect(bios.pic.acknowledge()).toBe(0x52);
  });
});

describe('8253 PIT', () => {
  it('counts down counter 2 from its host-time start, with latched reads', () => {
    const clock = { t: 0 };
    const { io } = machineAt(clock);
    io.out8(0x61, 0x01); // gate counter 2
    io.out8(0x43, 0xb0); // counter 2, LSB/MSB, mode 0
    io.out8(0x42, 0x10);
    io.out8(0x42, 0x27); // 10000 counts
    clock.t = 1; // 1 ms = 1193 clocks
    io.out8(0x43, 0x80); // latch counter 2
    clock.t = 5; // the latched value does not move
    const v = io.in8(0x42) | (io.in8(0x42) << 8);
    expect(v).toBe(10000 - 1193);
    expect(io.in8(0x61) & 0x20).toBe(0); // OUT2 low until terminal count in mode 0
    clock.t = 10;
    expect(io.in8(0x61) & 0x20).toBe(0x20);
  });

  it('raises IRQ0 every period at the programmed rate', () => {
    const clock = { t: 0 };
    const { machine, bios, cpu } = machineAt(clock);
    const pit = bios.pit;
    expect(pit.rateHz()).toBeCloseTo(18.2065, 3);
    const first = pit.nextEvent();
    expect(first).toBeCloseTo(54.925, 2);
    clock.t = first;
    pit.service(clock.t);
    expect(cpu.intr).toBe(true);
    expect(pit.nextEvent()).toBeCloseTo(2 * 54.925, 2);
    // Reprogrammed to 1193 counts: 1 kHz.
    machine.io.out8(0x43, 0x36);
    machine.io.out8(0x40, 1193 & 0xff);
    machine.io.out8(0x40, 1193 >> 8);
    expect(pit.rateHz()).toBeCloseTo(1000.15, 1);
    expect(pit.nextEvent() - clock.t).toBeCloseTo(1, 2);
  });
});

describe('keyboard controller', () => {
  it('hands over one byte at a time: the same byte until IRQ1 has been served', () => {
    const { bios, io, cpu } = machineAt({ t: 0 });
    bios.type({ char: 0x61 }); // 1E, 9E
    expect(io.in8(0x64) & 1).toBe(1);
    expect(cpu.intr).toBe(true);
    bios.pic.acknowledge();
    expect(io.in8(0x60)).toBe(0x1e);
    bios.keyboard.pump(); // IRQ1 still in service: nothing moves
    expect(io.in8(0x60)).toBe(0x1e);
    expect(io.in8(0x64) & 1).toBe(0);
    io.out8(0x20, 0x20);
    bios.keyboard.pump();
    expect(io.in8(0x64) & 1).toBe(1);
    expect(io.in8(0x60)).toBe(0x9e);
  });

  it('acknowledges keyboard commands and answers controller commands', () => {
    const { bios, io } = machineAt({ t: 0 });
    io.out8(0x60, 0xed); // set LEDs: ACK, then ACK for the LED byte
    expect(io.in8(0x60)).toBe(0xfa);
    io.out8(0x60, 0x02);
    expect(io.in8(0x60)).toBe(0xfa);
    io.out8(0x64, 0x20); // read the command byte: IRQ1 on, system flag, translation
    expect(io.in8(0x60)).toBe(0x45);
    io.out8(0x60, 0xff); // reset: ACK, then the self-test result
    expect(io.in8(0x60)).toBe(0xfa);
    bios.keyboard.pump();
    expect(io.in8(0x60)).toBe(0xaa);
  });
});

describe('CRTC', () => {
  it('moves the displayed cursor and page with port writes', () => {
    const { bios, io } = machineAt({ t: 0 });
    io.out8(0x3d4, 0x0e);
    io.out8(0x3d5, 0x00);
    io.out8(0x3d4, 0x0f);
    io.out8(0x3d5, 87);
    let f = bios.frame();
    expect([f.cursorRow, f.cursorCol, f.cursorVisible]).toEqual([1, 7, true]);
    io.out8(0x3d4, 0x0a);
    io.out8(0x3d5, 0x20); // cursor off
    expect(bios.frame().cursorVisible).toBe(false);
    // Start address one row down: the top row shown is video memory row 1.
    bios.machine.mem[0xb8000 + 160] = 0x5a; // 'Z' at row 1, column 0
    io.out8(0x3d4, 0x0c);
    io.out8(0x3d5, 0x00);
    io.out8(0x3d4, 0x0d);
    io.out8(0x3d5, 80);
    f = bios.frame();
    expect(f.cells[0] & 0xff).toBe(0x5a);
  });
});
