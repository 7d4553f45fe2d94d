// TIME LIMIT EXCEEDED: normalises each residual entry during the walk by calling a helper that recomputes
// S = Σ_j max(0, p_n(j) − q_n(j)) over the whole vocabulary: O(V) per visited token, O(V²) per draw. Correct, but
// on the generated scale group (V up to 5000, u ≥ 0.9) that is up to 2.3·10^7 residual terms for one draw.

export interface SpeculativeResult {
  accepted: number;
  tokens: number[];
}

function fail(message: string): never {
  throw new Error(message);
}

const isUnit = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x < 1; // [0, 1), false for NaN

/** Checks every rule of the statement on the whole input; returns V. */
function validate(draft: number[], q: number[][], p: number[][], r: number[], u: number): number {
  const gamma = draft.length;
  if (q.length !== gamma) fail(`q has ${q.length} rows, expected γ = ${gamma}`);
  if (p.length !== gamma + 1) fail(`p has ${p.length} rows, expected γ + 1 = ${gamma + 1}`);
  if (r.length !== gamma) fail(`r has ${r.length} entries, expected γ = ${gamma}`);
  const V = p[0]!.length;
  if (V < 1) fail('the vocabulary is empty');
  const checkRow = (row: number[], what: string): boolean => {
    if (row.length !== V) fail(`${what} has ${row.length} entries, expected V = ${V}`);
    let positive = false;
    for (let j = 0; j < V; j++) {
      const x = row[j]!;
      if (!(x >= 0 && x <= 1)) fail(`${what}[${j}] = ${x} is not a probability`);
      if (x > 0) positive = true;
    }
    return positive;
  };
  for (let i = 0; i < gamma; i++) checkRow(q[i]!, `q[${i}]`);
  for (let i = 0; i <= gamma; i++) if (!checkRow(p[i]!, `p[${i}]`)) fail(`p[${i}] has no positive entry`);
  for (let i = 0; i < gamma; i++) {
    const x = draft[i]!;
    if (!Number.isInteger(x) || x < 0 || x >= V) fail(`draft[${i}] = ${x} is not a token id in [0, ${V})`);
    if (q[i]![x] === 0) fail(`q[${i}][${x}] = 0: the draft model cannot have proposed token ${x}`);
    if (!isUnit(r[i])) fail(`r[${i}] = ${r[i]} is not in [0, 1)`);
  }
  if (!isUnit(u)) fail(`u = ${u} is not in [0, 1)`);
  return V;
}

/** Inverse CDF in increasing id: the first j with u < c_j; if rounding exhausts the walk, the last j with mass. */
function sample(dist: ArrayLike<number>, u: number): number {
  let c = 0;
  for (let j = 0; j < dist.length; j++) {
    c += dist[j]!;
    if (u < c) return j;
  }
  for (let j = dist.length - 1; j >= 0; j--) if (dist[j]! > 0) return j;
  return fail('unreachable: every p row has a positive entry');
}

export function speculativeAccept(draft: number[], q: number[][], p: number[][], r: number[], u: number): SpeculativeResult {
  const V = validate(draft, q, p, r, u);
  const gamma = draft.length;

  let n = 0;
  while (n < gamma) {
    const x = draft[n]!;
    if (!(r[n]! <= p[n]![x]! / q[n]![x]!)) break; // HF: is_accepted = r_i <= p/q (r = 0 accepts p = 0)
    n++;
  }

  const dist: ArrayLike<number> = p[n]!; // the bonus token (n = γ), or the fallback when S = 0
  const tokens = draft.slice(0, n);
  if (n < gamma) {
    const pn = p[n]!;
    const qn = q[n]!;
    const residual = (j: number): number => Math.max(0, pn[j]! - qn[j]!);
    const residualMass = (): number => {
      let S = 0;
      for (let j = 0; j < V; j++) S += residual(j);
      return S;
    };
    if (residualMass() > 0) {
      let c = 0;
      let last = -1;
      for (let j = 0; j < V; j++) {
        const prob = residual(j) / residualMass(); // the normalised residual, recomputed for every token
        if (prob > 0) last = j;
        c += prob;
        if (u < c) {
          tokens.push(j);
          return { accepted: n, tokens };
        }
      }
      tokens.push(last);
      return { accepted: n, tokens };
    }
  }

  tokens.push(sample(dist, u));
  return { accepted: n, tokens };
}
