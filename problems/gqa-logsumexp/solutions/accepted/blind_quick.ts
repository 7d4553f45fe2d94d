// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export const kvHeadFor = (h: number, nQ: number, nKV: number): number => {
  if (![h, nQ, nKV].every(Number.isInteger)) throw new Error('not an integer');
  if (nQ < 1 || nKV < 1 || nQ % nKV !== 0) throw new Error('bad head counts');
  if (h < 0 || h >= nQ) throw new Error('h out of range');
  return Math.floor(h / (nQ / nKV));
};

const maxOf = (x: number[]) => x.reduce((a, b) => (b > a ? b : a), -Infinity);

export const logSumExp = (x: number[]): number => {
  const m = maxOf(x);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(x.reduce((s, v) => s + Math.exp(v - m), 0));
};

export const softmax = (x: number[]): number[] => {
  const m = maxOf(x);
  if (m === -Infinity) throw new Error('no finite entry');
  const e = x.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
