// RUNTIME ERROR: finds the maximum with x.reduce((a, b) => Math.max(a, b)) without an initial value, which throws
// TypeError on an empty array. Caught by edge "logSumExp of an empty array is -Infinity" (softmax([]) must throw
// anyway, so that test passes).

export function kvHeadFor(h: number, nQ: number, nKV: number): number {
  if (!Number.isInteger(h) || !Number.isInteger(nQ) || !Number.isInteger(nKV)) {
    throw new Error(`arguments must be integers, got (${h}, ${nQ}, ${nKV})`);
  }
  if (nQ < 1 || nKV < 1) throw new Error(`head counts must be >= 1, got nQ = ${nQ}, nKV = ${nKV}`);
  if (nQ % nKV !== 0) throw new Error(`nQ = ${nQ} is not a multiple of nKV = ${nKV}`);
  if (h < 0 || h >= nQ) throw new Error(`query head ${h} is outside [0, ${nQ})`);
  const groupSize = nQ / nKV;
  return Math.floor(h / groupSize);
}

/** The largest entry. */
function maxOf(x: number[]): number {
  return x.reduce((a, b) => Math.max(a, b));
}

export function logSumExp(x: number[]): number {
  const m = maxOf(x);
  if (m === -Infinity) return -Infinity; // empty or fully masked: ln 0 (and -Infinity - -Infinity would be NaN)
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]! - m);
  return m + Math.log(sum);
}

export function softmax(x: number[]): number[] {
  const m = maxOf(x);
  if (m === -Infinity) throw new Error('softmax needs at least one finite entry');
  const out: number[] = new Array<number>(x.length);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.exp(x[i]! - m); // exactly 0 for a -Infinity entry
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < x.length; i++) out[i] = out[i]! / sum;
  return out;
}
