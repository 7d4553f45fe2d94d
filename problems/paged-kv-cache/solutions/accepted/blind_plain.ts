// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

/**
 * Simulates vLLM v1's block pool with prefix caching over `ops`; returns one result per op:
 * allocate → the block table or null, free → the blocks that reached refcount 0, freeQueue → the free queue.
 */
export function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  if (typeof numBlocks !== 'number' || !Number.isInteger(numBlocks) || numBlocks < 1) {
    throw new Error('numBlocks must be an integer >= 1');
  }
  if (typeof blockSize !== 'number' || !Number.isInteger(blockSize) || blockSize < 1) {
    throw new Error('blockSize must be an integer >= 1');
  }
  const N = numBlocks;
  const B = blockSize;

  // Free queue: doubly linked list over blocks 0..N-1, sentinel N.
  const S = N;
  const prev: Int32Array = new Int32Array(N + 1);
  const next: Int32Array = new Int32Array(N + 1);
  const inQueue: Uint8Array = new Uint8Array(N);
  let freeLen = 0;
  prev[S] = S;
  next[S] = S;

  function insertAfter(pos: number, b: number): void {
    const nx = next[pos];
    prev[b] = pos;
    next[b] = nx;
    next[pos] = b;
    prev[nx] = b;
    inQueue[b] = 1;
    freeLen++;
  }
  function removeFromQueue(b: number): void {
    const p = prev[b];
    const nx = next[b];
    next[p] = nx;
    prev[nx] = p;
    inQueue[b] = 0;
    freeLen--;
  }
  for (let b = 0; b < N; b++) {
    insertAfter(prev[S], b);
  }

  const refCount: Int32Array = new Int32Array(N);
  const blockHash: Int32Array = new Int32Array(N).fill(-1); // prefix id, -1 = none
  const blockStamp: Int32Array = new Int32Array(N).fill(-1); // registration stamp
  let stampCounter = 0;

  // Prefix ids: intern (parent prefix id, block tokens) -> id.
  const prefixIds = new Map<string, number>();
  let nextPrefixId = 0;
  function prefixId(parent: number, tokens: number[], start: number): number {
    let key = String(parent);
    for (let j = start; j < start + B; j++) {
      key += ',' + tokens[j];
    }
    let id = prefixIds.get(key);
    if (id === undefined) {
      id = nextPrefixId++;
      prefixIds.set(key, id);
    }
    return id;
  }

  // Cache: prefix id -> queue of (block, stamp) entries in registration order, lazily cleaned.
  const cacheBlocks: number[][] = [];
  const cacheStamps: number[][] = [];
  const cacheHead: number[] = [];
  function lookup(h: number): number {
    if (h >= cacheBlocks.length || cacheBlocks[h] === undefined) return -1;
    const bl = cacheBlocks[h];
    const st = cacheStamps[h];
    let i = cacheHead[h];
    while (i < bl.length && blockStamp[bl[i]] !== st[i]) {
      i++;
    }
    cacheHead[h] = i;
    return i < bl.length ? bl[i] : -1;
  }
  function register(b: number, h: number): void {
    while (cacheBlocks.length <= h) {
      cacheBlocks.push(undefined as unknown as number[]);
      cacheStamps.push(undefined as unknown as number[]);
      cacheHead.push(0);
    }
    if (cacheBlocks[h] === undefined) {
      cacheBlocks[h] = [];
      cacheStamps[h] = [];
    }
    const stamp = stampCounter++;
    blockHash[b] = h;
    blockStamp[b] = stamp;
    cacheBlocks[h].push(b);
    cacheStamps[h].push(stamp);
  }
  function evict(b: number): void {
    blockHash[b] = -1;
    blockStamp[b] = -1;
  }

  const tables = new Map<string, number[]>();
  const results: Array<number[] | null> = [];

  for (let k = 0; k < ops.length; k++) {
    const o = ops[k];
    if (o.op === 'allocate') {
      if (tables.has(o.seq)) throw new Error('sequence already live: ' + o.seq);
      const tokens = o.tokens;
      const L = tokens.length;
      if (L === 0) throw new Error('allocate with no tokens');
      const nFull = Math.floor(L / B);
      const nTotal = Math.ceil(L / B);
      const maxHits = Math.floor((L - 1) / B);

      // hashes of all full blocks
      const hashes: number[] = new Array(nFull);
      let parent = -1;
      for (let i = 0; i < nFull; i++) {
        parent = prefixId(parent, tokens, i * B);
        hashes[i] = parent;
      }

      // 1. hits
      const hits: number[] = [];
      for (let i = 0; i < maxHits; i++) {
        const b = lookup(hashes[i]);
        if (b < 0) break;
        hits.push(b);
      }

      // 2. capacity
      const need = nTotal - hits.length;
      let evictable = 0;
      for (let i = 0; i < hits.length; i++) {
        if (refCount[hits[i]] === 0) evictable++;
      }
      if (need + evictable > freeLen) {
        results.push(null);
        continue;
      }

      // 3. touch
      const table: number[] = [];
      for (let i = 0; i < hits.length; i++) {
        const b = hits[i];
        if (refCount[b] === 0) removeFromQueue(b);
        refCount[b]++;
        table.push(b);
      }

      // 4. new blocks
      for (let i = 0; i < need; i++) {
        const b = next[S];
        removeFromQueue(b);
        if (blockHash[b] >= 0) evict(b);
        refCount[b] = 1;
        table.push(b);
      }

      // 5. register new full blocks
      for (let pos = hits.length; pos < nFull; pos++) {
        register(table[pos], hashes[pos]);
      }

      tables.set(o.seq, table);
      results.push(table.slice());
    } else if (o.op === 'free') {
      const table = tables.get(o.seq);
      if (table === undefined) throw new Error('sequence not live: ' + o.seq);
      tables.delete(o.seq);
      const freed: number[] = [];
      const noHash: number[] = [];
      for (let i = table.length - 1; i >= 0; i--) {
        const b = table[i];
        refCount[b]--;
        if (refCount[b] === 0) {
          freed.push(b);
          if (blockHash[b] < 0) noHash.push(b);
          else insertAfter(prev[S], b);
        }
      }
      // the first unhashed block becomes the new front
      for (let i = noHash.length - 1; i >= 0; i--) {
        insertAfter(S, noHash[i]);
      }
      results.push(freed);
    } else if (o.op === 'freeQueue') {
      const q: number[] = [];
      for (let b = next[S]; b !== S; b = next[b]) q.push(b);
      results.push(q);
    } else {
      throw new Error('unknown op');
    }
  }
  return results;
}
