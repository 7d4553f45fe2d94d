// WRONG ANSWER: removes the prompt with contextIds.splice(0, promptIgnoreLength), which shortens the caller's
// array. The values are right, but the input changed. Caught by sample "promptIgnoreLength skips the first ids
// of the context": inputUnchanged is false.

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  contextIds.splice(0, promptIgnoreLength);
  const out = logits.slice();
  const seen = new Set<number>();
  for (const t of contextIds) {
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error('bad id');
    if (seen.has(t)) continue;
    seen.add(t);
    out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  }
  return out;
}
