/**
 * Accepted: leans on built-ins. Validation with every/some, shards with Array.from, the owner by division, rows
 * copied with Array.prototype.slice.
 */
export function shardedEmbedding(table: number[][], ids: number[], numWorkers = 4) {
  const V = table.length;
  if (V < 1 || table.some((r) => r.length !== table[0]!.length)) throw new TypeError('bad table');
  if (!Number.isSafeInteger(numWorkers) || numWorkers < 1) throw new RangeError('bad numWorkers');
  if (!ids.every((id) => Number.isSafeInteger(id) && id >= 0 && id < V)) throw new RangeError('bad id');
  const chunk = Math.ceil(V / numWorkers);
  const shards = Array.from({ length: numWorkers }, (_, r) => [r * chunk, (r + 1) * chunk].map((b) => Math.min(b, V)) as [number, number]);
  const hits = Array<number>(numWorkers).fill(0);
  ids.forEach((id) => hits[Math.trunc(id / chunk)]!++);
  return { out: ids.map((id) => table[id]!.slice()), hits, shards };
}
