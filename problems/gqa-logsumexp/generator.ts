/**
 * Hidden tests beyond edge.json.
 *
 *   kvHeadFor   random valid calls: nQ ≤ 256, nKV a random divisor of nQ, h in [0, nQ).
 *   logSumExp / softmax, small (n ≤ 50, sent as JSON): values in [−scale, scale] (multiples of 0.001), about one in
 *               `negInf` entries -Infinity (softmax keeps at least one finite entry).
 *   logSumExp, scale group: the same spec at n = 8750, 17500, 35000 and 70000 (the largest input), built inside the
 *               sandbox by driver.ts: values within ±25 of 3000 (so many terms contribute and e^x overflows),
 *               one in 8 entries -Infinity, and a first entry 1000 below the rest (a shift by x[0] overflows).
 *   softmax     one spec-built input of 7·10^4 entries, summarised by driver.ts.
 */
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

interface Params {
  fn: 'kvHeadFor' | 'logSumExp' | 'softmax';
  /** small random x: value range and -Infinity density (0 = none) */
  scale?: number;
  negInf?: number;
  /** build x in the sandbox from this spec shape (n = the case's size) */
  spec?: { center: number; spread: number; negInfEvery?: number; first?: number };
}

const BIG = { center: 3000, spread: 25, negInfEvery: 8, first: 2000 };

export const cases: GeneratorCase[] = [
  { name: 'kvHeadFor random, nQ <= 16', seed: 1, size: 16, params: { fn: 'kvHeadFor' } },
  { name: 'kvHeadFor random, nQ <= 64', seed: 2, size: 64, params: { fn: 'kvHeadFor' } },
  { name: 'kvHeadFor random, nQ <= 128', seed: 3, size: 128, params: { fn: 'kvHeadFor' } },
  { name: 'kvHeadFor random, nQ <= 256', seed: 4, size: 256, params: { fn: 'kvHeadFor' } },
  { name: 'logSumExp random n=12 in [-5, 5]', seed: 11, size: 12, params: { fn: 'logSumExp', scale: 5, negInf: 0 } },
  {
    name: 'logSumExp random n=30 in [-1e4, 1e4] with -Infinity',
    seed: 12,
    size: 30,
    params: { fn: 'logSumExp', scale: 1e4, negInf: 4 },
  },
  {
    name: 'logSumExp random n=50 in [-30, 30] with -Infinity',
    seed: 13,
    size: 50,
    params: { fn: 'logSumExp', scale: 30, negInf: 3 },
  },
  { name: 'softmax random n=10 in [-3, 3]', seed: 21, size: 10, params: { fn: 'softmax', scale: 3, negInf: 0 } },
  {
    name: 'softmax random n=25 in [-1000, 1000] with -Infinity',
    seed: 22,
    size: 25,
    params: { fn: 'softmax', scale: 1000, negInf: 3 },
  },
  {
    name: 'softmax random n=50 in [-20, 20] with -Infinity',
    seed: 23,
    size: 50,
    params: { fn: 'softmax', scale: 20, negInf: 5 },
  },
  { name: 'scale n=8750', seed: 31, size: 8750, params: { fn: 'logSumExp', spec: BIG }, scale: true },
  { name: 'scale n=17500', seed: 31, size: 17500, params: { fn: 'logSumExp', spec: BIG }, scale: true },
  { name: 'scale n=35000', seed: 31, size: 35000, params: { fn: 'logSumExp', spec: BIG }, scale: true },
  { name: 'scale n=70000', seed: 31, size: 70000, params: { fn: 'logSumExp', spec: BIG }, scale: true },
  { name: 'softmax n=7*10^4 near 3000 with -Infinity', seed: 41, size: 70000, params: { fn: 'softmax', spec: BIG } },
];

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  if (p.fn === 'kvHeadFor') {
    const nQ = rng.int(1, c.size);
    const nKV = rng.pick(divisors(nQ));
    return { fn: 'kvHeadFor', args: [rng.int(0, nQ - 1), nQ, nKV] };
  }
  if (p.spec) return { fn: p.fn, spec: { n: c.size, seed: c.seed, ...p.spec } };
  const scale = p.scale ?? 1;
  const x: number[] = [];
  for (let i = 0; i < c.size; i++) {
    if (p.negInf && rng.int(1, p.negInf) === 1) x.push(-Infinity);
    else x.push(rng.int(-scale * 1000, scale * 1000) / 1000);
  }
  if (p.fn === 'softmax' && x.every((v) => v === -Infinity)) x[rng.int(0, c.size - 1)] = 0;
  return { fn: p.fn, args: [x] };
}
