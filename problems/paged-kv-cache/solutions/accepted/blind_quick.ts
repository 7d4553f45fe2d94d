// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

type Block = { id: number; ref: number; hash: number | null; prev: Block | null; next: Block | null; queued: boolean };

export const simulateKVCache = (numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> => {
  if (!Number.isInteger(numBlocks) || numBlocks < 1) throw new Error('bad numBlocks');
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error('bad blockSize');
  const B = blockSize;

  const blocks: Block[] = Array.from({ length: numBlocks }, (_, id) => ({
    id, ref: 0, hash: null, prev: null, next: null, queued: false,
  }));

  // free queue as a doubly linked list
  let head: Block | null = null;
  let tail: Block | null = null;
  let freeCount = 0;
  const unlink = (b: Block) => {
    if (b.prev) b.prev.next = b.next; else head = b.next;
    if (b.next) b.next.prev = b.prev; else tail = b.prev;
    b.prev = b.next = null;
    b.queued = false;
    freeCount--;
  };
  const pushBack = (b: Block) => {
    b.prev = tail;
    b.next = null;
    if (tail) tail.next = b; else head = b;
    tail = b;
    b.queued = true;
    freeCount++;
  };
  const pushFront = (b: Block) => {
    b.next = head;
    b.prev = null;
    if (head) head.prev = b; else tail = b;
    head = b;
    b.queued = true;
    freeCount++;
  };
  blocks.forEach(pushBack);

  // hash = interned id of (parent hash, block tokens)
  const ids = new Map<string, number>();
  const hashOf = (parent: number, chunk: number[]) => {
    const key = `${parent}|${chunk.join(',')}`;
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  };

  // hash -> blocks carrying it, in insertion order (Set keeps insertion order)
  const cache = new Map<number, Set<Block>>();
  const lookup = (h: number): Block | undefined => cache.get(h)?.values().next().value;

  const live = new Map<string, Block[]>();
  const out: Array<number[] | null> = [];

  for (const o of ops) {
    if (o.op === 'freeQueue') {
      const q: number[] = [];
      for (let b = head as Block | null; b; b = b.next) q.push(b.id);
      out.push(q);
    } else if (o.op === 'allocate') {
      const { seq, tokens } = o;
      if (live.has(seq)) throw new Error(`${seq} is live`);
      if (!tokens.length) throw new Error('no tokens');
      const L = tokens.length;
      const nFull = Math.floor(L / B);
      const nTotal = Math.ceil(L / B);

      const hashes: number[] = [];
      for (let i = 0; i < nFull; i++) hashes.push(hashOf(i ? hashes[i - 1] : -1, tokens.slice(i * B, (i + 1) * B)));

      const hits: Block[] = [];
      for (const h of hashes.slice(0, Math.floor((L - 1) / B))) {
        const b = lookup(h);
        if (!b) break;
        hits.push(b);
      }

      const need = nTotal - hits.length;
      const evictable = hits.filter((b) => b.ref === 0).length;
      if (need + evictable > freeCount) {
        out.push(null);
        continue;
      }

      hits.forEach((b) => {
        if (b.ref === 0) unlink(b);
        b.ref++;
      });

      const fresh: Block[] = [];
      for (let i = 0; i < need; i++) {
        const b = head!;
        unlink(b);
        if (b.hash !== null) {
          cache.get(b.hash)!.delete(b);
          b.hash = null;
        }
        b.ref = 1;
        fresh.push(b);
      }

      const table = [...hits, ...fresh];
      for (let pos = hits.length; pos < nFull; pos++) {
        const b = table[pos];
        b.hash = hashes[pos];
        if (!cache.has(b.hash)) cache.set(b.hash, new Set());
        cache.get(b.hash)!.add(b);
      }

      live.set(seq, table);
      out.push(table.map((b) => b.id));
    } else if (o.op === 'free') {
      const table = live.get(o.seq);
      if (!table) throw new Error(`${o.seq} is not live`);
      live.delete(o.seq);
      const freed = [...table].reverse().filter((b) => --b.ref === 0);
      freed.filter((b) => b.hash === null).reverse().forEach(pushFront);
      freed.filter((b) => b.hash !== null).forEach(pushBack);
      out.push(freed.map((b) => b.id));
    } else {
      throw new Error('unknown op');
    }
  }
  return out;
};
