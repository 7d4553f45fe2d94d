import { describe, expect, it } from 'vitest';
import { reportLine } from './RevisionPanel.tsx';

describe("the check report's lines", () => {
  it('gives a stored solution its verdict, and keeps any other line as text', () => {
    expect(reportLine('dot-sum', 'dot-sum: solutions/accepted/reference.ts → AC, growth n^1.00')).toEqual({
      file: 'solutions/accepted/reference.ts',
      verdict: 'AC',
      text: 'growth n^1.00',
    });
    expect(
      reportLine('dot-sum', 'dot-sum: solutions/wrong_answer/skips-last.ts → WA (first failure: test s1 "small")'),
    ).toMatchObject({ file: 'solutions/wrong_answer/skips-last.ts', verdict: 'WA' });
    // A line the page does not know (a new section of judge check) is shown as it comes, without the slug.
    expect(reportLine('dot-sum', 'dot-sum: null baselines: 6/6 fail')).toEqual({ text: 'null baselines: 6/6 fail' });
    expect(reportLine('dot-sum', 'dot-sum: solutions/x.ts → XYZ')).toEqual({ text: 'solutions/x.ts → XYZ' });
  });
});
