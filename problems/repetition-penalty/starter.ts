/**
 * Applies the repetition penalty to one row of logits and returns a new array; `logits` and `contextIds` must not
 * be modified. Only `contextIds.slice(promptIgnoreLength)` counts (promptIgnoreLength defaults to 0).
 */
export function repetitionPenalty(
  logits: number[],
  contextIds: number[],
  penalty: number,
  promptIgnoreLength?: number,
): number[] {
  throw new Error('not implemented');
}
