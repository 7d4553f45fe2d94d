// Accepted, style: leans on built-ins. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface Rec { ts: number; seq: number; payload: string }

export function* mergeShards(shards: Iterable<Rec>[]): Generator<Rec> {
  const its = shards.map((s) => s[Symbol.iterator]());
  const last = new Float64Array(its.length).fill(-Infinity);
  const heap: Array<[Rec, number]> = [];
  const less = (i: number, j: number) => heap[i][0].ts < heap[j][0].ts || (heap[i][0].ts === heap[j][0].ts && heap[i][1] < heap[j][1]);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const add = (s: number) => {
    const r = its[s].next();
    if (r.done) return;
    if (r.value.ts < last[s]) throw new Error(`shard ${s} unsorted`);
    last[s] = r.value.ts;
    let i = heap.push([r.value, s]) - 1;
    for (let p; i > 0 && less(i, (p = (i - 1) >> 1)); i = p) swap(i, p);
  };
  its.forEach((_, s) => add(s));
  while (heap.length) {
    const [rec, s] = heap[0];
    const tail = heap.pop()!;
    if (heap.length) {
      heap[0] = tail;
      for (let i = 0, m = 0; ; i = m) {
        for (const c of [2 * i + 1, 2 * i + 2]) if (c < heap.length && less(c, m)) m = c;
        if (m === i) break;
        swap(i, m);
      }
    }
    yield rec;
    add(s);
  }
}

export function mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): Generator<Rec[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  return (function* () {
    let batch: Rec[] = [];
    for (const rec of mergeShards(shards)) {
      if (batch.push(rec) === batchSize) yield batch, (batch = []);
    }
    if (batch.length) yield batch;
  })();
}
