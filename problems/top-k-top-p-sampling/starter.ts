/** Probabilities after temperature, top-k and top-p (renormalised); removed tokens must be exactly 0. */
export function filterProbs(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  minTokensToKeep = 1,
): number[] {
  throw new Error('not implemented');
}

/** Inverse-CDF sample from filterProbs' distribution: the first id (ascending) whose cumulative mass exceeds u. */
export function sampleToken(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  u: number,
  minTokensToKeep = 1,
): number {
  throw new Error('not implemented');
}
