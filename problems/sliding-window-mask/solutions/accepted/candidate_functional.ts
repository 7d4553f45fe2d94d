// Accepted, style: map/filter/reduce, spread, destructuring, export const entries. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 10); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
const assertWindow = (W: number): void => {
  if (!(W >= 1)) throw new Error(`invalid window W=${W}`);
};

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const queryPos = (nQ: number, nK: number) => (r: number): number => nK - nQ + r;

export const swaMask = (nQ: number, nK: number, W: number): boolean[][] => {
  assertWindow(W);
  const pos = queryPos(nQ, nK);
  const keys = range(nK);
  return range(nQ)
    .map(pos)
    .map((q) => keys.map((j) => j <= q && q - j < W));
};

export const swaRanges = (nQ: number, nK: number, W: number): Array<[number, number]> => {
  assertWindow(W);
  const pos = queryPos(nQ, nK);
  return range(nQ)
    .map(pos)
    .map((q): [number, number] => [Math.max(0, q - W + 1), q]);
};

export const rollingBuffer = (W: number, numTokens: number): { slots: number[]; chronological: number[] } => {
  assertWindow(W);
  const n = numTokens;
  const slots = range(W).map((s) => (s < n ? s + W * Math.floor((n - 1 - s) / W) : -1));
  const chronological = n < W ? range(n) : range(W).map((i) => (i + (n % W)) % W);
  return { slots, chronological };
};
