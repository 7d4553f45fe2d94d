// WRONG ANSWER: penalises `logits` in place and returns it. The values are right, but the input changed (HF's
// scatter is out of place, and a caller may reuse the row). Caught by sample "negative logits are multiplied,
// positive divided, zero stays zero" (and every test that changes a logit): inputUnchanged is false.

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength?: number): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  const skip = promptIgnoreLength ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new Error('bad promptIgnoreLength');
  const seen = new Set<number>();
  for (let i = skip; i < contextIds.length; i++) {
    const t = contextIds[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error('bad id');
    if (seen.has(t)) continue;
    seen.add(t);
    logits[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  }
  return logits;
}
