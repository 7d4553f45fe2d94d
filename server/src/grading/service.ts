/**
 * The grading queue. The database is the queue: a submission is stored as `queued` before anything else happens,
 * graders claim the oldest one atomically (SKIP LOCKED on PostgreSQL), grade it through the worker pool, and store
 * the result with the problem version it was graded against. A restart puts back what this grader left running, so
 * a crash loses nothing. Back-pressure is the caller's job (QUEUE_LIMIT, checked by enqueueSubmission in
 * routes/workspace.ts): this loop only takes work when a worker is free.
 *
 * Re-grades (a new version of a problem graded against stored submissions, problems/publishing.ts) are a second,
 * low-priority lane: a worker takes one only when no live submission waits, and never more than all workers but
 * one, so a live submission finds a free worker at once whenever there are two or more.
 */
import { makeChecker } from '../../../harness/src/check/checkers.ts';
import { tagForJson } from '../../../harness/src/codec.ts';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import {
  gradeSubmission,
  gradeToEnd,
  redactHidden,
  redactSummary,
  type GradableProblem,
  type GradeSummary,
  type TestResult,
} from '../../../harness/src/grade.ts';
import { sha256 } from '../../../harness/src/problem/build.ts';
import type { Executor } from '../../../harness/src/sandbox/executor.ts';
import { DEFAULT_LIMITS } from '../../../harness/src/sandbox/types.ts';
import type { GradeSummary as StoredSummary, SelfTest, TestResult as StoredResult, Verdict } from '../contract.ts';
import type { CatalogEntry, ProblemCatalog } from '../problems/catalog.ts';
import type { RegradeJob } from '../storage/revisions.ts';
import type { Store, SubmissionRow } from '../storage/types.ts';
import type { SubmissionEvents } from './events.ts';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GradingDeps {
  store: Store;
  catalog: ProblemCatalog;
  executor: Executor;
  /** How many submissions to grade at once (the pool's size). */
  concurrency: number;
  esbuild: EsbuildApi;
  events: SubmissionEvents;
  graderId: string;
  log: Logger;
  /** Also look for work this often (other processes may enqueue on a shared database). */
  pollMs?: number;
  /** A claim older than this is considered abandoned by a dead grader. */
  staleAfterMs?: number;
  /**
   * Grading attempts before a submission is given up as a judge error. A submission whose grading keeps killing
   * the process would otherwise be claimed again on every restart, and the restarts would never end.
   */
  maxAttempts?: number;
  /** A revision being re-graded (checked, not yet live), by id; re-grade jobs of others are judge errors. */
  stagedEntry?: (revisionId: string) => CatalogEntry | undefined;
}

/**
 * A submission's outcome as `grade` below stored it (the store keeps any JSON): the summary and the results in
 * tagged JSON, in the contract's shapes. Every reader (the submission, its events, the screen report and its
 * export) goes through here, so hidden tests are redacted once more on the way out: rows stored before hidden tests
 * showed bands carry their exact steps and memory (issue 14 §1).
 */
export function storedOutcome(row: SubmissionRow): {
  verdict: Verdict | null;
  summary: StoredSummary | null;
  results: StoredResult[];
} {
  const results = (row.results as TestResult[]).map((r) => (r.group === 'hidden' ? redactHidden(r) : r));
  const summary = (row.summary ?? null) as GradeSummary | null;
  return {
    verdict: row.verdict as Verdict | null,
    summary: summary ? (redactSummary(summary, results) as StoredSummary) : null,
    results: results as StoredResult[],
  };
}

function judgeErrorSummary(total: number): GradeSummary {
  return {
    verdict: 'JE',
    passed: 0,
    total,
    steps: 0,
    maxMemoryBytes: 0,
    wallMs: 0,
    compileMs: 0,
    firstFailure: null,
  };
}

export class GradingService {
  private inFlight = 0;
  private regradesInFlight = 0;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private readonly running = new Set<Promise<void>>();
  lastSelfTest: SelfTest | null = null;

  constructor(private readonly deps: GradingDeps) {}

  get activeCount(): number {
    return this.inFlight;
  }

  async start(): Promise<void> {
    const staleAfterMs = this.deps.staleAfterMs ?? 10 * 60_000;
    const requeued = await this.deps.store.requeueAbandoned(this.deps.graderId, staleAfterMs);
    if (requeued > 0) this.deps.log.warn({ requeued }, 'requeued submissions left running by a previous run');
    const regrades = await this.deps.store.revisions.requeueAbandonedRegrades(this.deps.graderId, staleAfterMs);
    if (regrades > 0) this.deps.log.warn({ regrades }, 'requeued re-grades left running by a previous run');
    this.loopDone = this.loop();
  }

