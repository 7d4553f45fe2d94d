/**
 * Builds large embedding tables and id lists inside the sandbox from a compact spec (no imports, deterministic).
 * The solution is called the default way, `shardedEmbedding(...args)`.
 *
 * spec = {
 *   V: number, D: number,  // table shape
 *   n: number,             // number of ids, drawn uniformly from [0, V)
 *   W: number,             // numWorkers, passed as the 3rd argument
 *   seed: number,          // xorshift32 seed
 * }
 * Table values are multiples of 1/8 in [-1000, 1000] (exact in binary, negative ones included).
 */

export interface EmbeddingSpec {
  V: number;
  D: number;
  n: number;
  W: number;
  seed: number;
}

export function buildArgs(fn: string, spec: EmbeddingSpec): unknown[] {
  if (fn !== 'shardedEmbedding') throw new Error(`unknown entry ${fn}`);
  let x = (spec.seed ^ 0x9e3779b9) >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const table: number[][] = [];
  for (let v = 0; v < spec.V; v++) {
    const row: number[] = [];
    for (let j = 0; j < spec.D; j++) row.push(((next() % 16001) - 8000) / 8);
    table.push(row);
  }
  const ids: number[] = [];
  for (let i = 0; i < spec.n; i++) ids.push(next() % spec.V);
  return [table, ids, spec.W];
}
