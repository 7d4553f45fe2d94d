// WRONG ANSWER: writes the penalty as an additive correction, x + x·(penalty − 1) for negative logits and
// x − x·(1 − 1/penalty) otherwise. Equal for finite x, but for x = -Infinity with penalty ≤ 1 it is
// -Infinity + Infinity (or -Infinity · 0) = NaN. Caught by edge "penalty 1 is the identity" and edge "-Infinity
// in the context with a penalty below 1": NaN where -Infinity is expected (non-finite values are compared with
// Object.is, so NaN cannot pass for -Infinity).

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength?: number): number[] {
  if (!Number.isFinite(penalty) || !(penalty > 0)) throw new RangeError(`bad penalty ${penalty}`);
  const skip = promptIgnoreLength ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new RangeError(`bad promptIgnoreLength ${promptIgnoreLength}`);
  const V = logits.length;
  const out = logits.slice();
  const done = new Uint8Array(V);
  for (let i = skip; i < contextIds.length; i++) {
    const t = contextIds[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= V) throw new RangeError(`bad id ${t}`);
    if (done[t]) continue;
    done[t] = 1;
    const x = logits[t]!;
    out[t] = x < 0 ? x + x * (penalty - 1) : x - x * (1 - 1 / penalty);
  }
  return out;
}
