/**
 * Hidden tests beyond edge.json.
 *
 * Small cases (V ≤ 8, γ ≤ 4) are sent as JSON. Their rows come in four kinds:
 *   normal   positive entries, each row normalised to 1;
 *   removed  like normal, then p rows (pMass) and/or q rows (qMass) scaled down: probability mass removed;
 *   sparse   about half the entries 0;
 *   dyadic   multiples of 1/16 (exact sums), so ratios and cumulative sums are exact.
 * Each draft token is drawn from its q row (as a draft model would), and r from [0, 1) (optionally forced so the
 * first rejection happens at `rejectAt`, or never when rejectAt = γ).
 *
 * Large cases are driver.ts specs (rows built in the sandbox); the host builds the same rows with driver.ts to
 * choose draft, r and u. The scale group is γ = 8 with V = 625 … 5000 (size = γ·V, the complexity's quantity), all
 * rejecting at position 6 and with u in [0.9, 1), so the residual walk covers most of the vocabulary.
 *
 * Every generated test keeps each examined r[i] at least 1e-9 away from its ratio p/q, and u at least 1e-9 away
 * from every cumulative sum of the walk (r and u are re-drawn until they are), so solutions that compare r·q ≤ p
 * or walk the unnormalised residual against u·S get the same answers.
 */
import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';
import { makeRows, type RowSpec } from './driver.ts';

type Kind = 'normal' | 'removed' | 'sparse' | 'dyadic';

interface Params {
  V: number;
  gamma: number;
  kind?: Kind;
  pMass?: number;
  qMass?: number;
  /** force the first rejection at this position (γ = accept everything); omitted = random r */
  rejectAt?: number;
  /** draw u from [uMin, 1), so the walk covers most of the vocabulary */
  uMin?: number;
  /** build the rows in the sandbox from a driver spec */
  spec?: Omit<RowSpec, 'V' | 'gamma' | 'seed'>;
}

const MARGIN = 1e-9;

const scale = (V: number): GeneratorCase => ({
  name: `scale n=${8 * V} (γ·V with γ=8, V=${V})`,
  seed: 500,
  size: 8 * V,
  params: { V, gamma: 8, rejectAt: 6, uMin: 0.9, spec: { sharp: 4 } },
  scale: true,
});

export const cases: GeneratorCase[] = [
  { name: 'random V=2, γ=1', seed: 1, size: 2, params: { V: 2, gamma: 1, kind: 'normal' } },
  { name: 'random V=3, γ=2', seed: 2, size: 6, params: { V: 3, gamma: 2, kind: 'normal' } },
  { name: 'random V=5, γ=4', seed: 3, size: 20, params: { V: 5, gamma: 4, kind: 'normal' } },
  { name: 'random V=4, γ=0 (bonus token only)', seed: 4, size: 0, params: { V: 4, gamma: 0, kind: 'normal' } },
  { name: 'random V=8, γ=4, all accepted', seed: 5, size: 32, params: { V: 8, gamma: 4, kind: 'normal', rejectAt: 4 } },
  { name: 'dyadic V=4, γ=3', seed: 6, size: 12, params: { V: 4, gamma: 3, kind: 'dyadic' } },
  {
    name: 'dyadic V=8, γ=2, rejected at 1',
    seed: 7,
    size: 16,
    params: { V: 8, gamma: 2, kind: 'dyadic', rejectAt: 1 },
  },
  { name: 'mass removed from p, V=6, γ=4', seed: 8, size: 24, params: { V: 6, gamma: 4, kind: 'removed', pMass: 0.8 } },
  {
    name: 'mass removed from q, V=8, γ=4, rejected at 0',
    seed: 9,
    size: 32,
    params: { V: 8, gamma: 4, kind: 'removed', qMass: 0.7, rejectAt: 0 },
  },
  { name: 'sparse rows V=8, γ=3', seed: 10, size: 24, params: { V: 8, gamma: 3, kind: 'sparse' } },
  {
    name: 'sparse rows with mass removed, V=7, γ=4, rejected at 2',
    seed: 11,
    size: 28,
    params: { V: 7, gamma: 4, kind: 'sparse', pMass: 0.6, rejectAt: 2 },
  },
  {
    name: 'dyadic with mass removed, V=6, γ=4',
    seed: 12,
    size: 24,
    params: { V: 6, gamma: 4, kind: 'dyadic', pMass: 0.75 },
  },
  scale(625),
  scale(1250),
  scale(2500),
  scale(5000),
  {
    name: 'V=5000, γ=8, all accepted, bonus row with mass 0.9 and u past it',
    seed: 601,
    size: 40000,
    params: { V: 5000, gamma: 8, rejectAt: 8, uMin: 0.9, spec: { sharp: 2, pMass: 0.9 } },
  },
  {
    name: 'V=2500, γ=16, sparse rows, rejected at 11',
    seed: 602,
    size: 40000,
    params: { V: 2500, gamma: 16, rejectAt: 11, uMin: 0.9, spec: { sharp: 3, zeroEvery: 3 } },
  },
  {
    name: 'V=5000, γ=2, rejected at 0, q mass removed',
    seed: 603,
    size: 10000,
    params: { V: 5000, gamma: 2, rejectAt: 0, spec: { sharp: 6, qMass: 0.95 } },
  },
];

