// Calls the solution and, for large outputs, returns a compact exact summary instead of the raw value, so
// that suite.json stays small and the sandbox does not serialise 10^5 pairs. Small tests (every sample and
// edge test) return the solution's raw output, so their diffs are fully informative.
//
//   swaMask      raw if nQ·nK ≤ 1024, else { shape, trueRuns } where trueRuns[r] lists the maximal runs of
//                `true` in row r as flat [start0, end0, start1, end1, ...] (inclusive): exact for a boolean
//                matrix of the right shape.
//   swaRanges    raw if nQ ≤ 64, else { length, head, tail, checksum } over the [lo, hi] pairs.
//   rollingBuffer raw if W ≤ 64, else { slots: <summary>, chronological: <summary> } of the same kind.
//
// A malformed output (wrong shape, a non-boolean cell, a non-integer entry) becomes { invalid: <message> },
// which differs from the expected value: a wrong answer, not a runtime error.
// No imports; runs inside QuickJS before the solution, so the builtins it needs are captured here.

const isArray = Array.isArray;
const imul = Math.imul;
const apply = Reflect.apply;
const defineProperty = Object.defineProperty;
const getPrototypeOf = Object.getPrototypeOf;
const indexOf = Array.prototype.indexOf;
const ITERATOR: typeof Symbol.iterator = Symbol.iterator;
const arrayValues = Array.prototype[ITERATOR];
const ArrayIteratorProto = getPrototypeOf([][ITERATOR]()) as object;
const arrayIteratorNext = (ArrayIteratorProto as { next: unknown }).next;
const SetCtor = Set;
const SetProto = Set.prototype;
const setAdd = SetProto.add;
const setHas = SetProto.has;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const setSize = getOwnPropertyDescriptor(SetProto, 'size')!.get as () => number;
const ArrayProto = Array.prototype;
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * True if `o[key]` is a data property holding `value` (a getter could answer one thing now and another later). The
 * descriptor's own `value` is read, not one a getter on Object.prototype could supply for an accessor.
 */
function holds(o: object, key: PropertyKey, value: unknown): boolean {
  const d = getOwnPropertyDescriptor(o, key);
  return d !== undefined && (apply(hasOwn, d, ['value']) as boolean) && d.value === value;
}

/**
 * `a[i] = v` on a fresh array would call a setter the solution put on Array.prototype at that index (and let it
 * rewrite the summary); defining the element as an own property never consults the prototype.
 */
function put(a: unknown[], i: number, v: unknown): void {
  defineProperty(a, i, { value: v, writable: true, enumerable: true, configurable: true });
}

const RAW_MASK_CELLS = 1024;
const RAW_RANGES = 64;
const RAW_SLOTS = 64;
const EDGE = 4; // pairs/values shown at each end of a summarised list

interface ListSummary {
  length: number;
  head: unknown[];
  tail: unknown[];
  checksum: number;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (isArray(v)) return 'an array';
  return typeof v === 'number' ? 'the number ' + v : 'a ' + typeof v;
}

/**
 * The checksum of a well-formed list, or null when some entry is not an integer (or not a pair of integers): then
 * `summariseList` walks it again to say which. The checks `(x | 0) === x` accept exactly the numbers that are
 * 32-bit integers (a string, object or boolean never equals its own `| 0`), without the two `typeof` tests per
 * value the walk makes: a third of the summary's time, which is a third of the whole suite's. `| 0` throws on a
 * bigint or a symbol, and may call a valueOf the solution wrote (which may throw): any throw means "not well
 * formed" too.
 */
function fastChecksum(xs: unknown[], width: 1 | 2): number | null {
  const n = xs.length;
  let h = 0x811c9dc5;
  try {
    if (width === 1) {
      for (let i = 0; i < n; i++) {
        const x = xs[i] as number;
        if ((x | 0) !== x) return null;
        h = imul(h ^ x, 0x01000193);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const x = xs[i] as number[];
        if (!isArray(x) || x.length !== 2) return null;
        const lo = x[0] as number;
        const hi = x[1] as number;
        if ((lo | 0) !== lo || (hi | 0) !== hi) return null;
        h = imul(imul(h ^ lo, 0x01000193) ^ hi, 0x01000193);
      }
    }
  } catch {
    return null;
  }
  return h >>> 0;
}

/** Summary of a list of integers (width 1) or of [lo, hi] pairs (width 2); a string when malformed. */
function summariseList(what: string, xs: unknown, width: 1 | 2): ListSummary | string {
  if (!isArray(xs)) return `${what} is ${describe(xs)}, not an array`;
  const checksum = fastChecksum(xs, width);
  if (checksum !== null) {
    const n = xs.length;
    const head: unknown[] = [];
    const tail: unknown[] = [];
    for (let i = 0; i < n && i < EDGE; i++) put(head, i, edgeItem(xs[i], width));
    for (let i = n - EDGE > EDGE ? n - EDGE : EDGE; i < n; i++) put(tail, tail.length, edgeItem(xs[i], width));
    return { length: n, head, tail, checksum };
  }
  const n = xs.length;
  let h = 0x811c9dc5; // FNV-1a over the 32-bit values, in order
  const head: unknown[] = [];
  const tail: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const x: unknown = xs[i];
    let item: unknown;
    if (width === 1) {
      // (v | 0) === v: an integer in the 32-bit range (every valid value is)
      if (typeof x !== 'number' || (x | 0) !== x) return `${what}[${i}] is ${describe(x)}, not an integer`;
      h = imul(h ^ x, 0x01000193);
      item = x;
    } else {
      if (!isArray(x) || x.length !== 2) return `${what}[${i}] is not a [lo, hi] pair`;
      const lo: unknown = x[0];
      const hi: unknown = x[1];
      if (typeof lo !== 'number' || (lo | 0) !== lo || typeof hi !== 'number' || (hi | 0) !== hi) {
        return `${what}[${i}] is not a pair of integers`;
      }
      h = imul(imul(h ^ lo, 0x01000193) ^ hi, 0x01000193);
      item = [lo, hi];
    }
    if (i < EDGE) put(head, head.length, item);
    if (i >= n - EDGE && i >= EDGE) put(tail, tail.length, item);
  }
  return { length: n, head, tail, checksum: h >>> 0 };
}

