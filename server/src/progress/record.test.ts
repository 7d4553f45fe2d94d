import { describe, expect, it } from 'vitest';
import { dayOf, streaks } from './record.ts';

describe('streaks', () => {
  it('counts the longest run and the current one, which may end yesterday', () => {
    const days = ['2030-01-01', '2030-01-02', '2030-01-03', '2030-01-05', '2030-01-06'];
    expect(streaks(days, '2030-01-06')).toEqual({ current: 2, longest: 3 });
    // The day is not over: yesterday's run still counts.
    expect(streaks(days, '2030-01-07')).toEqual({ current: 2, longest: 3 });
    expect(streaks(days, '2030-01-08')).toEqual({ current: 0, longest: 3 });
    expect(streaks([], '2030-01-08')).toEqual({ current: 0, longest: 0 });
  });

  it('runs across month and year ends, and ignores repeated days', () => {
    expect(streaks(['2029-12-31', '2030-01-01', '2030-01-01', '2030-02-28', '2030-03-01'], '2030-03-01')).toEqual({
      current: 2,
      longest: 2,
    });
  });

  it('dates days in the caller time zone', () => {
    const at = new Date('2030-01-01T23:30:00Z');
    expect(dayOf(at, 0)).toBe('2030-01-01');
    expect(dayOf(at, 60)).toBe('2030-01-02');
    expect(dayOf(new Date('2030-01-01T00:30:00Z'), -60)).toBe('2029-12-31');
  });
});
