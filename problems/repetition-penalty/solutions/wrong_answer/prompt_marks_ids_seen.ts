// WRONG ANSWER: walks the whole context for de-duplication and marks the prompt's ids as seen without penalising
// them, so an id that occurs in the prompt and again after it is never penalised. Caught by sample
// "promptIgnoreLength skips the first ids of the context" (token 1 stays 1, not 0.5) and edge "duplicate
// straddling the ignore boundary is penalised once" ([4,-4,4], [0,1,0,2,2], 2, 1 leaves token 0 at 4, not 2).

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  const out = logits.slice();
  const seen = new Set<number>();
  contextIds.forEach((t, i) => {
    if (i >= promptIgnoreLength && (!Number.isInteger(t) || t < 0 || t >= logits.length)) throw new Error('bad id');
    if (seen.has(t)) return;
    seen.add(t);
    if (i >= promptIgnoreLength) out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
  });
  return out;
}
