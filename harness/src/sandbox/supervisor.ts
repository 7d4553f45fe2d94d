/**
 * The one sandbox supervisor (issue 11 §3): the outer fence around the engine, shared by the Node worker pool
 * (node/pool.ts) and the browser executor (browser/worker-executor.ts). They differ only in how a worker is made and
 * killed (`SupervisedWorker`); everything below — the message protocol, the wall-clock guard, replacing a worker,
 * what a killed or lost test reports, when the rest of a job is not run — is written once.
 *
 * One job runs as a sequence of attempts on a worker. Each attempt is a small state machine:
 *
 *   running ──test-start──▶ running (guard armed for that test) ──test-end──▶ running (guard off)
 *      │                        │  ▲
 *      │                        └──┘ progress (the test is being interpreted: the no-progress window starts again)
 *      ├── job-end ─────────────────────────────────────────────▶ done
 *      ├── guard fires: no progress for wallMs + grace, or ─────▶ killed  → worker replaced; the test is TLE `wall`,
 *      │   the test ran past the absolute cap + grace                      the job's remaining tests are not run
 *      ├── worker dies / job-failed ────────────────────────────▶ lost    → worker replaced; the test is JE and the
 *      │                                                                    job resumes with the remaining tests
 *      └── cancel (the user pressed Stop) ──────────────────────▶ cancelled → worker replaced; the stream ends
 *
 * The wall clock stops only code that makes no progress ("deterministic grading: the same verdict on any machine,
 * under any load"). While a test is interpreted, the engine's interrupt handler runs and the step budget bounds it
 * deterministically; it also reports progress (every PROGRESS_INTERVAL_MS at most), so a slow or loaded machine never
 * turns an accepted solution into TLE. Long native operations never reach the interrupt handler
 * (quickjs-emscripten #219): they send no progress, and only killing the worker bounds them. The absolute cap
 * (`wallCapMs`, default max(4 × wallMs, 60 s)) ends a pathological case that keeps making progress (a huge budget);
 * the engine stops at the same cap by itself first, cleanly, so the kill at cap + grace is only a backstop.
 * After a kill the verdict is already decided by that test or an earlier one, and a solution that stalls in native
 * code on every test must not hold a worker for tests × wallMs. Two losses in a row before any test starts mean the
 * judge is broken, not the submission: every unreported test is a judge error.
 */
import type { AsyncQueue } from '../util/async-queue.ts';
import { killedDetail, notRun, runJob, type JobEvent, type SandboxJob } from './job.ts';
import type { Sandbox } from './sandbox.ts';
import { defaultWallCapMs, wallDetail, type RawTestRun, type RunOutcome } from './types.ts';

/** Messages between a supervisor and its sandbox worker (a Node worker thread or a browser Web Worker). */
export type WorkerRequest = { type: 'run'; jobId: number; job: SandboxJob };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'test-start'; jobId: number; index: number }
  /** The test is being interpreted (sent from the interrupt handler, at most every PROGRESS_INTERVAL_MS). */
  | { type: 'progress'; jobId: number; index: number; steps: number }
  | { type: 'test-end'; jobId: number; run: RawTestRun }
  | { type: 'job-end'; jobId: number }
  | { type: 'job-failed'; jobId: number; message: string };

/** A sandbox worker as the supervisor sees it: the host (Node or browser) makes, wires and kills it. */
export interface SupervisedWorker {
  /** Resolves when the worker has loaded and warmed the engine; rejects if it cannot start. */
  readonly ready: Promise<void>;
  post(request: WorkerRequest): void;
  kill(): void;
  /** Set by the supervisor while a job runs on this worker. */
  onReply: ((m: WorkerReply) => void) | null;
  onFail: ((reason: string) => void) | null;
}

export interface SupervisorHost {
  /** The worker the next attempt runs on. */
  worker(): SupervisedWorker;
  /** Kills `w` and returns a fresh worker in its place. */
  replace(w: SupervisedWorker): SupervisedWorker;
  /** A job id unique among this host's jobs (replies are matched on it). */
  nextJobId(): number;
}

