/**
 * TIME LIMIT EXCEEDED: correct, but the free queue is a plain array, and a cached hit is found in it with a JS loop
 * before being spliced out: O(N) per removal instead of O(1), so re-allocating a long cached prompt is
 * O(L·N).
 * Caught by the hidden scale tests (from "scale tokens=2500" on) and by the largest one, "scale tokens=10000"
 * (N = 10^4, B = 1, a 5,000-token prompt allocated, freed and allocated again): each of its 4,999 hits sits near
 * the end of a 10^4-block queue.
 */
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

export function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  if (!Number.isInteger(numBlocks) || numBlocks < 1) throw new Error('bad numBlocks');
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error('bad blockSize');
  const B = blockSize;
  let queue: number[] = [];
  for (let b = 0; b < numBlocks; b++) queue.push(b);
  const ref: number[] = new Array(numBlocks).fill(0);
  const hashOf: Array<string | null> = new Array(numBlocks).fill(null);
  const cache = new Map<string, number[]>();
  const ids = new Map<string, number>();
  const live = new Map<string, number[]>();
  const results: Array<number[] | null> = [];

  const removeFromQueue = (b: number) => {
    for (let i = 0; i < queue.length; i++) {
      if (queue[i] === b) {
        queue.splice(i, 1);
        return;
      }
    }
  };

  for (const op of ops) {
    if (op.op === 'allocate') {
      if (live.has(op.seq)) throw new Error('live');
      const tokens = op.tokens;
      const L = tokens.length;
      if (L === 0) throw new Error('empty');
      const hashes: string[] = [];
      let parent = -1;
      for (let i = 0; (i + 1) * B <= L; i++) {
        const key = parent + ':' + tokens.slice(i * B, (i + 1) * B).join(',');
        if (!ids.has(key)) ids.set(key, ids.size);
        parent = ids.get(key)!;
        hashes.push(String(parent));
      }
      const hits: number[] = [];
      for (let i = 0; i < Math.floor((L - 1) / B); i++) {
        const list = cache.get(hashes[i]!);
        if (!list || list.length === 0) break;
        hits.push(list[0]!);
      }
      const need = Math.ceil(L / B) - hits.length;
      const evictable = hits.filter((b) => ref[b] === 0).length;
      if (need + evictable > queue.length) {
        results.push(null);
        continue;
      }
      for (const b of hits) {
        if (ref[b] === 0) removeFromQueue(b);
        ref[b]++;
      }
      const table = hits.slice();
      const taken = queue.splice(0, need);
      for (const b of taken) {
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
        hashOf[table[i]!] = hashes[i]!;
        if (!cache.has(hashes[i]!)) cache.set(hashes[i]!, []);
        cache.get(hashes[i]!)!.push(table[i]!);
      }
      live.set(op.seq, table);
      results.push(table.slice());
    } else if (op.op === 'free') {
      const table = live.get(op.seq);
      if (!table) throw new Error('not live');
      live.delete(op.seq);
      const released: number[] = [];
      for (let i = table.length - 1; i >= 0; i--) if (--ref[table[i]!] === 0) released.push(table[i]!);
      queue = [...released.filter((b) => hashOf[b] === null), ...queue, ...released.filter((b) => hashOf[b] !== null)];
      results.push(released);
    } else {
      results.push(queue.slice());
    }
  }
  return results;
}
