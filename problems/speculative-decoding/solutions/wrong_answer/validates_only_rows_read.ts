// WRONG ANSWER: validates lazily, only the positions it examines and the row it samples from, so an invalid
// row after the first rejection is not reported. Caught by edge "q(x) = 0 after the first rejection still
// throws".

export interface SpeculativeResult {
  accepted: number;
  tokens: number[];
}

function fail(message: string): never {
  throw new Error(message);
}

const isUnit = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x < 1; // [0, 1), false for NaN

/** Checks one row (length, entries, and mass for a p row). */
function checkRow(row: number[], V: number, what: string, needsMass: boolean): void {
  if (row.length !== V) fail(`${what} has ${row.length} entries, expected V = ${V}`);
  let positive = false;
  for (let j = 0; j < V; j++) {
    const x = row[j]!;
    if (!(x >= 0 && x <= 1)) fail(`${what}[${j}] = ${x} is not a probability`);
    if (x > 0) positive = true;
  }
  if (needsMass && !positive) fail(`${what} has no positive entry`);
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
  const gamma = draft.length;
  if (q.length !== gamma || p.length !== gamma + 1 || r.length !== gamma) fail('q, p and r do not match draft');
  const V = p[0]!.length;
  if (V < 1) fail('the vocabulary is empty');
  if (!isUnit(u)) fail(`u = ${u} is not in [0, 1)`);

  // Validates each position only when it is examined.
  let n = 0;
  while (n < gamma) {
    const x = draft[n]!;
    checkRow(q[n]!, V, `q[${n}]`, false);
    checkRow(p[n]!, V, `p[${n}]`, true);
    if (!Number.isInteger(x) || x < 0 || x >= V) fail(`draft[${n}] = ${x} is not a token id in [0, ${V})`);
    if (q[n]![x] === 0) fail(`q[${n}][${x}] = 0`);
    if (!isUnit(r[n])) fail(`r[${n}] = ${r[n]} is not in [0, 1)`);
    if (!(r[n]! <= p[n]![x]! / q[n]![x]!)) break; // HF: is_accepted = r_i <= p/q (r = 0 accepts p = 0)
    n++;
  }

  if (n === gamma) checkRow(p[n]!, V, `p[${n}]`, true);
  let dist: ArrayLike<number> = p[n]!; // the bonus token (n = γ), or the fallback below
  if (n < gamma) {
    const pn = p[n]!;
    const qn = q[n]!;
    const w = new Float64Array(V);
    let S = 0;
    for (let j = 0; j < V; j++) {
      const d = pn[j]! - qn[j]!;
      w[j] = d > 0 ? d : 0;
      S += w[j]!;
    }
    if (S > 0) {
      for (let j = 0; j < V; j++) w[j] = w[j]! / S;
      dist = w;
    }
  }

  const tokens = draft.slice(0, n);
  tokens.push(sample(dist, u));
  return { accepted: n, tokens };
}
