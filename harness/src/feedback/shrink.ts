/**
 * A generic shrinker for test inputs, in the style of property-based testing (QuickCheck, Hypothesis): from a value,
 * the candidates that are "smaller" — arrays and strings with chunks removed (half, quarter, …, one element), numbers
 * moved toward 0, booleans toward false, and each part of an array or object shrunk in turn. The most aggressive
 * candidates come first, and the parts of a composite value take turns (round-robin), so a single round already tries
 * to shrink every argument a little before it tries to shrink one of them a lot in many small ways.
 *
 * Candidates are lazy (a generator): the caller filters them (the problem's validator, inputs already tried) and
 * stops when it has enough. A problem whose inputs need other moves declares `shrink` in its generator.ts (see
 * ShrinkHook); its candidates come before the generic ones.
 */
import type { TestInput } from '../problem/authoring.ts';

/** Extra candidates for a problem's inputs (exported by generator.ts as `shrink`), tried before the generic ones. */
export type ShrinkHook = (input: TestInput) => Iterable<TestInput>;

/** Composite values deeper than this are shrunk only as a whole (removals), not part by part. */
const MAX_DEPTH = 6;

/** Candidates smaller than `value`, most aggressive first. */
export function* shrinkValue(value: unknown, depth = 0): Generator<unknown> {
  if (typeof value === 'number') yield* shrinkNumber(value);
  else if (typeof value === 'boolean') {
    if (value) yield false;
  } else if (typeof value === 'string') {
    const chars = Array.from(value);
    for (const shorter of removals(chars)) yield shorter.join('');
  } else if (Array.isArray(value)) {
    yield* removals(value);
    yield* together(value);
    if (depth < MAX_DEPTH) yield* partwise(value, depth);
  } else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    yield* fieldwise(value as Record<string, unknown>, depth);
  }
}

/** Toward 0: 0 itself, then x − x/2, x − x/4, … x − 1 for integers; for fractions, fewer decimals and halves. */
export function* shrinkNumber(x: number): Generator<number> {
  if (x === 0 || Number.isNaN(x)) return;
  if (!Number.isFinite(x)) {
    yield 0;
    return;
  }
  yield 0;
  if (Number.isInteger(x)) {
    if (x < 0) yield -x;
    // Binary steps toward 0: for x = 300, 150, 225, 263, 282, … 299 (a valid lower bound such as 256 is reached in a
    // logarithmic number of rounds, not one by one).
    const seen = new Set<number>([0, x]);
    for (let d = Math.trunc(x / 2); d !== 0; d = Math.trunc(d / 2)) {
      const y = x - d;
      if (!seen.has(y)) {
        seen.add(y);
        yield y;
      }
    }
    return;
  }
  const seen = new Set<number>([0, x]);
  const emit = function* (y: number): Generator<number> {
    // Rounding may move away from 0 (2.718 → 2.72): fewer characters still make a smaller input (see smallerThan).
    if (!seen.has(y)) {
      seen.add(y);
      yield y;
    }
  };
  yield* emit(Math.trunc(x));
  for (let digits = 0; digits <= 6; digits++) {
    const f = 10 ** digits;
    yield* emit(Math.round(x * f) / f);
  }
  yield* emit(x / 2);
  if (x < 0) yield* emit(-x);
}

/** The array with chunks removed: everything, then halves, quarters, … single elements (each position once). */
function* removals<T>(items: T[]): Generator<T[]> {
  const n = items.length;
  if (n === 0) return;
  yield [];
  for (let size = n >> 1; size >= 1; size >>= 1) {
    // Chunks at every multiple of `size`, and the last `size` elements (a tail that is not a multiple).
    const starts = new Set<number>();
    for (let start = 0; start + size <= n; start += size) starts.add(start);
    starts.add(n - size);
    for (const start of starts) yield [...items.slice(0, start), ...items.slice(start + size)];
  }
}

/**
 * Equal numbers shrunk together (Hypothesis's "minimize duplicates"): a tie [1, 1] becomes [0, 0], which shrinking
 * one element at a time cannot reach while the bug needs the tie.
 */
function* together(items: unknown[]): Generator<unknown[]> {
  const counts = new Map<number, number>();
  for (const x of items) if (typeof x === 'number') counts.set(x, (counts.get(x) ?? 0) + 1);
  for (const [v, n] of counts) {
    if (n < 2) continue;
    for (const y of shrinkNumber(v)) yield items.map((x) => (Object.is(x, v) ? y : x));
  }
}

