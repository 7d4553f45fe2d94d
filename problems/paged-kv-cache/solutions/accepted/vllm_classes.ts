// Accepted: class-based, shaped like vLLM's own code: KVCacheBlock objects linked into a FreeKVCacheBlockQueue
// with fake head and tail blocks, a BlockPool that owns the prefix cache, and a KVCacheManager that tracks the
// block table of each request. Prefix hashes are the nodes of a token trie: the node reached after the first
// (i + 1)·B tokens identifies the prefix of full block i.
type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

class TrieNode {
  readonly children = new Map<number, TrieNode>();
}

class KVCacheBlock {
  refCnt = 0;
  blockHash: TrieNode | null = null;
  prevFree: KVCacheBlock | null = null;
  nextFree: KVCacheBlock | null = null;
  constructor(readonly blockId: number) {}
}

class FreeKVCacheBlockQueue {
  numFreeBlocks = 0;
  private readonly head = new KVCacheBlock(-1);
  private readonly tail = new KVCacheBlock(-1);

  constructor(blocks: KVCacheBlock[]) {
    this.head.nextFree = this.tail;
    this.tail.prevFree = this.head;
    for (const b of blocks) this.append(b);
  }

  private insertAfter(at: KVCacheBlock, b: KVCacheBlock): void {
    b.prevFree = at;
    b.nextFree = at.nextFree;
    at.nextFree!.prevFree = b;
    at.nextFree = b;
    this.numFreeBlocks++;
  }

  append(b: KVCacheBlock): void {
    this.insertAfter(this.tail.prevFree!, b);
  }

  /** Puts blocks at the front, keeping their order (the first becomes the new front). */
  prependN(blocks: KVCacheBlock[]): void {
    let at = this.head;
    for (const b of blocks) {
      this.insertAfter(at, b);
      at = b;
    }
  }

  remove(b: KVCacheBlock): void {
    b.prevFree!.nextFree = b.nextFree;
    b.nextFree!.prevFree = b.prevFree;
    b.prevFree = b.nextFree = null;
    this.numFreeBlocks--;
  }

  popLeft(): KVCacheBlock {
    const b = this.head.nextFree!;
    if (b === this.tail) throw new Error('no free blocks');
    this.remove(b);
    return b;
  }

  ids(): number[] {
    const out: number[] = [];
    for (let b = this.head.nextFree!; b !== this.tail; b = b.nextFree!) out.push(b.blockId);
    return out;
  }
}

class BlockPool {
  readonly blocks: KVCacheBlock[];
  readonly freeQueue: FreeKVCacheBlockQueue;
  private readonly cached = new Map<TrieNode, Set<KVCacheBlock>>();

  constructor(numBlocks: number) {
    this.blocks = Array.from({ length: numBlocks }, (_, i) => new KVCacheBlock(i));
    this.freeQueue = new FreeKVCacheBlockQueue(this.blocks);
  }

  getCachedBlock(hash: TrieNode): KVCacheBlock | null {
    const holders = this.cached.get(hash);
    if (!holders) return null;
    for (const b of holders) return b; // the earliest inserted
    return null;
  }

  cacheFullBlock(b: KVCacheBlock, hash: TrieNode): void {
    b.blockHash = hash;
    let holders = this.cached.get(hash);
    if (!holders) this.cached.set(hash, (holders = new Set()));
    holders.add(b);
  }

  getNewBlocks(n: number): KVCacheBlock[] {
    const out: KVCacheBlock[] = [];
    for (let i = 0; i < n; i++) {
      const b = this.freeQueue.popLeft();
      if (b.blockHash !== null) {
        this.cached.get(b.blockHash)!.delete(b);
        b.blockHash = null;
      }
      b.refCnt = 1;
      out.push(b);
    }
    return out;
  }

  touch(blocks: KVCacheBlock[]): void {
    for (const b of blocks) {
      if (b.refCnt === 0) this.freeQueue.remove(b);
      b.refCnt++;
    }
  }

  /** `ordered` is already in eviction order (reverse table order). */
  freeBlocks(ordered: KVCacheBlock[]): KVCacheBlock[] {
    const released: KVCacheBlock[] = [];
    for (const b of ordered) if (--b.refCnt === 0) released.push(b);
    this.freeQueue.prependN(released.filter((b) => b.blockHash === null));
    for (const b of released) if (b.blockHash !== null) this.freeQueue.append(b);
    return released;
  }
}

class KVCacheManager {
  private readonly pool: BlockPool;
  private readonly root = new TrieNode();
  private readonly requests = new Map<string, KVCacheBlock[]>();

  constructor(
    numBlocks: number,
    private readonly blockSize: number,
  ) {
    this.pool = new BlockPool(numBlocks);
  }

  private blockHashes(tokens: number[]): TrieNode[] {
    const hashes: TrieNode[] = [];
    let node = this.root;
    const full = Math.floor(tokens.length / this.blockSize) * this.blockSize;
    for (let i = 0; i < full; i++) {
      let child = node.children.get(tokens[i]!);
      if (!child) node.children.set(tokens[i]!, (child = new TrieNode()));
      node = child;
      if ((i + 1) % this.blockSize === 0) hashes.push(node);
    }
    return hashes;
  }

  allocate(seq: string, tokens: number[]): number[] | null {
    if (this.requests.has(seq)) throw new Error(`request ${seq} is already running`);
    if (tokens.length === 0) throw new Error(`request ${seq} has no tokens`);
    const hashes = this.blockHashes(tokens);
    const maxCacheHitBlocks = Math.floor((tokens.length - 1) / this.blockSize);
    const computed: KVCacheBlock[] = [];
    for (let i = 0; i < maxCacheHitBlocks; i++) {
      const b = this.pool.getCachedBlock(hashes[i]!);
      if (!b) break;
      computed.push(b);
    }
    const numNew = Math.ceil(tokens.length / this.blockSize) - computed.length;
    const numEvictable = computed.filter((b) => b.refCnt === 0).length;
    if (numNew + numEvictable > this.pool.freeQueue.numFreeBlocks) return null;
    this.pool.touch(computed);
    const table = computed.concat(this.pool.getNewBlocks(numNew));
    for (let i = computed.length; i < hashes.length; i++) this.pool.cacheFullBlock(table[i]!, hashes[i]!);
    this.requests.set(seq, table);
    return table.map((b) => b.blockId);
  }

  free(seq: string): number[] {
    const table = this.requests.get(seq);
    if (!table) throw new Error(`request ${seq} is not running`);
    this.requests.delete(seq);
    return this.pool.freeBlocks(table.slice().reverse()).map((b) => b.blockId);
  }

  freeQueueIds(): number[] {
    return this.pool.freeQueue.ids();
  }
}

export function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  if (!Number.isInteger(numBlocks) || numBlocks < 1) throw new Error('numBlocks must be a positive integer');
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error('blockSize must be a positive integer');
  const manager = new KVCacheManager(numBlocks, blockSize);
  return ops.map((op) => {
    switch (op.op) {
      case 'allocate':
        return manager.allocate(op.seq, op.tokens);
      case 'free':
        return manager.free(op.seq);
      case 'freeQueue':
        return manager.freeQueueIds();
      default:
        throw new Error('unknown op');
    }
  });
}
