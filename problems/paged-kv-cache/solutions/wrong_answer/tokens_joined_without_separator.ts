/**
 * WRONG ANSWER: builds the block key by concatenating the token ids without a separator, so [1,23] and [12,3]
 * both become "123".
 * Caught by edge "tokens are numbers: [1,23] and [12,3] are different blocks".
 */
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

export function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  if (!Number.isInteger(numBlocks) || numBlocks < 1) throw new Error('bad numBlocks');
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error('bad blockSize');
  const N = numBlocks;
  const B = blockSize;
  const HEAD = N;
  const TAIL = N + 1;
  const prev = new Int32Array(N + 2);
  const next = new Int32Array(N + 2);
  let free = 0;
  const linkAfter = (at: number, b: number) => {
    prev[b] = at;
    next[b] = next[at]!;
    prev[next[at]!] = b;
    next[at] = b;
    free++;
  };
  const unlink = (b: number) => {
    next[prev[b]!] = next[b]!;
    prev[next[b]!] = prev[b]!;
    free--;
  };
  next[HEAD] = TAIL;
  prev[TAIL] = HEAD;
  for (let b = 0; b < N; b++) linkAfter(prev[TAIL]!, b);

  const ref = new Int32Array(N);
  const hashOf: Array<string | null> = new Array(N).fill(null);
  const cache = new Map<string, number[]>();
  const ids = new Map<string, number>();
  const live = new Map<string, number[]>();
  const results: Array<number[] | null> = [];

  const hashesOf = (tokens: number[]): string[] => {
    const out: string[] = [];
    let parent = -1;
    for (let i = 0; (i + 1) * B <= tokens.length; i++) {
      const key = parent + ':' + tokens.slice(i * B, (i + 1) * B).join('');
      if (!ids.has(key)) ids.set(key, ids.size);
      parent = ids.get(key)!;
      out.push(String(parent));
    }
    return out;
  };

  for (const op of ops) {
    if (op.op === 'allocate') {
      if (live.has(op.seq)) throw new Error('live');
      const tokens = op.tokens;
      const L = tokens.length;
      if (L === 0) throw new Error('empty');
      const hashes = hashesOf(tokens);
      const maxHits = Math.floor((L - 1) / B);
      const hits: number[] = [];
      for (let i = 0; i < maxHits; i++) {
        const list = cache.get(hashes[i]!);
        if (!list || list.length === 0) break;
        hits.push(list[0]!);
      }
      const need = Math.ceil(L / B) - hits.length;
      const evictable = hits.filter((b) => ref[b] === 0).length;
      if (need + evictable > free) {
        results.push(null);
        continue;
      }
      for (const b of hits) {
        if (ref[b] === 0) unlink(b);
        ref[b]!++;
      }
      const table = hits.slice();
      for (let k = 0; k < need; k++) {
        const b = next[HEAD]!;
        unlink(b);
        const h = hashOf[b];
        if (h !== null) {
          const list = cache.get(h)!;
          list.splice(list.indexOf(b), 1);
          hashOf[b] = null;
        }
        ref[b] = 1;
        table.push(b);
      }
      for (let i = hits.length; i < hashes.length; i++) {
        const b = table[i]!;
        hashOf[b] = hashes[i]!;
        if (!cache.has(hashes[i]!)) cache.set(hashes[i]!, []);
        cache.get(hashes[i]!)!.push(b);
      }
      live.set(op.seq, table);
      results.push(table.slice());
    } else if (op.op === 'free') {
      const table = live.get(op.seq);
      if (!table) throw new Error('not live');
      live.delete(op.seq);
      const released: number[] = [];
      for (let i = table.length - 1; i >= 0; i--) {
        const b = table[i]!;
        if (--ref[b]! === 0) released.push(b);
      }
      let at = HEAD;
      for (const b of released) {
        if (hashOf[b] === null) {
          linkAfter(at, b);
          at = b;
        }
      }
      for (const b of released) if (hashOf[b] !== null) linkAfter(prev[TAIL]!, b);
      results.push(released);
    } else {
      const queue: number[] = [];
      for (let b = next[HEAD]!; b !== TAIL; b = next[b]!) queue.push(b);
      results.push(queue);
    }
  }
  return results;
}
