// WRONG ANSWER: checks the id range but not that the id is an integer; 0.5 passes and writes a stray "0.5"
// property instead of throwing. Caught by edge "fractional id throws".

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  const out = logits.slice();
  const seen = new Set<number>();
  for (let i = promptIgnoreLength; i < contextIds.length; i++) {
    const t = contextIds[i]!;
    if (t < 0 || t >= logits.length) throw new Error('bad id');
    if (seen.has(t)) continue;
    seen.add(t);
    out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  }
  return out;
}
