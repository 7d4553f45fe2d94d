/**
 * A job is one submission's tests for one sandbox thread. `runJob` is the same loop in a Node worker thread and in
 * a browser Web Worker: it announces each test before running it (so the owner can arm its wall-clock kill switch),
 * reports progress while it runs (so the owner keeps it alive while it is interpreted), and reports each raw run.
 */
import type { Sandbox } from './sandbox.ts';
import {
  DEFAULT_LIMITS,
  type LimitKind,
  type RawTestRun,
  type RunOutcome,
  type SandboxLimits,
  type SandboxProgram,
  type SandboxTest,
} from './types.ts';

export interface SandboxJob {
  program: SandboxProgram;
  tests: SandboxTest[];
  limits: SandboxLimits;
  /**
   * After a test ends on a resource limit (steps, memory, output, console), do not run the rest (they end as "not
   * run" with the same limit): the verdict is already decided, and a hostile submission must not hold a worker for
   * every test (issue 14). Tests that measure (the scale group, sizes n, 2n, 4n, 8n) still run, to explain a TLE
   * by its growth, until one of them ends on a limit too: its larger successors would only hit their caps as well
   * (a capped point is a lower bound), and for a busy loop each would run 50 times its budget for nothing.
   */
  stopAfterLimit?: boolean;
  /**
   * Set (to non-zero, by the grader on the host) once a test did not pass and the rest are not wanted: the job then
   * reports every test it has not started as `not-run`, scale tests included. Only the host can tell a wrong answer
   * (the checker runs there), so the flag lives in shared memory and the worker reads it before each test; tests
   * the worker had already started still report normally. Absent where SharedArrayBuffer is not available (a
   * browser page without cross-origin isolation): every test then runs.
   */
  stopFlag?: Int32Array;
  /**
   * One part of a job split across workers (parts.ts): the worker keeps the session prepared for the job's earlier
   * parts, and keeps it after this one too (the next job of another submission discards it when it starts).
   */
  part?: boolean;
}

/** What a test that was not run reports (after a limit, or after the wall-clock guard killed an earlier test). */
export const NOT_RUN = 'not run:';
export const wasNotRun = (detail: string | undefined): boolean => detail?.startsWith(NOT_RUN) ?? false;

export type JobEvent = { type: 'test-start'; index: number } | { type: 'test-end'; run: RawTestRun };

/**
 * Runs the job's tests in order, emitting their events. `onProgress` (the worker posts it to the supervisor, whose
 * guard it keeps alive) is called while a test is being interpreted, at most every PROGRESS_INTERVAL_MS.
 */
export async function runJob(
  sandbox: Sandbox,
  job: SandboxJob,
  emit: (e: JobEvent) => void,
  onProgress?: (index: number, steps: number) => void,
): Promise<void> {
  // Each job starts on a base restored to its image (sandbox.ts): nothing of another submission's heap is seen. A
  // further part of the same job keeps the session its first part prepared on this worker (the session is keyed on
  // the program and limits, and restored to its snapshot before each test, so a kept one is the one it would build).
  if (!job.part) sandbox.discardModule();
  const rule = new StopRule(job.stopAfterLimit ?? false);
  for (const test of job.tests) {
    if (job.stopFlag && Atomics.load(job.stopFlag, 0) !== 0) {
      emit({ type: 'test-end', run: afterFailure(test.index) });
      continue;
    }
    const skipped = rule.skip(test);
    if (skipped) {
      emit({ type: 'test-end', run: notRun(test.index, skipped) });
      continue;
    }
    emit({ type: 'test-start', index: test.index });
    const run = await sandbox.runTest(
      job.program,
      test,
      job.limits,
      onProgress ? (steps) => onProgress(test.index, steps) : undefined,
    );
    emit({ type: 'test-end', run });
    rule.record(test, run);
  }
  if (job.part) return;
  sandbox.discardModule();
  // The next job (of another submission) starts on a module built while this thread is idle.
  sandbox.prepareSpare(job.limits.memoryBytes);
}

