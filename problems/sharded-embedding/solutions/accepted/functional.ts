/**
 * Accepted: functional style. Shards from Array.from, the owner of each id found with findIndex over the shard
 * ranges, hits by reduce, rows copied with spread.
 */
type Range = [start: number, end: number];

export const shardedEmbedding = (
  table: number[][],
  ids: number[],
  numWorkers = 4,
): { out: number[][]; hits: number[]; shards: Range[] } => {
  const V = table.length;
  const [first] = table;
  if (!first) throw new Error('the table must have at least one row');
  if (table.some((row) => row.length !== first.length)) throw new Error('ragged table');
  if (!Number.isInteger(numWorkers) || numWorkers < 1) throw new Error('numWorkers must be an integer >= 1');
  const bad = ids.find((id) => !Number.isInteger(id) || id < 0 || id >= V);
  if (bad !== undefined) throw new Error(`id ${bad} is not in [0, ${V})`);

  const size = Math.ceil(V / numWorkers);
  const shards = Array.from({ length: numWorkers }, (_, r): Range => [Math.min(V, r * size), Math.min(V, (r + 1) * size)]);
  const owners = ids.map((id) => shards.findIndex(([start, end]) => start <= id && id < end));
  const hits = owners.reduce((acc, r) => {
    acc[r]!++;
    return acc;
  }, new Array<number>(numWorkers).fill(0));
  const out = ids.map((id) => [...table[id]!]);
  return { out, hits, shards };
};
