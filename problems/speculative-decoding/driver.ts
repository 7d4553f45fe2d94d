/**
 * Driver for speculative-decoding: builds the large inputs inside the sandbox from a compact spec, so a test with
 * 17 rows of 5000 probabilities costs a few bytes in the repository and no JSON parsing. No imports; `buildArgs`
 * is also imported on the host (by generator.ts and `judge check`), so it is deterministic and pure.
 *
 * spec = {
 *   V, gamma, seed,          // vocabulary size, number of draft tokens, xorshift32 seed
 *   sharp,                   // peakiness: an entry's shared weight is t^sharp, t uniform in (0, 1]
 *   zeroEvery?,              // if > 0, each entry is 0 with probability 1/zeroEvery (sparse rows)
 *   pMass?, qMass?,          // every p row sums to pMass, every q row to qMass, up to rounding (default 1)
 *   draft, r, u,             // passed through: chosen by generator.ts from the rows
 * }
 *
 * Row i of p and of q share the weights t^sharp (the two models roughly agree) times independent factors in
 * [0.25, 1.25), so acceptance is frequent but not certain. Each row is scaled by mass / (its sum), entry by entry
 * as (x / sum) · mass, which keeps every entry in [0, 1]. A row that came out all zero gets its mass on token 0.
 */

export interface RowSpec {
  V: number;
  gamma: number;
  seed: number;
  sharp: number;
  zeroEvery?: number;
  pMass?: number;
  qMass?: number;
}

export interface Spec extends RowSpec {
  draft: number[];
  r: number[];
  u: number;
}

function normalise(row: number[], sum: number, mass: number): void {
  if (sum === 0) {
    row[0] = mass;
    return;
  }
  for (let j = 0; j < row.length; j++) row[j] = (row[j]! / sum) * mass;
}

/** The rows { q: γ rows, p: γ + 1 rows } of a spec. */
export function makeRows(spec: RowSpec): { q: number[][]; p: number[][] } {
  let s = (spec.seed ^ 0x5bd1e995) >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const unit = (): number => (next() + 1) / 4294967296; // (0, 1]
  const V = spec.V;
  const zeroEvery = spec.zeroEvery ?? 0;
  const q: number[][] = [];
  const p: number[][] = [];
  for (let i = 0; i <= spec.gamma; i++) {
    const hasQ = i < spec.gamma;
    const pr: number[] = [];
    const qr: number[] = [];
    let sp = 0;
    let sq = 0;
    for (let j = 0; j < V; j++) {
      const w = Math.pow(unit(), spec.sharp);
      let a = w * (0.25 + unit());
      if (zeroEvery > 0 && next() % zeroEvery === 0) a = 0;
      pr.push(a);
      sp += a;
      if (hasQ) {
        let b = w * (0.25 + unit());
        if (zeroEvery > 0 && next() % zeroEvery === 0) b = 0;
        qr.push(b);
        sq += b;
      }
    }
    normalise(pr, sp, spec.pMass ?? 1);
    p.push(pr);
    if (hasQ) {
      normalise(qr, sq, spec.qMass ?? 1);
      q.push(qr);
    }
  }
  return { q, p };
}

export function buildArgs(fn: string, spec: Spec): unknown[] {
  if (fn !== 'speculativeAccept') throw new Error(`unknown entry ${fn}`);
  const { q, p } = makeRows(spec);
  return [spec.draft.slice(), q, p, spec.r.slice(), spec.u];
}