export interface SuperviseOptions {
  /**
   * Extra time past a guard before the worker is killed: past the no-progress window of `wallMs` (so a worker kept
   * busy for a moment by its host is not taken for a stalled one), and past the absolute cap (where the engine's
   * own soft cap fires first).
   */
  graceMs: number;
  /** The absolute cap on a test's wall time, progress or not; default `defaultWallCapMs(job.limits.wallMs)`. */
  wallCapMs?: number;
  onIncident?: (message: string) => void;
  /** Receives the function that cancels the attempt running now (the browser's Stop button). */
  onCancellable?: (cancel: (() => void) | null) => void;
}

type Ended =
  | { state: 'done' }
  | { state: 'cancelled' }
  | { state: 'lost'; index: number; reason: string }
  /** `reason`: which guard fired (no progress, or the cap), as the test's TLE shows it; `afterMs`: since test-start. */
  | { state: 'killed'; index: number; reason: string; afterMs: number };

/** One attempt: posts the job's remaining tests to the worker and follows it until it ends one way or another. */
function attempt(
  w: SupervisedWorker,
  job: SandboxJob,
  jobId: number,
  out: AsyncQueue<JobEvent>,
  reported: Set<number>,
  opts: SuperviseOptions,
): Promise<Ended> {
  const capMs = opts.wallCapMs ?? job.limits.wallCapMs ?? defaultWallCapMs(job.limits.wallMs);
  /** No progress for this long: a long native operation. */
  const silentMs = job.limits.wallMs + opts.graceMs;
  return new Promise<Ended>((resolve) => {
    let current = -1;
    let startedAt = 0;
    let progressAt = 0;
    let guard: ReturnType<typeof setTimeout> | null = null;
    const disarm = (): void => {
      if (guard) clearTimeout(guard);
      guard = null;
    };
    // The guard is armed for the earliest moment the test could be killed, not re-armed on every progress message:
    // when it fires, it looks at when progress last came and either kills or arms again.
    const arm = (): void => {
      disarm();
      const due = Math.min(progressAt + silentMs, startedAt + capMs + opts.graceMs);
      guard = setTimeout(secondLook, Math.max(0, due - performance.now()));
    };
    // A host thread that was itself held up (a long request handler, a loaded machine) runs a due timer at the start
    // of its next turn, before it reads the messages that arrived in the meantime: one more turn of the event loop
    // lets progress that is already here count before deciding (wall-guard.test.ts holds the thread to show it).
    const secondLook = (): void => {
      guard = setTimeout(decide, 0);
    };
    const decide = (): void => {
      guard = null;
      const now = performance.now();
      const afterMs = now - startedAt;
      if (afterMs >= capMs + opts.graceMs)
        end({ state: 'killed', index: current, reason: wallDetail('cap', capMs), afterMs });
      else if (now - progressAt >= silentMs)
        end({ state: 'killed', index: current, reason: wallDetail('no-progress', silentMs), afterMs });
      else arm();
    };
    const end = (e: Ended): void => {
      disarm();
      w.onReply = null;
      w.onFail = null;
      opts.onCancellable?.(null);
      resolve(e);
    };
    w.onReply = (m) => {
      if (!('jobId' in m) || m.jobId !== jobId) return;
      switch (m.type) {
        case 'test-start':
          current = m.index;
          startedAt = progressAt = performance.now();
          arm();
          out.push({ type: 'test-start', index: m.index });
          break;
        case 'progress':
          if (m.index === current) progressAt = performance.now();
          break;
        case 'test-end':
          disarm();
          current = -1;
          reported.add(m.run.index);
          out.push({ type: 'test-end', run: m.run });
          break;
        case 'job-end':
          end({ state: 'done' });
          break;
        case 'job-failed':
          end({ state: 'lost', index: current, reason: m.message });
          break;
      }
    };
    w.onFail = (reason) => end({ state: 'lost', index: current, reason });
    opts.onCancellable?.(() => end({ state: 'cancelled' }));
    w.ready.then(
      () => {
        if (w.onReply)
          w.post({
            type: 'run',
            jobId,
            // The engine's soft cap is the same as this guard's.
            job: {
              ...job,
              limits: { ...job.limits, wallCapMs: capMs },
              tests: job.tests.filter((t) => !reported.has(t.index)),
            },
          });
      },
      (e: unknown) => end({ state: 'lost', index: -1, reason: e instanceof Error ? e.message : String(e) }),
    );
  });
}

