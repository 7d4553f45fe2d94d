// Accepted: leans on built-ins: Float64Array.from for the copy, a Set of the considered ids, forEach, Array.from.

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength?: number): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('penalty must be finite and > 0');
  if (promptIgnoreLength !== undefined && !(Number.isSafeInteger(promptIgnoreLength) && promptIgnoreLength >= 0)) {
    throw new Error('promptIgnoreLength must be an integer >= 0');
  }
  const ids = new Set(contextIds.slice(promptIgnoreLength ?? 0));
  const out = Float64Array.from(logits);
  ids.forEach((t) => {
    if (!Number.isInteger(t) || t < 0 || t >= out.length) throw new Error(`token id ${t} out of range`);
    out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  });
  return Array.from(out);
}
