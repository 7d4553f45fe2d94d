/**
 * Driver for k-way-token-merge. Runs inside the sandbox (no imports, no console); `buildArgs` is also imported on
 * the host by `judge check`, so it is deterministic and pure.
 *
 * Every test uses a `spec`:
 *
 *   { shards: ShardSpec[], batchSize?: number, take?: number }
 *
 * ShardSpec is one of
 *   - an explicit finite shard: an array of records, each `[ts, seq, payload]` or `{ ts, seq, payload }`;
 *   - `{ infinite: { start, step, repeat?, prefix? } }`: an endless shard whose record i is
 *     `{ ts: start + step·floor(i / repeat), seq: i, payload: prefix + i }` (repeat defaults to 1);
 *   - `{ random: { count, n, seed, tsMin, spread, gapMax, lengths } }`: expands to `count` finite shards holding
 *     `n` records in total (lengths 'uniform' | 'skewed' | 'equal'); each shard starts at a ts in
 *     [tsMin, tsMin + spread] and grows by a gap in [0, gapMax] per record (gapMax 0 = all ties). Built with an
 *     inline xorshift, so big inputs cost a few bytes in the repository and no JSON parsing.
 *
 * `take`: how many records (mergeShardsBatched: batches) the consumer reads before it stops; absent = drain the
 * stream to its end. Required when a shard is infinite.
 *
 * buildArgs returns plain data: `[shardData, consume]` or `[shardData, batchSize, consume]`, where shardData holds
 * arrays of record objects and `{ infinite }` descriptors, and `consume = { take: number | null }`.
 * `invoke` turns every shard into a one-shot counting iterable, calls the solution with `(shards)` or
 * `(shards, batchSize)`, reads the returned iterator and checks every rule it can see:
 *   - pulls: when record #m (batch #b) is yielded, at most m + k (b·batchSize + k) records may have been pulled
 *     from the shards. While the consumer waits for record #m, a pull beyond m + k can never be followed by a
 *     legal yield, so the shard refuses exactly that pull (answers `done`, which a solution cannot catch the way
 *     it could catch an exception) and the violation is reported. This also stops a solution that reads an
 *     infinite shard ahead, instead of letting it run out of steps or memory;
 *   - identity: every yielded value is one of the original record objects, each exactly once, and each shard's
 *     records come out as a prefix of that shard;
 *   - order: strictly increasing (ts, shard index, position); after `take` items, no unemitted record sorts before
 *     the last one emitted; after the end, every record was emitted (and no shard was infinite);
 *   - batches: arrays; none empty; none longer than batchSize; only the last may be shorter.
 * The first violation stops the reading and is returned in the output (`violation`), so the user gets a wrong
 * answer with a readable reason. The output is `{ emitted, order?, violation? }` (batched: `{ batches, emitted,
 * order?, violation? }`); `order` lists [shard index, position in shard] per record (batched: per batch) and is
 * present only when at most ORDER_LIMIT records were emitted.
 */

// ---- intrinsics, captured before any user code runs (it may replace them) ----
const apply = Reflect.apply;
const bind = Function.prototype.bind;
const isArray = Array.isArray;
const arrayPush = Array.prototype.push;
const MapCtor = Map;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const Int32ArrayCtor = Int32Array;
const Float64ArrayCtor = Float64Array;
const floor = Math.floor;
const ITERATOR: typeof Symbol.iterator = Symbol.iterator;

interface Rec {
  ts: number;
  seq: number;
  payload: string;
}
interface InfiniteSpec {
  start: number;
  step: number;
  repeat?: number;
  prefix?: string;
}
interface RandomSpec {
  count: number;
  n: number;
  seed: number;
  tsMin: number;
  spread: number;
  gapMax: number;
  lengths: 'uniform' | 'skewed' | 'equal';
}
type ShardSpec = Array<[number, number, string] | Rec> | { infinite: InfiniteSpec } | { random: RandomSpec };
interface Spec {
  shards: ShardSpec[];
  batchSize?: unknown;
  take?: number;
}

export type ShardData = Rec[] | { infinite: InfiniteSpec };
export interface Consume {
  take: number | null;
}

/** The arguments of a call without any (one list for every call, instead of a new `[]` each time). */
const NO_ARGS: never[] = [];

/** Records reported in `order` only for small outputs. */
const ORDER_LIMIT = 100;
/** Record ids are shard + SHARD_SPACE·position (k ≤ 10^4 < SHARD_SPACE). */
const SHARD_SPACE = 16384;

