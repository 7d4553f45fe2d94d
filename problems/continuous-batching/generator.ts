// Hidden tests beyond edge.json: small random schedules (passed as args, compared in full) and large spec-built
// ones (built by driver.ts, compared through an exact summary). The scale group is the n = 5000 configuration of
// the statement (bursty arrivals up to 10^9, outputs up to 10^6, maxBatch 64, maxKV 4·10^6) at n = 625 … 5000.
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';
import type { GenSpec } from './driver.ts';

interface SmallParams {
  kind: 'small';
  /** arrivals are drawn from [0, arrivalMax]: a small range forces simultaneous arrivals */
  arrivalMax: number;
  maxBatch?: number;
  maxKV?: number;
  /** largest output length */
  outputMax: number;
  /** ids: 'seq' = 0..n−1 in input order, 'mixed' = distinct values from 0..150 (1-, 2- and 3-digit), shuffled */
  ids: 'seq' | 'mixed';
}
type SpecParams = {
  kind: 'spec';
  spec: Omit<GenSpec, 'n' | 'seed'>;
};
type Params = SmallParams | SpecParams;

const BURSTY_5000: SpecParams = {
  kind: 'spec',
  spec: {
    maxBatch: 64,
    maxKV: 4_000_000,
    arrivalMax: 1_000_000_000,
    bursts: 25,
    burstWidth: 200_000,
    smallFrac: 0.7,
    smallPrompt: 2000,
    smallOutput: 2000,
    bigPrompt: 1_000_000,
    bigOutput: 1_000_000,
    ids: 'sparse',
  },
};

const small = (seed: number, n: number, p: Omit<SmallParams, 'kind'>, what: string): GeneratorCase => ({
  name: `random n=${n}, ${what}`,
  seed,
  size: n,
  params: { kind: 'small', ...p },
});

export const cases: GeneratorCase[] = [
  small(1, 5, { arrivalMax: 3, outputMax: 6, ids: 'seq' }, 'tight KV'),
  small(2, 8, { arrivalMax: 4, outputMax: 8, ids: 'mixed' }, 'simultaneous arrivals, mixed-width ids'),
  small(3, 10, { arrivalMax: 20, outputMax: 10, ids: 'seq' }, 'spread arrivals'),
  small(4, 12, { arrivalMax: 2, maxBatch: 1, outputMax: 5, ids: 'mixed' }, 'maxBatch 1'),
  small(5, 14, { arrivalMax: 6, maxBatch: 5, maxKV: 40, outputMax: 12, ids: 'mixed' }, 'maxKV 40'),
  small(6, 15, { arrivalMax: 0, outputMax: 9, ids: 'mixed' }, 'all arrive at step 0'),
  small(7, 16, { arrivalMax: 30, maxBatch: 2, outputMax: 15, ids: 'seq' }, 'maxBatch 2'),
  small(8, 18, { arrivalMax: 10, maxKV: 12, outputMax: 6, ids: 'mixed' }, 'maxKV 12, heavy blocking'),
  small(9, 20, { arrivalMax: 8, outputMax: 20, ids: 'seq' }, 'long outputs'),
  small(10, 20, { arrivalMax: 15, maxBatch: 3, outputMax: 4, ids: 'mixed' }, 'short outputs'),
  small(11, 22, { arrivalMax: 40, outputMax: 10, ids: 'mixed' }, 'sparse arrivals with idle gaps'),
  small(12, 24, { arrivalMax: 5, maxBatch: 4, maxKV: 25, outputMax: 10, ids: 'mixed' }, 'bursty'),
  small(13, 25, { arrivalMax: 12, maxBatch: 5, maxKV: 40, outputMax: 14, ids: 'seq' }, 'largest small case'),
  small(14, 25, { arrivalMax: 3, maxBatch: 5, maxKV: 10, outputMax: 5, ids: 'mixed' }, 'maxKV 10'),
  {
    name: 'n=1000, dense arrivals with ties, sparse ids up to 10^9, maxBatch 16',
    seed: 101,
    size: 1000,
    params: {
      kind: 'spec',
      spec: {
        maxBatch: 16,
        maxKV: 5000,
        arrivalMax: 3000,
        bursts: 0,
        burstWidth: 0,
        smallFrac: 0.8,
        smallPrompt: 200,
        smallOutput: 50,
        bigPrompt: 2000,
        bigOutput: 400,
        ids: 'sparse',
      },
    } satisfies SpecParams,
  },
  { name: 'scale n=625', seed: 201, size: 625, scale: true, params: BURSTY_5000 },
  { name: 'scale n=1250', seed: 202, size: 1250, scale: true, params: BURSTY_5000 },
  { name: 'scale n=2500', seed: 203, size: 2500, scale: true, params: BURSTY_5000 },
  { name: 'scale n=5000', seed: 204, size: 5000, scale: true, params: BURSTY_5000 },
];

function smallCase(c: GeneratorCase, p: SmallParams, rng: Rng): TestInput {
  const n = c.size;
  const maxBatch = p.maxBatch ?? rng.int(1, 5);
  const maxKV = p.maxKV ?? rng.int(8, 40);
  let ids = Array.from({ length: n }, (_, i) => i);
  if (p.ids === 'mixed') ids = rng.shuffle(Array.from({ length: 151 }, (_, i) => i)).slice(0, n);
  const requests = ids.map((id) => {
    const output = rng.int(1, Math.min(p.outputMax, maxKV - 1));
    const prompt = rng.int(1, maxKV - output);
    return { id, arrival: rng.int(0, p.arrivalMax), prompt, output };
  });
  return { fn: 'schedule', args: [requests, maxBatch, maxKV] };
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as Params;
  if (p.kind === 'small') return smallCase(c, p, rng);
  return { fn: 'schedule', spec: { n: c.size, seed: rng.u32(), ...p.spec } };
}
