type Op = { op: 'allocate'; seq: string; tokens: number[] } | { op: 'free'; seq: string } | { op: 'freeQueue' };

/**
 * Simulates vLLM v1's block pool with prefix caching over `ops`; returns one result per op:
 * allocate → the block table or null, free → the blocks that reached refcount 0, freeQueue → the free queue.
 */
export function simulateKVCache(numBlocks: number, blockSize: number, ops: Op[]): Array<number[] | null> {
  throw new Error('not implemented');
}
