// WRONG ANSWER: penalises once per occurrence (penalty^count, as a frequency penalty would), updating the running
// value instead of reading the original logit. Caught by sample "a repeated id is penalised once, not once per
// occurrence": token 0 occurs three times and gives 3/1.5³ = 0.888… instead of 2.

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  const out = logits.slice();
  for (const t of contextIds.slice(promptIgnoreLength)) {
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error('bad id');
    out[t] = out[t]! < 0 ? out[t]! * penalty : out[t]! / penalty;
  }
  return out;
}
