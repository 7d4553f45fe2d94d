// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export const shardedEmbedding = (table: number[][], ids: number[], numWorkers = 4) => {
  const V = table.length;
  if (!V) throw new Error('empty table');
  const D = table[0].length;
  if (table.some((row) => row.length !== D)) throw new Error('rows differ in length');
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error('bad numWorkers');
  if (ids.some((id) => !Number.isInteger(id) || id < 0 || id >= V)) throw new Error('id out of range');

  const S = Math.ceil(V / numWorkers);
  const shards = Array.from({ length: numWorkers }, (_, r) => [Math.min(V, r * S), Math.min(V, (r + 1) * S)] as [number, number]);
  const hits = new Array(numWorkers).fill(0);
  const out = ids.map((id) => {
    hits[Math.floor(id / S)]++;
    return [...table[id]];
  });
  return { out, hits, shards };
};
