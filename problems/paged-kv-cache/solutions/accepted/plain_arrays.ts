// Accepted: plain imperative code. The free queue is a doubly linked list kept in two plain arrays (index N is
// the head sentinel, N + 1 the tail); prefix hashes are interned strings "parentId:tok,tok,..."; each hash keeps an
// array of its blocks (eviction splices one out of a short list).
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  if (!Number.isInteger(numBlocks) || numBlocks < 1) throw new Error('bad numBlocks');
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error('bad blockSize');
  const N = numBlocks;
  const B = blockSize;
  const H = N;
  const T = N + 1;
  const nxt: number[] = [];
  const prv: number[] = [];
  for (let i = 0; i < N + 2; i++) {
    nxt.push(-1);
    prv.push(-1);
  }
  let last = H;
  for (let b = 0; b < N; b++) {
    nxt[last] = b;
    prv[b] = last;
    last = b;
  }
  nxt[last] = T;
  prv[T] = last;
  let freeCount = N;

  const ref: number[] = [];
  const hashOf: number[] = [];
  for (let b = 0; b < N; b++) {
    ref.push(0);
    hashOf.push(-1);
  }
  const ids: Record<string, number> = Object.create(null);
  let nextId = 0;
  const holders: number[][] = [];
  const tables: Record<string, number[]> = Object.create(null);
  const out: Array<number[] | null> = [];

  function removeFromQueue(x: number) {
    nxt[prv[x]!] = nxt[x]!;
    prv[nxt[x]!] = prv[x]!;
    freeCount--;
  }
  function insertAfter(p: number, x: number) {
    const n = nxt[p]!;
    nxt[p] = x;
    prv[x] = p;
    nxt[x] = n;
    prv[n] = x;
    freeCount++;
  }

  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.op === 'allocate') {
      if (tables[op.seq] !== undefined) throw new Error('sequence already live: ' + op.seq);
      const toks = op.tokens;
      const L = toks.length;
      if (L === 0) throw new Error('no tokens');
      const full = Math.floor(L / B);
      const total = Math.ceil(L / B);
      const hs: number[] = [];
      let parent = -1;
      for (let j = 0; j < full; j++) {
        let key = parent + ':';
        for (let t = j * B; t < (j + 1) * B; t++) key += (t > j * B ? ',' : '') + toks[t];
        if (ids[key] === undefined) {
          ids[key] = nextId++;
          holders.push([]);
        }
        parent = ids[key]!;
        hs.push(parent);
      }
      const hits: number[] = [];
      const limit = Math.floor((L - 1) / B);
      for (let j2 = 0; j2 < limit; j2++) {
        const list = holders[hs[j2]!]!;
        if (list.length === 0) break;
        hits.push(list[0]!);
      }
      const need = total - hits.length;
      let inQueue = 0;
      for (let j3 = 0; j3 < hits.length; j3++) if (ref[hits[j3]!] === 0) inQueue++;
      if (need + inQueue > freeCount) {
        out.push(null);
        continue;
      }
      const table: number[] = [];
      for (let j4 = 0; j4 < hits.length; j4++) {
        const h = hits[j4]!;
        if (ref[h] === 0) removeFromQueue(h);
        ref[h]!++;
        table.push(h);
      }
      for (let j5 = 0; j5 < need; j5++) {
        const nb = nxt[H]!;
        removeFromQueue(nb);
        if (hashOf[nb] !== -1) {
          const l2 = holders[hashOf[nb]!]!;
          l2.splice(l2.indexOf(nb), 1);
          hashOf[nb] = -1;
        }
        ref[nb] = 1;
        table.push(nb);
      }
      for (let j6 = hits.length; j6 < full; j6++) {
        hashOf[table[j6]!] = hs[j6]!;
        holders[hs[j6]!]!.push(table[j6]!);
      }
      tables[op.seq] = table;
      out.push(table.slice());
    } else if (op.op === 'free') {
      const tb = tables[op.seq];
      if (tb === undefined) throw new Error('sequence not live: ' + op.seq);
      delete tables[op.seq];
      const zero: number[] = [];
      for (let r = tb.length - 1; r >= 0; r--) {
        ref[tb[r]!]!--;
        if (ref[tb[r]!] === 0) zero.push(tb[r]!);
      }
      let front = H;
      for (let z = 0; z < zero.length; z++) {
        if (hashOf[zero[z]!] === -1) {
          insertAfter(front, zero[z]!);
          front = zero[z]!;
        }
      }
      for (let z2 = 0; z2 < zero.length; z2++) {
        if (hashOf[zero[z2]!] !== -1) insertAfter(prv[T]!, zero[z2]!);
      }
      out.push(zero);
    } else {
      const q: number[] = [];
      for (let x = nxt[H]!; x !== T; x = nxt[x]!) q.push(x);
      out.push(q);
    }
  }
  return out;
}
