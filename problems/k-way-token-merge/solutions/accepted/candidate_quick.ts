// Accepted, style: written fast under time pressure: correct, not polished. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface Rec { ts: number; seq: number; payload: string }

type Item = { r: Rec; s: number };

function cmp(a: Item, b: Item) {
  if (a.r.ts != b.r.ts) return a.r.ts < b.r.ts ? -1 : 1;
  return a.s - b.s;
}

function up(h: Item[], i: number) {
  while (i > 0) {
    const p = Math.floor((i - 1) / 2);
    if (cmp(h[i], h[p]) >= 0) break;
    const t = h[i]; h[i] = h[p]; h[p] = t;
    i = p;
  }
}

function down(h: Item[], i: number) {
  const l = 2 * i + 1, r = 2 * i + 2;
  let m = i;
  if (l < h.length && cmp(h[l], h[m]) < 0) m = l;
  if (r < h.length && cmp(h[r], h[m]) < 0) m = r;
  if (m != i) {
    const t = h[i]; h[i] = h[m]; h[m] = t;
    down(h, m);
  }
}

export function* mergeShards(shards: Iterable<Rec>[]): IterableIterator<Rec> {
  const its = shards.map((s) => s[Symbol.iterator]());
  const prev: number[] = shards.map(() => -Infinity);
  const h: Item[] = [];
  const pull = (s: number) => {
    const x = its[s].next();
    if (!x.done) {
      if (x.value.ts < prev[s]) throw new Error('unsorted shard ' + s);
      prev[s] = x.value.ts;
      h.push({ r: x.value, s });
      up(h, h.length - 1);
    }
  };
  for (let i = 0; i < its.length; i++) pull(i);
  while (h.length > 0) {
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      down(h, 0);
    }
    yield top.r;
    pull(top.s);
  }
}

export function mergeShardsBatched(shards: Iterable<Rec>[], batchSize: number): IterableIterator<Rec[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('bad batch size');
  const gen = function* () {
    let cur: Rec[] = [];
    for (const r of mergeShards(shards)) {
      cur.push(r);
      if (cur.length == batchSize) {
        yield cur;
        cur = [];
      }
    }
    if (cur.length) yield cur;
  };
  return gen();
}
