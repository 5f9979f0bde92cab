// `--shard i/n`: the part of a suite one machine of a CI matrix runs. Cases are ordered by id and
// dealt round-robin, so every case lands in exactly one shard, the split depends only on the ids
// (not on the host's file order or on timing), and shards stay balanced as cases are added.

export interface Shard {
  index: number; // 1-based
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`bad shard "${text}" (expected i/n with 1 <= i <= n, e.g. 2/4)`);
  return { index, count };
}

/** The items of shard `shard`, in id order. */
export function selectShard<T extends { id: string }>(items: readonly T[], shard: Shard | undefined): T[] {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return shard ? sorted.filter((_, i) => i % shard.count === shard.index - 1) : sorted;
}
