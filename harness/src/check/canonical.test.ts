import { describe, expect, it } from 'vitest';
import { encodeValue } from '../codec.ts';
import { createRng, type Rng } from '../rng.ts';
import { canonicalText } from './canonical.ts';

/** The definition: tagged JSON (encodeValue) of the value with every object's keys sorted. */
function byDefinition(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return encodeValue(sort(value));
}

const SPECIAL: unknown[] = [-0, NaN, Infinity, -Infinity, undefined, 10n, () => 1, Symbol('s')];
const KEYS = ['b', 'a', '__proto__', 'z', '$num', 'k1', '10', '2'];

function randomValue(r: Rng, depth: number, special: boolean): unknown {
  const pick = r.float();
  if (depth > 3 || pick < 0.35) {
    const leaf = r.float();
    if (special && leaf < 0.08) return r.pick(SPECIAL);
    if (leaf < 0.4) return r.int(-1000, 999);
    if (leaf < 0.55) return r.float() * 1e6 - 5e5;
    if (leaf < 0.8) return `s${r.int(0, 99)}`;
    if (leaf < 0.9) return r.float() < 0.5;
    return null;
  }
  if (pick < 0.65) return Array.from({ length: r.int(0, 4) }, () => randomValue(r, depth + 1, special));
  const obj: Record<string, unknown> = {};
  for (let i = r.int(0, 4); i > 0; i--)
    Object.defineProperty(obj, r.pick(KEYS), {
      value: randomValue(r, depth + 1, special),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return obj;
}

describe('canonicalText', () => {
  it('is tagged JSON of the value with sorted keys, for plain values and for those JSON cannot hold', () => {
    const r = createRng(17);
    let tagged = 0;
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(r, 0, i % 2 === 1);
      const text = canonicalText(value);
      expect(text).toBe(byDefinition(value));
      if (text.includes('"$')) tagged++;
    }
    // Both paths were taken, many times.
    expect(tagged).toBeGreaterThan(300);
  });

  it('gives the same text whatever order the keys were built in; -0 and 0 differ', () => {
    expect(canonicalText({ b: [1, { y: 2, x: 3 }], a: 'q' })).toBe(canonicalText({ a: 'q', b: [1, { x: 3, y: 2 }] }));
    expect(canonicalText([0])).not.toBe(canonicalText([-0]));
    expect(canonicalText({ x: [1, -0] })).toBe('{"x":[1,{"$num":"-0"}]}');
    expect(canonicalText(JSON.parse('{"__proto__":{"b":1,"a":2}}'))).toBe('{"__proto__":{"a":2,"b":1}}');
  });
});
