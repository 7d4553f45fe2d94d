/**
 * Driver for continuous-batching. Runs inside the sandbox (no imports, no console); `buildArgs` is also imported
 * on the host by `judge check`, so it is deterministic and pure.
 *
 * Small tests pass `args` directly: `[requests, maxBatch, maxKV]`. Large tests pass a `spec` (GenSpec below) that
 * `buildArgs` expands with an inline xorshift, so n = 5000 requests cost a few bytes in the repository and no JSON
 * parsing:
 *   - arrivals: uniform in [0, arrivalMax], or, with `bursts` > 0, clustered: each request picks one of `bursts`
 *     burst starts (uniform in [0, arrivalMax − burstWidth]) and arrives within `burstWidth` steps of it;
 *   - sizes: with probability `smallFrac` a small request (prompt in [1, smallPrompt], output in
 *     [1, smallOutput]), otherwise a big one (prompt in [1, bigPrompt], output in [1, bigOutput]);
 *   - ids: 'perm' = a shuffle of 0..n−1; 'sparse' = distinct values spread over [0, 10^9), shuffled.
 *
 * `invoke` calls `schedule(requests, maxBatch, maxKV)`. For n ≤ RAW_LIMIT it returns the solution's array as it
 * is (full diffs on small tests). Above, it returns an exact summary `{ length, head, tail, checksum }` of the
 * finish steps (each must be a non-negative integer below 2^53); a malformed answer becomes `{ invalid: reason }`,
 * which differs from the expected summary: a wrong answer, not a runtime error.
 */

// ---- intrinsics, captured before any user code runs (it may replace them) ----
const apply = Reflect.apply;
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const imul = Math.imul;
const floor = Math.floor;
const defineProperty = Object.defineProperty;

const RAW_LIMIT = 64;
const EDGE = 4; // values shown at each end of a summary
const TWO_32 = 4294967296;

export interface Req {
  id: number;
  arrival: number;
  prompt: number;
  output: number;
}

export interface GenSpec {
  n: number;
  seed: number;
  maxBatch: number;
  maxKV: number;
  arrivalMax: number;
  bursts: number;
  burstWidth: number;
  smallFrac: number;
  smallPrompt: number;
  smallOutput: number;
  bigPrompt: number;
  bigOutput: number;
  ids: 'perm' | 'sparse';
}

/** `a[i] = v` would call a setter a solution put on Array.prototype; an own data property never does. */
function put(a: unknown[], i: number, v: unknown): void {
  defineProperty(a, i, { value: v, writable: true, enumerable: true, configurable: true });
}

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / TWO_32;
  };
}

export function buildRequests(s: GenSpec): Req[] {
  const u = xorshift(s.seed);
  const int = (lo: number, hi: number): number => lo + floor(u() * (hi - lo + 1));
  const ids: number[] = [];
  const stride = floor(1e9 / s.n);
  for (let i = 0; i < s.n; i++) ids.push(s.ids === 'sparse' ? i * stride + int(0, stride - 1) : i);
  for (let i = s.n - 1; i > 0; i--) {
    const j = int(0, i);
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  const starts: number[] = [];
  for (let b = 0; b < s.bursts; b++) starts.push(int(0, s.arrivalMax - s.burstWidth));
  const requests: Req[] = [];
  for (let i = 0; i < s.n; i++) {
    const arrival = s.bursts > 0 ? starts[int(0, s.bursts - 1)]! + int(0, s.burstWidth) : int(0, s.arrivalMax);
    const small = u() < s.smallFrac;
    const prompt = int(1, small ? s.smallPrompt : s.bigPrompt);
    const output = int(1, small ? s.smallOutput : s.bigOutput);
    requests.push({ id: ids[i]!, arrival, prompt, output });
  }
  return requests;
}

export function buildArgs(fn: string, spec: GenSpec): unknown[] {
  if (fn !== 'schedule') throw new Error(`unknown entry ${fn}`);
  return [buildRequests(spec), spec.maxBatch, spec.maxKV];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (isArray(v)) return 'an array';
  return typeof v === 'number' ? `the number ${v}` : `a ${typeof v}`;
}

/** Exact summary of a long answer, or a reason why it is malformed. */
function summarise(out: unknown, n: number): unknown {
  if (!isArray(out)) return { invalid: `the result is ${describe(out)}, not an array` };
  if (out.length !== n) return { invalid: `the result has ${out.length} entries, expected one per request (${n})` };
  let h = 0x811c9dc5; // FNV-1a over the low and high 32-bit halves of each value, in order
  const head: number[] = [];
  const tail: number[] = [];
  for (let i = 0; i < n; i++) {
    const x: unknown = out[i];
    if (typeof x !== 'number' || !isInteger(x) || x < 0 || x >= 9007199254740992) {
      return { invalid: `finish step ${i} is ${describe(x)}, not a non-negative integer` };
    }
    h = imul(h ^ (x >>> 0), 0x01000193);
    h = imul(h ^ floor(x / TWO_32), 0x01000193);
    if (i < EDGE) put(head, head.length, x);
    if (i >= n - EDGE && i >= EDGE) put(tail, tail.length, x);
  }
  return { length: n, head, tail, checksum: h >>> 0 };
}

export function invoke(fn: string, solution: Record<string, unknown>, args: unknown[]): unknown {
  const f = solution[fn];
  if (typeof f !== 'function') throw new Error(`the solution does not define ${fn}`);
  const requests = args[0] as unknown[];
  const n = requests.length; // read before the call: the solution may reorder or empty the array
  const out: unknown = apply(f as (...a: unknown[]) => unknown, undefined, args);
  return n <= RAW_LIMIT ? out : summarise(out, n);
}
