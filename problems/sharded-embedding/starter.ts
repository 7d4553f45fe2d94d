/**
 * Looks up `ids` in a vocabulary-parallel embedding table split over `numWorkers` workers, as Megatron's
 * VocabParallelEmbedding does: each worker looks up the ids it owns, and the partial results are summed.
 */
export function shardedEmbedding(
  table: number[][],
  ids: number[],
  numWorkers: number = 4,
): { out: number[][]; hits: number[]; shards: Array<[start: number, end: number]> } {
  throw new Error('not implemented');
}
