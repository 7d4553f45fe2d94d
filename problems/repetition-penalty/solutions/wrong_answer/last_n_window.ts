// WRONG ANSWER: reads promptIgnoreLength as a window over the LAST n ids (llama.cpp's penalty_last_n) instead of
// skipping the first n. Caught by sample "promptIgnoreLength skips the first ids of the context":
// ([1,1,1], [0,1,2,1], 2, 3) considers [1,2,1] and also penalises token 2.

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength?: number): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  const n = promptIgnoreLength ?? 0;
  if (!Number.isInteger(n) || n < 0) throw new Error('bad promptIgnoreLength');
  const window = n === 0 ? contextIds : contextIds.slice(-n);
  const out = logits.slice();
  const seen = new Set<number>();
  for (const t of window) {
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error('bad id');
    if (seen.has(t)) continue;
    seen.add(t);
    out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  }
  return out;
}
