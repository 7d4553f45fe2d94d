// Hidden tests beyond edge.json: small random rows as JSON (raw output), and the scale group built inside the
// sandbox by driver.ts from a compact spec.
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';

interface SmallParams {
  kind: 'small';
  /** 'mixed': random penalties in [1e-3, 1e3]; 'round': penalties from a short list of everyday values */
  penalties: 'mixed' | 'round';
  /** whether a promptIgnoreLength is passed (and how) */
  prompt: 'omit' | 'zero' | 'inside' | 'beyond';
}
interface ScaleParams {
  kind: 'scale';
}

// Scale group: the context length n is the size; V = 0.4·n, n/25 distinct ids, a prompt of n/50 ids ignored.
// The largest case is the contract's: V = 2·10^4, n = 5·10^4 ids drawn from 2000 distinct values, prompt 1000.
const scaleSizes = [6250, 12500, 25000, 50000];

export const cases: GeneratorCase[] = [
  {
    name: 'random small, round penalties, no prompt',
    seed: 11,
    size: 20,
    params: { kind: 'small', penalties: 'round', prompt: 'omit' },
  },
  {
    name: 'random small, mixed penalties, no prompt',
    seed: 12,
    size: 40,
    params: { kind: 'small', penalties: 'mixed', prompt: 'omit' },
  },
  {
    name: 'random small, promptIgnoreLength 0',
    seed: 13,
    size: 30,
    params: { kind: 'small', penalties: 'round', prompt: 'zero' },
  },
  {
    name: 'random small, prompt inside the context',
    seed: 14,
    size: 40,
    params: { kind: 'small', penalties: 'mixed', prompt: 'inside' },
  },
  {
    name: 'random small, prompt inside the context, many repeats',
    seed: 15,
    size: 12,
    params: { kind: 'small', penalties: 'round', prompt: 'inside' },
  },
  {
    name: 'random small, prompt covers the whole context',
    seed: 16,
    size: 25,
    params: { kind: 'small', penalties: 'mixed', prompt: 'beyond' },
  },
  ...scaleSizes.map((n, i) => ({
    name: `scale n=${n}`,
    seed: 101 + i,
    size: n,
    scale: true,
    params: { kind: 'scale' },
  })),
];

function smallLogit(rng: Rng): number {
  const r = rng.int(0, 19);
  if (r === 0) return -Infinity;
  if (r === 1) return 0;
  return rng.int(-5000, 5000) / 1000;
}

function smallPenalty(rng: Rng, mode: SmallParams['penalties']): number {
  if (mode === 'round') return rng.pick([0.5, 0.8, 1, 1.1, 1.2, 1.3, 1.5, 2, 3]);
  return Number((10 ** (rng.float() * 6 - 3)).toPrecision(6)); // log-uniform in [1e-3, 1e3]
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const p = c.params as unknown as SmallParams | ScaleParams;
  if (p.kind === 'scale') {
    const n = c.size;
    const spec = {
      V: Math.round(0.4 * n),
      n,
      distinct: Math.round(n / 25),
      promptIgnoreLength: Math.round(n / 50),
      penalty: rng.pick([1.2, 1.3, 0.7]),
      seed: rng.u32(),
    };
    return { fn: 'repetitionPenalty', spec };
  }
  // V in [1, 40] and n in [0, 60]: the size is V; a smaller V forces repeats.
  const V = rng.int(Math.max(1, c.size - 5), c.size);
  const n = rng.int(0, 60);
  const logits: number[] = [];
  for (let i = 0; i < V; i++) logits.push(smallLogit(rng));
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(rng.int(0, V - 1));
  const penalty = smallPenalty(rng, p.penalties);
  const args: unknown[] = [logits, ids, penalty];
  if (p.prompt === 'zero') args.push(0);
  else if (p.prompt === 'inside') args.push(rng.int(1, Math.max(1, n - 1)));
  else if (p.prompt === 'beyond') args.push(rng.int(n, n + 10));
  return { fn: 'repetitionPenalty', args };
}
