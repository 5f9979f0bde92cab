// The memory arena as a program drives it (INT 21h/48h, 49h, 4Ah, 58h): sizes and segments
// under first/best/last fit, error 8 with the largest size, DOS's grow-as-far-as-possible resize,
// error 9 for a non-block, error 7 for a broken chain (never a host exception), and the MCB
// chain in memory checked from TypeScript after every step the guest printed.
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryArena } from '../../src/dos/arena';
import { cleanupTemps, hex4, runGuest, values } from '../helpers/guest';

afterAll(cleanupTemps);

describe('memory functions from a program', async () => {
  const run = await runGuest({ programs: { 'MEM.COM': 'roms/tests/dos-core-mem.com' } });
  const v = values(run.output);
  const n = (k: string) => parseInt(v.get(k), 16);

  it('runs to the end', () => {
    expect(run.end).toEqual({ reason: 'exit', exitCode: 0 });
  });

  it('shrinks the program block (4Ah) and owns it', () => {
    expect(v.get('SHRINK')).toBe('ok');
    expect(n('OWNSIZE')).toBeLessThan(0x100);
  });

  it('grows its own block (4Ah on the PSP) into the free space after it, and shrinks it back', () => {
    expect(v.get('GROWOWN')).toBe('ok');
    expect(n('OWNGROWN')).toBe(n('OWNSIZE') + 0x100);
    expect(v.get('SHRINKOWN')).toBe('ok');
    // Given back: the first block allocated afterwards starts right after the program again.
    expect(n('SEGA')).toBe(n('OWNOWNER') + n('OWNSIZE') + 1);
  });

  it('answers an impossible 48h with error 8 and the largest block, at least 600 KiB', () => {
    expect(v.get('ALLOCALL')).toBe('err 0008');
    expect(n('LARGEST') * 16).toBeGreaterThanOrEqual(600 * 1024);
  });

  it('allocates first fit by default, one after another, owned by the caller', () => {
    expect(n('SEGB')).toBe(n('SEGA') + 0x200 + 1);
    expect(n('SEGC')).toBe(n('SEGB') + 0x10 + 1);
    expect(n('SEGD')).toBe(n('SEGC') + 0x100 + 1);
    expect(v.get('OWNERA')).toBe(v.get('OWNOWNER'));
    expect(v.get('STRAT0')).toBe('0000');
    expect(v.get('FIRSTFIT')).toBe(v.get('SEGA'));
  });

  it('honours best fit and last fit (58h)', () => {
    expect(v.get('SETBEST')).toBe('ok');
    expect(v.get('BESTFIT')).toBe(v.get('SEGC'));
    expect(v.get('LASTFIT')).toBe(hex4(0xa000 - 0x80));
    expect(v.get('STRAT2')).toBe('0002');
    expect(v.get('BADSTRAT')).toBe('err 0001');
    expect(v.get('UMBLINK').slice(2)).toBe('00');
    expect(v.get('LINKUMB')).toBe('err 0001');
  });

  it('grows a block into the free space after it; too far: error 8, left as large as possible', () => {
    expect(v.get('GROWD')).toBe('ok');
    expect(v.get('GROWALL')).toBe('err 0008');
    expect(v.get('SIZED')).toBe(v.get('MAXD'));
    expect(n('MAXD')).toBe(0xa000 - n('SEGD'));
    expect(v.get('SHRINKD')).toBe('ok');
    expect(n('LARGEST2')).toBe(0xa000 - n('SEGD') - 0x10 - 1);
  });

  it('refuses to free what is not a block (9) and reports a broken chain as 7', () => {
    expect(v.get('FREEBAD')).toBe('err 0009');
    expect(v.get('ALLOCBROKEN')).toBe('err 0007');
    expect(v.get('RESIZEB')).toBe('err 0007');
    expect(v.get('RESIZEBROKEN')).toBe('err 0007');
    expect(v.get('RESIZEREPAIRED')).toBe('ok');
    expect(v.get('ALLOCREPAIRED')).toBe('ok');
  });

  it('leaves a whole chain behind once the program has ended', () => {
    const blocks = run.dos.memory.blocks();
    expect(typeof blocks).not.toBe('number');
    if (typeof blocks === 'number') return;
    const last = blocks[blocks.length - 1];
    expect(last.mcb + last.size + 1).toBe(0xa000);
  });
});

describe('the arena in guest memory', () => {
  const mem = new Uint8Array(0x100000);
  const arena = new MemoryArena(mem, 640);

  it('reports a chain broken anywhere as error 7, never throwing', () => {
    arena.init();
    const a = arena.allocate(0x100, 0x1234);
    expect(a).toBe(arena.first + 1);
    // Corrupt the size of A so the next MCB lands on garbage.
    mem[(a - 1) * 16 + 3] = 0x55;
    expect(arena.allocate(0x10, 0x1234)).toBe(-7);
    expect(arena.largestFree()).toBe(-7);
    expect(arena.blocks()).toBe(7);
    expect(arena.freeOwnedBy(0x1234)).toBe(-7);
    expect(arena.resize(a, 0x200)).toBe(-7);
    // A size running past the end of memory is broken too.
    mem[(a - 1) * 16 + 3] = 0xff;
    mem[(a - 1) * 16 + 4] = 0xff;
    expect(arena.allocate(0x10, 1)).toBe(-7);
  });

  it('merges free neighbours when it searches, as DOS does', () => {
    mem.fill(0);
    arena.init();
    const a = arena.allocate(0x10, 1);
    const b = arena.allocate(0x10, 1);
    const c = arena.allocate(0x10, 1);
    expect(arena.free(a)).toBe(0);
    expect(arena.free(b)).toBe(0);
    // Two adjacent free blocks until the next search merges them.
    expect((arena.blocks() as { owner: number }[]).filter((x) => x.owner === 0).length).toBe(3);
    expect(arena.allocate(0x21, 2)).toBe(a);
    expect(c).toBe(b + 0x11);
  });
});
