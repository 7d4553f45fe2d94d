// Accepted: class-based, shaped like golang.org/x/time/rate's Limiter.AllowN: the balance is advanced to `now`
// but `last` only moves when a request is granted (equivalent, since the capped linear refill composes).

class Limiter {
  private tokens: number;
  private last = 0;

  constructor(
    private readonly burst: number,
    private readonly rate: number,
  ) {
    this.tokens = burst * 1000;
  }

  /** Balance at `now` in milli-tokens, without changing the state. */
  private advance(now: number): number {
    const max = this.burst * 1000;
    const elapsed = now - this.last;
    // avoid computing a product we do not need: the bucket is full after max/rate ms
    if (this.rate > 0 && elapsed >= Math.ceil((max - this.tokens) / this.rate)) return max;
    return Math.min(max, this.tokens + elapsed * this.rate);
  }

  allowN(now: number, n: number): { ok: boolean; balance: number } {
    const available = this.advance(now);
    if (available >= n * 1000) {
      this.tokens = available - n * 1000;
      this.last = now;
      return { ok: true, balance: this.tokens };
    }
    return { ok: false, balance: available };
  }
}

export function tokenBucket(capacity: number, ratePerSec: number, requests: Array<[number, number]>) {
  for (const [name, v] of [['capacity', capacity], ['ratePerSec', ratePerSec]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${name} must be a non-negative integer`);
  }
  const limiter = new Limiter(capacity, ratePerSec);
  const granted: boolean[] = [];
  const milliTokens: number[] = [];
  let prev = 0;
  for (const [t, n] of requests) {
    if (t < 0) throw new Error('negative timestamp');
    if (t < prev) throw new Error('timestamps must not decrease');
    if (!Number.isInteger(n) || n < 0) throw new Error('n must be a non-negative integer');
    prev = t;
    const { ok, balance } = limiter.allowN(t, n);
    granted.push(ok);
    milliTokens.push(balance);
  }
  return { granted, milliTokens };
}
