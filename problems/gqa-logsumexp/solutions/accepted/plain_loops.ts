// Accepted: plain top-level functions and while loops; kvHeadFor as floor(h·nKV / nQ), softmax via exp(x − lse).

function kvHeadFor(h: number, nQ: number, nKV: number): number {
  if (h !== Math.floor(h) || nQ !== Math.floor(nQ) || nKV !== Math.floor(nKV)) throw new Error('not an integer');
  if (nQ < 1 || nKV < 1) throw new Error('bad head count');
  if (nQ % nKV !== 0) throw new Error('nQ must be divisible by nKV');
  if (!(h >= 0 && h < nQ)) throw new Error('h out of range');
  return Math.floor((h * nKV) / nQ);
}

function logSumExp(x: number[]): number {
  let m = -Infinity;
  let i = 0;
  while (i < x.length) {
    if (x[i] > m) m = x[i];
    i++;
  }
  if (m === -Infinity) return -Infinity;
  let s = 0;
  i = 0;
  while (i < x.length) {
    s += Math.exp(x[i] - m);
    i++;
  }
  return m + Math.log(s);
}

function softmax(x: number[]): number[] {
  const lse = logSumExp(x);
  if (lse === -Infinity) throw new Error('no finite entry');
  const p: number[] = [];
  for (let i = 0; i < x.length; i++) p.push(Math.exp(x[i] - lse));
  return p;
}
