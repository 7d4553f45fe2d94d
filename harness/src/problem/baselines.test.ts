import { describe, expect, it } from 'vitest';
import { jsLiteral, notApplicable, type BaselineKind } from './baselines.ts';
import { returnShape } from './signature.ts';

const na = (kind: BaselineKind, returnType: string, params = 1) =>
  notApplicable(kind, returnShape(returnType), params, returnType);

describe('which null baselines apply, from the signature', () => {
  it('decides from the return type', () => {
    expect(na('returns-undefined', 'void')).toMatch(/nothing to leave out/);
    expect(na('returns-undefined', 'number')).toBeNull();
    expect(na('returns-zeros', 'boolean[][]')).toMatch(/no number to zero/);
    expect(na('returns-zeros', 'Tensor')).toBeNull(); // a named type: only running tells
    expect(na('returns-empty-array', 'Array<number[] | null>')).toBeNull();
    expect(na('returns-empty-array', 'BucketLog')).toMatch(/not an array/);
    expect(na('changes-one-value', 'IterableIterator<Rec>')).toMatch(/no value to change/);
    expect(na('reverses-order', 'number')).toMatch(/no array/);
    expect(na('reverses-order', 'RepairReport')).toBeNull();
    expect(na('drops-last-element', '{ tokensPerSec: number; mfu: number }')).toMatch(/no array/);
    expect(na('drops-last-element', '{ out: number[][]; hits: number[] }')).toBeNull();
    expect(na('returns-first-input', 'number', 0)).toMatch(/no argument/);
    expect(na('throws', 'void')).toBeNull();
  });
});

describe('jsLiteral', () => {
  it('writes JSON-like values as JavaScript, non-finite numbers and -0 included; anything else is null', () => {
    expect(jsLiteral([1, -0, NaN, -Infinity, 'a"b', null, { k: [true] }])).toBe(
      '[1, -0, NaN, -Infinity, "a\\"b", null, { "k": [true] }]',
    );
    expect(jsLiteral([() => 1])).toBeNull();
    expect(jsLiteral(new Map())).toBeNull();
  });
});
