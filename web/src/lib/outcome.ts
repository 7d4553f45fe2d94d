/** The state of one Run (in the browser) or Submit (on the server), built from the same grading events. */
import type { CompileError, GradeSummary, SubmissionEvent, TestResult } from './api.ts';
import { overallVerdict, type Verdict } from '../../../harness/src/verdict.ts';

export interface Outcome {
  mode: 'run' | 'submit';
  phase: 'starting' | 'queued' | 'running' | 'done' | 'failed';
  submissionId?: string;
  /** A Run: the code that ran (what "Report this test" sends; a submission's is on the server). */
  source?: string;
  compileError?: CompileError;
  compileMs?: number;
  /** Finished tests, by index. */
  results: TestResult[];
  /** The test running now. */
  running: number | null;
  summary?: GradeSummary;
  /** Why the run or submission could not be carried out (offline, rate limited, ...). */
  error?: string;
  /** In a run: how many of the tests are samples (the rest are custom inputs). */
  sampleCount: number;
  startedAt: number;
  finishedAt?: number;
}

export function newOutcome(mode: 'run' | 'submit', sampleCount: number): Outcome {
  return { mode, phase: 'starting', results: [], running: null, sampleCount, startedAt: performance.now() };
}

export function applyEvent(o: Outcome, e: SubmissionEvent): Outcome {
  switch (e.type) {
    case 'status':
      if (o.phase === 'done') return o;
      return { ...o, phase: e.status === 'queued' ? 'queued' : e.status === 'running' ? 'running' : o.phase };
    case 'compiled':
      return { ...o, phase: 'running', compileMs: e.ms };
    case 'compile-error':
      return { ...o, compileError: e.error };
    case 'test-started':
      return { ...o, phase: 'running', running: e.index };
    case 'test-finished': {
      const results = o.results.filter((r) => r.index !== e.result.index);
      results.push(e.result);
      results.sort((a, b) => a.index - b.index);
      return { ...o, results, running: o.running === e.result.index ? null : o.running };
    }
    case 'done':
      return {
        ...o,
        phase: 'done',
        running: null,
        summary: e.summary,
        finishedAt: performance.now(),
        ...(e.summary.compileError && !o.compileError ? { compileError: e.summary.compileError } : {}),
      };
  }
}

export const STOPPED = 'stopped by you; tests that did not finish are not shown.';

export function failOutcome(o: Outcome, message: string): Outcome {
  return { ...o, phase: 'failed', running: null, error: message, finishedAt: performance.now() };
}

/** The verdict to headline: for a run, over the samples only (custom inputs have no expected output). */
export function headlineVerdict(o: Outcome): Verdict | null {
  if (o.phase !== 'done' || !o.summary) return null;
  if (o.mode === 'submit') return o.summary.verdict;
  if (o.summary.verdict === 'CE' || o.summary.verdict === 'JE') return o.summary.verdict;
  const samples = o.results.filter((r) => r.index < o.sampleCount);
  const custom = o.results.filter((r) => r.index >= o.sampleCount);
  const v = overallVerdict(samples.map((r) => r.verdict));
  if (v !== 'AC') return v;
  return overallVerdict(custom.map((r) => r.verdict));
}
