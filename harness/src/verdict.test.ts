import { describe, expect, it } from 'vitest';
import { isVerdict, overallVerdict } from './verdict.ts';

describe('overallVerdict', () => {
  it('is AC only when every test passed', () => {
    expect(overallVerdict(['AC', 'AC'])).toBe('AC');
    expect(overallVerdict([])).toBe('AC');
  });
  it('takes the first failure in test order', () => {
    expect(overallVerdict(['AC', 'WA', 'TLE'])).toBe('WA');
    expect(overallVerdict(['TLE', 'WA'])).toBe('TLE');
  });
  it('lets a judge error override everything: the result cannot be trusted', () => {
    expect(overallVerdict(['WA', 'JE'])).toBe('JE');
  });
  it('knows the closed set', () => {
    expect(isVerdict('OLE')).toBe(true);
    expect(isVerdict('ok')).toBe(false);
  });
});
