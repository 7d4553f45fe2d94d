/**
 * WRONG ANSWER: only creates the ⌈V/S⌉ workers that get rows, so workers with an empty shard are missing
 * from hits and shards (3 entries instead of 4 for V = 5).
 * Caught by sample "V = 5: shards of ⌈5/4⌉ = 2 rows, the last worker gets none".
 */
export function shardedEmbedding(table: number[][], ids: number[], numWorkers: number = 4) {
  const V = table.length;
  if (V === 0) throw new Error('empty table');
  const D = table[0]!.length;
  for (const row of table) if (row.length !== D) throw new Error('ragged table');
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error('numWorkers must be an integer >= 1');

  const S = Math.ceil(V / numWorkers);
  const shards: Array<[number, number]> = [];
  for (let start = 0; start < V; start += S) shards.push([start, Math.min(V, start + S)]);

  const hits: number[] = shards.map(() => 0);
  const out: number[][] = [];
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`id ${id} out of range`);
    let row: number[] | null = null;
    for (let r = 0; r < shards.length; r++) {
      const [start, end] = shards[r]!;
      if (start <= id && id < end) {
        hits[r]!++;
        row = table[id]!.slice();
      }
    }
    out.push(row!);
  }
  return { out, hits, shards };
}
