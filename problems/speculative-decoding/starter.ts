interface SpeculativeResult {
  /** n: how many draft tokens were accepted (the length of the accepted prefix). */
  accepted: number;
  /** draft[0..n) followed by exactly one sampled token. */
  tokens: number[];
}

/**
 * Verifies γ = draft.length draft tokens against the target model. q[i] is the draft model's distribution at
 * position i (γ rows), p[i] the target's (γ + 1 rows); r[i] and u are the uniform numbers to use.
 */
export function speculativeAccept(
  draft: number[],
  q: number[][],
  p: number[][],
  r: number[],
  u: number,
): SpeculativeResult {
  throw new Error('not implemented');
}
