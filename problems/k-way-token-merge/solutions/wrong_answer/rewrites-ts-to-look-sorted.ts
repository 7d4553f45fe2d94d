// Wrong: concatenates the shards and rewrites each record's ts on the way out, so the order looks sorted.
// The driver compares the ts the input had, read before the solution runs.
interface Rec { ts: number; seq: number; payload: string }
export function* mergeShards(shards: Iterable<Rec>[]): IterableIterator<Rec> {
  let t = -1e15;
  for (const sh of shards) for (const r of sh) { (r as { ts: number }).ts = t++; yield r; }
}
export function* mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('bad');
  let b: Rec[] = [];
  for (const r of mergeShards(shards)) { b.push(r); if (b.length === batchSize) { yield b; b = []; } }
  if (b.length) yield b;
}
