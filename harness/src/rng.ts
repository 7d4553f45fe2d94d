/**
 * Seeded pseudo-random numbers for test generators and for the sandbox's `Math.random`.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128 bits of state, passes PractRand, and is
 * trivially portable — the same seed gives the same stream in Node, in a browser and (as a copy of
 * `SFC32_SOURCE`) inside QuickJS. Never use `Math.random` in a generator: tests must be reproducible
 * from (generator, seed, size).
 */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  float(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** Unsigned 32-bit integer. */
  u32(): number;
}

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9 ^ (seed >>> 0);
  let b = 0x243f6a88 ^ Math.floor(seed / 0x100000000);
  let c = 0xb7e15162;
  let d = 1;
  const u32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 15; i++) u32();
  const rng: Rng = {
    u32,
    float: () => u32() / 0x100000000,
    int(lo, hi) {
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) throw new RangeError(`bad range [${lo}, ${hi}]`);
      return lo + Math.floor(rng.float() * (hi - lo + 1));
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty array');
      return items[rng.int(0, items.length - 1)] as (typeof items)[number];
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        const t = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = t;
      }
      return items;
    },
  };
  return rng;
}
