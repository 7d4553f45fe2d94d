/**
 * Driver for gqa-logsumexp. Runs inside the sandbox before the solution (no imports, no console); `buildArgs` is
 * also imported on the host by `judge check` to validate spec inputs, so it is deterministic and pure.
 *
 * buildArgs: the large inputs of logSumExp and softmax are built from a compact spec instead of 7·10^4 JSON numbers:
 *
 *   { n, seed, center, spread, negInfEvery?, first? }
 *
 *   x[i] = center + (k − spread·1000) / 1000 with k a seeded integer in [0, 2·spread·1000] (so |x[i] − center| ≤
 *   spread, in steps of 0.001); if negInfEvery > 0, an entry is -Infinity when the generator draws 0 mod
 *   negInfEvery; `first`, if given, replaces x[0] (a small first entry traps a shift by x[0] instead of the max).
 *
 * invoke: calls the solution; a softmax result over more than RAW_LIMIT entries is returned as an exact-size
 * summary so that suite.json does not hold 7·10^4 floats:
 *
 *   { length, zeros, sum, weighted, head, tail }
 *
 *   zeros = how many entries are exactly 0; sum = Σ p_i in index order; weighted = Σ w_i·p_i with fixed
 *   pseudo-random weights w_i in [0, 1); head / tail = the first and last EDGE entries. The float checker compares
 *   the numbers with the problem's tolerance, so every accepted rounding passes, and a NaN, a wrong shift or a
 *   wrong denominator changes the sums. A malformed result becomes { invalid: <reason> }: a wrong answer.
 */

// Captured before any user code runs (the solution may replace them).
const isArray = Array.isArray;
const apply = Reflect.apply;
const imul = Math.imul;
const defineProperty = Object.defineProperty;

const RAW_LIMIT = 64;
const EDGE = 4;

interface XSpec {
  n: number;
  seed: number;
  center: number;
  spread: number;
  negInfEvery?: number;
  first?: number;
}

/** Sets a[i] without consulting setters a solution may have put on Array.prototype. */
function put(a: unknown[], i: number, v: unknown): void {
  defineProperty(a, i, { value: v, writable: true, enumerable: true, configurable: true });
}

export function makeX(spec: XSpec): number[] {
  let s = (spec.seed ^ 0x2545f491) >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const span = spec.spread * 1000;
  const x: number[] = [];
  for (let i = 0; i < spec.n; i++) {
    if (spec.negInfEvery && next() % spec.negInfEvery === 0) x.push(-Infinity);
    else x.push(spec.center + ((next() % (2 * span + 1)) - span) / 1000);
  }
  if (spec.first !== undefined && spec.n > 0) x[0] = spec.first;
  return x;
}

export function buildArgs(fn: string, spec: XSpec): unknown[] {
  if (fn !== 'logSumExp' && fn !== 'softmax') throw new Error(`no spec inputs for ${fn}`);
  return [makeX(spec)];
}

/** Fixed weight in [0, 1) of entry i (Fibonacci hashing). */
function weight(i: number): number {
  return (imul(i + 1, 0x9e3779b1) >>> 0) / 4294967296;
}

function summarise(out: unknown, n: number): unknown {
  if (!isArray(out)) return { invalid: `softmax returned ${out === null ? 'null' : typeof out}, not an array` };
  if (out.length !== n) return { invalid: `softmax returned ${out.length} entries for an input of ${n}` };
  let zeros = 0;
  let sum = 0;
  let weighted = 0;
  const head: unknown[] = [];
  const tail: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const v: unknown = out[i];
    if (typeof v !== 'number')
      return { invalid: `softmax(...)[${i}] is ${v === null ? 'null' : typeof v}, not a number` };
    if (v === 0) zeros++;
    sum += v;
    weighted += weight(i) * v;
    if (i < EDGE) put(head, head.length, v);
    if (i >= n - EDGE) put(tail, tail.length, v);
  }
  return { length: n, zeros, sum, weighted, head, tail };
}

export function invoke(fn: string, solution: Record<string, unknown>, args: unknown[]): unknown {
  const f = solution[fn];
  if (typeof f !== 'function') throw new Error(`the solution does not define ${fn}`);
  const n = isArray(args[0]) ? args[0].length : 0; // read before the call: the solution owns the array
  const out: unknown = apply(f as (...a: unknown[]) => unknown, undefined, args);
  return fn === 'softmax' && n > RAW_LIMIT ? summarise(out, n) : out;
}