// ---------------------------------------------------------------------------------------------------------------
// buildArgs
// ---------------------------------------------------------------------------------------------------------------

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function expandRandom(r: RandomSpec, firstShard: number, out: ShardData[]): void {
  const u = xorshift(r.seed);
  const counts = new Int32ArrayCtor(r.count);
  if (r.lengths === 'equal') {
    for (let s = 0; s < r.count; s++) counts[s] = floor(r.n / r.count) + (s < r.n % r.count ? 1 : 0);
  } else {
    for (let i = 0; i < r.n; i++) {
      const x = u();
      const s = floor((r.lengths === 'skewed' ? x * x * x * x : x) * r.count);
      counts[s] = (counts[s] as number) + 1;
    }
  }
  for (let s = 0; s < r.count; s++) {
    const shard: Rec[] = [];
    let ts = r.tsMin + floor(u() * (r.spread + 1));
    let seq = floor(u() * 4);
    for (let i = 0; i < counts[s]!; i++) {
      if (i > 0) {
        ts += floor(u() * (r.gapMax + 1));
        seq += 1 + floor(u() * 3);
      }
      shard.push({ ts, seq, payload: `${firstShard + s}.${i}` });
    }
    out.push(shard);
  }
}

function toNumber(x: unknown): unknown {
  // The judge revives {"$num": ...} tags before buildArgs; accept a raw tag too, in case it did not.
  if (x !== null && typeof x === 'object' && '$num' in x) return Number((x as { $num: string }).$num);
  return x;
}

export function buildArgs(fn: string, spec: Spec): unknown[] {
  const shards: ShardData[] = [];
  for (const s of spec.shards) {
    if (Array.isArray(s)) {
      shards.push(
        s.map((r) =>
          Array.isArray(r) ? { ts: r[0], seq: r[1], payload: r[2] } : { ts: r.ts, seq: r.seq, payload: r.payload },
        ),
      );
    } else if ('infinite' in s) {
      shards.push({ infinite: { ...s.infinite } });
    } else {
      expandRandom(s.random, shards.length, shards);
    }
  }
  const consume: Consume = { take: spec.take ?? null };
  return fn === 'mergeShardsBatched' ? [shards, toNumber(spec.batchSize), consume] : [shards, consume];
}

/** ts of record i of an infinite shard. */
export function infiniteTs(inf: InfiniteSpec, i: number): number {
  return inf.start + inf.step * floor(i / (inf.repeat ?? 1));
}

// ---------------------------------------------------------------------------------------------------------------
// invoke
// ---------------------------------------------------------------------------------------------------------------

/** State of one run, shared by the shards (which count pulls and may refuse one) and the consumer loop. */
class Run {
  pulled = 0; // records handed out by all shards together
  received = 0; // records the consumer accepted
  batches = 0; // batches the consumer accepted
  violation: string | null = null;
  /** Every pulled record object -> shard + SHARD_SPACE·position: identity and position in one lookup. */
  readonly where = new MapCtor<object, number>();

  constructor(
    readonly k: number,
    readonly batched: boolean,
    readonly batchSize: number,
  ) {}

  /** The most pulls allowed before the next record (batch) is yielded: m + k (b·batchSize + k) for it. */
  allowedPulls(): number {
    return this.batched ? (this.batches + 1) * this.batchSize + this.k : this.received + 1 + this.k;
  }

  refusePull(): void {
    const p = this.pulled + 1;
    this.violation = this.batched
      ? `pulled ${p} records from the shards before yielding batch #${this.batches + 1}; at most ` +
        `${this.batches + 1}·batchSize + k = ${this.allowedPulls()} allowed (batchSize = ${this.batchSize}, k = ${this.k})`
      : `pulled ${p} records from the shards before yielding record #${this.received + 1}; at most ` +
        `${this.received + 1} + k = ${this.allowedPulls()} allowed (k = ${this.k})`;
  }
}

/**
 * The shards as the solution sees them: streams (iterating one again continues where it stopped, like a generator),
 * each with a counting iterator that registers every record it hands out and refuses a pull over the limit.
 *
 * The classes are made per run so that an instance holds one private field, its shard index; positions live in one
 * typed array. With k = 10^4 shards, instances with a private field per piece of state cost ~12 ms to build, as much
 * as the merge itself; these ~6 ms. Private fields keep the state out of the solution's reach.
 */
