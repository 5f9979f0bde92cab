// InputStream, standard input from a host stream: read in order as bytes arrive, READ_WAIT while
// none has, 0 at the end; the keyboard's byte-at-a-time takes share the same order.
import { describe, expect, it } from 'vitest';
import { INPUT_OVER, InputStream, NO_BYTE_YET, READ_WAIT } from '../../src/host/redirected-files';

describe('InputStream', () => {
  it('hands out bytes across chunks in order, waits while empty, ends after the last byte', () => {
    const s = new InputStream('test');
    let woken = 0;
    s.onArrival = () => woken++;
    const buf = new Uint8Array(4);
    expect(s.read(0, buf)).toBe(READ_WAIT);
    expect(s.takeByte()).toBe(NO_BYTE_YET);
    s.push(Uint8Array.of(1, 2, 3));
    s.push(Uint8Array.of(4, 5));
    expect(woken).toBe(2);
    expect(s.takeByte()).toBe(1);
    expect(s.read(123, buf)).toBe(4); // the position is not used: a stream is read in order
    expect([...buf]).toEqual([2, 3, 4, 5]);
    expect(s.lastByte()).toBe(5);
    expect(s.size()).toBe(5);
    expect(s.read(0, buf)).toBe(READ_WAIT);
    s.end();
    expect(s.atEnd()).toBe(true);
    expect(s.read(0, buf)).toBe(0);
    expect(s.takeByte()).toBe(INPUT_OVER);
    s.push(Uint8Array.of(9)); // nothing arrives after the end
    expect(s.buffered()).toBe(0);
  });
});
