/**
 * Accepted: a literal simulation of Megatron's forward pass, in plain loops. Every worker masks the ids outside
 * its range, writes its local row (or zeros) into its own partial output, and the partial outputs are summed in
 * rank order (the all-reduce). O(n·W·D): slower than needed, but W ≤ 64.
 */
function shardedEmbedding(table: number[][], ids: number[], numWorkers?: number) {
  const W = numWorkers === undefined ? 4 : numWorkers;
  const V = table.length;
  if (V === 0) throw new Error('empty table');
  const D = table[0].length;
  for (let v = 0; v < V; v++) if (table[v].length !== D) throw new Error('ragged table');
  if (Math.floor(W) !== W || W < 1) throw new Error('numWorkers must be a positive integer');
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (Math.floor(id) !== id || id < 0 || id >= V) throw new Error('id out of range: ' + id);
  }

  const perPartition = Math.ceil(V / W);
  const shards: Array<[number, number]> = [];
  const hits: number[] = [];
  const partials: number[][][] = [];
  for (let r = 0; r < W; r++) {
    const start = Math.min(V, r * perPartition);
    const end = Math.min(V, (r + 1) * perPartition);
    shards.push([start, end]);
    let count = 0;
    const partial: number[][] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const row: number[] = [];
      if (id < start || id >= end) {
        for (let j = 0; j < D; j++) row.push(0); // masked
      } else {
        const local = id - start;
        for (let j = 0; j < D; j++) row.push(table[start + local][j]);
        count++;
      }
      partial.push(row);
    }
    hits.push(count);
    partials.push(partial);
  }

  // all-reduce: sum over workers, rank by rank
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i++) {
    const row: number[] = [];
    for (let j = 0; j < D; j++) {
      let s = 0;
      for (let r = 0; r < W; r++) s += partials[r][i][j];
      row.push(s);
    }
    out.push(row);
  }
  return { out, hits, shards };
}
