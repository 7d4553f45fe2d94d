import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';
import { buildArgs } from './driver.ts';

/**
 * Case params:
 *   fn        'filterProbs' | 'sampleToken'
 *   kind      'random' (logits = integer/1000 in [-scale, scale]) | 'ties' (integers in [0, scale])
 *   scale     logit range (see kind)
 *   negInf    if set, roughly one token in `negInf` is -Infinity
 *   T         fixed temperature, or omitted for a random one
 *   topK      fixed topK, or omitted for a random one (half the time 0)
 *   topKFrac  topK = round(topKFrac · V) (for the scale group)
 *   topP      fixed topP, or omitted for a random one (sometimes 1)
 *   minKeep   fixed minTokensToKeep, 'none' to omit it, or omitted for a random choice
 *   spec      build the logits inside the sandbox (driver.ts) instead of sending them as JSON
 *
 * Every generated test keeps each top-p running sum and each sampling CDF boundary at least 1e-9 away from
 * topP and u (p and u are re-drawn until they are), so float rounding differences between correct solutions
 * cannot change the answer.
 */
export const cases: GeneratorCase[] = [
  { name: 'random V=8, filterProbs', seed: 1, size: 8, params: { fn: 'filterProbs', kind: 'random', scale: 3 } },
  { name: 'random V=12, sampleToken', seed: 2, size: 12, params: { fn: 'sampleToken', kind: 'random', scale: 3 } },
  {
    name: 'random V=20 with minTokensToKeep, filterProbs',
    seed: 3,
    size: 20,
    params: { fn: 'filterProbs', kind: 'random', scale: 2, minKeep: 4 },
  },
  {
    name: 'random V=30 with minTokensToKeep, sampleToken',
    seed: 4,
    size: 30,
    params: { fn: 'sampleToken', kind: 'random', scale: 2, minKeep: 5, topP: 0.35 },
  },
  {
    name: 'integer ties V=16, top-k on a tie, filterProbs',
    seed: 5,
    size: 16,
    params: { fn: 'filterProbs', kind: 'ties', scale: 3, T: 1, topK: 5, topP: 1 },
  },
  { name: 'integer ties V=40, sampleToken', seed: 6, size: 40, params: { fn: 'sampleToken', kind: 'ties', scale: 5 } },
  {
    name: '-Infinity sprinkled V=25, filterProbs',
    seed: 7,
    size: 25,
    params: { fn: 'filterProbs', kind: 'random', scale: 3, negInf: 3 },
  },
  {
    name: '-Infinity sprinkled V=50 with top-k, sampleToken',
    seed: 8,
    size: 50,
    params: { fn: 'sampleToken', kind: 'random', scale: 3, negInf: 4, topK: 30 },
  },
  {
    name: 'greedy T=0 with tied maxima V=100, sampleToken',
    seed: 9,
    size: 100,
    params: { fn: 'sampleToken', kind: 'ties', scale: 4, T: 0 },
  },
  {
    name: 'greedy T=0 V=60, filterProbs',
    seed: 10,
    size: 60,
    params: { fn: 'filterProbs', kind: 'ties', scale: 2, T: 0, minKeep: 3 },
  },
  {
    name: 'logits up to ±1000 with T=0.01, filterProbs',
    seed: 11,
    size: 50,
    params: { fn: 'filterProbs', kind: 'random', scale: 1000, T: 0.01, topK: 0, topP: 0.9 },
  },
  {
    name: 'top-k and top-p together V=200, filterProbs',
    seed: 12,
    size: 200,
    params: { fn: 'filterProbs', kind: 'random', scale: 2, topK: 60, topP: 0.6 },
  },
  {
    name: 'integer ties V=1000, top-k inside a tie group, filterProbs',
    seed: 13,
    size: 1000,
    params: { fn: 'filterProbs', kind: 'ties', scale: 20, T: 2, topK: 300, topP: 0.7, minKeep: 'none' },
  },
  {
    name: 'random V=2000 high temperature, sampleToken',
    seed: 14,
    size: 2000,
    params: { fn: 'sampleToken', kind: 'random', scale: 5, T: 40, topK: 0, topP: 0.5 },
    note: 'a nucleus of ~1,000 of 2,000 tokens: catches an O(V^2) sort of the top-p candidates',
  },
  {
    name: 'random V=5000, top-k=50 and top-p=0.9, filterProbs',
    seed: 15,
    size: 5000,
    params: { fn: 'filterProbs', kind: 'random', scale: 4, T: 0.8, topK: 50, topP: 0.9, spec: true },
  },
  {
    name: 'random V=5000 with minTokensToKeep larger than topK, sampleToken',
    seed: 16,
    size: 5000,
    params: { fn: 'sampleToken', kind: 'random', scale: 4, T: 1.3, topK: 10, topP: 0.95, minKeep: 400, spec: true },
    note: "k' = 400 of 5,000 tokens: catches a top-k that takes the maximum k' times (O(k'·V))",
  },
  {
    name: 'integer ties V=5000 with -Infinity, topK=2000 and topP=0.8, sampleToken',
    seed: 19,
    size: 5000,
    params: {
      fn: 'sampleToken',
      kind: 'ties',
      scale: 30,
      negInf: 10,
      T: 3,
      topK: 2000,
      topP: 0.8,
      minKeep: 2,
      spec: true,
    },
  },
  // Scale group: flat logits (so top-p keeps most tokens), topK = 0.9·V and topP = 0.95, at V = n, 2n, 4n, 8n.
  // Both sorts work on ~V tokens; the nucleus at V = 20,000 holds ~16,000 tokens (deep enough to overflow a
  // recursion of one frame per token).
  ...[2500, 5000, 10000, 20000].map((V, i): GeneratorCase => ({
    name: `scale n=${V}: flat logits, topK = 0.9·V, topP = 0.95, sampleToken`,
    seed: 20 + i,
    size: V,
    scale: true,
    params: {
      fn: 'sampleToken',
      kind: 'random',
      scale: 0.5,
      T: 1,
      topKFrac: 0.9,
      topP: 0.95,
      minKeep: 'none',
      spec: true,
    },
    note:
      V === 20000
        ? 'V = 20,000 with a nucleus of ~16,000 tokens: catches O(V^2) selection or sorting (including indexOf/includes/splice inside a loop) and a recursion one frame per token'
        : `V = ${V.toLocaleString('en-US')}, top-k keeps 90% and top-p ~90% of those: catches O(V^2) selection or sorting`,
  })),
  // Found by `judge check --mutants` (issue 12): a sampleToken call without minTokensToKeep whose answer depends on
  // its default (1); a mutant defaulting to 2 passed every other test.
  {
    name: 'random V=12, sampleToken, default minTokensToKeep',
    seed: 1620195198,
    size: 12,
    params: { fn: 'sampleToken', kind: 'random', scale: 3 },
  },
  // The statement allows temperatures up to 100: the largest one is tested.
  {
    name: 'random V=50 at temperature 100, filterProbs',
    seed: 31,
    size: 50,
    params: { fn: 'filterProbs', kind: 'random', scale: 4, T: 100, topK: 0, topP: 0.5 },
  },
];

