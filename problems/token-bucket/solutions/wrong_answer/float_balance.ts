/**
 * WRONG ANSWER: keeps the balance as a float number of tokens (like x/time/rate) and reports round(1000·tokens).
 * Adding 0.007 tokens a thousand times ends at 6.99999999999988, so the request for 7 tokens at t = 1000 is
 * refused. Caught by "1000 refills of 7 milli-tokens add up to exactly 7 tokens".
 */
export function tokenBucket(capacity: number, ratePerSec: number, requests: Array<[number, number]>) {
  const isCount = (x: number) => Number.isInteger(x) && x >= 0;
  if (!isCount(capacity) || !isCount(ratePerSec)) throw new Error('capacity and ratePerSec must be integers >= 0');
  let tokens = capacity;
  let last = 0;
  const granted: boolean[] = [];
  const milliTokens: number[] = [];
  for (const [t, n] of requests) {
    if (t < 0 || t < last) throw new Error('bad timestamp');
    if (!isCount(n)) throw new Error('bad n');
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * ratePerSec);
    last = t;
    const ok = tokens >= n;
    if (ok) tokens -= n;
    granted.push(ok);
    milliTokens.push(Math.round(tokens * 1000));
  }
  return { granted, milliTokens };
}
