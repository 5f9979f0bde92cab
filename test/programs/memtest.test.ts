// MEMTEST.COM (roms/programs/memtest.c): most of memory taken through malloc and through DOS
// (48h/4Ah/49h), filled and checked, the MCB chain walked, everything given back.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, drive, outLines, run } from './helpers';
import { values as readValues } from '../helpers/output';

afterAll(cleanupTemps);

const values = (output: string) => readValues(output).record();

describe('MEMTEST', () => {
  for (const memoryKB of [640, 256, 128]) {
    it(`fills and checks the heap and all free DOS memory in ${memoryKB} KB`, async () => {
      const dir = drive({ 'MEMTEST.COM': 'memtest.com' });
      const r = await run(dir, 'MEMTEST.COM', [], { memoryKB });
      expect(r.reason).toBe('exit');
      const v = values(r.output);
      expect(v.FAIL).toBeUndefined();
      expect(r.exitCode).toBe(0);
      expect(outLines(r.output).at(-1)).toBe('OK');
      // bcc's startup keeps 64 KB for the program; the rest of memory is one free block.
      const largest = Number(v.LARGEST);
      const top = memoryKB * 64;
      expect(v.TOP).toBe(top.toString(16));
      expect(largest).toBeGreaterThan(top - 0x1800);
      expect(largest).toBeLessThan(top - 0x1000);
      expect(Number(v.FREED)).toBe(largest - Math.floor(largest / 2) - 1);
      expect(Number(v.FIT)).toBe(Math.floor(largest / 2));
      // The program's block, its environment and the two blocks it holds.
      expect(Number(v.MINE)).toBe(4);
      expect(Number(v.HEAP_BLOCKS)).toBeGreaterThanOrEqual(40);
    });
  }

  it('finds no free DOS memory in 64 KB, where the C startup keeps everything (48h 0 paragraphs fails too)', async () => {
    const dir = drive({ 'MEMTEST.COM': 'memtest.com' });
    const r = await run(dir, 'MEMTEST.COM', [], { memoryKB: 64 });
    expect(r.exitCode).toBe(0);
    expect(values(r.output).LARGEST).toBe('0');
    expect(outLines(r.output).at(-1)).toBe('OK');
  });
});
