/**
 * Hidden tests for k-way-token-merge. Every case is a `spec` that driver.ts expands inside the sandbox
 * (`{ random: ... }` groups of shards, `{ infinite: ... }` shards), so even 10^4-record tests are a few bytes.
 *
 * Sizes: the largest test holds N = 10^4 records in k = 10^4 shards (edge.json, the stated bounds); it separates
 * O(N log k) from an O(N·k) merge by ~25x (a linear scan over the heads, or a sorted array kept with `shift` and
 * `splice`, whose moves are charged per element). The scale group (N = 1000, 2000, 4000, 8000 in k = N/5 shards of
 * equal length whose ts interleave) is where the judge fits a submission's step growth: O(N log k) grows like
 * N^1.1 there, an O(N·k) merge like N^1.8-2. The other cases stay small (≤ 3000 records) because the driver's
 * per-record checks cost as much as the merge itself; they vary tie density, ts range and sign, length skew, batch
 * sizes and infinite shards.
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
  groups?: RandomGroup[];
  /** Scale group: one group of N = size records in k = size / perShard shards (groups is then absent). */
  perShard?: number;
  scaleGroup?: Omit<RandomGroup, 'count' | 'n'>;
  /** Infinite shards, inserted at random positions between the groups. */
  infinite?: Array<{ start: number; step: number; repeat?: number }>;
  batchSize?: number;
  take?: number;
}

export const cases: GeneratorCase[] = [
  {
    name: 'random k=3, N=60',
    seed: 1,
    size: 60,
    params: { groups: [{ count: 3, n: 60, tsMin: 0, spread: 10, gapMax: 4 }] },
  },
  {
    name: 'random k=8, N=90, heavy ties',
    seed: 2,
    size: 90,
    params: { groups: [{ count: 8, n: 90, tsMin: -3, spread: 3, gapMax: 1 }] },
  },
  {
    name: 'random k=50, N=1000',
    seed: 3,
    size: 1000,
    params: { groups: [{ count: 50, n: 1000, tsMin: 0, spread: 500, gapMax: 10 }] },
  },
  {
    name: 'random k=200, N=1500, negative ts, wide range',
    seed: 4,
    size: 1500,
    params: { groups: [{ count: 200, n: 1500, tsMin: -1e12, spread: 1e11, gapMax: 1e9 }] },
  },
  {
    name: 'random k=500, N=1000, skewed lengths',
    seed: 5,
    size: 1000,
    params: { groups: [{ count: 500, n: 1000, tsMin: 0, spread: 1000, gapMax: 5, lengths: 'skewed' }] },
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
    name: 'batched k=500, N=1000 skewed, batchSize=125',
    seed: 11,
    size: 1000,
    params: { groups: [{ count: 500, n: 1000, tsMin: 0, spread: 2500, gapMax: 2, lengths: 'skewed' }], batchSize: 125 },
  },
  {
    name: 'infinite: 3 infinite + 20 finite shards, take 1000',
    seed: 12,
    size: 1000,
    params: {
      groups: [1, 2, 3, 4].map(() => ({ count: 5, n: 125, tsMin: 0, spread: 100, gapMax: 3 })),
      infinite: [
        { start: 0, step: 1 },
        { start: 10, step: 3, repeat: 2 },
        { start: -50, step: 1, repeat: 4 },
      ],
      take: 1000,
    },
  },
  {
    name: 'batched infinite: 2 infinite + 10 finite shards, batchSize=16, take 60',
    seed: 13,
    size: 960,
    params: {
      groups: [1, 2].map(() => ({ count: 5, n: 120, tsMin: 0, spread: 15, gapMax: 4 })),
      infinite: [
        { start: 0, step: 1, repeat: 2 },
        { start: 30, step: 2 },
      ],
      batchSize: 16,
      take: 60,
    },
  },
  // The scale group: the same params at N = n, 2n, 4n, 8n records, in k = N/5 shards.
  ...[1000, 2000, 4000, 8000].map((n, i) => ({
    name: `scale n=${n.toLocaleString('en-US')}`,
    seed: 20 + i,
    size: n,
    scale: true,
    note: `N = ${n.toLocaleString('en-US')} records in k = N/5 shards: catches an O(N·k) merge (a scan over every head, or a sorted array kept with splice/shift)`,
    params: { perShard: 5, scaleGroup: { tsMin: -1_000_000, spread: 2000, gapMax: 1000, lengths: 'equal' } },
  })),
];

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  const groups = p.perShard !== undefined ? [{ ...p.scaleGroup!, count: c.size / p.perShard, n: c.size }] : p.groups!;
  const shards: unknown[] = groups.map((g) => ({ random: { lengths: 'uniform', ...g, seed: rng.u32() } }));
  for (const inf of p.infinite ?? []) shards.splice(rng.int(0, shards.length), 0, { infinite: { ...inf } });
  const spec: Record<string, unknown> = { shards };
  if (p.batchSize !== undefined) spec.batchSize = p.batchSize;
  if (p.take !== undefined) spec.take = p.take;
  return { fn: p.batchSize !== undefined ? 'mergeShardsBatched' : 'mergeShards', spec };
}
