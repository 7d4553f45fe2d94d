/**
 * The grading queue. The database is the queue: a submission is stored as `queued` before anything else happens,
 * graders claim the oldest one atomically (SKIP LOCKED on PostgreSQL), grade it through the worker pool, and store
 * the result with the problem version it was graded against. A restart puts back what this grader left running, so
 * a crash loses nothing. Back-pressure is the caller's job (QUEUE_LIMIT, checked by enqueueSubmission in
 * routes/workspace.ts): this loop only takes work when a worker is free.
 *
 * Two low-priority lanes share what live submissions leave: re-grades (a new version of a problem graded against
 * stored submissions, problems/publishing.ts) and the replay lane (the distinct codes of screen timelines, issue 15
 * §3, storage/replays.ts). A grader takes from them only when no submission is queued, and with more than one
 * worker it leaves one free, so a submission that arrives meanwhile starts at once.
 *
 * With graders in several processes (README "Running on several machines"): each beats a heartbeat in the database
 * every quarter of its lease, and puts back to the queue what graders without a fresh heartbeat were grading (a
 * `kill -9`, a frozen machine), so another grader takes it within about a lease. Graders wake on a NOTIFY when work
 * is queued anywhere, and poll every few seconds in case one was missed. A grader cut off from the database backs
 * off (up to 30 s between tries) and carries on when it is back.
 *
 * Why not graphile-worker or pg-boss: the queue is the submissions table itself (its status is what the API shows,
 * what QUEUE_LIMIT counts, and what a priority lane orders), where a job library keeps jobs in its own tables; and
 * the ones on npm here re-offer a dead worker's job only after a timeout (graphile-worker 0.17: 4 hours; pg-boss 10:
 * the job's expiry, 15 minutes by default) and do not run on PGlite. The claim is one statement; the lease is two.
 */
import { makeChecker } from '../../../harness/src/check/checkers.ts';
import { tagForJson } from '../../../harness/src/codec.ts';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import {
  gradeSubmission,
  gradeToEnd,
  redactHidden,
  redactSummary,
  type GradeEvent,
  type GradableProblem,
  type GradeSummary,
  type TestResult,
} from '../../../harness/src/grade.ts';
import { sha256 } from '../../../harness/src/problem/build.ts';
import type { Executor } from '../../../harness/src/sandbox/executor.ts';
import { DEFAULT_LIMITS } from '../../../harness/src/sandbox/types.ts';
import type { GradeSummary as StoredSummary, SelfTest, TestResult as StoredResult, Verdict } from '../contract.ts';
import type { CatalogEntry, ProblemCatalog } from '../problems/catalog.ts';
import type { ReplayFigures, ReplayJob } from '../storage/replays.ts';
import type { RegradeJob } from '../storage/revisions.ts';
import { QUEUE_CHANNEL } from '../storage/cluster.ts';
import type { Store, SubmissionRow } from '../storage/types.ts';
import { screenOwner } from '../screens/lifecycle.ts';
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
  /** This process's grader id: unique among the processes sharing the database. */
  graderId: string;
  log: Logger;
  /** Also look for work this often, in case a wake-up (NOTIFY) was missed. */
  pollMs?: number;
  /** At start: a claim older than this is considered abandoned (what the lease did not already put back). */
  staleAfterMs?: number;
  /** A grader without a heartbeat for this long has its running submissions taken over (GRADER_LEASE_MS). */
  leaseMs?: number;
  /** Where this grader runs, recorded with its heartbeat. */
  host?: string;
  /**
   * Grading attempts before a submission is given up as a judge error. A submission whose grading keeps killing
   * the process would otherwise be claimed again on every restart, and the restarts would never end.
   */
  maxAttempts?: number;
  /** A revision being re-graded (checked, not yet live), by id; re-grade jobs of others are judge errors. */
  stagedEntry?: (revisionId: string) => Promise<CatalogEntry | undefined> | CatalogEntry | undefined;
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

/**
 * The replay lane's figures of one grading: passed counts overall and on the samples, and the results as hidden
 * tests are shown (index, group, verdict, steps, memory) whatever their group: a lane point shows verdicts only.
 */
export function replayFigures(summary: StoredSummary, results: StoredResult[]): ReplayFigures {
  const samples = results.filter((r) => r.group === 'sample');
  return {
    verdict: summary.verdict,
    passed: summary.passed,
    total: summary.total,
    samplesPassed: samples.filter((r) => r.verdict === 'AC').length,
    samplesTotal: samples.length,
    summary,
    results: results.map((r) => ({
      index: r.index,
      group: r.group,
      verdict: r.verdict,
      steps: r.steps,
      memoryBytes: r.memoryBytes,
      ...(r.scaleN !== undefined ? { scaleN: r.scaleN } : {}),
    })),
  };
}

