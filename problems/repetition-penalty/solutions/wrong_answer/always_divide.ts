// WRONG ANSWER: divides every considered logit by the penalty, whatever its sign (the CTRL-era HF bug: a
// negative logit rises towards 0 instead of falling). Caught by sample "negative logits are multiplied, positive
// divided, zero stays zero": token 1 gives -2/2 = -1 instead of -4.

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
    out[t] = x / penalty;
  }
  return out;
}
