// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface SpeculativeResult {
  accepted: number;
  tokens: number[];
}

const fail = (msg: string): never => {
  throw new Error(msg);
};

const sample = (dist: number[], u: number): number => {
  let c = 0;
  for (let j = 0; j < dist.length; j++) {
    c += dist[j];
    if (u < c) return j;
  }
  return dist.map((d, j) => (d > 0 ? j : -1)).reduce((a, b) => Math.max(a, b), -1);
};

export const speculativeAccept = (
  draft: number[],
  q: number[][],
  p: number[][],
  r: number[],
  u: number,
): SpeculativeResult => {
  const g = draft.length;
  if (q.length !== g || p.length !== g + 1 || r.length !== g) fail('row counts');
  const V = p[0].length;
  if (V < 1) fail('V < 1');
  const rows = [...q, ...p];
  if (rows.some((row) => row.length !== V)) fail('row lengths');
  if (rows.some((row) => row.some((v) => !(v >= 0 && v <= 1)))) fail('prob out of range');
  if (p.some((row) => !row.some((v) => v > 0))) fail('p row without mass');
  draft.forEach((x, i) => {
    if (!Number.isInteger(x) || x < 0 || x >= V || q[i][x] === 0) fail('bad draft token');
  });
  if (![...r, u].every((v) => v >= 0 && v < 1)) fail('random out of range');

  let n = 0;
  while (n < g && r[n] <= p[n][draft[n]] / q[n][draft[n]]) n++;

  let dist = p[n];
  if (n < g) {
    const w = p[n].map((pj, j) => Math.max(0, pj - q[n][j]));
    const S = w.reduce((a, b) => a + b, 0);
    if (S > 0) dist = w.map((x) => x / S);
  }
  return { accepted: n, tokens: [...draft.slice(0, n), sample(dist, u)] };
};
