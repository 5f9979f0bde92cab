// The compiled tier's table of blocks: which linear addresses have a compiled block (block-
// compiler.ts), how often the interpreter has started an instruction at each address that has
// none, and when to compile. A block is found by the linear address of CS:IP and used only when
// its IP matches too (the same linear address reached through another CS:IP split has other
// constants). Staleness is the block's own business (it compares its code bytes on entry); a
// block found stale is dropped here, and an address whose code keeps changing is left to the
// interpreter. The cache also runs blocks one after another (run: a block that ends where
// another starts goes straight on to it), and shares what it compiles with every other cache in
// the process (by CS:IP and code bytes).
import { compileBlock, MAX_BLOCK_INSTRUCTIONS, type BlockCpu, type BlockFunction, type CompiledCode } from './block-compiler';

/** Instruction starts at one address before its block is compiled. */
const HOT = 250;

/** How the tier compiles; the defaults are the ones runs use. Tests compile every instruction
 *  afresh (hot 1, keep false) to run each through the translator. */
export interface BlockCacheOptions {
  /** Instruction starts at an address before its block is compiled (1-65535). */
  hot?: number;
  /** The most instructions in one block. */
  maxInstructions?: number;
  /** false: compile at every start and keep nothing. */
  keep?: boolean;
}
/** Times a block at one address may be found stale before the address is left uncompiled. */
const MAX_STALE = 8;
/** index[] value of an address not to compile (its first instruction is not one a block holds). */
const NEVER = -1;
/** The tables are kept in chunks of 2^CHUNK_BITS addresses, each made when first written: a run
 *  starts instructions in a few 64 KB stretches of the megabyte, and whole tables (7 MB) cost a
 *  machine 2-9 ms to make. Chunks not written yet are these, all zeros, never written. */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
const CHUNKS = 0x100000 >> CHUNK_BITS;
const UNTOUCHED_INDEX = new Int32Array(CHUNK_SIZE);
const UNTOUCHED_HEAT = new Uint16Array(CHUNK_SIZE);

/** Blocks compiled so far in this process, by CS:IP (cs * 10000h + ip), for every BlockCache
 *  with the default block size: a program run again (another machine in the same process, as
 *  the test runner and the bench do) finds its blocks without decoding them again or making the
 *  function source, when the bytes are the same. Bounded; cleared when full. */
const shared = new Map<number, CompiledCode[]>();
const MAX_SHARED = 8192;

/** The block at CS:IP made earlier whose code bytes are still those in `mem`, or null. */
function sharedBlock(mem: Uint8Array, cs: number, ip: number): CompiledCode | null {
  const list = shared.get(cs * 0x10000 + ip);
  if (list === undefined) return null;
  next: for (const c of list) {
    let j = 0;
    for (let r = 0; r < c.runs.length; r += 2) {
      for (let p = c.runs[r]; p < c.runs[r + 1]; p++, j++) if (mem[p] !== c.bytes[j]) continue next;
    }
    return c;
  }
  return null;
}

function share(cs: number, ip: number, code: CompiledCode): void {
  if (shared.size >= MAX_SHARED) shared.clear();
  const key = cs * 0x10000 + ip;
  const list = shared.get(key);
  if (list === undefined) shared.set(key, [code]);
  else list.push(code);
}

export class Block {
  constructor(
    readonly ip: number,
    readonly count: number,
    readonly run: BlockFunction,
  ) {}
}
const PLACEHOLDER = new Block(-1, 0, () => -1);

/** An empty array whose elements are already of the kind Blocks make: a fresh `[]` holds small
 *  integers until its first push, and the optimised code of at() (made for arrays of objects)
 *  was thrown away at the first block of every new cache. */
function emptyBlockList(): Block[] {
  const list: Block[] = [PLACEHOLDER];
  list.length = 0;
  return list;
}

export class BlockCache {
  /** Per linear address, in chunks (CHUNK_BITS): 0 none, NEVER, or 1 + the block's slot in
   *  `blocks`. */
  private readonly index: Int32Array[] = Array.from({ length: CHUNKS }, () => UNTOUCHED_INDEX);
  /** Per linear address, in chunks: instruction starts counted. */
  private readonly heat: Uint16Array[] = Array.from({ length: CHUNKS }, () => UNTOUCHED_HEAT);
  /** Times the block at a linear address was found stale. */
  private readonly stale = new Map<number, number>();
  private readonly blocks: Block[] = emptyBlockList();
  /** The CPU's buffer as 32-bit words, for the blocks' check of their code bytes. */
  dwords: Int32Array = new Int32Array(0);
  /** Blocks compiled (for tests and the bench). */
  compiled = 0;
  private readonly hot: number;
  private readonly maxInstructions: number;
  private readonly keep: boolean;
  /** Whether this cache takes and gives blocks in the process-wide table. Only caches that
   *  keep their blocks do: tests that compile afresh at every start mean to run each
   *  instruction through the translator. */
  private readonly sharing: boolean;

