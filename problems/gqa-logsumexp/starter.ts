/** The KV head that query head h reads in grouped-query attention (nQ query heads, nKV KV heads). */
export function kvHeadFor(h: number, nQ: number, nKV: number): number {
  throw new Error('not implemented');
}

/** ln(Σ exp(x_i)), computed without overflow; -Infinity for an empty or fully masked input. */
export function logSumExp(x: number[]): number {
  throw new Error('not implemented');
}

/** exp(x_i) / Σ_j exp(x_j), computed without overflow; a -Infinity entry gets exactly 0. */
export function softmax(x: number[]): number[] {
  throw new Error('not implemented');
}
