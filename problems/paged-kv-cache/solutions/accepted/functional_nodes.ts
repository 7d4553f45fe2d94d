// Accepted: functional style. The free queue is a doubly linked list of node objects found through a Map; the
// prefix hash of each full block is an interned JSON key of (parent id, block); results come from ops.map.
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };
type Node = { id: number; prev: Node | null; next: Node | null };

export const simulateKVCache = (numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> => {
  const isCount = (v: number) => Number.isInteger(v) && v >= 1;
  if (!isCount(numBlocks) || !isCount(blockSize)) throw new Error('numBlocks and blockSize must be integers >= 1');

  // ---- free queue ----
  const head: Node = { id: -1, prev: null, next: null };
  const tail: Node = { id: -2, prev: head, next: null };
  head.next = tail;
  const nodes = new Map<number, Node>();
  let size = 0;
  const link = (after: Node, id: number): Node => {
    const node: Node = { id, prev: after, next: after.next };
    after.next!.prev = node;
    after.next = node;
    nodes.set(id, node);
    size++;
    return node;
  };
  const unlink = (id: number): void => {
    const node = nodes.get(id)!;
    node.prev!.next = node.next;
    node.next!.prev = node.prev;
    nodes.delete(id);
    size--;
  };
  Array.from({ length: numBlocks }, (_, id) => id).reduce((after, id) => link(after, id), head);
  const queueList = (): number[] => {
    const list: number[] = [];
    for (let n = head.next!; n !== tail; n = n.next!) list.push(n.id);
    return list;
  };

  // ---- blocks and cache ----
  const refs = new Array<number>(numBlocks).fill(0);
  const hashOf = new Map<number, number>();
  const cache = new Map<number, Set<number>>();
  const tables = new Map<string, number[]>();

  // Hash ids: the pair (parent id, block tokens) as JSON, interned to a number, so an id stands for a whole prefix.
  const ids = new Map<string, number>();
  const prefixHashes = (tokens: number[]): number[] => {
    let parent = -1;
    return Array.from({ length: Math.floor(tokens.length / blockSize) }, (_, i) => {
      const key = JSON.stringify([parent, tokens.slice(i * blockSize, (i + 1) * blockSize)]);
      if (!ids.has(key)) ids.set(key, ids.size);
      return (parent = ids.get(key)!);
    });
  };

  const allocate = ({ seq, tokens }: { seq: string; tokens: number[] }): number[] | null => {
    if (tables.has(seq)) throw new Error(`${seq} is live`);
    if (tokens.length === 0) throw new Error(`${seq} has no tokens`);
    const hashes = prefixHashes(tokens);
    const maxHits = Math.floor((tokens.length - 1) / blockSize);
    const hits: number[] = [];
    for (const h of hashes.slice(0, maxHits)) {
      const first = cache.get(h)?.values().next();
      if (!first || first.done) break;
      hits.push(first.value);
    }
    const need = Math.ceil(tokens.length / blockSize) - hits.length;
    const evictable = hits.filter((b) => refs[b] === 0).length;
    if (need + evictable > size) return null;

    hits.forEach((b) => {
      if (refs[b] === 0) unlink(b);
      refs[b]!++;
    });
    const fresh = Array.from({ length: need }, () => {
      const b = head.next!.id;
      unlink(b);
      const old = hashOf.get(b);
      if (old !== undefined) {
        cache.get(old)!.delete(b);
        hashOf.delete(b);
      }
      refs[b] = 1;
      return b;
    });
    const table = [...hits, ...fresh];
    hashes.forEach((h, i) => {
      if (i < hits.length) return;
      hashOf.set(table[i]!, h);
      if (!cache.has(h)) cache.set(h, new Set());
      cache.get(h)!.add(table[i]!);
    });
    tables.set(seq, table);
    return [...table];
  };

  const free = ({ seq }: { seq: string }): number[] => {
    const table = tables.get(seq);
    if (!table) throw new Error(`${seq} is not live`);
    tables.delete(seq);
    const released = [...table].reverse().filter((b) => --refs[b]! === 0);
    released.filter((b) => !hashOf.has(b)).reduce((after, b) => link(after, b), head);
    released.filter((b) => hashOf.has(b)).forEach((b) => link(tail.prev!, b));
    return released;
  };

  return ops.map((op) => (op.op === 'allocate' ? allocate(op) : op.op === 'free' ? free(op) : queueList()));
};
