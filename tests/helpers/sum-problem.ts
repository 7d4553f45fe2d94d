/** A tiny in-memory problem (sum of an array) for engine tests: no files, one exact checker. */
import { makeChecker } from '../../harness/src/check/checkers.ts';
import type { GradableProblem, GradableTest } from '../../harness/src/grade.ts';
import { DEFAULT_LIMITS, type SandboxLimits } from '../../harness/src/sandbox/types.ts';

export function sumProblem(limits: Partial<SandboxLimits> = {}): GradableProblem {
  const exact = makeChecker({ name: 'exact' });
  return {
    slug: 'sum',
    entries: ['sum'],
    driverJs: null,
    limits: { ...DEFAULT_LIMITS, memoryBytes: 64 * 1024 * 1024, wallMs: 30_000, ...limits },
    checkerFor: () => (c) => exact({ ...c, args: {} }),
  };
}

export function sumTests(stepBudget = 200): GradableTest[] {
  return [
    { id: 's1', group: 'sample', name: 'small', input: { fn: 'sum', args: [[1, 2, 3]] }, expected: 6, stepBudget },
    { id: 'h1', group: 'hidden', name: 'negative', input: { fn: 'sum', args: [[-4, 1]] }, expected: -3, stepBudget },
  ];
}

export const SUM_OK =
  'export function sum(a: number[]): number {\n  let s = 0;\n  for (const x of a) s += x;\n  return s;\n}\n';

/** A correct solution that does measurable work, so its step count is a useful fingerprint. */
export const SUM_BUSY =
  'export function sum(a: number[]): number {\n  let s = 0;\n  for (let r = 0; r < 200000; r++) for (const x of a) s += x;\n  return s / 200000;\n}\n';