/** A [lo, hi] pair copied (the solution keeps its own arrays), or an integer as is. */
function edgeItem(x: unknown, width: 1 | 2): unknown {
  return width === 1 ? x : [(x as number[])[0], (x as number[])[1]];
}

/**
 * The runs of `true` in a row whose cells are all booleans, found by native scans (3x faster than a loop over the
 * cells, the loop being most of this problem's grading time); null when some cell is not a boolean, or when the
 * solution replaced what the scan relies on (then the cell-by-cell loop decides and says which cell is wrong).
 *
 * `new Set(row)` holds exactly the distinct cells (SameValueZero: true and false equal nothing else), so a set of
 * size has(true) + has(false) proves every cell a boolean; then `indexOf` (strict) finds each run's two ends. The
 * Set constructor reads `row[Symbol.iterator]`, the array iterator's `next` and `Set.prototype.add` at call time,
 * where the solution could have put its own: any of them changed and the fast path is not taken.
 */
function booleanRuns(row: unknown[]): number[] | null {
  if (
    !holds(SetProto, 'add', setAdd) ||
    !holds(ArrayIteratorProto, 'next', arrayIteratorNext) ||
    !holds(ArrayProto, ITERATOR, arrayValues) ||
    getPrototypeOf(row) !== ArrayProto ||
    apply(hasOwn, row, [ITERATOR])
  ) {
    return null;
  }
  const seen = new SetCtor(row);
  const t = apply(setHas, seen, [true]) ? 1 : 0;
  const f = apply(setHas, seen, [false]) ? 1 : 0;
  if (apply(setSize, seen, []) !== t + f) return null;
  const n = row.length;
  const runs: number[] = [];
  let j = 0;
  while (j < n) {
    const start = apply(indexOf, row, [true, j]) as number;
    if (start < 0) break;
    const stop = apply(indexOf, row, [false, start]) as number;
    const end = stop < 0 ? n : stop;
    put(runs, runs.length, start);
    put(runs, runs.length, end - 1);
    j = end;
  }
  return runs;
}

function summariseMask(out: unknown, nQ: number, nK: number): unknown {
  if (!isArray(out)) return { invalid: `the mask is ${describe(out)}, not an array` };
  if (out.length !== nQ) return { invalid: `the mask has ${out.length} rows, expected nQ = ${nQ}` };
  const trueRuns: number[][] = [];
  for (let r = 0; r < nQ; r++) {
    const row: unknown = out[r];
    if (!isArray(row)) return { invalid: `mask[${r}] is ${describe(row)}, not an array` };
    if (row.length !== nK) return { invalid: `mask[${r}] has ${row.length} cells, expected nK = ${nK}` };
    const fast = booleanRuns(row);
    if (fast !== null) {
      put(trueRuns, r, fast);
      continue;
    }
    const runs: number[] = [];
    let start = -1;
    for (let j = 0; j < nK; j++) {
      const cell: unknown = row[j];
      if (cell === true) {
        if (start < 0) start = j;
      } else if (cell === false) {
        if (start >= 0) {
          put(runs, runs.length, start);
          put(runs, runs.length, j - 1);
          start = -1;
        }
      } else {
        return { invalid: `mask[${r}][${j}] is ${describe(cell)}, not a boolean` };
      }
    }
    if (start >= 0) {
      put(runs, runs.length, start);
      put(runs, runs.length, nK - 1);
    }
    put(trueRuns, r, runs);
  }
  return { shape: [nQ, nK], trueRuns };
}

export function buildArgs(fn: string, spec: unknown): unknown[] {
  // Every test of this problem passes its (scalar) arguments directly.
  throw new Error(`no spec inputs for ${fn}: ${describe(spec)}`);
}

export function invoke(fn: string, solution: Record<string, unknown>, args: unknown[]): unknown {
  const f = solution[fn];
  if (typeof f !== 'function') throw new Error(`the solution does not define ${fn}`);
  const out: unknown = apply(f as (...a: unknown[]) => unknown, undefined, args);
  if (fn === 'swaMask') {
    const nQ = args[0] as number;
    const nK = args[1] as number;
    return nQ * nK <= RAW_MASK_CELLS ? out : summariseMask(out, nQ, nK);
  }
  if (fn === 'swaRanges') {
    const nQ = args[0] as number;
    if (nQ <= RAW_RANGES) return out;
    const s = summariseList('ranges', out, 2);
    return typeof s === 'string' ? { invalid: s } : s;
  }
  if (fn === 'rollingBuffer') {
    const W = args[0] as number;
    if (W <= RAW_SLOTS) return out;
    if (out === null || typeof out !== 'object') return { invalid: `the result is ${describe(out)}, not an object` };
    const o = out as { slots?: unknown; chronological?: unknown };
    const slots = summariseList('slots', o.slots, 1);
    if (typeof slots === 'string') return { invalid: slots };
    const chronological = summariseList('chronological', o.chronological, 1);
    if (typeof chronological === 'string') return { invalid: chronological };
    return { slots, chronological };
  }
  throw new Error(`unknown entry ${fn}`);
}