/** Shrinks one element at a time, the elements taking turns: first candidate of each, then second of each, … */
function* partwise(items: unknown[], depth: number): Generator<unknown[]> {
  const streams = items.map((item, i) => ({ i, it: shrinkValue(item, depth + 1) }));
  let live = streams;
  while (live.length > 0) {
    const next: typeof live = [];
    for (const s of live) {
      const r = s.it.next();
      if (r.done) continue;
      next.push(s);
      const copy = items.slice();
      copy[s.i] = r.value;
      yield copy;
    }
    live = next;
  }
}

function* fieldwise(obj: Record<string, unknown>, depth: number): Generator<Record<string, unknown>> {
  const keys = Object.keys(obj);
  for (const values of partwise(
    keys.map((k) => obj[k]),
    depth,
  )) {
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => (out[k] = values[i]));
    yield out;
  }
}

/**
 * Candidates for a test input: the problem's own (if it declares a hook), then the generic ones. The arguments of a
 * call keep their positions (only a trailing, optional argument may be dropped); a spec is shrunk field by field.
 */
export function* shrinkInput(input: TestInput, hook?: ShrinkHook): Generator<TestInput> {
  if (hook) yield* hook(input);
  if (input.args) {
    const args = input.args;
    if (args.length > 0) yield { ...input, args: args.slice(0, -1) };
    for (const shrunk of partwise(args, 0)) yield { ...input, args: shrunk };
  } else if (input.spec !== undefined) {
    for (const spec of shrinkValue(input.spec)) yield { ...input, spec };
  }
}

/**
 * How big an input is, to order candidates and to report "before → after": its JSON length first, then the sum of
 * the magnitudes of its numbers (so 300 → 263 counts as smaller though both are three characters).
 */
export interface InputSize {
  chars: number;
  magnitude: number;
}

export function inputSize(input: TestInput): InputSize {
  const body = input.args ?? input.spec;
  let magnitude = 0;
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') magnitude += Number.isFinite(v) ? Math.abs(v) : 1e300;
    else if (typeof v === 'string') magnitude += v.length;
    else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v));
  }
  return { chars: sizeText(body).length, magnitude };
}

function sizeText(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? '';
}

export function smallerThan(a: TestInput, b: TestInput): boolean {
  const x = inputSize(a);
  const y = inputSize(b);
  return x.chars < y.chars || (x.chars === y.chars && x.magnitude < y.magnitude);
}

/** Values just past a boundary, for a leaf of an input (see errorShapes). */
function* pastBoundary(v: unknown): Generator<unknown> {
  if (typeof v === 'number') {
    for (const x of [0, -1, -v, v + 0.5, Number.NaN, v * 1000 + 1]) if (!Object.is(x, v)) yield x;
  } else if (typeof v === 'string') {
    if (v !== '') yield '';
  } else if (typeof v === 'boolean') yield !v;
  else if (Array.isArray(v)) {
    if (v.length > 0) yield [];
  } else if (v === null) yield 0;
}

/**
 * Inputs that should make a solution throw (`expectError`): the input with one value moved past a boundary (0, −1, the
 * negation, a fraction, NaN, a huge value, an empty array or string), one at a time. Most are invalid even as error
 * tests (a validator demands that exactly one rule be broken): the caller keeps those its validator accepts.
 */
export function* errorShapes(input: TestInput): Generator<TestInput> {
  if (input.expectError) return;
  const body = input.args ?? input.spec;
  const rebuild = (b: unknown): TestInput =>
    input.args ? { ...input, args: b as unknown[], expectError: true } : { ...input, spec: b, expectError: true };
  // Depth-first over the leaves (and arrays, which may be emptied), replacing one at a time.
  const walk = function* (v: unknown, replace: (x: unknown) => unknown, depth: number): Generator<TestInput> {
    for (const x of pastBoundary(v)) yield rebuild(replace(x));
    if (depth >= MAX_DEPTH || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        yield* walk(v[i], (x) => replace(v.map((y, j) => (j === i ? x : y))), depth + 1);
      }
    } else {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) yield* walk(o[k], (x) => replace({ ...o, [k]: x }), depth + 1);
    }
  };
  if (Array.isArray(body)) {
    // The argument list itself keeps its length; its elements are replaced.
    for (let i = 0; i < body.length; i++) {
      yield* walk(body[i], (x) => body.map((y, j) => (j === i ? x : y)), 1);
    }
  } else yield* walk(body, (x) => x, 0);
}
