/**
 * Hidden tests for token-bucket beyond edge.json.
 *
 * - random small cases (≤ 60 requests, passed as args): capacities 0..20, rates 0..2000 tokens/s, gaps drawn from a
 *   mix of 0 (repeated timestamps), short, and long gaps, n from 0 to C + 2 (so n > C happens);
 * - the scale group: the contract's spec-built case (C = 5, R = 37, gaps 0..50 ms, n in 0..5) at 1250, 2500, 5000 and
 *   10^4 requests, built inside the sandbox by driver.ts.
 */
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

interface Params {
  /** 'small': explicit args; 'spec': the driver's random requests */
  kind: 'small' | 'spec';
  capacity?: number;
  rate?: number;
  /** for 'small': largest gap in ms */
  gapMax?: number;
}

export const cases: GeneratorCase[] = [
  { name: 'random small, slow refill', seed: 11, size: 20, params: { kind: 'small', gapMax: 300 } },
  { name: 'random small, fast refill', seed: 12, size: 30, params: { kind: 'small', gapMax: 50 } },
  { name: 'random small, long gaps', seed: 13, size: 40, params: { kind: 'small', gapMax: 20000 } },
  { name: 'random small, bursts at repeated timestamps', seed: 14, size: 60, params: { kind: 'small', gapMax: 5 } },
  { name: 'random small, C = 1', seed: 15, size: 50, params: { kind: 'small', capacity: 1, gapMax: 1500 } },
  { name: 'random small, R = 0', seed: 16, size: 25, params: { kind: 'small', rate: 0, gapMax: 1000 } },
  { name: 'random small, R = 1', seed: 17, size: 60, params: { kind: 'small', rate: 1, gapMax: 700 } },
  {
    name: 'random small, rate not a divisor of 1000',
    seed: 18,
    size: 60,
    params: { kind: 'small', rate: 7, gapMax: 400 },
  },
  { name: 'random small, large rate', seed: 19, size: 45, params: { kind: 'small', rate: 1999, gapMax: 3 } },
  { name: 'random small #10', seed: 20, size: 60, params: { kind: 'small', gapMax: 1000 } },
  { name: 'random small #11', seed: 21, size: 35, params: { kind: 'small', gapMax: 2500 } },
  { name: 'random small #12', seed: 22, size: 60, params: { kind: 'small', gapMax: 100 } },
  ...[1250, 2500, 5000, 10000].map((n, i): GeneratorCase => ({
    name: `scale n=${n}`,
    seed: 100 + i,
    size: n,
    scale: true,
    params: { kind: 'spec', capacity: 5, rate: 37 },
  })),
];

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  if (p.kind === 'spec') {
    return {
      fn: 'tokenBucket',
      spec: {
        capacity: p.capacity,
        ratePerSec: p.rate,
        random: { count: c.size, seed: rng.u32(), gapMax: 50, nMax: 5 },
      },
    };
  }
  const C = p.capacity ?? rng.int(0, 20);
  const R = p.rate ?? rng.pick([0, 1, 3, 7, 10, 250, 1000, 2000, rng.int(1, 2000)]);
  const gapMax = p.gapMax ?? 1000;
  const requests: Array<[number, number]> = [];
  let t = rng.float() < 0.3 ? 0 : rng.int(0, gapMax);
  for (let i = 0; i < c.size; i++) {
    if (i > 0) {
      const r = rng.float();
      t += r < 0.2 ? 0 : r < 0.8 ? rng.int(0, gapMax) : rng.int(0, 10 * gapMax);
    }
    requests.push([t, rng.float() < 0.1 ? 0 : rng.int(0, C + 2)]);
  }
  return { fn: 'tokenBucket', args: [C, R, requests] };
}