function shardsFor(run: Run, data: ShardData[]): Iterable<Rec>[] {
  const k = data.length;
  const pos = new Int32ArrayCtor(k);
  /** Length of each finite shard; -1 for an infinite one. */
  const lengthOf = new Int32ArrayCtor(k);
  for (let s = 0; s < k; s++) {
    const d = data[s] as ShardData;
    lengthOf[s] = isArray(d) ? d.length : -1;
  }
  // Bound once: `apply(mapSet, where, [rec, id])` would allocate an argument list for every record pulled.
  const whereSet = apply(bind, mapSet, [run.where]) as (rec: Rec, id: number) => unknown;

  class CountingIterator {
    readonly #shard: number;

    constructor(shard: number) {
      this.#shard = shard;
    }

    next(): IteratorResult<Rec, undefined> {
      const s = this.#shard;
      const p = pos[s] as number;
      const length = lengthOf[s] as number;
      if (run.violation !== null || (length >= 0 && p >= length)) return { value: undefined, done: true };
      if (run.pulled + 1 > run.allowedPulls()) {
        // Answering `done` (instead of throwing, which the solution could catch) stops a solution that reads ahead.
        run.refusePull();
        return { value: undefined, done: true };
      }
      const d = data[s] as ShardData;
      let rec: Rec;
      if (length >= 0) rec = (d as Rec[])[p] as Rec;
      else {
        const inf = (d as { infinite: InfiniteSpec }).infinite;
        rec = { ts: infiniteTs(inf, p), seq: p, payload: `${inf.prefix ?? ''}${p}` };
      }
      whereSet(rec, s + SHARD_SPACE * p);
      run.pulled++;
      pos[s] = p + 1;
      return { value: rec, done: false };
    }

    [ITERATOR](): CountingIterator {
      return this;
    }
  }

  class Shard {
    readonly #it: CountingIterator;

    constructor(it: CountingIterator) {
      this.#it = it;
    }

    [ITERATOR](): CountingIterator {
      return this.#it;
    }
  }

  const shards: Shard[] = [];
  for (let s = 0; s < k; s++) apply(arrayPush, shards, [new Shard(new CountingIterator(s))]);
  return shards;
}