interface Params {
  fn: 'filterProbs' | 'sampleToken';
  kind: 'random' | 'ties';
  scale: number;
  negInf?: number;
  T?: number;
  topK?: number;
  topKFrac?: number;
  topP?: number;
  minKeep?: number | 'none';
  spec?: boolean;
}

const MARGIN = 1e-9;

/** Softmax over `ids` (max-subtracted), indexed by token id. */
function softmaxOver(s: number[], ids: number[]): Float64Array {
  const p = new Float64Array(s.length);
  let m = -Infinity;
  for (const i of ids) m = Math.max(m, s[i]!);
  let z = 0;
  for (const i of ids) z += p[i] = Math.exp(s[i]! - m);
  for (const i of ids) p[i] = p[i]! / z;
  return p;
}

/** Top-k survivors (finite only) and the scaled logits. */
function afterTopK(logits: number[], T: number, topK: number, minKeep: number): { s: number[]; ids: number[] } {
  const V = logits.length;
  const s = logits.map((x) => x / T);
  let tau = -Infinity;
  if (topK > 0 && topK < V) tau = Float64Array.from(s).sort()[V - Math.min(Math.max(topK, minKeep), V)]!;
  const ids: number[] = [];
  s.forEach((x, i) => {
    if (x !== -Infinity && x >= tau) ids.push(i);
  });
  return { s, ids };
}

/** Survivors in top-p order: probability desc, id asc. */
function topPOrder(p: Float64Array, ids: number[]): number[] {
  return [...ids].sort((a, b) => p[b]! - p[a]! || a - b);
}

