// Accepted, style: map/filter/reduce, spread, destructuring, export const entries. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface Rec { ts: number; seq: number; payload: string }

type Head = { rec: Rec; shard: number };

const before = (a: Head, b: Head): boolean => a.rec.ts < b.rec.ts || (a.rec.ts === b.rec.ts && a.shard < b.shard);

// Persistent-ish heap helpers over an array (mutating, but written as small pure-looking functions).
const swap = <T,>(xs: T[], i: number, j: number): void => {
  [xs[i], xs[j]] = [xs[j], xs[i]];
};

const siftUp = (h: Head[], i: number): void => {
  const p = (i - 1) >> 1;
  if (i > 0 && before(h[i], h[p])) {
    swap(h, i, p);
    siftUp(h, p);
  }
};

const siftDown = (h: Head[], i: number): void => {
  const smallest = [2 * i + 1, 2 * i + 2]
    .filter((c) => c < h.length)
    .reduce((m, c) => (before(h[c], h[m]) ? c : m), i);
  if (smallest !== i) {
    swap(h, i, smallest);
    siftDown(h, smallest);
  }
};

const heapPush = (h: Head[], x: Head): void => {
  h.push(x);
  siftUp(h, h.length - 1);
};

const heapPop = (h: Head[]): Head => {
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    siftDown(h, 0);
  }
  return top;
};

const pullInto = (heap: Head[], iters: Iterator<Rec>[], prevTs: number[]) => (shard: number): void => {
  const r = iters[shard].next();
  if (r.done) return;
  if (r.value.ts < prevTs[shard]) throw new Error(`shard ${shard} out of order`);
  prevTs[shard] = r.value.ts;
  heapPush(heap, { rec: r.value, shard });
};

export const mergeShards = (shards: Iterable<Rec>[]): IterableIterator<Rec> =>
  (function* () {
    const iters = shards.map((s) => s[Symbol.iterator]());
    const prevTs = shards.map(() => -Infinity);
    const heap: Head[] = [];
    const pull = pullInto(heap, iters, prevTs);
    shards.forEach((_, i) => pull(i));
    while (heap.length > 0) {
      const { rec, shard } = heapPop(heap);
      yield rec;
      pull(shard);
    }
  })();

const assertBatchSize = (b: number): number => {
  if (!Number.isInteger(b) || b < 1) throw new Error(`invalid batchSize ${b}`);
  return b;
};

export const mergeShardsBatched = (shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> =>
  ((size: number) =>
    (function* () {
      let batch: Rec[] = [];
      for (const rec of mergeShards(shards)) {
        batch.push(rec);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    })())(assertBatchSize(batchSize));
