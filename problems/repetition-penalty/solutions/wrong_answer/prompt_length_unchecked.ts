// WRONG ANSWER: passes promptIgnoreLength straight to slice() without checking it: slice(-1) keeps the last id
// and slice(1.5) acts as slice(1), so neither throws. Caught by edge "negative promptIgnoreLength throws" (and
// "fractional promptIgnoreLength throws").

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  const out = logits.slice();
  const seen = new Set<number>();
  for (const t of contextIds.slice(promptIgnoreLength)) {
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error('bad id');
    if (seen.has(t)) continue;
    seen.add(t);
    out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  }
  return out;
}
