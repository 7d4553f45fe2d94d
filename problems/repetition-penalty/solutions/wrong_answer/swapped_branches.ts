// WRONG ANSWER: the two branches swapped (multiplies positive logits, divides negative ones). Caught by sample
// "negative logits are multiplied, positive divided, zero stays zero": token 0 gives 2·2 = 4 instead of 1.

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
    out[t] = x < 0 ? x / penalty : x * penalty;
  }
  return out;
}
