import { describe, expect, it } from 'vitest';
import { newOutcome, type Outcome } from '../lib/outcome.ts';
import { outcomeMarkers } from './markers.ts';

const lineEnd = (line: number): number => 10 + line;
const base = (o: Partial<Outcome>): Outcome => ({ ...newOutcome('run', 1), phase: 'done', ...o });

describe('outcomeMarkers', () => {
  it('marks a compile error where it is, to the end of its line', () => {
    const [m] = outcomeMarkers(
      base({ compileError: { message: 'Expected ";"', line: 3, column: 5, lineText: 'let x' } }),
      5,
      lineEnd,
      8,
    );
    expect(m).toMatchObject({
      severity: 8,
      message: 'Compilation error: Expected ";"',
      startLineNumber: 3,
      startColumn: 5,
      endLineNumber: 3,
      endColumn: 13,
    });
  });

  it("marks a sample's runtime error at the line its stack names in solution.ts", () => {
    const error = {
      name: 'TypeError',
      message: 'x is undefined',
      stack: 'TypeError: x is undefined\n    at f (solution.ts:4:7)',
    };
    const o = base({
      results: [{ index: 0, group: 'sample', verdict: 'RE', steps: 1, memoryBytes: 1, name: 'first', error }],
    });
    expect(outcomeMarkers(o, 5, lineEnd, 8)).toEqual([
      {
        severity: 8,
        message: 'TypeError: x is undefined (first)',
        startLineNumber: 4,
        startColumn: 7,
        endLineNumber: 4,
        endColumn: 14,
        source: 'judge',
      },
    ]);
    expect(outcomeMarkers(o, 3, lineEnd, 8)).toEqual([]);
  });

  it('marks nothing for an accepted run', () => {
    expect(
      outcomeMarkers(
        base({ results: [{ index: 0, group: 'sample', verdict: 'AC', steps: 1, memoryBytes: 1 }] }),
        5,
        lineEnd,
        8,
      ),
    ).toEqual([]);
  });
});
