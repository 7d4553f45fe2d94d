/**
 * Hidden tests beyond edge.json.
 *
 * Small random cases (V ≤ 40, D ≤ 4, W ≤ 8, up to 40 ids) are sent as JSON `args`; table values are multiples
 * of 1/4 in [-50, 50]. About half of them omit numWorkers (default 4).
 *
 * The scale group (`scale: true`) builds the table and the ids inside the sandbox (driver.ts): n ids with
 * V = 5n rows, D = 8, W = 4, for n = 250, 500, 1000, 2000; the last one is the largest hidden test
 * (V = 10^4, 2000 ids). One more spec case reaches V·D = 10^5 (V = 6250, D = 16).
 */
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

interface Params {
  V?: number;
  D?: number;
  W?: number | 'omit';
  /** build the inputs inside the sandbox: `size` ids, V = 5·size, D = 8, W = 4 unless given */
  spec?: boolean;
}

export const cases: GeneratorCase[] = [
  { name: 'random small, default workers', seed: 1, size: 10, params: { W: 'omit' } },
  { name: 'random small, default workers, V divisible by 4', seed: 2, size: 20, params: { W: 'omit', V: 24 } },
  { name: 'random small, default workers, V = 4m + 1', seed: 3, size: 30, params: { W: 'omit', V: 37 } },
  { name: 'random small, default workers, V = 4m + 2', seed: 4, size: 25, params: { W: 'omit', V: 18 } },
  { name: 'random small, default workers, D = 1', seed: 5, size: 40, params: { W: 'omit', D: 1 } },
  { name: 'random small, 3 workers', seed: 6, size: 20, params: { W: 3 } },
  { name: 'random small, 5 workers', seed: 7, size: 30, params: { W: 5 } },
  { name: 'random small, 7 workers', seed: 8, size: 40, params: { W: 7 } },
  { name: 'random small, 8 workers', seed: 9, size: 25, params: { W: 8 } },
  { name: 'random small, 8 workers, V < W', seed: 10, size: 12, params: { W: 8, V: 6 } },
  { name: 'random small, 6 workers, V = 40', seed: 11, size: 40, params: { W: 6, V: 40 } },
  { name: 'random small, 2 workers, D = 4', seed: 12, size: 35, params: { W: 2, D: 4 } },
  {
    name: 'V·D = 10^5 (V=6250, D=16), 500 ids, 7 workers',
    seed: 21,
    size: 500,
    params: { spec: true, V: 6250, D: 16, W: 7 },
  },
  { name: 'scale n=250 (V=1250, D=8, W=4)', seed: 101, size: 250, scale: true, params: { spec: true } },
  { name: 'scale n=500 (V=2500, D=8, W=4)', seed: 102, size: 500, scale: true, params: { spec: true } },
  { name: 'scale n=1000 (V=5000, D=8, W=4)', seed: 103, size: 1000, scale: true, params: { spec: true } },
  { name: 'scale n=2000 (V=10^4, D=8, W=4)', seed: 104, size: 2000, scale: true, params: { spec: true } },
];

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = (c.params ?? {}) as Params;
  if (p.spec) {
    const W = p.W === 'omit' ? 4 : (p.W ?? 4);
    return { fn: 'shardedEmbedding', spec: { V: p.V ?? 5 * c.size, D: p.D ?? 8, n: c.size, W, seed: rng.u32() } };
  }
  const V = p.V ?? rng.int(1, 40);
  const D = p.D ?? rng.int(0, 4);
  const table: number[][] = [];
  for (let v = 0; v < V; v++) {
    const row: number[] = [];
    for (let j = 0; j < D; j++) row.push(rng.int(-200, 200) / 4);
    table.push(row);
  }
  const ids: number[] = [];
  for (let i = 0; i < c.size; i++) ids.push(rng.int(0, V - 1));
  const W = p.W ?? rng.int(1, 8);
  return { fn: 'shardedEmbedding', args: W === 'omit' ? [table, ids] : [table, ids, W] };
}
