/**
 * Reference: vLLM v1's block pool, restated.
 *
 * - Free queue: a doubly linked list over block ids in two Int32Arrays with head/tail sentinels, like vLLM's
 *   `FreeKVCacheBlockQueue`: popleft, remove from the middle, prepend and append are all O(1). A block is in the
 *   queue exactly when its refcount is 0.
 * - Block hashes: the hash of full block i stands for the token prefix up to the end of that block. vLLM chains
 *   hash(parent hash, block tokens); here the chain is exact: the pair (parent id, block tokens) is interned to a
 *   small integer id, so equal ids mean equal prefixes. One O(B) key per full block: O(total tokens) overall.
 * - Cache: hash id -> the blocks carrying it, as an insertion-ordered Set (`get_one_block` takes the first).
 *
 * allocate/free follow `KVCacheManager` (hits capped at num_tokens − 1, capacity pre-check counting evictable
 * hits, free in reverse table order) and `BlockPool.free_blocks` at c59cb794 (blocks without a hash prepended,
 * cached blocks appended). O(total tokens + ops) time.
 */
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

export function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  if (!Number.isInteger(numBlocks) || numBlocks < 1) throw new RangeError(`numBlocks must be an integer >= 1, got ${numBlocks}`);
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be an integer >= 1, got ${blockSize}`);
  const N = numBlocks;
  const B = blockSize;

  // Free queue: ids 0..N-1 are blocks, HEAD = N and TAIL = N + 1 are sentinels.
  const HEAD = N;
  const TAIL = N + 1;
  const prev = new Int32Array(N + 2);
  const next = new Int32Array(N + 2);
  for (let b = 0; b < N; b++) {
    prev[b] = b === 0 ? HEAD : b - 1;
    next[b] = b === N - 1 ? TAIL : b + 1;
  }
  next[HEAD] = N > 0 ? 0 : TAIL;
  prev[TAIL] = N - 1;
  let numFree = N;

  const unlink = (b: number): void => {
    next[prev[b]!] = next[b]!;
    prev[next[b]!] = prev[b]!;
    numFree--;
  };
  const linkAfter = (at: number, b: number): void => {
    prev[b] = at;
    next[b] = next[at]!;
    prev[next[at]!] = b;
    next[at] = b;
    numFree++;
  };

  const refCount = new Int32Array(N);
  const blockHash = new Int32Array(N).fill(-1); // hash id of a cached full block, or -1
  const hashIds = new Map<string, number>(); // "parentId|t0,t1,..." -> hash id
  const cached = new Map<number, Set<number>>(); // hash id -> blocks carrying it, in insertion order
  const live = new Map<string, number[]>(); // sequence -> block table

  const results: Array<number[] | null> = [];
  for (const op of ops) {
    if (op.op === 'allocate') {
      const { seq, tokens } = op;
      if (live.has(seq)) throw new Error(`allocate: sequence ${seq} is already live`);
      const L = tokens.length;
      if (L === 0) throw new Error(`allocate: sequence ${seq} has no tokens`);
      const nFull = Math.floor(L / B);
      const nTotal = Math.ceil(L / B);

      // Hash ids of the full blocks, chained through the parent's id.
      const hashes: number[] = [];
      let parent = -1;
      for (let i = 0; i < nFull; i++) {
        const key = `${parent}|${tokens.slice(i * B, (i + 1) * B).join(',')}`;
        let id = hashIds.get(key);
        if (id === undefined) {
          id = hashIds.size;
          hashIds.set(key, id);
        }
        hashes.push(id);
        parent = id;
      }

      // 1. Hits: full blocks before the last token, up to the first miss.
      const maxHits = Math.floor((L - 1) / B);
      const hits: number[] = [];
      for (let i = 0; i < maxHits; i++) {
        const holders = cached.get(hashes[i]!);
        if (holders === undefined || holders.size === 0) break;
        hits.push(holders.values().next().value as number);
      }

      // 2. Capacity: the new blocks plus the hits that sit in the free queue must all come out of it.
      const need = nTotal - hits.length;
      let evictable = 0;
      for (const b of hits) if (refCount[b] === 0) evictable++;
      if (need + evictable > numFree) {
        results.push(null);
        continue;
      }

      // 3. Touch the hits.
      for (const b of hits) {
        if (refCount[b] === 0) unlink(b);
        refCount[b] = refCount[b]! + 1;
      }
      // 4. New blocks from the front of the queue, evicting their old hash.
      const table = hits.slice();
      for (let k = 0; k < need; k++) {
        const b = next[HEAD]!;
        unlink(b);
        const h = blockHash[b]!;
        if (h >= 0) {
          cached.get(h)!.delete(b);
          blockHash[b] = -1;
        }
        refCount[b] = 1;
        table.push(b);
      }
      // 5. Register the new full blocks.
      for (let i = hits.length; i < nFull; i++) {
        const b = table[i]!;
        const h = hashes[i]!;
        blockHash[b] = h;
        let holders = cached.get(h);
        if (holders === undefined) {
          holders = new Set();
          cached.set(h, holders);
        }
        holders.add(b);
      }
      live.set(seq, table);
      results.push(table.slice());
    } else if (op.op === 'free') {
      const table = live.get(op.seq);
      if (table === undefined) throw new Error(`free: sequence ${op.seq} is not live`);
      live.delete(op.seq);
      const freed: number[] = [];
      for (let i = table.length - 1; i >= 0; i--) {
        const b = table[i]!;
        if (--refCount[b]! === 0) freed.push(b);
      }
      // Blocks without a hash go to the front (keeping the order of `freed`), cached ones to the tail.
      let at = HEAD;
      for (const b of freed) {
        if (blockHash[b] === -1) {
          linkAfter(at, b);
          at = b;
        }
      }
      for (const b of freed) if (blockHash[b] !== -1) linkAfter(prev[TAIL]!, b);
      results.push(freed);
    } else if (op.op === 'freeQueue') {
      const queue: number[] = [];
      for (let b = next[HEAD]!; b !== TAIL; b = next[b]!) queue.push(b);
      results.push(queue);
    } else {
      throw new Error(`unknown op ${(op as { op: unknown }).op}`);
    }
  }
  return results;
}
