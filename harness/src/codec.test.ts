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
});