export class GradingService {
  private inFlight = 0;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private loopDone: Promise<void> | null = null;
  private readonly running = new Set<Promise<void>>();
  private heartbeat: NodeJS.Timeout | null = null;
  private heartbeatFailing = false;
  private lastPrune = 0;
  private unlisten: (() => Promise<void>) | null = null;
  lastSelfTest: SelfTest | null = null;

  constructor(private readonly deps: GradingDeps) {}

  get activeCount(): number {
    return this.inFlight;
  }

  /** How many workers the replay lane may use at once: all but one, or the only one. */
  private get replaySlots(): number {
    return Math.max(1, this.deps.concurrency - 1);
  }

  private get leaseMs(): number {
    return this.deps.leaseMs ?? 10_000;
  }

  async start(): Promise<void> {
    const { store, graderId, log } = this.deps;
    // The heartbeat row exists before the first claim, so no other grader takes this one's work for a dead one's.
    await store.cluster.heartbeat(this.graderInfo());
    const staleAfterMs = this.deps.staleAfterMs ?? 10 * 60_000;
    const requeued = await store.requeueAbandoned(graderId, staleAfterMs);
    if (requeued > 0) log.warn({ requeued }, 'requeued submissions left running by a previous run');
    const regrades = await store.revisions.requeueAbandonedRegrades(graderId, staleAfterMs);
    if (regrades > 0) log.warn({ regrades }, 'requeued re-grades left running by a previous run');
    const replays = await store.replays.requeueAbandoned(graderId, staleAfterMs);
    if (replays > 0) log.warn({ replays }, 'requeued replay gradings left running by a previous run');
    this.unlisten = await store.cluster.listen(QUEUE_CHANNEL, () => this.notify());
    this.heartbeat = setInterval(() => void this.beat(), Math.max(250, Math.floor(this.leaseMs / 4)));
    this.loopDone = this.loop();
  }

  private track(grading: Promise<void>): void {
    this.inFlight++;
    const p = grading.finally(() => {
      this.inFlight--;
      this.running.delete(p);
      this.notify();
    });
    this.running.add(p);
  }

  private graderInfo(): { id: string; host: string; pid: number } {
    return { id: this.deps.graderId, host: this.deps.host ?? 'localhost', pid: process.pid };
  }

  /** The heartbeat, and the lease check for every grader: what dead graders were grading goes back to the queue. */
  private async beat(): Promise<void> {
    const { store, log } = this.deps;
    try {
      await store.cluster.heartbeat(this.graderInfo());
      const requeued = await store.cluster.requeueExpired(this.leaseMs);
      if (requeued > 0) log.warn({ requeued }, 'requeued submissions of a grader whose lease expired');
      if (Date.now() - this.lastPrune > 60_000) {
        this.lastPrune = Date.now();
        await store.liveEvents.prune(10 * 60_000);
      }
      if (this.heartbeatFailing) log.info({}, 'heartbeat: the database answers again');
      this.heartbeatFailing = false;
    } catch (e) {
      if (!this.heartbeatFailing) log.error({ err: e }, 'heartbeat failed (the database cannot be reached?)');
      this.heartbeatFailing = true;
    }
  }

