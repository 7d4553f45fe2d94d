import { describe, expect, it } from 'vitest';
import { calendarWeeks, describeRatio } from './progress.ts';

describe('calendarWeeks', () => {
  it('ends with the week of today, Monday first, shading days against the busiest', () => {
    // 2030-01-02 is a Wednesday.
    const weeks = calendarWeeks(
      [
        { day: '2029-12-24', submissions: 1, accepted: 0 },
        { day: '2030-01-01', submissions: 6, accepted: 2 },
        { day: '2030-01-02', submissions: 2, accepted: 1 },
      ],
      '2030-01-02',
      2,
    );
    expect(weeks).toHaveLength(2);
    expect(weeks.map((w) => w[0]!.day)).toEqual(['2029-12-24', '2029-12-31']);
    const last = weeks[1]!;
    expect(last.map((d) => d.level)).toEqual([0, 4, 2, 0, 0, 0, 0]);
    expect(last.map((d) => d.future)).toEqual([false, false, false, true, true, true, true]);
    expect(weeks[0]![0]).toMatchObject({ submissions: 1, level: 1 });
  });
});

describe('describeRatio', () => {
  it('says how close to the reference', () => {
    expect(describeRatio(1)).toBe('as cheap as the reference');
    expect(describeRatio(1.26)).toBe("1.3× the reference's steps");
    expect(describeRatio(0.8)).toBe('20% fewer steps than the reference');
    expect(describeRatio(42.4)).toBe("42× the reference's steps");
  });
});
