/**
 * Routes every token to its top-k experts (by logit; ties to the lower id), with softmax weights over the k
 * selected logits, and (when `capacity` is a number) drops assignments rank by rank once an expert is full.
 */
export function route(
  gateLogits: number[][],
  k: number = 2,
  capacity: number | null = null,
): { assignments: Array<Array<[expert: number, weight: number]>>; load: number[] } {
  throw new Error('not implemented');
}
