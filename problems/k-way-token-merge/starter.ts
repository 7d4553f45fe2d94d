interface Rec {
  ts: number;
  seq: number;
  payload: string;
}

/** Lazily merges sorted shards into one stream ordered by (ts, shard index, position in shard); yields the original records. */
export function mergeShards(shards: Iterable<Rec>[]): IterableIterator<Rec> {
  throw new Error('not implemented');
}

/** The same merged stream, grouped into arrays of batchSize records (only the last may be shorter; never empty). */
export function mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> {
  throw new Error('not implemented');
}