  constructor(options: BlockCacheOptions = {}) {
    this.hot = Math.max(1, Math.min(65535, options.hot ?? HOT));
    this.maxInstructions = options.maxInstructions ?? MAX_BLOCK_INSTRUCTIONS;
    this.keep = options.keep ?? true;
    this.sharing = this.keep && this.maxInstructions === MAX_BLOCK_INSTRUCTIONS;
  }

  /** The block to run at CS:IP (linear `lin`), or null: the interpreter runs the instruction.
   *  Counts the start and compiles when the address turns hot. */
  at(lin: number, ip: number, mem: Uint8Array, cs: number): Block | null {
    const i = this.index[lin >> CHUNK_BITS][lin & CHUNK_MASK];
    if (i > 0) {
      const blk = this.blocks[i - 1];
      if (blk.ip === ip) return blk;
    } else if (i === NEVER) return null;
    const heats = this.heat;
    let heat = heats[lin >> CHUNK_BITS];
    if (heat === UNTOUCHED_HEAT) heat = heats[lin >> CHUNK_BITS] = new Uint16Array(CHUNK_SIZE);
    if (++heat[lin & CHUNK_MASK] < this.hot) {
      // At an address's first start, a block made before for the same bytes at this CS:IP (the
      // program run before in this process, on another machine) is taken at once.
      if (heat[lin & CHUNK_MASK] !== 1 || !this.sharing) return null;
      const known = sharedBlock(mem, cs, ip);
      if (known === null) return null;
      heat[lin & CHUNK_MASK] = 0;
      return this.install(lin, ip, known, mem);
    }
    heat[lin & CHUNK_MASK] = 0;
    let code = this.sharing ? sharedBlock(mem, cs, ip) : null;
    if (code === null) {
      code = compileBlock(mem, cs, ip, this.maxInstructions);
      if (code !== null && this.sharing) share(cs, ip, code);
    }
    if (code === null) {
      if (this.keep) this.setIndex(lin, NEVER);
      return null;
    }
    return this.install(lin, ip, code, mem);
  }

  /** Counts `code` compiled and enters it as the block at `lin` (unless the cache keeps none). */
  private install(lin: number, ip: number, code: CompiledCode, mem: Uint8Array): Block {
    if (this.dwords.buffer !== mem.buffer) this.dwords = new Int32Array(mem.buffer, 0, mem.buffer.byteLength >> 2);
    this.compiled++;
    if (!this.keep) return new Block(ip, code.count, code.run);
    this.blocks.push(new Block(ip, code.count, code.run));
    this.setIndex(lin, this.blocks.length);
    return this.blocks[this.blocks.length - 1];
  }

  private setIndex(lin: number, v: number): void {
    let index = this.index[lin >> CHUNK_BITS];
    if (index === UNTOUCHED_INDEX) index = this.index[lin >> CHUNK_BITS] = new Int32Array(CHUNK_SIZE);
    index[lin & CHUNK_MASK] = v;
  }

  /** Runs `blk` (found by at() and fitting in `room`), then, while each block ends where
   *  another compiled block starts that fits in the room left, that one: the run loop's work
   *  between two blocks is only this lookup, as nothing a block does raises the loop's
   *  attention (interrupts, the trap, stops, page hooks wait for the loop). Returns the
   *  instructions run, with cpu.ipReg the next IP; -1 when `blk` found its code changed (it ran
   *  nothing). A later block that finds its code changed is left for the loop to find again
   *  and drop, as if the chain had ended there. w: the CPU's words (w[80009h] is CS). */
  run(blk: Block, cpu: BlockCpu, b: Uint8Array, w: Uint16Array, room: number): number {
    const d = this.dwords;
    let done = blk.run(cpu, b, w, d, room);
    if (done < 0) return -1;
    for (;;) {
      const ip = cpu.ipReg;
      const lin = ((w[0x80009] << 4) + ip) & 0xfffff;
      const i = this.index[lin >> CHUNK_BITS][lin & CHUNK_MASK];
      if (i <= 0) return done;
      const next = this.blocks[i - 1];
      if (next.ip !== ip || done + next.count > room) return done;
      const k = next.run(cpu, b, w, d, room - done);
      if (k < 0) return done;
      done += k;
    }
  }

  /** The block at `lin` ran into changed code: forget it. */
  drop(lin: number): void {
    const stale = (this.stale.get(lin) ?? 0) + 1;
    this.stale.set(lin, stale);
    this.setIndex(lin, stale >= MAX_STALE ? NEVER : 0);
    // (A zero: an untouched chunk stays all zeros.)
    this.heat[lin >> CHUNK_BITS][lin & CHUNK_MASK] = 0;
  }
}
