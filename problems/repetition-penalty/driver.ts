/**
 * Driver for repetition-penalty. Runs inside the sandbox (no imports, no console) before the solution; `buildArgs`
 * is also imported on the host by `judge check`, so it is deterministic and pure.
 *
 * buildArgs(spec) builds a large input from a compact seeded spec (JSON parsing inside QuickJS costs ~0.6 µs per
 * number, the spec a few bytes):
 *
 *   { V, n, distinct, promptIgnoreLength, penalty, seed }
 *
 *   - logits: V values; about 1 in 64 is -Infinity, 1 in 64 is exactly 0, the rest are multiples of 1/1024 in
 *     [-16, 16) (exact in binary, so every correct formula gives the same doubles);
 *   - contextIds: n ids, each one of `distinct` pool ids drawn from [0, V) (so many repeat); the ignored prefix is
 *     drawn from the same pool, so it holds only valid ids (HF never reads it; the statement says so).
 *
 * invoke(fn, solution, args) calls the solution and checks that neither argument changed (Object.is, element by
 * element, against snapshots taken before the call: HF's scatter is out of place). It returns
 *
 *   - small V (≤ RAW_LIMIT): { result, inputUnchanged }, the solution's array as it is;
 *   - large V: { length, changed, inputUnchanged }, where `changed` lists [index, value] for every entry that
 *     differs from the input logit (!==, NaN equal to NaN), in index order: exact about everything else, and
 *     small.
 *
 * A result that is not an array is reported with a string saying so in place of `result` (or `length`): a wrong
 * answer whose mismatch shows the reason, not a runtime error. `inputUnchanged` is reported instead of throwing
 * because a throw from invoke would count as "threw" on the error tests and let an in-place solution pass them.
 */

// ---- intrinsics, captured before any user code runs (it may replace them) ----
const apply = Reflect.apply;
const isArray = Array.isArray;
const Float64ArrayCtor = Float64Array;
const Uint32ArrayCtor = Uint32Array;
const typedJoin = Object.getPrototypeOf(Uint32Array.prototype).join as (this: unknown, sep?: string) => string;
const defineProperty = Object.defineProperty;

/** `a[i] = v` on a fresh array could reach a setter the solution put on Array.prototype; this never does. */
function put(a: unknown[], i: number, v: unknown): void {
  defineProperty(a, i, { value: v, writable: true, enumerable: true, configurable: true });
}

/** For V up to this, the result is returned as it is; for larger V, as the list of changed entries. */
const RAW_LIMIT = 64;

export interface LargeSpec {
  V: number;
  n: number;
  distinct: number;
  promptIgnoreLength: number;
  penalty: number;
  seed: number;
}

export function buildArgs(_fn: string, spec: LargeSpec): unknown[] {
  let x = (spec.seed ^ 0x9e3779b9) >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const V = spec.V;
  const logits: number[] = new Array<number>(V);
  for (let i = 0; i < V; i++) {
    const r = next();
    const kind = r & 63;
    logits[i] = kind === 0 ? -Infinity : kind === 1 ? 0 : ((r >>> 6) % 32768) / 1024 - 16;
  }
  const pool: number[] = new Array<number>(spec.distinct);
  for (let j = 0; j < spec.distinct; j++) pool[j] = next() % V;
  const contextIds: number[] = new Array<number>(spec.n);
  for (let i = 0; i < spec.n; i++) contextIds[i] = pool[next() % spec.distinct] as number;
  return [logits, contextIds, spec.penalty, spec.promptIgnoreLength];
}

/**
 * A snapshot of a number array: its values in a Float64Array, and their bit patterns joined into a string by the
 * native join (so taking and comparing one costs a handful of steps, not a loop over 7·10^4 elements). Equal
 * snapshots mean equal lengths and Object.is-equal elements: the bits tell -0 from 0, and NaN from -Infinity.
 */
interface Snapshot {
  values: Float64Array;
  bits: string;
}

function snapshot(xs: unknown[]): Snapshot {
  const values = new Float64ArrayCtor(xs as number[]);
  return { values, bits: `${xs.length}:${apply(typedJoin, new Uint32ArrayCtor(values.buffer), [])}` };
}

function unchanged(xs: unknown[], before: Snapshot): boolean {
  return snapshot(xs).bits === before.bits;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  return typeof v === 'number' ? `the number ${v}` : `a ${typeof v}`;
}

export function invoke(fn: string, solution: Record<string, unknown>, args: unknown[]): unknown {
  const f = solution[fn];
  if (typeof f !== 'function') throw new Error(`the solution does not define ${fn}`);
  const logits = args[0] as unknown[];
  const contextIds = args[1] as unknown[];
  const logitsBefore = snapshot(logits);
  const idsBefore = snapshot(contextIds);
  const out: unknown = apply(f as (...a: unknown[]) => unknown, undefined, args);
  const inputUnchanged = unchanged(logits, logitsBefore) && unchanged(contextIds, idsBefore);
  const before = logitsBefore.values;
  const small = before.length <= RAW_LIMIT;
  if (!isArray(out)) {
    // The reason takes the place of the first field, so it is what the mismatch shows.
    const why = `the result is ${describe(out)}, not an array`;
    return small ? { result: why, inputUnchanged } : { length: why, changed: [], inputUnchanged };
  }
  if (small) return { result: out, inputUnchanged };
  // Entries equal to the input logit (=== , or both NaN) are left out. -0 for 0 counts as equal here, as it does
  // for the float checker on small tests.
  const changed: unknown[] = [];
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v: unknown = out[i];
    const b = before[i] as number; // undefined past the end: then v differs
    if (v !== b) {
      if (v === v || b === b) put(changed, changed.length, [i, v]);
    }
  }
  return { length: n, changed, inputUnchanged };
}
