/**
 * Hidden tests for k-way-token-merge. Every case is a `spec` that driver.ts expands inside the sandbox
 * (`{ random: ... }` groups of shards, `{ infinite: ... }` shards), so even 10^4-record tests are a few bytes.
 *
 * Sizes: the k = 10^4 edge test separates O(N log k) from an O(N·k) minimum scan by a factor of ~100; the k = 500
 * and k = 1000 cases here add a margin of ~10x. The suite is kept small (every test ≤ 3000 records) because the
 * driver's per-record checks cost as much as the merge itself;
 * the rest vary tie density, ts range and sign, length skew, batch sizes and infinite shards.
 */
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

const MAX_TS = Number.MAX_SAFE_INTEGER; // 2^53 − 1

interface RandomGroup {
  count: number;
  n: number;
  tsMin: number;
  spread: number;
  gapMax: number;
  lengths?: 'uniform' | 'skewed' | 'equal';
}

interface Params {
  groups: RandomGroup[];
  /** Infinite shards, inserted at random positions between the groups. */
  infinite?: Array<{ start: number; step: number; repeat?: number }>;
  batchSize?: number;
  take?: number;
}

export const cases: GeneratorCase[] = [
  { name: 'random k=3, N=60', seed: 1, size: 60, params: { groups: [{ count: 3, n: 60, tsMin: 0, spread: 10, gapMax: 4 }] } },
  { name: 'random k=8, N=90, heavy ties', seed: 2, size: 90, params: { groups: [{ count: 8, n: 90, tsMin: -3, spread: 3, gapMax: 1 }] } },
  { name: 'random k=50, N=1000', seed: 3, size: 1000, params: { groups: [{ count: 50, n: 1000, tsMin: 0, spread: 500, gapMax: 10 }] } },
  {
    name: 'random k=200, N=1500, negative ts, wide range',
    seed: 4,
    size: 1500,
    params: { groups: [{ count: 200, n: 1500, tsMin: -1e12, spread: 1e11, gapMax: 1e9 }] },
  },
  {
    name: 'random k=1000, N=2000, skewed lengths',
    seed: 5,
    size: 2000,
    params: { groups: [{ count: 1000, n: 2000, tsMin: 0, spread: 2000, gapMax: 5, lengths: 'skewed' }] },
  },
  {
    name: 'random k=500, N=1500',
    seed: 6,
    size: 1500,
    params: { groups: [{ count: 500, n: 1500, tsMin: -10000, spread: 20000, gapMax: 20 }] },
  },
  {
    name: 'random k=16, N=3000, almost all ties',
    seed: 7,
    size: 3000,
    params: { groups: [{ count: 16, n: 3000, tsMin: 100, spread: 1, gapMax: 0 }] },
  },
  {
    name: 'ts near ±(2^53−1)',
    seed: 8,
    size: 600,
    params: {
      groups: [
        { count: 10, n: 300, tsMin: -MAX_TS, spread: 2 ** 50, gapMax: 2 ** 44 },
        { count: 10, n: 300, tsMin: MAX_TS - 2 ** 52, spread: 2 ** 50, gapMax: 2 ** 44 },
      ],
    },
  },
  {
    name: 'batched k=100, N=1500, batchSize=64',
    seed: 9,
    size: 1500,
    params: { groups: [{ count: 100, n: 1500, tsMin: 0, spread: 100, gapMax: 3 }], batchSize: 64 },
  },
  {
    name: 'batched k=7, N=999, batchSize=37',
    seed: 10,
    size: 999,
    params: { groups: [{ count: 7, n: 999, tsMin: -50, spread: 50, gapMax: 2, lengths: 'equal' }], batchSize: 37 },
  },
  {
    name: 'batched k=1000, N=2000 skewed, batchSize=250',
    seed: 11,
    size: 2000,
    params: { groups: [{ count: 1000, n: 2000, tsMin: 0, spread: 5000, gapMax: 2, lengths: 'skewed' }], batchSize: 250 },
  },
  {
    name: 'infinite: 3 infinite + 20 finite shards, take 1000',
    seed: 12,
    size: 1000,
    params: {
      groups: [1, 2, 3, 4].map(() => ({ count: 5, n: 125, tsMin: 0, spread: 100, gapMax: 3 })),
      infinite: [{ start: 0, step: 1 }, { start: 10, step: 3, repeat: 2 }, { start: -50, step: 1, repeat: 4 }],
      take: 1000,
    },
  },
  {
    name: 'batched infinite: 2 infinite + 10 finite shards, batchSize=16, take 60',
    seed: 13,
    size: 960,
    params: {
      groups: [1, 2].map(() => ({ count: 5, n: 120, tsMin: 0, spread: 15, gapMax: 4 })),
      infinite: [{ start: 0, step: 1, repeat: 2 }, { start: 30, step: 2 }],
      batchSize: 16,
      take: 60,
    },
  },
];

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  const shards: unknown[] = p.groups.map((g) => ({ random: { lengths: 'uniform', ...g, seed: rng.u32() } }));
  for (const inf of p.infinite ?? []) shards.splice(rng.int(0, shards.length), 0, { infinite: { ...inf } });
  const spec: Record<string, unknown> = { shards };
  if (p.batchSize !== undefined) spec.batchSize = p.batchSize;
  if (p.take !== undefined) spec.take = p.take;
  return { fn: p.batchSize !== undefined ? 'mergeShardsBatched' : 'mergeShards', spec };
}