  /** A submission was enqueued: look for work now. */
  notify(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      try {
        while (!this.stopped && this.inFlight < this.deps.concurrency) {
          const row = await this.deps.store.claimNext(this.deps.graderId);
          if (row) {
            this.track(this.grade(row));
            continue;
          }
          // No live work waits: a low-priority lane may take a worker, but never the last free one when there are
          // several, so that a submission arriving meanwhile starts at once. Re-grades (an author waits) first.
          if (this.inFlight >= this.replaySlots) break;
          const regrade = await this.deps.store.revisions.claimRegrade(this.deps.graderId);
          if (regrade) {
            this.track(this.regrade(regrade));
            continue;
          }
          const job = await this.deps.store.replays.claimNext(this.deps.graderId);
          if (!job) break;
          this.track(this.gradeReplay(job));
        }
        if (failures > 0) this.deps.log.info({ failures }, 'grading loop: claiming works again');
        failures = 0;
      } catch (e) {
        // The database is unreachable (or failing): back off, 0.5 s doubling up to 30 s, and log the first failure
        // of a run of them only.
        if (failures === 0) this.deps.log.error({ err: e }, 'grading loop failed to claim work; backing off');
        failures++;
      }
      if (this.stopped) break;
      // A wake-up that came while claiming (work queued meanwhile) is not lost: look again at once.
      if (this.woken && failures === 0) continue;
      const waitMs = failures > 0 ? Math.min(30_000, 250 * 2 ** failures) : (this.deps.pollMs ?? 3000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          this.wakeUp = null;
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** Grades a stored submission's code against a revision being re-graded; the result waits for the publish. */
  private async regrade(job: RegradeJob): Promise<void> {
    const { store, log } = this.deps;
    let summary: GradeSummary | null = null;
    let results: TestResult[] = [];
    try {
      const entry = await this.deps.stagedEntry?.(job.revisionId);
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

  /**
   * Grades one code on its problem's whole suite (hidden tests redacted), passing each event to `onEvent`. A judge
   * fault (or a grading started too many times) ends as JE, never as a verdict against the code.
   */
  private async gradeCode(
    code: { source: string; problem: string; attempts: number },
    context: Record<string, unknown>,
    onEvent: (e: GradeEvent) => void,
  ): Promise<{ summary: GradeSummary; results: TestResult[]; version: string | null }> {
    const { log } = this.deps;
    let summary: GradeSummary | null = null;
    const results: TestResult[] = [];
    let version: string | null = null;
    try {
      const maxAttempts = this.deps.maxAttempts ?? 3;
      if (code.attempts > maxAttempts)
        throw new Error(`grading was started ${code.attempts - 1} times and never finished; giving up`);
      const entry = this.deps.catalog.get(code.problem);
      if (!entry) throw new Error(`problem ${code.problem} is no longer available`);
      version = entry.problem.version;
      const stream = gradeSubmission({
        source: code.source,
        problem: entry.problem,
        tests: entry.tests,
        esbuild: this.deps.esbuild,
        executor: this.deps.executor,
        reveal: 'samples',
        digest: sha256,
        // A submission that hits a limit has its verdict: the rest is not run, so hostile code cannot hold a worker.
        stopAfterLimit: true,
        onJudgeError: (message, ctx) =>
          log.error({ ...ctx, ...context, attempt: code.attempts }, `judge error: ${message}`),
      });
      for await (const e of stream) {
        if (e.type === 'test-finished') results.push(e.result);
        if (e.type === 'done') summary = e.summary;
        onEvent(e);
      }
    } catch (e) {
      log.error({ err: e, ...context }, 'grading failed: judge error');
    }
    if (!summary) {
      summary = judgeErrorSummary(results.length);
      onEvent({ type: 'done', summary });
    }
    return { summary, results, version };
  }

  private async grade(row: SubmissionRow): Promise<void> {
    const { store, events, log } = this.deps;
    events.publish(row.id, { type: 'status', status: 'running' });
    const { summary, results, version } = await this.gradeCode(
      { source: row.code, problem: row.problem, attempts: row.attempts },
      { submission: row.id },
      (e) => events.publish(row.id, e),
    );
    // The verdict's event is stored before the result: a stream that finds the submission done has its `done` too.
    await events.flush(row.id);
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
    await events.flush(row.id);
  }

  /**
   * Grades one distinct code of a screen's timeline for the replay lane. A code the candidate also submitted was
   * graded already: its figures are copied instead of grading it again.
   */
  private async gradeReplay(job: ReplayJob): Promise<void> {
    const { store, log } = this.deps;
    try {
      const submitted = await store.gradedWithCode(screenOwner(job.screenId), job.problem, job.code);
      let figures: ReplayFigures;
      if (submitted) {
        const { summary, results } = storedOutcome(submitted);
        if (!summary) throw new Error(`submission ${submitted.id} is done without a summary`);
        figures = replayFigures(summary, results);
      } else {
        const { summary, results } = await this.gradeCode(
          { source: job.code, problem: job.problem, attempts: job.attempts },
          { screen: job.screenId, replay: job.seq },
          () => undefined,
        );
        figures = replayFigures(tagForJson(summary) as StoredSummary, tagForJson(results) as StoredResult[]);
      }
      if (!(await store.replays.finish(job.seq, this.deps.graderId, figures)))
        log.warn({ replay: job.seq }, 'replay figures not stored: the claim was lost');
    } catch (e) {
      // Left as running: the next start (or a stale-claim sweep) takes it again.
      log.error({ err: e, replay: job.seq }, 'could not grade a replay snapshot');
    }
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
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.wakeUp?.();
    await this.loopDone;
    await this.unlisten?.().catch(() => undefined);
    await Promise.race([Promise.all(this.running), new Promise((r) => setTimeout(r, graceMs))]);
    // What is still running goes back to the queue now rather than when the lease runs out.
    try {
      const requeued = await this.deps.store.cluster.leave(this.deps.graderId);
      if (requeued > 0) this.deps.log.warn({ requeued }, 'stopping: put unfinished submissions back in the queue');
    } catch (e) {
      this.deps.log.error({ err: e }, 'stopping: could not hand back unfinished submissions (the lease will)');
    }
  }
}
