import { describe, expect, it } from 'vitest';
import { makeChecker } from './checkers.ts';
import { firstMismatch } from './diff.ts';

const input = { fn: 'f', args: [] };
const run = (spec: Parameters<typeof makeChecker>[0], actual: unknown, expected: unknown) =>
  makeChecker(spec)({ input, expected, actual, args: {} });

describe('firstMismatch', () => {
  it('names the path of the first difference with both values', () => {
    const m = firstMismatch(
      [
        [1, 2],
        [3, 4, 5],
      ],
      [
        [1, 2],
        [3, 4, 6],
      ],
    );
    expect(m).toMatchObject({ path: 'out[1][2]', expected: 6, actual: 5 });
  });
  it('reports a length difference after the common prefix', () => {
    expect(firstMismatch([1, 2], [1, 2, 3])).toMatchObject({ path: 'out.length', expected: 3, actual: 2 });
    expect(firstMismatch([9, 2], [1, 2, 3])).toMatchObject({ path: 'out[0]' });
  });
  it('walks objects and reports missing and extra properties', () => {
    expect(firstMismatch({ a: { b: 1 } }, { a: { b: 2 } })).toMatchObject({ path: 'out.a.b' });
    expect(firstMismatch({ a: 1 }, { a: 1, b: 2 })).toMatchObject({ path: 'out.b', reason: 'missing property "b"' });
    expect(firstMismatch({ a: 1, c: 3 }, { a: 1 })).toMatchObject({ path: 'out.c', reason: 'unexpected property "c"' });
    expect(firstMismatch({ 'odd key': 1 }, { 'odd key': 2 })).toMatchObject({ path: 'out["odd key"]' });
  });
  it('compares types strictly', () => {
    expect(firstMismatch('6', 6)).toMatchObject({ reason: 'expected number, got string' });
    expect(firstMismatch(null, [])).toMatchObject({ reason: 'expected array, got null' });
    expect(firstMismatch(true, true)).toBeNull();
  });
  it('handles deep nesting without recursion', () => {
    let a: unknown[] = [];
    const root = a;
    for (let i = 0; i < 200_000; i++) {
      const n: unknown[] = [];
      a.push(n);
      a = n;
    }
    expect(firstMismatch(root, root)).toBeNull();
  });
});

describe('checkers', () => {
  it('exact: deep equality, NaN equals NaN', () => {
    expect(run({ name: 'exact' }, [1, NaN], [1, NaN]).ok).toBe(true);
    expect(run({ name: 'exact' }, [1, 2], [1, 3]).ok).toBe(false);
  });
  it('float: abs/rel tolerance', () => {
    const spec = { name: 'float' as const, args: { abs: 1e-9, rel: 1e-9 } };
    expect(run(spec, [0.1 + 0.2], [0.3]).ok).toBe(true);
    expect(run(spec, [1e6 + 1e-4], [1e6]).ok).toBe(true); // within rel 1e-9 · 1e6 = 1e-3
    expect(run(spec, [1e6 + 1e-2], [1e6]).ok).toBe(false);
    expect(run(spec, [1e-9], [0]).ok).toBe(true);
    expect(run(spec, [3e-9], [0]).ok).toBe(false);
    expect(run({ name: 'float', args: { abs: 0, rel: 1e-3 } }, [1000.5], [1000]).ok).toBe(true);
  });
  it('float: non-finite values must match exactly (NaN where -Infinity is expected fails)', () => {
    const spec = { name: 'float' as const, args: {} };
    expect(run(spec, [-Infinity], [-Infinity]).ok).toBe(true);
    expect(run(spec, [NaN], [-Infinity]).ok).toBe(false);
    expect(run(spec, [1e308], [Infinity]).ok).toBe(false);
  });
  it('float: exactZeros requires removed entries to be exactly 0', () => {
    const spec = { name: 'float' as const, args: { exactZeros: true } };
    expect(run(spec, [0.5, 1e-12], [0.5, 0]).ok).toBe(false);
    expect(run(spec, [0.5 + 1e-12, 0], [0.5, 0]).ok).toBe(true);
    expect(run({ name: 'float', args: {} }, [0.5, 1e-12], [0.5, 0]).ok).toBe(true);
  });
  it('custom: delegates to the problem checker, and rejects a malformed answer from it', () => {
    const custom = makeChecker({ name: 'custom', args: { k: 2 } }, ({ actual, args }) =>
      actual === args.k ? { ok: true } : { ok: false, message: 'not k' },
    );
    expect(custom({ input, expected: null, actual: 2, args: {} }).ok).toBe(true);
    expect(custom({ input, expected: null, actual: 3, args: {} })).toMatchObject({ ok: false, message: 'not k' });
    const broken = makeChecker({ name: 'custom' }, (() => 'yes') as never);
    expect(() => broken({ input, expected: null, actual: 1, args: {} })).toThrow(/JUDGE|ok: boolean/);
  });
  it('rejects unknown checkers with a stable code', () => {
    expect(() => makeChecker({ name: 'fuzzy' } as never)).toThrow(
      expect.objectContaining({ code: 'JUDGE_CHECKER_UNKNOWN' }),
    );
  });
});
