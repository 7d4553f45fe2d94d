import { describe, expect, it } from 'vitest';
import { describeGrowth, fitExponent, growthOf } from './growth.ts';

describe('growth', () => {
  it('fits the exponent of a power law exactly', () => {
    expect(fitExponent([1000, 2000, 4000, 8000].map((n) => ({ n, steps: (n * n) / 1e4 })))).toBe(2);
    expect(fitExponent([1000, 2000, 4000, 8000].map((n) => ({ n, steps: n / 100 })))).toBe(1);
  });
  it('ignores points too coarse to measure, and needs two', () => {
    expect(
      fitExponent([
        { n: 10, steps: 0 },
        { n: 20, steps: 1 },
        { n: 40, steps: 8 },
      ]),
    ).toBeNull();
    expect(
      fitExponent([
        { n: 10, steps: 0 },
        { n: 20, steps: 4 },
        { n: 40, steps: 8 },
      ]),
    ).toBe(1);
  });
  it('says how the user and the reference grow', () => {
    const g = growthOf(
      [8000, 1000, 4000, 2000].map((n) => ({ n, steps: (n * n) / 1e5, referenceSteps: n / 100, capped: false })),
    );
    expect(g.points.map((p) => p.n)).toEqual([1000, 2000, 4000, 8000]);
    expect(describeGrowth(g)).toBe(
      'your steps grow like n^2.0 between n = 1,000 and n = 8,000; the reference grows like n^1.0',
    );
  });
  it('marks a capped measurement as a lower bound', () => {
    const g = growthOf(
      [1000, 2000, 4000].map((n, i) => ({ n, steps: (n * n) / 1e4, referenceSteps: n / 100, capped: i === 2 })),
    );
    expect(describeGrowth(g)).toMatch(/grow like at least n\^2\.0/);
  });
});