  /** A submission was enqueued: look for work now. */
  notify(): void {
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        while (!this.stopped && this.inFlight < this.deps.concurrency) {
          const row = await this.deps.store.claimNext(this.deps.graderId);
          if (row) {
            this.track(this.grade(row));
            continue;
          }
          // No live work waits: a re-grade may take a worker, leaving one free for live work when there are two.
          if (this.regradesInFlight >= Math.max(1, this.deps.concurrency - 1)) break;
          const job = await this.deps.store.revisions.claimRegrade(this.deps.graderId);
          if (!job) break;
          this.regradesInFlight++;
          this.track(this.regrade(job).finally(() => this.regradesInFlight--));
        }
      } catch (e) {
        this.deps.log.error({ err: e }, 'grading loop failed to claim work');
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.deps.pollMs ?? 1000);
        this.wakeUp = () => {
          clearTimeout(timer);
          this.wakeUp = null;
          resolve();
        };
      });
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight++;
    const p = work.finally(() => {
      this.inFlight--;
      this.running.delete(p);
      this.notify();
    });
    this.running.add(p);
  }

  /** Grades a stored submission's code against a revision being re-graded; the result waits for the publish. */
  private async regrade(job: RegradeJob): Promise<void> {
    const { store, log } = this.deps;
    let summary: GradeSummary | null = null;
    let results: TestResult[] = [];
    try {
      const entry = this.deps.stagedEntry?.(job.revisionId);
      if (!entry) throw new Error(`revision ${job.revisionId} is not loaded for re-grading`);
      const graded = await gradeToEnd({
        source: job.code,
        problem: entry.problem,
        tests: entry.tests,
        esbuild: this.deps.esbuild,
        executor: this.deps.executor,
        reveal: 'samples',
        digest: sha256,
        stopAfterLimit: true,
        onJudgeError: (message, context) =>
          log.error({ ...context, revision: job.revisionId, code: job.codeHash }, `judge error: ${message}`),
      });
      summary = graded.summary;
      results = graded.results;
    } catch (e) {
      log.error({ err: e, revision: job.revisionId }, 're-grading failed: judge error');
    }
    summary ??= judgeErrorSummary(results.length);
    try {
      await store.revisions.finishRegrade(job, this.deps.graderId, {
        verdict: summary.verdict,
        summary: tagForJson(summary),
        results: tagForJson(results) as unknown[],
      });
    } catch (e) {
      log.error({ err: e, revision: job.revisionId }, 'could not store a re-grade');
    }
  }

  private async grade(row: SubmissionRow): Promise<void> {
    const { store, events, log } = this.deps;
    events.publish(row.id, { type: 'status', status: 'running' });
    let summary: GradeSummary | null = null;
    const results: TestResult[] = [];
    let version: string | null = null;
    try {
      const maxAttempts = this.deps.maxAttempts ?? 3;
      if (row.attempts > maxAttempts)
        throw new Error(`grading was started ${row.attempts - 1} times and never finished; giving up`);
      const entry = this.deps.catalog.get(row.problem);
      if (!entry) throw new Error(`problem ${row.problem} is no longer available`);
      version = entry.problem.version;
      const stream = gradeSubmission({
        source: row.code,
        problem: entry.problem,
        tests: entry.tests,
        esbuild: this.deps.esbuild,
        executor: this.deps.executor,
        reveal: 'samples',
        digest: sha256,
        // A submission that hits a limit has its verdict: the rest is not run, so hostile code cannot hold a worker.
        stopAfterLimit: true,
        onJudgeError: (message, context) =>
          log.error({ ...context, submission: row.id, attempt: row.attempts }, `judge error: ${message}`),
      });
      for await (const e of stream) {
        if (e.type === 'test-finished') results.push(e.result);
        if (e.type === 'done') summary = e.summary;
        events.publish(row.id, e);
      }
    } catch (e) {
      log.error({ err: e, submission: row.id }, 'grading failed: judge error');
    }
    if (!summary) {
      summary = judgeErrorSummary(results.length);
      events.publish(row.id, { type: 'done', summary });
    }
    try {
      // Stored as tagged JSON: jsonb cannot hold -Infinity, and sample outputs can.
      const stored = await store.finishSubmission(row.id, this.deps.graderId, {
        verdict: summary.verdict,
        summary: tagForJson(summary),
        results: tagForJson(results) as unknown[],
        problemVersion: version,
      });
      if (!stored)
        log.warn({ submission: row.id }, 'result not stored: the claim was lost (another grader took it over)');
    } catch (e) {
      // Left as running: the next start (or a stale-claim sweep) grades it again.
      log.error({ err: e, submission: row.id }, 'could not store a result');
    }
    events.publish(row.id, { type: 'status', status: 'done' });
    events.finish(row.id);
  }

  /** Grades a known-good program through the real pool: the judge accepts work only if this passes. */
  async selfTest(): Promise<SelfTest> {
    const started = performance.now();
    const exact = makeChecker({ name: 'exact' });
    const problem: GradableProblem = {
      slug: 'self-test',
      entries: ['add'],
      driverJs: null,
      limits: { ...DEFAULT_LIMITS, wallMs: 30_000 },
      checkerFor: () => (c) => exact({ ...c, args: {} }),
    };
    let verdict: Verdict = 'JE';
    try {
      const r = await gradeToEnd({
        source: 'export function add(a: number, b: number): number { return a + b }',
        problem,
        tests: [
          {
            id: 'self',
            group: 'sample',
            name: 'add',
            input: { fn: 'add', args: [2, 3] },
            expected: 5,
            stepBudget: 100,
          },
        ],
        esbuild: this.deps.esbuild,
        executor: this.deps.executor,
      });
      verdict = r.summary.verdict;
    } catch (e) {
      this.deps.log.error({ err: e }, 'engine self-test failed');
    }
    this.lastSelfTest = {
      ok: verdict === 'AC',
      verdict,
      ms: Math.round(performance.now() - started),
      at: new Date().toISOString(),
    };
    return this.lastSelfTest;
  }

  /** Stops taking work and waits (up to `graceMs`) for what is being graded; the rest is requeued on next start. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loopDone;
    await Promise.race([Promise.all(this.running), new Promise((r) => setTimeout(r, graceMs))]);
  }
}
