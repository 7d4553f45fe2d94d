// Accepted: a processor class in the shape of HF's LogitsProcessor (configuration checked in the constructor,
// applied by a method), with a Map from id to the penalised value.

class RepetitionPenaltyProcessor {
  private readonly penalty: number;
  private readonly promptIgnoreLength: number;

  constructor(penalty: number, promptIgnoreLength: number) {
    if (!Number.isFinite(penalty) || penalty <= 0) throw new RangeError(`penalty has to be a strictly positive float, got ${penalty}`);
    if (!Number.isInteger(promptIgnoreLength) || promptIgnoreLength < 0) {
      throw new RangeError(`promptIgnoreLength has to be a non-negative integer, got ${promptIgnoreLength}`);
    }
    this.penalty = penalty;
    this.promptIgnoreLength = promptIgnoreLength;
  }

  private score(logit: number): number {
    return logit < 0 ? logit * this.penalty : logit / this.penalty;
  }

  apply(logits: readonly number[], contextIds: readonly number[]): number[] {
    const updates = new Map<number, number>();
    for (let i = this.promptIgnoreLength; i < contextIds.length; i++) {
      const id = contextIds[i]!;
      if (!Number.isInteger(id) || id < 0 || id >= logits.length) throw new RangeError(`token id ${id} out of range`);
      if (!updates.has(id)) updates.set(id, this.score(logits[id]!));
    }
    const out = [...logits];
    for (const [id, value] of updates) out[id] = value;
    return out;
  }
}

export function repetitionPenalty(logits: number[], contextIds: number[], penalty: number, promptIgnoreLength?: number): number[] {
  return new RepetitionPenaltyProcessor(penalty, promptIgnoreLength ?? 0).apply(logits, contextIds);
}
