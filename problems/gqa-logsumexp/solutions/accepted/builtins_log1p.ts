// Accepted: leans on built-ins (Float64Array, findIndex, every, Math.trunc, Math.log1p). logSumExp adds the
// terms other than the maximum and uses log1p, which is more accurate when they are small.

export function kvHeadFor(h: number, nQ: number, nKV: number): number {
  if (![h, nQ, nKV].every((v) => Number.isSafeInteger(v))) throw new TypeError('integers expected');
  if (Math.min(nQ, nKV) < 1 || nQ % nKV !== 0 || h < 0 || h >= nQ) throw new RangeError('invalid GQA call');
  return Math.trunc(h / (nQ / nKV));
}

function argmax(x: Float64Array): number {
  let best = -1;
  for (let i = 0; i < x.length; i++) if (x[i] !== -Infinity && (best < 0 || x[i]! > x[best]!)) best = i;
  return best;
}

export function logSumExp(x: number[]): number {
  const a = Float64Array.from(x);
  const k = argmax(a);
  if (k < 0) return -Infinity;
  const m = a[k]!;
  let rest = 0;
  a.forEach((v, i) => {
    if (i !== k) rest += Math.exp(v - m);
  });
  return m + Math.log1p(rest);
}

export function softmax(x: number[]): number[] {
  if (x.findIndex((v) => v > -Infinity) < 0) throw new Error('softmax: no finite entry');
  const a = Float64Array.from(x);
  const m = a[argmax(a)]!;
  const e = a.map((v) => Math.exp(v - m));
  const z = e.reduce((s, v) => s + v, 0);
  return Array.from(e, (v) => v / z);
}
