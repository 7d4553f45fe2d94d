// Accepted: leans on built-ins — validation with every/some, the decisions with map, the balances with
// Array.from, and BigInt for the refill so that no product is ever rounded.

export function tokenBucket(capacity: number, ratePerSec: number, requests: [number, number][]) {
  const isCount = (x: number) => Number.isSafeInteger(x) && x >= 0;
  if (![capacity, ratePerSec].every(isCount)) throw new TypeError('capacity and ratePerSec must be integers >= 0');
  if (requests.some(([t, n], i) => !(t >= 0) || (i > 0 && t < requests[i - 1]![0]) || !isCount(n))) {
    throw new RangeError('invalid request');
  }
  const cap = BigInt(capacity) * 1000n;
  const rate = BigInt(ratePerSec);
  let tokens = cap;
  let last = 0n;
  const balances: bigint[] = [];
  const granted = requests.map(([t, n]) => {
    const now = BigInt(t);
    const refill = tokens + (now - last) * rate;
    tokens = refill < cap ? refill : cap;
    last = now;
    const need = BigInt(n) * 1000n;
    const ok = tokens >= need;
    if (ok) tokens -= need;
    balances.push(tokens);
    return ok;
  });
  return { granted, milliTokens: Array.from(balances, Number) };
}
