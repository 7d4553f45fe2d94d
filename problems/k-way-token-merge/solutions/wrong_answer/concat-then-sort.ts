/**
 * WRONG ANSWER: reads every shard to its end, then sorts with a stable sort. The order is right, but the first
 * record is only yielded after all N records were pulled, which breaks the streaming rule (at most m + k records
 * pulled when record m is yielded) and could never finish on an infinite shard.
 * Caught by sample 1 "equal ts: the lower shard index goes first": the judge's shards refuse the 5th pull before
 * any record was yielded and the output carries
 * violation "pulled 5 records from the shards before yielding record #1; at most 1 + k = 4 allowed (k = 3)".
 */
interface Rec {
  ts: number;
  seq: number;
  payload: string;
}

export function* mergeShards(shards: Iterable<Rec>[]): IterableIterator<Rec> {
  const all: { rec: Rec; shard: number }[] = [];
  shards.forEach((shard, index) => {
    let prevTs = -Infinity;
    for (const rec of shard) {
      if (rec.ts < prevTs) throw new Error(`shard ${index} is not sorted`);
      prevTs = rec.ts;
      all.push({ rec, shard: index });
    }
  });
  // Array.prototype.sort is stable, so records of one shard keep their order.
  all.sort((a, b) => (a.rec.ts !== b.rec.ts ? (a.rec.ts < b.rec.ts ? -1 : 1) : a.shard - b.shard));
  for (const x of all) yield x.rec;
}

export function mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be an integer >= 1');
  return batchesOf(mergeShards(shards), batchSize);
}

function* batchesOf(records: Iterator<Rec>, batchSize: number): IterableIterator<Rec[]> {
  let batch: Rec[] = [];
  for (let r = records.next(); !r.done; r = records.next()) {
    batch.push(r.value);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
