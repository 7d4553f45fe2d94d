/** The generic shrinker: what it proposes, in what order, and that it always proposes something smaller. */
import { describe, expect, it } from 'vitest';
import { errorShapes, inputSize, shrinkInput, shrinkNumber, shrinkValue, smallerThan } from './shrink.ts';

const take = <T>(it: Iterable<T>, n = Infinity): T[] => {
  const out: T[] = [];
  for (const x of it) {
    if (out.length >= n) break;
    out.push(x);
  }
  return out;
};

describe('shrinkNumber', () => {
  it('moves integers toward 0 in binary steps, and reaches a lower bound in a logarithmic number of rounds', () => {
    expect(take(shrinkNumber(300))).toEqual([0, 150, 225, 263, 282, 291, 296, 298, 299]);
    expect(take(shrinkNumber(-5))).toEqual([0, 5, -3, -4]);
    expect(take(shrinkNumber(0))).toEqual([]);
    // A validator that wants x >= 256: shrink greedily, taking the first valid candidate each round.
    let x = 1256;
    let rounds = 0;
    for (;;) {
      const next = take(shrinkNumber(x)).find((y) => y >= 256);
      if (next === undefined) break;
      x = next;
      rounds++;
    }
    expect(x).toBe(256);
    expect(rounds).toBeLessThanOrEqual(12);
  });

  it('turns fractions into integers and shorter decimals', () => {
    expect(take(shrinkNumber(2.718))).toEqual([0, 2, 3, 2.7, 2.72, 1.359]);
    expect(take(shrinkNumber(-Infinity))).toEqual([0]);
  });
});

describe('shrinkValue', () => {
  it('removes chunks of an array, biggest first, then shrinks equal elements together, then one at a time', () => {
    const c = take(shrinkValue([5, 5, 7]));
    expect(c[0]).toEqual([]);
    expect(c).toContainEqual([5, 7]); // one element removed
    expect(c.indexOf([0, 0, 7] as never)).toBe(-1); // (identity: check by value below)
    const i00 = c.findIndex((x) => JSON.stringify(x) === '[0,0,7]');
    const i07 = c.findIndex((x) => JSON.stringify(x) === '[0,5,7]');
    expect(i00).toBeGreaterThan(0);
    expect(i07).toBeGreaterThan(i00);
    // round-robin: the first candidate of every element comes before the second of any
    const partwise = c.slice(i07);
    expect(partwise.slice(0, 3)).toEqual([
      [0, 5, 7],
      [5, 0, 7],
      [5, 5, 0],
    ]);
  });

  it('shortens strings by code points (never splitting a surrogate pair) and shrinks object fields', () => {
    const s = take(shrinkValue('a😀b')) as string[];
    expect(s[0]).toBe('');
    for (const x of s) expect(x).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(take(shrinkValue({ n: 2, ok: true }))).toEqual([
      { n: 0, ok: true },
      { n: 2, ok: false },
      { n: 1, ok: true },
    ]);
  });
});

describe('shrinkInput', () => {
  it('keeps argument positions (only a trailing argument may go), and every candidate is smaller', () => {
    const input = { fn: 'f', args: [[3, 1, 2], 'abc', 9] };
    const all = take(shrinkInput(input));
    expect(all[0]).toEqual({ fn: 'f', args: [[3, 1, 2], 'abc'] });
    for (const c of all.slice(1)) expect(c.args).toHaveLength(3);
    for (const c of all) expect(smallerThan(c, input)).toBe(true);
  });

  it('tries the problem’s own candidates first', () => {
    const hook = function* () {
      yield { fn: 'g', args: [] };
    };
    expect(take(shrinkInput({ fn: 'f', args: [1] }, hook), 1)).toEqual([{ fn: 'g', args: [] }]);
  });

  it('shrinks a spec field by field', () => {
    expect(take(shrinkInput({ fn: 'f', spec: { n: 4, kind: 'x' } }), 2)).toEqual([
      { fn: 'f', spec: { n: 0, kind: 'x' } },
      { fn: 'f', spec: { n: 4, kind: '' } },
    ]);
  });

  it('measures size by JSON characters, then by the magnitude of the numbers', () => {
    expect(inputSize({ fn: 'f', args: [300, 'ab'] })).toEqual({ chars: 10, magnitude: 302 });
    expect(smallerThan({ fn: 'f', args: [263] }, { fn: 'f', args: [300] })).toBe(true);
    expect(smallerThan({ fn: 'f', args: [300] }, { fn: 'f', args: [300] })).toBe(false);
  });
});

describe('errorShapes', () => {
  it('moves one value at a time past a boundary and marks the input as expected to throw', () => {
    const shapes = take(errorShapes({ fn: 'f', args: [3, [1]] }));
    expect(shapes[0]).toEqual({ fn: 'f', args: [0, [1]], expectError: true });
    expect(shapes).toContainEqual({ fn: 'f', args: [-1, [1]], expectError: true });
    expect(shapes).toContainEqual({ fn: 'f', args: [3, []], expectError: true });
    expect(shapes).toContainEqual({ fn: 'f', args: [3, [0]], expectError: true });
    for (const s of shapes) expect(s.args).toHaveLength(2);
    expect(take(errorShapes({ fn: 'f', args: [1], expectError: true }))).toEqual([]);
  });
});
