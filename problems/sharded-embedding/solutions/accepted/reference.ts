/**
 * Reference. The owner of an id is ⌊id / S⌋ with S = ⌈V/W⌉ (torch.chunk sizing), which is exactly the worker
 * whose range [min(V, r·S), min(V, (r+1)·S)) holds it; the all-reduce of the masked lookups is the owner's row.
 * O(V·D) to validate the table, O(n·D + W) for the rest.
 */
export function shardedEmbedding(
  table: number[][],
  ids: number[],
  numWorkers: number = 4,
): { out: number[][]; hits: number[]; shards: Array<[start: number, end: number]> } {
  const V = table.length;
  if (V === 0) throw new Error('the table is empty');
  const D = table[0]!.length;
  for (let v = 1; v < V; v++) {
    if (table[v]!.length !== D) throw new Error(`row ${v} has ${table[v]!.length} entries, row 0 has ${D}`);
  }
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error(`numWorkers = ${numWorkers} must be an integer >= 1`);

  const W = numWorkers;
  const S = Math.ceil(V / W);
  const shards: Array<[number, number]> = [];
  const hits: number[] = [];
  for (let r = 0; r < W; r++) {
    shards.push([Math.min(V, r * S), Math.min(V, (r + 1) * S)]);
    hits.push(0);
  }

  const out: number[][] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`ids[${i}] = ${id} is not an integer in [0, ${V})`);
    hits[Math.floor(id / S)]!++;
    out.push(table[id]!.slice());
  }
  return { out, hits, shards };
}
