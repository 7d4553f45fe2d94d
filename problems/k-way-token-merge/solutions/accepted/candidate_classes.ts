// Accepted, style: class-based. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface Rec { ts: number; seq: number; payload: string }

class MinHeap<T> {
  private data: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.data.length;
  }

  push(x: T): void {
    const d = this.data;
    d.push(x);
    let i = d.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(d[i], d[p])) break;
      [d[i], d[p]] = [d[p], d[i]];
      i = p;
    }
  }

  pop(): T | undefined {
    const d = this.data;
    if (d.length === 0) return undefined;
    const top = d[0];
    const last = d.pop()!;
    if (d.length > 0) {
      d[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < d.length && this.less(d[l], d[m])) m = l;
        if (r < d.length && this.less(d[r], d[m])) m = r;
        if (m === i) break;
        [d[i], d[m]] = [d[m], d[i]];
        i = m;
      }
    }
    return top;
  }
}

class ShardCursor {
  private prevTs = -Infinity;
  head: Rec | undefined;

  constructor(
    readonly index: number,
    private readonly iter: Iterator<Rec>,
  ) {}

  /** Pulls the next record into `head`; returns false when the shard is exhausted. */
  advance(): boolean {
    const r = this.iter.next();
    if (r.done) {
      this.head = undefined;
      return false;
    }
    if (r.value.ts < this.prevTs) {
      throw new Error(`shard ${this.index} is not sorted: ts ${r.value.ts} after ${this.prevTs}`);
    }
    this.prevTs = r.value.ts;
    this.head = r.value;
    return true;
  }
}

class ShardMerger implements IterableIterator<Rec> {
  private heap = new MinHeap<ShardCursor>(
    (a, b) => a.head!.ts < b.head!.ts || (a.head!.ts === b.head!.ts && a.index < b.index),
  );
  private cursors: ShardCursor[] | null = null;
  private pending: ShardCursor | null = null;

  constructor(private readonly shards: Iterable<Rec>[]) {}

  private init(): void {
    this.cursors = this.shards.map((s, i) => new ShardCursor(i, s[Symbol.iterator]()));
    for (const c of this.cursors) if (c.advance()) this.heap.push(c);
  }

  next(): IteratorResult<Rec> {
    if (this.cursors === null) this.init();
    // refill lazily: the shard of the last emitted record is pulled only now
    if (this.pending !== null) {
      const c = this.pending;
      this.pending = null;
      if (c.advance()) this.heap.push(c);
    }
    const c = this.heap.pop();
    if (c === undefined) return { done: true, value: undefined };
    this.pending = c;
    return { done: false, value: c.head! };
  }

  [Symbol.iterator](): IterableIterator<Rec> {
    return this;
  }
}

class BatchIterator implements IterableIterator<Rec[]> {
  private done = false;

  constructor(
    private readonly source: Iterator<Rec>,
    private readonly batchSize: number,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`bad batchSize: ${batchSize}`);
  }

  next(): IteratorResult<Rec[]> {
    const batch: Rec[] = [];
    while (!this.done && batch.length < this.batchSize) {
      const r = this.source.next();
      if (r.done) this.done = true;
      else batch.push(r.value);
    }
    return batch.length > 0 ? { done: false, value: batch } : { done: true, value: undefined };
  }

  [Symbol.iterator](): IterableIterator<Rec[]> {
    return this;
  }
}

export function mergeShards(shards: Iterable<Rec>[]): IterableIterator<Rec> {
  return new ShardMerger(shards);
}

export function mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> {
  return new BatchIterator(new ShardMerger(shards), batchSize);
}
