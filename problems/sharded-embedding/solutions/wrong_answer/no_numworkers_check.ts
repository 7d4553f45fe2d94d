/**
 * WRONG ANSWER: never checks numWorkers: with 0 workers ⌈V/0⌉ is Infinity, there are no shards, and the
 * result is returned instead of throwing.
 * Caught by edge "throws: numWorkers = 0".
 */
export function shardedEmbedding(table: number[][], ids: number[], numWorkers: number = 4) {
  const V = table.length;
  if (V === 0) throw new Error('empty table');
  const D = table[0]!.length;
  for (const row of table) if (row.length !== D) throw new Error('ragged table');

  const S = Math.ceil(V / numWorkers);
  const shards: Array<[number, number]> = [];
  for (let r = 0; r < numWorkers; r++) shards.push([Math.min(V, r * S), Math.min(V, (r + 1) * S)]);

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
