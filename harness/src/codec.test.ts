import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, reviveTags, tagForJson } from './codec.ts';

describe('codec', () => {
  it('round-trips non-finite numbers and -0, which plain JSON loses', () => {
    const v = { logits: [-Infinity, Infinity, NaN, -0, 0, 1.5] };
    const back = decodeValue(encodeValue(v)) as typeof v;
    expect(Object.is(back.logits[0], -Infinity)).toBe(true);
    expect(Object.is(back.logits[1], Infinity)).toBe(true);
    expect(Number.isNaN(back.logits[2])).toBe(true);
    expect(Object.is(back.logits[3], -0)).toBe(true);
    expect(Object.is(back.logits[4], 0)).toBe(true);
    expect(back.logits[5]).toBe(1.5);
  });

  it('tags what JSON cannot hold instead of dropping it', () => {
    expect(encodeValue(undefined)).toBe('{"$undefined":true}');
    expect(decodeValue(encodeValue(undefined))).toBeUndefined();
    expect(decodeValue(encodeValue(10n))).toEqual({ $bigint: '10' });
    expect(decodeValue(encodeValue(() => 1))).toEqual({ $unserializable: 'function' });
  });

  it('revives tags in trees read from files', () => {
    const file = JSON.parse('{"args":[[{"$num":"-Infinity"},2]]}');
    expect(Object.is((reviveTags(file) as { args: number[][] }).args[0]![0], -Infinity)).toBe(true);
    expect(tagForJson([-Infinity])).toEqual([{ $num: '-Infinity' }]);
  });

  it('does not treat objects with extra keys as tags', () => {
    expect(decodeValue('{"$num":"NaN","x":1}')).toEqual({ $num: 'NaN', x: 1 });
  });

  it('decodes exactly as JSON.parse with the tag reviver, without calling a reviver per value', () => {
    // The reviver decodeValue used before, kept here as the reference.
    const isTag = (o: Record<string, unknown>, tag: string) => Object.keys(o).length === 1 && Object.keys(o)[0] === tag;
    const reference = (text: string): unknown =>
      JSON.parse(text, (_k, v: unknown) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
        const o = v as Record<string, unknown>;
        if (isTag(o, '$num') && typeof o.$num === 'string') {
          if (o.$num === '-0') return -0;
          if (['Infinity', '-Infinity', 'NaN'].includes(o.$num)) return Number(o.$num);
        }
        if (isTag(o, '$undefined')) return undefined;
        if (isTag(o, '$bigint') && typeof o.$bigint === 'string') return { $bigint: o.$bigint };
        return v;
      });
    const texts = [
      '[[1,2],[3,{"$num":"-Infinity"}]]',
      '{"a":{"$undefined":true},"b":[1,{"$undefined":true},3],"c":"$num"}',
      '{"__proto__":{"$num":"NaN"},"x":{"__proto__":[{"$num":"-0"}]}}',
      '{"$undefined":{"$num":"NaN"}}',
      '{"$num":"-0"}',
      '[{"$num":"1"},{"$num":-0},{"$bigint":"12"},{"$bigint":12},{"$unserializable":"function"}]',
      '"a $ sign and a \\"$quote"',
      '{"k":{"$num":"NaN","extra":1},"deep":[[[{"$num":"Infinity"}]]]}',
      '[]',
      'null',
    ];
    for (const text of texts) {
      const got = decodeValue(text);
      const want = reference(text);
      expect(Object.is(got, want) || JSON.stringify(encodeValue(got)) === JSON.stringify(encodeValue(want)), text).toBe(
        true,
      );
      expect(got, text).toStrictEqual(want);
    }
    // An own "__proto__" key stays an own key (and the prototype stays Object.prototype).
    const o = decodeValue('{"__proto__":{"$num":"NaN"}}') as object;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(o)).toEqual(['__proto__']);
    // Deleted array elements are holes, as with the reviver.
    expect(1 in (decodeValue('[1,{"$undefined":true},3]') as unknown[])).toBe(false);
  });
});
