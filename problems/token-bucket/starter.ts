interface BucketLog {
  /** granted[i]: whether request i was granted */
  granted: boolean[];
  /** milliTokens[i]: the balance in milli-tokens right after request i */
  milliTokens: number[];
}

export function tokenBucket(
  capacity: number,
  ratePerSec: number,
  requests: Array<[tMs: number, n: number]>,
): BucketLog {
  throw new Error('not implemented');
}
