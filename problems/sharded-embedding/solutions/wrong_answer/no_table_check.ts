/**
 * WRONG ANSWER: never checks that the rows have one length (nor that the table is non-empty before using it):
 * a ragged table is looked up as it is instead of throwing.
 * Caught by edge "throws: ragged table" (the empty table happens to throw anyway, on table[0].length).
 */
export function shardedEmbedding(table: number[][], ids: number[], numWorkers: number = 4) {
  const V = table.length;
  const D = table[0]!.length;
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error('numWorkers must be an integer >= 1');

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
