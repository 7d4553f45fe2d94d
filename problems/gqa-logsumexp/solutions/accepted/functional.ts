// Accepted: arrow functions with reduce/map, destructuring and spread of small arrays only.

const isInt = (...vals: number[]): boolean => vals.every(Number.isInteger);

export const kvHeadFor = (h: number, nQ: number, nKV: number): number => {
  if (!isInt(h, nQ, nKV)) throw new Error('arguments must be integers');
  if ([nQ, nKV].some((c) => c < 1)) throw new Error('head counts must be positive');
  if (nQ % nKV) throw new Error('nQ % nKV != 0');
  if (h < 0 || h >= nQ) throw new Error('h out of range');
  const group = nQ / nKV;
  return (h - (h % group)) / group;
};

const max = (x: number[]): number => x.reduce((m, v) => (v > m ? v : m), -Infinity);

export const logSumExp = (x: number[]): number => {
  const m = max(x);
  return m === -Infinity ? m : m + Math.log(x.map((v) => Math.exp(v - m)).reduce((a, b) => a + b, 0));
};

export const softmax = (x: number[]): number[] => {
  const m = max(x);
  if (m === -Infinity) throw new Error('softmax of a fully masked row');
  const e = x.map((v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
};