export function invoke(fn: string, solution: Record<string, (...a: unknown[]) => unknown>, args: unknown[]): unknown {
  const batched = fn === 'mergeShardsBatched';
  const data = args[0] as ShardData[];
  const batchSize = batched ? (args[1] as number) : 1;
  const take = (args[batched ? 2 : 1] as Consume).take;
  const k = data.length;
  const run = new Run(k, batched, batchSize);
  const whereGet = apply(bind, mapGet, [run.where]) as (obj: object) => unknown;
  const emittedFrom = new Int32ArrayCtor(k); // per shard: how many of its records were emitted
  // The ts of every finite record, read before the solution runs: the records are the solution's to hold, and it
  // could rewrite their ts fields to make any order look sorted.
  const tsOf: Array<Float64Array | null> = [];
  for (let s = 0; s < k; s++) {
    const d = data[s] as ShardData;
    let t: Float64Array | null = null;
    if (isArray(d)) {
      t = new Float64ArrayCtor(d.length);
      for (let i = 0; i < d.length; i++) t[i] = (d[i] as Rec).ts;
    }
    apply(arrayPush, tsOf, [t]);
  }
  /** ts of record `pos` of shard `s`, as the input had it. */
  const tsAt = (s: number, pos: number): number => {
    const t = tsOf[s];
    return t ? (t[pos] as number) : infiniteTs((data[s] as { infinite: InfiniteSpec }).infinite, pos);
  };
  let prevTs = 0;
  let prevShard = 0;
  const order: unknown[] = [];
  let batchOrder: unknown[] = [];
  // The previous batch, as it was yielded: a batch the consumer already holds must not change afterwards.
  let prevBatch: unknown[] | null = null;
  let prevLen = 0;
  let prevFirst: unknown = undefined;
  let prevLast: unknown = undefined;

  /** The batch yielded before must be unchanged (a solution that reuses one array would rewrite it). */
  const checkPrevBatch = (): boolean => {
    if (prevBatch === null) return true;
    if (prevBatch.length !== prevLen || prevBatch[0] !== prevFirst || prevBatch[prevLen - 1] !== prevLast) {
      run.violation = `batch #${run.batches} was modified after it was yielded (yield a new array for every batch)`;
      return false;
    }
    return true;
  };

  /** Checks one yielded record; returns false (with `run.violation` set) if it breaks a rule. */
  const accept = (obj: unknown): boolean => {
    const n = run.received + 1;
    const id = obj !== null && typeof obj === 'object' ? (whereGet(obj) as number | undefined) : undefined;
    if (id === undefined) {
      run.violation = `record #${n} is not one of the input record objects (yield the original records, not copies)`;
      return false;
    }
    const s = id % SHARD_SPACE;
    const pos = (id - s) / SHARD_SPACE;
    const expectedPos = emittedFrom[s] as number;
    if (pos !== expectedPos) {
      run.violation =
        pos < expectedPos
          ? `record #${n} (shard ${s}, position ${pos}) was already emitted`
          : `record #${n} is shard ${s}, position ${pos}, but shard ${s}, position ${expectedPos} was not emitted before it`;
      return false;
    }
    const ts = tsAt(s, pos);
    if (n > 1 && (ts < prevTs || (ts === prevTs && s < prevShard))) {
      run.violation =
        `record #${n} (ts ${ts}, shard ${s}) came after record #${n - 1} (ts ${prevTs}, shard ${prevShard}); ` +
        'the order is ts ascending, then shard index';
      return false;
    }
    emittedFrom[s] = expectedPos + 1;
    run.received = n;
    prevTs = ts;
    prevShard = s;
    if (n <= ORDER_LIMIT) apply(arrayPush, batched ? batchOrder : order, [[s, pos]]);
    return true;
  };

  /** After `take` items: no record that was not emitted may sort before the last one emitted. */
  const checkPrefix = (): void => {
    if (run.received === 0) return;
    for (let s = 0; s < k; s++) {
      const d = data[s] as ShardData;
      const e = emittedFrom[s] as number;
      if (isArray(d) && e >= d.length) continue;
      const ts = tsAt(s, e);
      if (ts < prevTs || (ts === prevTs && s < prevShard)) {
        run.violation =
          `shard ${s}, position ${e} (ts ${ts}) was not emitted, but it comes before record #${run.received} ` +
          `(ts ${prevTs}, shard ${prevShard})`;
        return;
      }
    }
  };

  /** After the end of the stream: every record was emitted, and no shard was infinite. */
  const checkComplete = (): void => {
    for (let s = 0; s < k; s++) {
      const d = data[s] as ShardData;
      if (!isArray(d)) {
        run.violation = `the stream ended after ${run.received} records, but shard ${s} is infinite`;
        return;
      }
      const e = emittedFrom[s] as number;
      if (e < d.length) {
        run.violation = `the stream ended after ${run.received} records, but shard ${s}, position ${e} was never emitted`;
        return;
      }
    }
  };

  /** Checks one yielded batch (its records through `accept`). */
  const acceptBatch = (value: unknown): boolean => {
    const b = run.batches + 1;
    if (!isArray(value)) {
      run.violation = `batch #${b} is not an array`;
      return false;
    }
    if (value === prevBatch) {
      run.violation = `batch #${b} is the same array object as batch #${b - 1} (yield a new array for every batch)`;
      return false;
    }
    if (!checkPrevBatch()) return false;
    const len = value.length;
    if (len === 0) {
      run.violation = `batch #${b} is empty (an empty batch is never yielded)`;
      return false;
    }
    if (len > batchSize) {
      run.violation = `batch #${b} has ${len} records; batchSize is ${batchSize}`;
      return false;
    }
    if (b > 1 && run.received < (b - 1) * batchSize) {
      run.violation = `batch #${b - 1} had fewer than batchSize = ${batchSize} records but was not the last batch`;
      return false;
    }
    batchOrder = [];
    for (let i = 0; i < len; i++) if (!accept(value[i])) return false;
    run.batches = b;
    prevBatch = value;
    prevLen = len;
    prevFirst = value[0];
    prevLast = value[len - 1];
    if (run.received <= ORDER_LIMIT) apply(arrayPush, order, [batchOrder]);
    return true;
  };

  const shards = shardsFor(run, data);

  // Errors thrown by the call or by next() are the solution's (expected in the error tests): they propagate.
  const it = apply(solution[fn] as (...a: unknown[]) => unknown, undefined, batched ? [shards, batchSize] : [shards]);
  const next =
    it !== null && (typeof it === 'object' || typeof it === 'function') ? (it as { next?: unknown }).next : undefined;
  if (typeof next !== 'function') run.violation = `${fn} must return an iterator (an object with a next() method)`;

  while (run.violation === null) {
    if (take !== null && (batched ? run.batches : run.received) === take) {
      checkPrefix();
      break;
    }
    let res: unknown;
    try {
      res = apply(next as () => unknown, it, NO_ARGS);
    } catch (e) {
      if (run.violation !== null) break; // it failed after a shard refused a pull: report the pull
      throw e;
    }
    if (run.violation !== null) break;
    if (res === null || typeof res !== 'object') {
      run.violation = `next() returned ${res === null ? 'null' : typeof res} instead of an object { value, done }`;
      break;
    }
    if ((res as IteratorResult<unknown>).done) {
      if (batched && !checkPrevBatch()) break;
      checkComplete();
      break;
    }
    const value = (res as IteratorResult<unknown>).value;
    if (!(batched ? acceptBatch(value) : accept(value))) break;
  }

  const base = batched ? { batches: run.batches, emitted: run.received } : { emitted: run.received };
  const withOrder = run.received <= ORDER_LIMIT ? { ...base, order } : base;
  return run.violation === null ? withOrder : { ...withOrder, violation: run.violation };
}