/** Why the tests after one the wall-clock guard killed (`reason`: which guard) were not run. */
export const killedDetail = (index: number, reason: string): string =>
  `${NOT_RUN} test ${index + 1} was stopped by the wall-clock guard (${reason})`;

/** What a test not started after the grader asked the job to stop (SandboxJob.stopFlag) reports. */
export const afterFailure = (index: number): RawTestRun =>
  notRun(index, { kind: 'not-run', detail: `${NOT_RUN} an earlier test failed` });

/** What a test that was not run reports. */
export function notRun(index: number, outcome: RunOutcome, wallMs = 0): RawTestRun {
  return { index, outcome, steps: 0, memoryBytes: 0, wallMs, console: '', consoleTruncated: false };
}

/**
 * Which tests of a job are not run after an earlier one ended on a limit, in the job's order: written once for the
 * worker's loop (runJob) and for merging a job that ran in parts on several workers (parts.ts), so that such a
 * job reports exactly what the same job on one worker reports. `skip` tells the outcome of a test that is not to be
 * run; `record` takes the run of each test that was.
 */
export class StopRule {
  private stoppedBy: { index: number; detail: string; limit: LimitKind } | null = null;
  private measuringStopped = false;
  /** The wall-clock guard killed the worker during this test (supervisor.ts): nothing after it runs. */
  private killedAt: { index: number; reason: string } | null = null;

  constructor(private readonly stopAfterLimit: boolean) {}

  skip(test: SandboxTest): RunOutcome | null {
    if (this.killedAt) {
      return { kind: 'limit', limit: 'wall', detail: killedDetail(this.killedAt.index, this.killedAt.reason) };
    }
    if (this.stoppedBy && (!test.measure || this.measuringStopped)) {
      const { index, limit, detail } = this.stoppedBy;
      return { kind: 'limit', limit, detail: `${NOT_RUN} test ${index + 1} ended on a limit (${detail})` };
    }
    return null;
  }

  record(test: SandboxTest, run: RawTestRun): void {
    const o = run.outcome;
    if (run.killed && o.kind === 'limit') {
      this.killedAt = { index: test.index, reason: o.detail };
      return;
    }
    if (this.stopAfterLimit && o.kind === 'limit') {
      if (!this.stoppedBy) this.stoppedBy = { index: test.index, limit: o.limit, detail: o.detail };
      if (test.measure) this.measuringStopped = true;
    }
  }
}

/**
 * Warms a sandbox thread up before it takes work, in Node worker threads and browser Web Workers alike. V8 compiles
 * WebAssembly lazily and tiers hot functions up only after they have run for a while: a first test that spends a few
 * hundred thousand ticks in the interpreter's loop on baseline code ran 20-30x slower than warm. So the warm-up runs
 * a solution-shaped program (loops, calls, arrays, strings, the prelude's globals) for ~50 steps, then builds the
 * module the first job will use.
 */
export async function warmUp(sandbox: Sandbox): Promise<void> {
  const solutionJs = `function f(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push((i * 7919) % 1000);
  a.sort((x, y) => x - y);
  const m = new Map();
  for (const x of a) m.set(x, (m.get(x) || 0) + 1);
  let s = 0;
  for (let r = 0; r < 20; r++) for (let i = 0; i < a.length; i++) s += a[i] & r;
  return [s, m.size, new TextEncoder().encode(String(s)).length, a.slice(0, 3).join(',')];
}`;
  await sandbox.runTest(
    { solutionJs, driverJs: null, entries: ['f'] },
    { index: 0, input: '{"fn":"f","args":[20000]}', stepBudget: 100_000, seed: 1 },
    { ...DEFAULT_LIMITS, wallMs: 120_000 },
  );
  sandbox.discardModule();
  sandbox.prepareSpare(DEFAULT_LIMITS.memoryBytes);
}
