// Accepted: arrow functions, destructuring, map/reduce/findIndex/every; the result built with spread.

const inUnit = (x: number): boolean => x >= 0 && x < 1;
const isProb = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x <= 1;
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

const check = (ok: boolean, what: string): void => {
  if (!ok) throw new Error(what);
};

const inverseCdf = (dist: number[], u: number): number => {
  let c = 0;
  const j = dist.findIndex((x) => u < (c += x));
  return j >= 0 ? j : dist.length - 1 - [...dist].reverse().findIndex((x) => x > 0);
};

export const speculativeAccept = (draft: number[], q: number[][], p: number[][], r: number[], u: number): { accepted: number; tokens: number[] } => {
  const gamma = draft.length;
  check(q.length === gamma && p.length === gamma + 1 && r.length === gamma, 'shapes');
  const V = p[0]!.length;
  check(V >= 1, 'V >= 1');
  check([...q, ...p].every((row) => row.length === V && row.every(isProb)), 'rows');
  check(p.every((row) => row.some((x) => x > 0)), 'p rows need mass');
  check(draft.every((x, i) => Number.isInteger(x) && x >= 0 && x < V && q[i]![x]! > 0), 'draft tokens');
  check(r.every(inUnit) && inUnit(u), 'uniforms');

  const rejectedAt = draft.findIndex((x, i) => !(r[i]! <= p[i]![x]! / q[i]![x]!));
  const n = rejectedAt < 0 ? gamma : rejectedAt;

  const residual = n < gamma ? p[n]!.map((pj, j) => Math.max(0, pj - q[n]![j]!)) : [];
  const S = sum(residual);
  const dist = n < gamma && S > 0 ? residual.map((w) => w / S) : p[n]!;

  return { accepted: n, tokens: [...draft.slice(0, n), inverseCdf(dist, u)] };
};
