/**
 * Driver for beam-search. Runs inside the sandbox (no imports, no console); `buildArgs` is also imported on the
 * host by `judge check` (and `makeStep` by generator.ts), so everything here is deterministic and pure.
 *
 * `beamSearch` takes a function, so every test is a `spec`:
 *
 *   { step: StepSpec, numBeams, maxNewTokens, eos, alpha }
 *
 * StepSpec is one of
 *   - `{ table: [[prefix, row], ...], default: row }`: step(prefix) is the row listed for that prefix, or the
 *     default row for any other prefix (an empty table gives a constant row);
 *   - `{ seed, V, kind, bias? }`: the row is a seeded hash of (seed, prefix). kind "real": the log-softmax of V
 *     uniform values in [−3, 3); kind "int": integers −1..−3. `bias: [token, b]` adds b to that token's value
 *     (before the log-softmax for "real"), e.g. to make EOS rare so a search runs to maxNewTokens.
 *
 * `buildArgs` returns plain data, `[stepSpec, numBeams, maxNewTokens, eos, alpha]`; `invoke` builds the `step`
 * function from the spec (inside the sandbox, so its cost counts like any other code the solution runs) and calls
 * `beamSearch(step, numBeams, maxNewTokens, eos, alpha)`.
 *
 * step(prefix) is pure and returns a fresh array of V finite numbers on every call. It throws a plain Error when
 * it is called with something that is not the prefix of a live beam: not an array, an entry that is not a token
 * id in [0, V), or an entry equal to eos (a finished hypothesis is never extended).
 *
 * The result is checked for shape and returned as a fresh `{ tokens, score }` (other fields dropped); a malformed
 * result (tokens not an array of integers, score not a number) becomes `{ invalid: <message> }`, a wrong answer.
 */

// ---- intrinsics, captured before any user code runs (it may replace them) ----
const apply = Reflect.apply;
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const imul = Math.imul;
const exp = Math.exp;
const log = Math.log;
const MapCtor = Map;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const ErrorCtor = Error;

export type Row = number[];
export interface TableStep {
  table: Array<[number[], Row]>;
  default: Row;
}
export interface HashStep {
  seed: number;
  V: number;
  kind: 'real' | 'int';
  bias?: [number, number];
}
export type StepSpec = TableStep | HashStep;
export interface Spec {
  step: StepSpec;
  numBeams: unknown;
  maxNewTokens: unknown;
  eos: unknown;
  alpha: unknown;
}
export type StepFn = (prefix: number[]) => number[];

function toNumber(x: unknown): unknown {
  // The judge revives {"$num": ...} tags before buildArgs; accept a raw tag too, in case it did not.
  if (x !== null && typeof x === 'object' && '$num' in x) return Number((x as { $num: string }).$num);
  return x;
}

/** Number of tokens of a step spec. */
export function vocabSize(s: StepSpec): number {
  return 'table' in s ? s.default.length : s.V;
}

