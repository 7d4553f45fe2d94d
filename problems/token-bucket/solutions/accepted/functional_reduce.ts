// Accepted: functional style — one reduce over the requests, destructuring, an arrow-function entry.

type Req = [tMs: number, n: number];
type State = { tokens: number; last: number; granted: boolean[]; milliTokens: number[] };

const assertCount = (name: string, x: number): void => {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${name} must be a non-negative integer`);
};

export const tokenBucket = (capacity: number, ratePerSec: number, requests: Req[]) => {
  assertCount('capacity', capacity);
  assertCount('ratePerSec', ratePerSec);
  const cap = capacity * 1000;
  const { granted, milliTokens } = requests.reduce<State>(
    ({ tokens, last, granted, milliTokens }, [t, n], i) => {
      if (t < 0 || t < last) throw new RangeError(`request ${i}: bad timestamp ${t}`);
      assertCount(`n of request ${i}`, n);
      const refilled = Math.min(cap, tokens + (t - last) * ratePerSec);
      const ok = refilled >= n * 1000;
      const left = ok ? refilled - n * 1000 : refilled;
      granted.push(ok);
      milliTokens.push(left);
      return { tokens: left, last: t, granted, milliTokens };
    },
    { tokens: cap, last: 0, granted: [], milliTokens: [] },
  );
  return { granted, milliTokens };
};
