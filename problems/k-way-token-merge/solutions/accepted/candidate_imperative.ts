// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface Rec { ts: number; seq: number; payload: string }

function lessThan(tsA: number, shA: number, tsB: number, shB: number): boolean {
  if (tsA !== tsB) return tsA < tsB;
  return shA < shB;
}

export function mergeShards(shards: Iterable<Rec>[]): IterableIterator<Rec> {
  const k = shards.length;
  const iters: Iterator<Rec>[] = new Array(k);
  const heads: Rec[] = new Array(k);
  const lastTs: number[] = new Array(k);
  // binary heap of shard indices, ordered by (heads[s].ts, s)
  const heap: number[] = [];
  let started = false;

  function push(s: number): void {
    heap.push(s);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (lessThan(heads[s].ts, s, heads[p].ts, p)) {
        heap[i] = p;
        i = parent;
      } else {
        break;
      }
    }
    heap[i] = s;
  }

  function popTop(): number {
    const top = heap[0];
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      while (true) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n && lessThan(heads[heap[right]].ts, heap[right], heads[heap[child]].ts, heap[child])) {
          child = right;
        }
        const c = heap[child];
        if (lessThan(heads[c].ts, c, heads[last].ts, last)) {
          heap[i] = c;
          i = child;
        } else {
          break;
        }
      }
      heap[i] = last;
    }
    return top;
  }

  function advance(s: number): void {
    const r = iters[s].next();
    if (r.done) return;
    const rec = r.value;
    if (rec.ts < lastTs[s]) {
      throw new Error('shard ' + s + ' is not sorted by ts');
    }
    lastTs[s] = rec.ts;
    heads[s] = rec;
    push(s);
  }

  function start(): void {
    started = true;
    for (let s = 0; s < k; s++) {
      iters[s] = shards[s][Symbol.iterator]();
      lastTs[s] = -Infinity;
    }
    for (let s = 0; s < k; s++) advance(s);
  }

  const it: IterableIterator<Rec> = {
    next(): IteratorResult<Rec> {
      if (!started) start();
      if (heap.length === 0) return { done: true, value: undefined };
      const s = popTop();
      const rec = heads[s];
      advance(s); // refill from the shard whose record is being emitted
      return { done: false, value: rec };
    },
    [Symbol.iterator]() {
      return it;
    },
  };
  return it;
}

export function mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error('batchSize must be an integer >= 1');
  }
  const inner = mergeShards(shards);
  let finished = false;
  const it: IterableIterator<Rec[]> = {
    next(): IteratorResult<Rec[]> {
      if (finished) return { done: true, value: undefined };
      const batch: Rec[] = [];
      while (batch.length < batchSize) {
        const r = inner.next();
        if (r.done) {
          finished = true;
          break;
        }
        batch.push(r.value);
      }
      if (batch.length === 0) return { done: true, value: undefined };
      return { done: false, value: batch };
    },
    [Symbol.iterator]() {
      return it;
    },
  };
  return it;
}
