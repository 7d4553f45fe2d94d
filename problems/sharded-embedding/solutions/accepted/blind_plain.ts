// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export function shardedEmbedding(
  table: number[][],
  ids: number[],
  numWorkers: number = 4,
): { out: number[][]; hits: number[]; shards: Array<[start: number, end: number]> } {
  const V = table.length;
  if (V === 0) throw new Error('empty table');
  const D = table[0].length;
  for (let v = 1; v < V; v++) {
    if (table[v].length !== D) throw new Error('ragged table at row ' + v);
  }
  if (typeof numWorkers !== 'number' || !Number.isInteger(numWorkers) || numWorkers < 1) {
    throw new Error('numWorkers must be an integer >= 1');
  }
  const W = numWorkers;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= V) {
      throw new Error('bad id at position ' + i);
    }
  }

  const S = Math.ceil(V / W);
  const shards: Array<[number, number]> = [];
  for (let r = 0; r < W; r++) {
    const start = Math.min(V, r * S);
    const end = Math.min(V, (r + 1) * S);
    shards.push([start, end]);
  }

  const hits: number[] = new Array(W);
  for (let r = 0; r < W; r++) hits[r] = 0;

  const out: number[][] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    // the owning worker: its range [r*S, (r+1)*S) contains id
    const r = Math.floor(id / S);
    hits[r]++;
    const src = table[id];
    const row: number[] = new Array(D);
    for (let j = 0; j < D; j++) row[j] = src[j];
    out[i] = row;
  }
  return { out, hits, shards };
}
