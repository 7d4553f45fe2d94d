// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export function kvHeadFor(h: number, nQ: number, nKV: number): number {
  if (!Number.isInteger(h) || !Number.isInteger(nQ) || !Number.isInteger(nKV)) {
    throw new Error('arguments must be integers');
  }
  if (nQ < 1 || nKV < 1) throw new Error('head counts must be >= 1');
  if (nQ % nKV !== 0) throw new Error('nQ must be a multiple of nKV');
  if (h < 0 || h >= nQ) throw new Error('h out of range');
  const g = nQ / nKV;
  return Math.floor(h / g);
}

export function logSumExp(x: number[]): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] > m) m = x[i];
  }
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += Math.exp(x[i] - m);
  }
  return m + Math.log(s);
}

export function softmax(x: number[]): number[] {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] > m) m = x[i];
  }
  if (m === -Infinity) throw new Error('softmax needs at least one finite entry');
  const out: number[] = new Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.exp(x[i] - m);
    out[i] = e;
    s += e;
  }
  for (let i = 0; i < x.length; i++) {
    out[i] = out[i] / s;
  }
  return out;
}
