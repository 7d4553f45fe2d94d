/**
 * A job is one submission's tests for one sandbox thread. `runJob` is the same loop in a Node worker thread and in
 * a browser Web Worker: it announces each test before running it (so the owner can arm its wall-clock kill switch),
 * reports progress while it runs (so the owner keeps it alive while it is interpreted), and reports each raw run.
 */
import type { Sandbox } from './sandbox.ts';
import {
  DEFAULT_LIMITS,
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
  // Each job starts on a base restored to its image (sandbox.ts): nothing of another submission's heap is seen.
  sandbox.discardModule();
  let stoppedBy: { index: number; outcome: RunOutcome & { kind: 'limit' } } | null = null;
  let measuringStopped = false;
  for (const test of job.tests) {
    if (job.stopFlag && Atomics.load(job.stopFlag, 0) !== 0) {
      emit({
        type: 'test-end',
        run: notRun(test.index, { kind: 'not-run', detail: `${NOT_RUN} an earlier test failed` }),
      });
      continue;
    }
    if (stoppedBy && (!test.measure || measuringStopped)) {
      const { index, outcome } = stoppedBy;
      emit({
        type: 'test-end',
        run: notRun(test.index, {
          kind: 'limit',
          limit: outcome.limit,
          detail: `${NOT_RUN} test ${index + 1} ended on a limit (${outcome.detail})`,
        }),
      });
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
    if (job.stopAfterLimit && run.outcome.kind === 'limit') {
      if (!stoppedBy) stoppedBy = { index: test.index, outcome: run.outcome };
      if (test.measure) measuringStopped = true;
    }
  }
  sandbox.discardModule();
  // The next job (of another submission) starts on a module built while this thread is idle.
  sandbox.prepareSpare(job.limits.memoryBytes);
}

function notRun(index: number, outcome: RunOutcome): RawTestRun {
  return { index, outcome, steps: 0, memoryBytes: 0, wallMs: 0, console: '', consoleTruncated: false };
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