/** Murmur3's 32-bit finaliser. */
function fmix(x: number): number {
  x ^= x >>> 16;
  x = imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function keyOf(prefix: ArrayLike<number>, n: number): string {
  let k = '';
  for (let i = 0; i < n; i++) k += prefix[i] + ',';
  return k;
}

/**
 * Builds the step function of a spec. `eos` (if it is a valid token id) is refused inside prefixes.
 * Every call checks its prefix, then returns a fresh array.
 */
export function makeStep(s: StepSpec, eos: unknown): StepFn {
  const V = vocabSize(s);
  const eosId = typeof eos === 'number' && isInteger(eos) && eos >= 0 && eos < V ? eos : -1;

  const check = (prefix: unknown): number => {
    if (!isArray(prefix))
      throw new ErrorCtor(
        `step was called with ${prefix === null ? 'null' : typeof prefix}, not an array of token ids`,
      );
    const n = prefix.length;
    for (let i = 0; i < n; i++) {
      const x: unknown = prefix[i];
      if (typeof x !== 'number' || !isInteger(x) || x < 0 || x >= V) {
        throw new ErrorCtor(`step was called with prefix[${i}] = ${String(x)}, not a token id in [0, ${V})`);
      }
      if (x === eosId) {
        throw new ErrorCtor(
          `step was called with a prefix that contains eos (${eosId}) at index ${i}: a finished hypothesis is never extended`,
        );
      }
    }
    return n;
  };

  if ('table' in s) {
    const rows = new MapCtor<string, Row>();
    for (let i = 0; i < s.table.length; i++) {
      const entry = s.table[i] as [number[], Row];
      apply(mapSet, rows, [keyOf(entry[0], entry[0].length), entry[1]]);
    }
    const fallback = s.default;
    return function step(prefix: number[]): number[] {
      const n = check(prefix);
      const src = (apply(mapGet, rows, [keyOf(prefix, n)]) as Row | undefined) ?? fallback;
      const row: number[] = [];
      for (let v = 0; v < V; v++) row[v] = src[v] as number;
      return row;
    };
  }

  const seed = s.seed >>> 0;
  const real = s.kind === 'real';
  const biasToken = s.bias ? s.bias[0] : -1;
  const bias = s.bias ? s.bias[1] : 0;
  return function step(prefix: number[]): number[] {
    const n = check(prefix);
    let h = fmix(seed ^ 0x2545f491);
    for (let i = 0; i < n; i++) h = fmix(h ^ imul((prefix[i] as number) + 1, 0x9e3779b1));
    h = fmix(h ^ imul(n + 1, 0x85ebca77));
    const row: number[] = [];
    if (!real) {
      for (let v = 0; v < V; v++) row[v] = -1 - (fmix(h + imul(v, 0x9e3779b9)) % 3) + (v === biasToken ? bias : 0);
      return row;
    }
    let m = -Infinity;
    for (let v = 0; v < V; v++) {
      const x = -3 + (6 * fmix(h + imul(v, 0x9e3779b9))) / 4294967296 + (v === biasToken ? bias : 0);
      row[v] = x;
      if (x > m) m = x;
    }
    let z = 0;
    for (let v = 0; v < V; v++) z += exp((row[v] as number) - m);
    const lse = m + log(z);
    for (let v = 0; v < V; v++) row[v] = (row[v] as number) - lse;
    return row;
  };
}

export function buildArgs(fn: string, spec: Spec): unknown[] {
  if (fn !== 'beamSearch') throw new ErrorCtor(`unknown entry ${fn}`);
  const s = spec.step;
  const step: StepSpec =
    'table' in s
      ? {
          table: s.table.map(([p, r]) => [p.slice(), r.map((x) => toNumber(x) as number)]),
          default: s.default.map((x) => toNumber(x) as number),
        }
      : { seed: s.seed, V: s.V, kind: s.kind, ...(s.bias ? { bias: [s.bias[0], s.bias[1]] as [number, number] } : {}) };
  return [step, toNumber(spec.numBeams), toNumber(spec.maxNewTokens), toNumber(spec.eos), toNumber(spec.alpha)];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (isArray(v)) return 'an array';
  return typeof v === 'number' ? `the number ${v}` : `a ${typeof v}`;
}

export function invoke(fn: string, solution: Record<string, unknown>, args: unknown[]): unknown {
  const f = solution[fn];
  if (typeof f !== 'function') throw new ErrorCtor(`the solution does not define ${fn}`);
  const step = makeStep(args[0] as StepSpec, args[3]);
  const out: unknown = apply(f as (...a: unknown[]) => unknown, undefined, [step, args[1], args[2], args[3], args[4]]);
  if (out === null || typeof out !== 'object')
    return { invalid: `the result is ${describe(out)}, not an object { tokens, score }` };
  const tokens: unknown = (out as { tokens?: unknown }).tokens;
  const score: unknown = (out as { score?: unknown }).score;
  if (!isArray(tokens)) return { invalid: `result.tokens is ${describe(tokens)}, not an array` };
  const copy: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const x: unknown = tokens[i];
    if (typeof x !== 'number' || !isInteger(x))
      return { invalid: `result.tokens[${i}] is ${describe(x)}, not an integer token id` };
    copy[i] = x;
  }
  if (typeof score !== 'number') return { invalid: `result.score is ${describe(score)}, not a number` };
  return { tokens: copy, score };
}
