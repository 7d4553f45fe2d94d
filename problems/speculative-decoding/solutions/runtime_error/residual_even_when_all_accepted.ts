// RUNTIME ERROR: always builds the residual from q[n], also when n = γ (every token accepted), where q[γ] does not
// exist: TypeError. Caught by sample "r equal to the ratio accepts; then the bonus token".

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

  let dist: ArrayLike<number> = p[n]!; // the bonus token (n = γ), or the fallback below
  {
    const pn = p[n]!;
    const qn = q[n]!;
    const w = new Float64Array(V);
    let S = 0;
    for (let j = 0; j < V; j++) {
      const d = pn[j]! - qn[j]!;
      w[j] = d > 0 ? d : 0;
      S += w[j]!;
    }
    if (S > 0 && n < gamma) {
      for (let j = 0; j < V; j++) w[j] = w[j]! / S;
      dist = w;
    }
  }

  const tokens = draft.slice(0, n);
  tokens.push(sample(dist, u));
  return { accepted: n, tokens };
}
