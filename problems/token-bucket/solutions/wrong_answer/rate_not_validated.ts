/**
 * WRONG ANSWER: checks the capacity but not the rate. Caught by "fractional rate throws" and "negative rate throws".
 */
export function tokenBucket(
  capacity: number,
  ratePerSec: number,
  requests: Array<[tMs: number, n: number]>,
): { granted: boolean[]; milliTokens: number[] } {
  const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (!isCount(capacity)) throw new Error(`capacity must be an integer >= 0, got ${capacity}`);

  const cap = 1000 * capacity;
  let tokens = cap; // full at t = 0
  let last = 0;
  const granted: boolean[] = [];
  const milliTokens: number[] = [];
  for (let i = 0; i < requests.length; i++) {
    const [t, n] = requests[i]!;
    if (!(t >= 0)) throw new Error(`request ${i}: t = ${t} is negative`);
    if (t < last) throw new Error(`request ${i}: t = ${t} goes back before ${last}`);
    if (!isCount(n)) throw new Error(`request ${i}: n must be an integer >= 0, got ${n}`);
    // A gap·rate beyond 2^53 is rounded, but it is then far above the cap, so the min is exact.
    tokens = Math.min(cap, tokens + (t - last) * ratePerSec);
    last = t;
    const need = 1000 * n;
    const ok = tokens >= need;
    if (ok) tokens -= need;
    granted.push(ok);
    milliTokens.push(tokens);
  }
  return { granted, milliTokens };
}
