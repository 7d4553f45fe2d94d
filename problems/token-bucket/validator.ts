/**
 * Input constraints of token-bucket, on the materialised arguments `[capacity, ratePerSec, requests]`:
 * C and R integers in [0, 10^9]; at most 10^4 requests; each request a pair [t, n] with t an integer in [0, 10^12],
 * non-decreasing, and n an integer in [0, 10^9]. An error test breaks exactly one rule (one argument, or one request).
 */
import type { TestInput } from '../../harness/src/problem/authoring.ts';

function fail(message: string): never {
  throw new Error(message);
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

export function validate(input: TestInput, args: unknown[]): void {
  if (input.fn !== 'tokenBucket') fail(`unknown entry ${input.fn}`);
  if (args.length !== 3) fail(`tokenBucket takes 3 arguments, got ${args.length}`);
  const [C, R, requests] = args;
  const broken: string[] = [];
  if (!(isInt(C) && C >= 0)) broken.push('capacity is not an integer >= 0');
  else if (C > 1e9) fail(`capacity ${C} > 10^9`);
  if (!(isInt(R) && R >= 0)) broken.push('ratePerSec is not an integer >= 0');
  else if (R > 1e9) fail(`ratePerSec ${R} > 10^9`);
  if (!Array.isArray(requests)) fail('requests must be an array');
  if (requests.length > 10_000) fail(`${requests.length} requests > 10^4`);
  let last = 0;
  requests.forEach((q, i) => {
    if (!Array.isArray(q) || q.length !== 2) fail(`request ${i} is not a pair [t, n]`);
    const [t, n] = q as unknown[];
    if (typeof t !== 'number' || !Number.isInteger(t)) fail(`request ${i}: t = ${String(t)} is not an integer`);
    if (t > 1e12) fail(`request ${i}: t = ${t} > 10^12`);
    if (t < 0) broken.push(`request ${i}: t is negative`);
    else if (t < last) broken.push(`request ${i}: t goes backwards`);
    else last = t;
    if (!(isInt(n) && n >= 0)) broken.push(`request ${i}: n is not an integer >= 0`);
    else if (n > 1e9) fail(`request ${i}: n = ${n} > 10^9`);
  });
  if (input.expectError === true) {
    if (broken.length !== 1)
      fail(`an error test must break exactly one rule, this one breaks ${broken.length}: ${broken.join('; ')}`);
  } else if (broken.length > 0) {
    fail(broken.join('; '));
  }
}
