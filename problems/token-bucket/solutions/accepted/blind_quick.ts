// Accepted, style: written in 30 minutes: map/filter/sort/spread, export const, built-ins where handy. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
export const tokenBucket = (capacity: number, ratePerSec: number, requests: Array<[number, number]>) => {
  const ok = (x: number) => Number.isInteger(x) && x >= 0;
  if (!ok(capacity) || !ok(ratePerSec)) throw new Error('bad capacity or rate');
  const max = capacity * 1000;
  let tokens = max;
  let last = 0;
  const granted: boolean[] = [];
  const milliTokens: number[] = [];
  requests.forEach(([t, n]) => {
    if (t < 0 || t < last) throw new Error('bad time ' + t);
    if (!ok(n)) throw new Error('bad n ' + n);
    tokens = Math.min(max, tokens + (t - last) * ratePerSec);
    last = t;
    const g = tokens >= n * 1000;
    if (g) tokens -= n * 1000;
    granted.push(g);
    milliTokens.push(tokens);
  });
  return { granted, milliTokens };
};
