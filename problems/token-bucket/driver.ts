/**
 * Driver for token-bucket. Runs inside the sandbox (no imports, no console); `buildArgs` is also imported on the
 * host by `judge check`, so it is deterministic and pure.
 *
 * Small tests pass `args` directly. Long request lists are a `spec`:
 *
 *   { capacity, ratePerSec, runs?: [[tStart, tStep, count, n], ...], random?: { count, seed, gapMax, nMax } }
 *
 *   - `runs`: arithmetic runs of requests, `count` requests at t = tStart + k·tStep (k = 0..count−1), each asking
 *     for n tokens; runs are concatenated in order;
 *   - `random`: appended after the runs; `count` requests whose gaps are uniform in 0..gapMax ms (the first one
 *     measured from the last run's t, or from 0) and whose n is uniform in 0..nMax, from an inline xorshift.
 *
 * `invoke` calls `tokenBucket(capacity, ratePerSec, requests)`. For at most RAW_LIMIT requests it returns the
 * solution's result as it is. For longer lists it returns an exact summary, so that suite.json stays small:
 *   { requests, granted: { count, head, tail, hash }, milliTokens: { head, tail, hash } }
 * (head/tail: the first/last EDGE entries; hash: FNV-1a over the entries). A malformed result (not an object,
 * arrays of the wrong length, a non-boolean decision, a non-integer balance) becomes { invalid: <message> }, which
 * is a wrong answer.
 */

// ---- intrinsics, captured before any user code runs (it may replace them) ----
const apply = Reflect.apply;
const isArray = Array.isArray;
const isSafeInteger = Number.isSafeInteger;
const imul = Math.imul;
const floor = Math.floor;
const ErrorCtor = Error;

export type Request = [number, number];
export interface Spec {
  capacity: unknown;
  ratePerSec: unknown;
  runs?: Array<[number, number, number, number]>;
  random?: { count: number; seed: number; gapMax: number; nMax: number };
}

const RAW_LIMIT = 64;
const EDGE = 4;

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function toNumber(x: unknown): unknown {
  // The judge revives {"$num": ...} tags before buildArgs; accept a raw tag too, in case it did not.
  if (x !== null && typeof x === 'object' && '$num' in x) return Number((x as { $num: string }).$num);
  return x;
}

export function buildArgs(fn: string, spec: Spec): unknown[] {
  if (fn !== 'tokenBucket') throw new ErrorCtor(`unknown entry ${fn}`);
  const requests: Request[] = [];
  let t = 0;
  for (const [tStart, tStep, count, n] of spec.runs ?? []) {
    for (let k = 0; k < count; k++) {
      t = tStart + k * tStep;
      requests.push([t, n]);
    }
  }
  if (spec.random) {
    const r = spec.random;
    const u = xorshift(r.seed);
    for (let i = 0; i < r.count; i++) {
      t += floor(u() * (r.gapMax + 1));
      requests.push([t, floor(u() * (r.nMax + 1))]);
    }
  }
  return [toNumber(spec.capacity), toNumber(spec.ratePerSec), requests];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (isArray(v)) return 'an array';
  return typeof v === 'number' ? `the number ${v}` : `a ${typeof v}`;
}

/** The first and last EDGE entries of a list (tail empty when the list is short). */
function ends(xs: unknown[], n: number): { head: unknown[]; tail: unknown[] } {
  const head: unknown[] = [];
  const tail: unknown[] = [];
  for (let i = 0; i < n && i < EDGE; i++) head[i] = xs[i];
  for (let i = n - EDGE < EDGE ? EDGE : n - EDGE; i < n; i++) tail[tail.length] = xs[i];
  return { head, tail };
}

export function invoke(fn: string, solution: Record<string, unknown>, args: unknown[]): unknown {
  const f = solution[fn];
  if (typeof f !== 'function') throw new ErrorCtor(`the solution does not define ${fn}`);
  const m = (args[2] as Request[]).length;
  const out: unknown = apply(f as (...a: unknown[]) => unknown, undefined, args);
  if (m <= RAW_LIMIT) return out;

  if (out === null || typeof out !== 'object')
    return { invalid: `the result is ${describe(out)}, not an object { granted, milliTokens }` };
  const granted: unknown = (out as { granted?: unknown }).granted;
  const milliTokens: unknown = (out as { milliTokens?: unknown }).milliTokens;
  if (!isArray(granted)) return { invalid: `granted is ${describe(granted)}, not an array` };
  if (!isArray(milliTokens)) return { invalid: `milliTokens is ${describe(milliTokens)}, not an array` };
  if (granted.length !== m) return { invalid: `granted has ${granted.length} entries for ${m} requests` };
  if (milliTokens.length !== m) return { invalid: `milliTokens has ${milliTokens.length} entries for ${m} requests` };
  // One pass: check every entry and hash both lists (FNV-1a; a balance hashes as its low and high 32-bit words).
  let count = 0;
  let hg = 0x811c9dc5;
  let hb = 0x811c9dc5;
  for (let i = 0; i < m; i++) {
    const x: unknown = granted[i];
    if (x === true) {
      count++;
      hg = imul(hg ^ 1, 0x01000193);
    } else if (x === false) hg = imul(hg, 0x01000193);
    else return { invalid: `granted[${i}] is ${describe(x)}, not a boolean` };
    const y: unknown = milliTokens[i];
    if (typeof y !== 'number' || !isSafeInteger(y))
      return { invalid: `milliTokens[${i}] is ${describe(y)}, not an integer` };
    hb = imul(imul(hb ^ (y | 0), 0x01000193) ^ ((y / 4294967296) | 0), 0x01000193);
  }
  return {
    requests: m,
    granted: { count, ...ends(granted, m), hash: hg >>> 0 },
    milliTokens: { ...ends(milliTokens, m), hash: hb >>> 0 },
  };
}