/** The running sums that top-p compares with topP, in order. */
function runningSums(s: number[], ids: number[]): number[] {
  const p = softmaxOver(s, ids);
  const sums: number[] = [];
  let c = 0;
  for (const i of topPOrder(p, ids)) sums.push((c += p[i]!));
  return sums;
}

/** Final probabilities, the contract's pipeline (used to place u away from every CDF boundary). */
function finalProbs(logits: number[], T: number, topK: number, topP: number, minKeep: number): Float64Array {
  const V = logits.length;
  if (T === 0) {
    let best = 0;
    logits.forEach((x, i) => {
      if (x > logits[best]!) best = i;
    });
    const q = new Float64Array(V);
    q[best] = 1;
    return q;
  }
  const { s, ids } = afterTopK(logits, T, topK, minKeep);
  let kept = ids;
  if (topP < 1) {
    const p = softmaxOver(s, ids);
    const mk = Math.min(minKeep, ids.length);
    kept = [];
    let c = 0;
    for (const i of topPOrder(p, ids)) {
      if (kept.length >= mk && c >= topP) break;
      c += p[i]!;
      kept.push(i);
    }
  }
  return softmaxOver(s, kept);
}

function farFrom(x: number, values: Iterable<number>): boolean {
  for (const v of values) if (Math.abs(v - x) < MARGIN) return false;
  return true;
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const P = c.params as unknown as Params;
  const V = c.size;

  const T = P.T ?? rng.pick([0.3, 0.5, 0.7, 1, 1, 1.5, 2, 5]);
  const topK =
    P.topK ?? (P.topKFrac !== undefined ? Math.round(P.topKFrac * V) : rng.float() < 0.5 ? 0 : rng.int(1, V));
  const minKeepArg: number | undefined =
    P.minKeep === 'none' ? undefined : (P.minKeep ?? (rng.float() < 0.4 ? rng.int(1, Math.min(5, V)) : undefined));
  const minKeep = minKeepArg ?? 1;

  // Logits: as JSON for small cases, as a driver spec for large ones.
  let logits: number[];
  let specBase: Record<string, unknown> | undefined;
  if (P.spec) {
    specBase = { V, seed: rng.u32(), kind: P.kind, scale: P.scale, ...(P.negInf ? { negInfEvery: P.negInf } : {}) };
    logits = buildArgs('filterProbs', { ...specBase, temperature: 1, topK: 0, topP: 1 } as never)[0] as number[];
  } else {
    logits = [];
    for (let i = 0; i < V; i++) {
      if (P.negInf && rng.int(0, P.negInf - 1) === 0) logits.push(-Infinity);
      else if (P.kind === 'ties') logits.push(rng.int(0, P.scale));
      else logits.push(rng.int(-P.scale * 1000, P.scale * 1000) / 1000);
    }
    if (!logits.some((x) => x !== -Infinity)) logits[rng.int(0, V - 1)] = 0;
  }

  // topP: re-drawn until no running sum lies within 1e-9 of it.
  let topP = P.topP ?? (rng.float() < 0.25 ? 1 : rng.float());
  if (T !== 0 && topP < 1) {
    const { s, ids } = afterTopK(logits, T, topK, minKeep);
    const sums = runningSums(s, ids);
    for (let tries = 0; !farFrom(topP, sums); tries++) {
      if (tries > 1000) throw new Error(`${c.name}: cannot place topP away from the running sums`);
      topP = P.topP !== undefined ? P.topP + (rng.float() - 0.5) * 0.01 : rng.float();
    }
  }

  // u: re-drawn until no CDF boundary (in ascending id) lies within 1e-9 of it.
  let u: number | undefined;
  if (P.fn === 'sampleToken') {
    const q = finalProbs(logits, T, topK, topP, minKeep);
    const cdf: number[] = [];
    let acc = 0;
    for (const qi of q) if (qi > 0) cdf.push((acc += qi));
    u = rng.float();
    for (let tries = 0; !farFrom(u, cdf); tries++) {
      if (tries > 1000) throw new Error(`${c.name}: cannot place u away from the CDF`);
      u = rng.float();
    }
  }

  if (specBase) {
    const spec: Record<string, unknown> = { ...specBase, temperature: T, topK, topP };
    if (u !== undefined) spec.u = u;
    if (minKeepArg !== undefined) spec.minTokensToKeep = minKeepArg;
    return { fn: P.fn, spec };
  }
  const args: unknown[] = [logits, T, topK, topP];
  if (u !== undefined) args.push(u);
  if (minKeepArg !== undefined) args.push(minKeepArg);
  return { fn: P.fn, args };
}
