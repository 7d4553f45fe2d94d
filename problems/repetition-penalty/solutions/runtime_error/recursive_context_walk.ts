// RUNTIME ERROR: walks the considered context recursively, one call per id. Correct on short contexts, but the
// call depth is n: on generated "scale n=12500" (12,250 considered ids) it overflows QuickJS's stack
// (about 6,000 frames), a RangeError / InternalError, before it can finish.

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength = 0): number[] {
  if (!Number.isFinite(penalty) || penalty <= 0) throw new Error('bad penalty');
  if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) throw new Error('bad promptIgnoreLength');
  const out = logits.slice();
  const seen = new Set<number>();
  const walk = (i: number): void => {
    if (i >= contextIds.length) return;
    const t = contextIds[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= logits.length) throw new Error('bad id');
    if (!seen.has(t)) {
      seen.add(t);
      out[t] = logits[t]! < 0 ? logits[t]! * penalty : logits[t]! / penalty;
    }
    walk(i + 1);
  };
  walk(promptIgnoreLength);
  return out;
}
