/**
 * WRONG ANSWER: a worker owns start <= id <= end (an inclusive end), so an id on a shard boundary is owned by
 * two workers: it is counted twice in hits and its row is summed twice by the all-reduce.
 * Caught by sample "V = 8 on 4 workers: two rows each" (id 4 is in [2, 4] and [4, 6]: hits [1, 2, 1, 1], and its row comes out as [8, 8.2]).
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
    const row: number[] = new Array(table[0]!.length).fill(0);
    for (let r = 0; r < shards.length; r++) {
      const [start, end] = shards[r]!;
      if (start <= id && id <= end) {
        hits[r]!++;
        for (let j = 0; j < row.length; j++) row[j]! += table[id]![j]!;
      }
    }
    out.push(row);
  }
  return { out, hits, shards };
}
