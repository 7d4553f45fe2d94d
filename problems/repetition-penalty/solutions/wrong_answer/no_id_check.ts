// WRONG ANSWER: never checks the token ids. An id equal to V writes NaN one past the end instead of throwing.
// Caught by edge "id equal to V throws".

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  const out = logits.slice();
  for (const t of new Set(contextIds.slice(promptIgnoreLength))) {
    out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  }
  return out;
}
