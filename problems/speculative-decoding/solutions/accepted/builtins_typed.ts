// Accepted: leans on built-ins: Float64Array for the residual, flat/every/some for validation, findLastIndex for
// the exhausted walk, Array.from for the prefix.

export function speculativeAccept(draft: number[], q: number[][], p: number[][], r: number[], u: number) {
  const gamma = draft.length;
  if (q.length !== gamma || p.length !== gamma + 1 || r.length !== gamma) throw new Error('shape');
  const V = p[0]!.length;
  const rows = q.concat(p);
  if (V === 0 || !rows.every((row) => row.length === V)) throw new Error('row lengths');
  if (!rows.flat().every((x) => typeof x === 'number' && x >= 0 && x <= 1)) throw new Error('probabilities');
  if (!p.every((row) => row.some((x) => x > 0))) throw new Error('p row without mass');
  if (!draft.every((x, i) => Number.isSafeInteger(x) && x >= 0 && x < V && q[i]![x]! > 0)) throw new Error('draft');
  if (![...r, u].every((x) => x >= 0 && x < 1)) throw new Error('uniform');

  let n = 0;
  while (n < gamma && r[n]! <= p[n]![draft[n]!]! / q[n]![draft[n]!]!) n++;

  let dist: Float64Array = Float64Array.from(p[n]!);
  if (n < gamma) {
    const qn = Float64Array.from(q[n]!);
    const w = dist.map((pj, j) => Math.max(0, pj - qn[j]!));
    const S = w.reduce((a, b) => a + b, 0);
    if (S > 0) dist = w.map((x) => x / S);
  }
  let c = 0;
  let tok = dist.findIndex((x) => u < (c += x));
  if (tok < 0) tok = dist.findLastIndex((x) => x > 0);
  return { accepted: n, tokens: [...Array.from(draft.slice(0, n)), tok] };
}
