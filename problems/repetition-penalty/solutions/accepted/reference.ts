// Reference solution: HF RepetitionPenaltyLogitsProcessor on one row of logits.
//
// Every distinct id of contextIds.slice(promptIgnoreLength) is penalised exactly once, from its original logit:
// negative logits are multiplied by the penalty, the others divided (HF gathers the originals, applies
// torch.where, and scatters into a new tensor). The inputs are left untouched. O(V + n) time, O(V) extra memory.

export function repetitionPenalty(
  logits: number[],
  contextIds: number[],
  penalty: number,
  promptIgnoreLength?: number,
): number[] {
  if (!Number.isFinite(penalty) || !(penalty > 0)) {
    throw new RangeError(`penalty must be a finite number > 0, got ${penalty}`);
  }
  const skip = promptIgnoreLength ?? 0;
  if (!Number.isInteger(skip) || skip < 0) {
    throw new RangeError(`promptIgnoreLength must be an integer >= 0, got ${promptIgnoreLength}`);
  }
  const V = logits.length;
  const out = logits.slice();
  const done = new Uint8Array(V); // ids already penalised: a repeated id counts once
  for (let i = skip; i < contextIds.length; i++) {
    const t = contextIds[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= V) {
      throw new RangeError(`contextIds[${i}] = ${t} is not a token id in [0, ${V})`);
    }
    if (done[t]) continue;
    done[t] = 1;
    const x = logits[t]!;
    out[t] = x < 0 ? x * penalty : x / penalty;
  }
  return out;
}