// ---- rows for small cases ----

function randomRow(rng: Rng, V: number, kind: Kind, mass: number): number[] {
  let w: number[];
  if (kind === 'dyadic') {
    // 16 units spread over the tokens, times a dyadic mass: entries k/16 · mass stay exact
    w = new Array<number>(V).fill(0);
    for (let k = 0; k < 16; k++) {
      const j = rng.int(0, V - 1);
      w[j] = w[j]! + 1;
    }
    return w.map((c) => (c / 16) * mass);
  }
  w = [];
  for (let j = 0; j < V; j++) w.push(kind === 'sparse' && rng.float() < 0.5 ? 0 : 0.05 + rng.float());
  if (!w.some((x) => x !== 0)) w[rng.int(0, V - 1)] = 1;
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (x / sum) * mass);
}

// ---- the rules, on the host: to place r and u away from every boundary ----

function ratio(q: number[][], p: number[][], draft: number[], i: number): number {
  return p[i]![draft[i]!]! / q[i]![draft[i]!]!;
}

function acceptedPrefix(draft: number[], q: number[][], p: number[][], r: number[]): number {
  let n = 0;
  while (n < draft.length && r[n]! <= ratio(q, p, draft, n)) n++;
  return n;
}

/** The distribution sampled after n accepted tokens (normalised residual, or a p row as given). */
function sampledDist(q: number[][], p: number[][], gamma: number, n: number): number[] {
  if (n === gamma) return p[gamma]!;
  const w = p[n]!.map((pj, j) => Math.max(0, pj - q[n]![j]!));
  let S = 0;
  for (const x of w) S += x;
  return S > 0 ? w.map((x) => x / S) : p[n]!;
}

function cumulative(dist: number[]): number[] {
  const out: number[] = [];
  let c = 0;
  for (const x of dist) out.push((c += x));
  return out;
}

const far = (x: number, from: number): boolean => Math.abs(x - from) >= MARGIN;

/** A token drawn from `row` restricted to ids where `ok` holds (weights = row entries). */
function drawFrom(rng: Rng, row: number[], ok: (j: number) => boolean): number | null {
  let total = 0;
  row.forEach((x, j) => {
    if (x > 0 && ok(j)) total += x;
  });
  if (total === 0) return null;
  let t = rng.float() * total;
  let last: number | null = null;
  for (let j = 0; j < row.length; j++) {
    if (!(row[j]! > 0 && ok(j))) continue;
    last = j;
    t -= row[j]!;
    if (t < 0) return j;
  }
  return last;
}

