/**
 * The closed set of verdicts, and how they combine.
 *
 * Per test, the run decides first (a limit that stopped it, an error it threw), then the checker (AC/WA).
 * Over a submission: CE if it did not compile; otherwise JE if any test hit a judge fault (the result cannot be
 * trusted, and it must never be shown as the user's fault); otherwise the verdict of the first test that did not
 * pass, in test order (samples first); otherwise AC. "First failure" is what users expect to read ("wrong answer
 * on test 7") and what problemtools calls `first_error`.
 */
export const VERDICTS = ['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'JE'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_NAMES: Record<Verdict, string> = {
  AC: 'Accepted',
  WA: 'Wrong answer',
  TLE: 'Time limit exceeded',
  MLE: 'Memory limit exceeded',
  OLE: 'Output limit exceeded',
  RE: 'Runtime error',
  CE: 'Compilation error',
  JE: 'Judge error',
};

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (VERDICTS as readonly string[]).includes(value);
}

/** Overall verdict of a graded submission from its per-test verdicts (in test order). */
export function overallVerdict(testVerdicts: readonly Verdict[]): Verdict {
  if (testVerdicts.includes('JE')) return 'JE';
  return testVerdicts.find((v) => v !== 'AC') ?? 'AC';
}
