/**
 * WRONG ANSWER: checks that ids are in [0, V) but not that they are integers; a fractional id is owned by a
 * worker (by range) and its "row" table[0.5] is undefined, returned as null instead of throwing.
 * Caught by edge "throws: fractional id".
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
    if (id < 0 || id >= V) throw new Error(`id ${id} out of range`);
    let row: number[] | undefined;
    for (let r = 0; r < shards.length; r++) {
      const [start, end] = shards[r]!;
      if (start <= id && id < end) {
        hits[r]!++;
        row = table[id];
      }
    }
    out.push(row!);
  }
  return { out, hits, shards };
}
