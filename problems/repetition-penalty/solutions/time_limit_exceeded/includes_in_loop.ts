// TIME LIMIT EXCEEDED (once native array methods are charged by the work they do; today it is ACCEPTED):
// correct, but de-duplicates with Array.prototype.includes on the list of ids seen so far, O(n · distinct).
// On generated "scale n=50000" (49,000 considered ids, 2000 distinct) that is about 10^8 element comparisons
// inside `includes`, which today's engine counts as almost no steps.

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  const out = logits.slice();
  const seen: number[] = [];
  for (let i = promptIgnoreLength; i < contextIds.length; i++) {
    const t = contextIds[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error('bad id');
    if (seen.includes(t)) continue;
    seen.push(t);
    out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  }
  return out;
}
