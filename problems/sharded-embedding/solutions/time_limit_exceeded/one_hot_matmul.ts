/**
 * TIME LIMIT EXCEEDED: correct answers, computed as the product of the one-hot matrix of the ids with the table
 * (out[i][j] = Σ_v [v = ids[i]]·table[v][j]), O(n·V·D) in plain loops instead of O(n·D).
 * Caught by "V·D = 10^5 (V=6250, D=16), 500 ids, 7 workers" (5·10^7 products), and by every scale test: it needs
 * about 12x the budget at n = 250 (V = 1250) and 226x at n = 2000 (V = 10^4).
 */
export function shardedEmbedding(table: number[][], ids: number[], numWorkers: number = 4) {
  const V = table.length;
  if (V === 0) throw new Error('empty table');
  const D = table[0]!.length;
  for (const row of table) if (row.length !== D) throw new Error('ragged table');
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error('bad numWorkers');
  for (const id of ids) if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error('bad id');

  const S = Math.ceil(V / numWorkers);
  const shards: Array<[number, number]> = [];
  const hits: number[] = [];
  for (let r = 0; r < numWorkers; r++) {
    shards.push([Math.min(V, r * S), Math.min(V, (r + 1) * S)]);
    hits.push(0);
  }
  const out: number[][] = [];
  for (const id of ids) {
    hits[Math.floor(id / S)]!++;
    const row = new Array<number>(D).fill(0);
    for (let v = 0; v < V; v++) {
      const oneHot = v === id ? 1 : 0;
      for (let j = 0; j < D; j++) row[j]! += oneHot * table[v]![j]!;
    }
    out.push(row);
  }
  return { out, hits, shards };
}
