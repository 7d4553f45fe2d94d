/**
 * Accepted alternative: no generators. A hand-written iterator class over a binary heap of shard indices; the
 * shard an emitted record came from is refilled *before* the record is returned (eager refill). That is still
 * within the rule: when record m is returned, exactly k + m records have been pulled (fewer once shards run dry).
 * Ties on ts are broken by comparing shard indices, as the contract requires.
 */
interface Rec {
  ts: number;
  seq: number;
  payload: string;
}

class MergeIterator implements IterableIterator<Rec> {
  private readonly iters: Iterator<Rec>[] = [];
  private readonly heads: (Rec | undefined)[] = [];
  /** Heap of shard indices, ordered by (heads[i].ts, i). */
  private readonly heap: number[] = [];
  private started = false;

  constructor(private readonly shards: Iterable<Rec>[]) {}

  [Symbol.iterator](): IterableIterator<Rec> {
    return this;
  }

  next(): IteratorResult<Rec> {
    if (!this.started) this.start();
    if (this.heap.length === 0) return { value: undefined, done: true };
    const shard = this.heap[0]!;
    const rec = this.heads[shard]!;
    const r = this.iters[shard]!.next();
    if (r.done) {
      this.heads[shard] = undefined;
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.down(0);
      }
    } else {
      if (r.value.ts < rec.ts) throw new Error(`shard ${shard} is out of order (${r.value.ts} after ${rec.ts})`);
      this.heads[shard] = r.value;
      this.down(0);
    }
    return { value: rec, done: false };
  }

  private start(): void {
    this.started = true;
    for (let i = 0; i < this.shards.length; i++) {
      const it = this.shards[i]![Symbol.iterator]();
      this.iters.push(it);
      const r = it.next();
      this.heads.push(r.done ? undefined : r.value);
      if (!r.done) {
        this.heap.push(i);
        this.up(this.heap.length - 1);
      }
    }
  }

  private less(a: number, b: number): boolean {
    const ta = this.heads[a]!.ts;
    const tb = this.heads[b]!.ts;
    return ta < tb || (ta === tb && a < b);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) return;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) return;
      const c = l + 1 < h.length && this.less(h[l + 1]!, h[l]!) ? l + 1 : l;
      if (!this.less(h[c]!, h[i]!)) return;
      [h[i], h[c]] = [h[c]!, h[i]!];
      i = c;
    }
  }
}

class BatchIterator implements IterableIterator<Rec[]> {
  constructor(
    private readonly source: Iterator<Rec>,
    private readonly size: number,
  ) {}

  [Symbol.iterator](): IterableIterator<Rec[]> {
    return this;
  }

  next(): IteratorResult<Rec[]> {
    const batch: Rec[] = [];
    while (batch.length < this.size) {
      const r = this.source.next();
      if (r.done) break;
      batch.push(r.value);
    }
    return batch.length === 0 ? { value: undefined, done: true } : { value: batch, done: false };
  }
}

export function mergeShards(shards: Iterable<Rec>[]): IterableIterator<Rec> {
  return new MergeIterator(shards);
}

export function mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> {
  if (!Number.isSafeInteger(batchSize) || batchSize <= 0) throw new RangeError('batchSize must be a positive integer');
  return new BatchIterator(new MergeIterator(shards), batchSize);
}