/** draft and r: random, or forcing the first rejection at rejectAt. */
function chooseDraftAndR(
  rng: Rng,
  q: number[][],
  p: number[][],
  gamma: number,
  rejectAt: number | undefined,
): { draft: number[]; r: number[] } {
  const draft: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < gamma; i++) {
    const rat = (j: number): number => p[i]![j]! / q[i]![j]!;
    let x: number | null;
    let ri: number;
    if (rejectAt === undefined || i > rejectAt) {
      x = drawFrom(rng, q[i]!, () => true);
      ri = rng.float();
    } else if (i < rejectAt) {
      x = drawFrom(rng, q[i]!, (j) => rat(j) >= 0.01);
      ri = x === null ? 0 : rng.float() * (Math.min(1, rat(x)) - 2 * MARGIN);
    } else {
      x = drawFrom(rng, q[i]!, (j) => rat(j) <= 0.99);
      ri = x === null ? 0 : rat(x) + 2 * MARGIN + rng.float() * (1 - rat(x) - 4 * MARGIN);
    }
    if (x === null) throw new Error(`no draft token fits position ${i}`);
    draft.push(x);
    r.push(ri);
  }
  return { draft, r };
}

function place(rng: Rng, q: number[][], p: number[][], draft: number[], r: number[], name: string, uMin = 0): number {
  const gamma = draft.length;
  // examined ratios must be away from their r (re-draw r where not; forced choices are already away)
  for (let tries = 0; ; tries++) {
    const n = acceptedPrefix(draft, q, p, r);
    const bad = [...Array(Math.min(n + 1, gamma)).keys()].find((i) => !far(r[i]!, ratio(q, p, draft, i)));
    if (bad === undefined) break;
    if (tries > 1000) throw new Error(`${name}: cannot place r away from the ratios`);
    r[bad] = rng.float();
  }
  const n = acceptedPrefix(draft, q, p, r);
  const cdf = cumulative(sampledDist(q, p, gamma, n));
  for (let tries = 0; tries < 1000; tries++) {
    const u = uMin + (1 - uMin) * rng.float();
    if (cdf.every((c) => far(u, c))) return u;
  }
  throw new Error(`${name}: cannot place u away from the cumulative sums`);
}

export function generate(c: GeneratorCase, rng: Rng): TestInput {
  const P = c.params as unknown as Params;
  const { V, gamma } = P;
  if (P.spec) {
    const rowSpec: RowSpec = { V, gamma, seed: rng.u32(), ...P.spec };
    const { q, p } = makeRows(rowSpec);
    const { draft, r } = chooseDraftAndR(rng, q, p, gamma, P.rejectAt);
    const u = place(rng, q, p, draft, r, c.name, P.uMin);
    if (P.rejectAt !== undefined && acceptedPrefix(draft, q, p, r) !== P.rejectAt)
      throw new Error(`${c.name}: rejection not at ${P.rejectAt}`);
    return { fn: 'speculativeAccept', spec: { ...rowSpec, draft, r, u } };
  }
  const kind = P.kind ?? 'normal';
  const q: number[][] = [];
  const p: number[][] = [];
  for (let i = 0; i <= gamma; i++) {
    p.push(randomRow(rng, V, kind, P.pMass ?? 1));
    if (i < gamma) q.push(randomRow(rng, V, kind, P.qMass ?? 1));
  }
  const { draft, r } = chooseDraftAndR(rng, q, p, gamma, P.rejectAt);
  const u = place(rng, q, p, draft, r, c.name);
  if (P.rejectAt !== undefined && acceptedPrefix(draft, q, p, r) !== P.rejectAt)
    throw new Error(`${c.name}: rejection not at ${P.rejectAt}`);
  return { fn: 'speculativeAccept', args: [draft, q, p, r, u] };
}
