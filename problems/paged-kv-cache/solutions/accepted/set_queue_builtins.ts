// Accepted: leans on built-ins. The free queue is a Set (insertion-ordered, O(1) delete) for the blocks that were
// appended, plus an array used as a stack for the blocks that were put at the front. Only blocks without a hash
// are ever put at the front, and a block only gets a hash while it is in use, so every block taken out of the
// middle of the queue (a cached hit) is in the Set. Prefix hashes are interned strings; each hash keeps an array
// of its blocks.
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

export function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  if (!(Number.isInteger(numBlocks) && numBlocks > 0)) throw new RangeError('numBlocks');
  if (!(Number.isInteger(blockSize) && blockSize > 0)) throw new RangeError('blockSize');

  const front: number[] = []; // stack: the last element is the front of the queue
  const rest = new Set<number>(Array.from({ length: numBlocks }, (_, i) => i));
  const queueSize = () => front.length + rest.size;
  const popFront = (): number => {
    if (front.length > 0) return front.pop()!;
    const [first] = rest;
    rest.delete(first!);
    return first!;
  };

  const refs = new Uint32Array(numBlocks);
  const hashOf = new Array<string | undefined>(numBlocks).fill(undefined);
  const ids = new Map<string, string>(); // "parent/tokens" -> short id
  const holders = new Map<string, number[]>();
  const live = new Map<string, number[]>();

  const hashChain = (tokens: number[]): string[] => {
    const chain: string[] = [];
    for (let i = 0, parent = ''; (i + 1) * blockSize <= tokens.length; i++) {
      const key = `${parent}/${tokens.slice(i * blockSize, (i + 1) * blockSize)}`;
      if (!ids.has(key)) ids.set(key, `#${ids.size}`);
      parent = ids.get(key)!;
      chain.push(parent);
    }
    return chain;
  };

  return ops.map((op): number[] | null => {
    if (op.op === 'freeQueue') return [...front].reverse().concat([...rest]);
    if (op.op === 'free') {
      const table = live.get(op.seq);
      if (!table) throw new Error(`free of ${op.seq}, which is not live`);
      live.delete(op.seq);
      const released = table.toReversed().filter((b) => --refs[b]! === 0);
      const uncached = released.filter((b) => hashOf[b] === undefined);
      front.push(...uncached.toReversed());
      released.filter((b) => hashOf[b] !== undefined).forEach((b) => rest.add(b));
      return released;
    }
    const { seq, tokens } = op;
    if (live.has(seq)) throw new Error(`allocate of ${seq}, which is live`);
    if (tokens.length === 0) throw new Error(`allocate of ${seq} without tokens`);
    const chain = hashChain(tokens);
    const hits: number[] = [];
    for (const h of chain.slice(0, Math.floor((tokens.length - 1) / blockSize))) {
      const b = holders.get(h)?.[0];
      if (b === undefined) break;
      hits.push(b);
    }
    const need = Math.ceil(tokens.length / blockSize) - hits.length;
    if (need + hits.filter((b) => refs[b] === 0).length > queueSize()) return null;
    for (const b of hits) {
      if (refs[b] === 0) rest.delete(b);
      refs[b]!++;
    }
    const table = hits.slice();
    for (let k = 0; k < need; k++) {
      const b = popFront();
      const old = hashOf[b];
      if (old !== undefined) {
        const list = holders.get(old)!;
        list.splice(list.indexOf(b), 1);
        hashOf[b] = undefined;
      }
      refs[b] = 1;
      table.push(b);
    }
    chain.slice(hits.length).forEach((h, k) => {
      const b = table[hits.length + k]!;
      hashOf[b] = h;
      if (!holders.has(h)) holders.set(h, []);
      holders.get(h)!.push(b);
    });
    live.set(seq, table);
    return [...table];
  });
}
