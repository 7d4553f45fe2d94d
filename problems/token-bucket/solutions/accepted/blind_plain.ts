// Accepted, style: plain loops and arrays. Written without reading the reference, from the statement, starter and samples only, as a
// candidate would (issue 16); not tuned for steps. Budgets come from the slowest accepted solution, so this keeps
// them fair to natural code.
interface BucketLog {
  granted: boolean[];
  milliTokens: number[];
}

function isNonNegInt(x: number): boolean {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

export function tokenBucket(capacity: number, ratePerSec: number, requests: Array<[tMs: number, n: number]>): BucketLog {
  if (!isNonNegInt(capacity)) throw new Error('capacity must be an integer >= 0');
  if (!isNonNegInt(ratePerSec)) throw new Error('ratePerSec must be an integer >= 0');

  const cap = 1000 * capacity;
  let tokens = cap;
  let last = 0;
  const granted: boolean[] = new Array(requests.length);
  const milliTokens: number[] = new Array(requests.length);

  for (let i = 0; i < requests.length; i++) {
    const t = requests[i][0];
    const n = requests[i][1];
    if (t < 0) throw new Error('negative time at request ' + i);
    if (t < last) throw new Error('time goes backwards at request ' + i);
    if (!isNonNegInt(n)) throw new Error('bad n at request ' + i);

    let refilled = tokens + (t - last) * ratePerSec;
    if (refilled > cap) refilled = cap;
    tokens = refilled;
    last = t;

    const need = 1000 * n;
    if (tokens >= need) {
      tokens -= need;
      granted[i] = true;
    } else {
      granted[i] = false;
    }
    milliTokens[i] = tokens;
  }
  return { granted, milliTokens };
}
