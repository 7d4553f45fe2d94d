/**
 * WRONG ANSWER: the owner of an id is id mod W (a round-robin / cyclic split) instead of the contiguous range
 * that holds it, so hits go to the wrong workers.
 * Caught by sample "V = 8 on 4 workers: two rows each": hits [2, 0, 0, 2] instead of [1, 1, 1, 1].
 */
export function shardedEmbedding(table: number[][], ids: number[], numWorkers: number = 4) {
  const V = table.length;
  if (V === 0) throw new Error('empty table');
  const D = table[0]!.length;
  for (const row of table) if (row.length !== D) throw new Error('ragged table');
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error('numWorkers must be an integer >= 1');

  const S = Math.ceil(V / numWorkers);
  const shards: Array<[number, number]> = [];
  for (let r = 0; r < numWorkers; r++) shards.push([Math.min(V, r * S), Math.min(V, (r + 1) * S)]);

  const hits: number[] = shards.map(() => 0);
  const out: number[][] = [];
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`id ${id} out of range`);
    hits[id % numWorkers]!++;
    out.push(table[id]!.slice());
  }
  return { out, hits, shards };
}