/**
 * Runs `job` to the end on the host's workers, streaming its events into `out` (closed at the end). Returns the
 * worker in use at the end (a replacement if the first was killed), for the host to keep or release.
 */
export async function supervise(
  job: SandboxJob,
  host: SupervisorHost,
  out: AsyncQueue<JobEvent>,
  opts: SuperviseOptions,
): Promise<SupervisedWorker> {
  let w = host.worker();
  const reported = new Set<number>();
  const unreported = () => job.tests.filter((t) => !reported.has(t.index));
  const endUnreported = (outcome: RunOutcome): void => {
    for (const t of unreported()) {
      reported.add(t.index);
      out.push({ type: 'test-end', run: notRun(t.index, outcome) });
    }
  };
  let consecutiveLosses = 0;
  try {
    while (unreported().length > 0) {
      const ended = await attempt(w, job, host.nextJobId(), out, reported, opts);
      if (ended.state === 'done') break;
      // Whatever else happened, this worker may be busy or broken: it is replaced.
      w = host.replace(w);
      if (ended.state === 'cancelled') break;
      opts.onIncident?.(`${ended.state} a sandbox worker during test ${ended.index}: ${ended.reason}`);
      consecutiveLosses = ended.index < 0 ? consecutiveLosses + 1 : 0;
      if (ended.index >= 0 && !reported.has(ended.index)) {
        reported.add(ended.index);
        out.push({
          type: 'test-end',
          run:
            ended.state === 'killed'
              ? // Marked, so that a job run in parts stops the later tests of its other parts too (parts.ts).
                {
                  ...notRun(ended.index, { kind: 'limit', limit: 'wall', detail: ended.reason }, ended.afterMs),
                  killed: true,
                }
              : notRun(ended.index, { kind: 'judge-error', message: `sandbox worker lost: ${ended.reason}` }),
        });
        if (ended.state === 'killed') {
          endUnreported({ kind: 'limit', limit: 'wall', detail: killedDetail(ended.index, ended.reason) });
          break;
        }
      } else if (consecutiveLosses >= 2) {
        endUnreported({ kind: 'judge-error', message: `sandbox worker lost: ${ended.reason}` });
        break;
      }
    }
    out.close();
  } catch (e) {
    out.close(e);
  }
  return w;
}

/**
 * The worker side of the protocol, the same in a Node worker thread and a browser Web Worker: wait for the
 * sandbox (booted and warmed), then run each requested job and report its events.
 */
export function serveJobs(sandbox: Promise<Sandbox>, post: (m: WorkerReply) => void): (m: WorkerRequest) => void {
  sandbox.then(
    () => post({ type: 'ready' }),
    (e: unknown) => post({ type: 'init-failed', message: e instanceof Error ? e.message : String(e) }),
  );
  return (m) => {
    if (m.type !== 'run') return;
    sandbox
      .then((sb) =>
        runJob(
          sb,
          m.job,
          (e) =>
            post(
              e.type === 'test-start'
                ? { type: 'test-start', jobId: m.jobId, index: e.index }
                : { type: 'test-end', jobId: m.jobId, run: e.run },
            ),
          // Posted from inside the interrupt handler: the message leaves now, while this thread keeps interpreting.
          (index, steps) => post({ type: 'progress', jobId: m.jobId, index, steps }),
        ),
      )
      .then(() => post({ type: 'job-end', jobId: m.jobId }))
      .catch((err: unknown) =>
        post({
          type: 'job-failed',
          jobId: m.jobId,
          message: err instanceof Error ? (err.stack ?? err.message) : String(err),
        }),
      );
  };
}
