/**
 * MEMORY LIMIT EXCEEDED: materialises the n × V one-hot matrix of the ids (one Float64Array of V entries per id),
 * "for the matmul", then looks rows up by id anyway. 2000 × 10^4 doubles are 160 MB, over the 64 MB limit.
 * Caught by "scale n=2000 (V=10^4, D=8, W=4)" (smaller tests fit: 1000 × 5000 doubles are 40 MB).
 */
export function shardedEmbedding(table: number[][], ids: number[], numWorkers: number = 4) {
  const V = table.length;
  if (V === 0) throw new Error('empty table');
  const D = table[0]!.length;
  for (const row of table) if (row.length !== D) throw new Error('ragged table');
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error('bad numWorkers');
  for (const id of ids) if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error('bad id');

  const oneHot: Float64Array[] = ids.map((id) => {
    const row = new Float64Array(V);
    row[id] = 1;
    return row;
  });
  const S = Math.ceil(V / numWorkers);
  const shards: Array<[number, number]> = [];
  const hits: number[] = new Array(numWorkers).fill(0);
  for (let r = 0; r < numWorkers; r++) shards.push([Math.min(V, r * S), Math.min(V, (r + 1) * S)]);
  const out = oneHot.map((h, i) => {
    const v = h[ids[i]!] === 1 ? ids[i]! : -1;
    hits[Math.floor(v / S)]++;
    return table[v]!.slice();
  });
  return { out, hits, shards };
}
