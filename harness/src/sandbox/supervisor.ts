/**
 * The one sandbox supervisor (issue 11 §3): the outer fence around the engine, shared by the Node worker pool
 * (node/pool.ts) and the browser executor (browser/worker-executor.ts). They differ only in how a worker is made and
 * killed (`SupervisedWorker`); everything below — the message protocol, the wall-clock guard, replacing a worker,
 * what a killed or lost test reports, when the rest of a job is not run — is written once.
 *
 * One job runs as a sequence of attempts on a worker. Each attempt is a small state machine:
 *
 *   running ──test-start──▶ running (guard armed for that test) ──test-end──▶ running (guard off)
 *      │                                                            │
 *      ├── job-end ─────────────────────────────────────────────▶ done
 *      ├── guard fires (a long native operation) ───────────────▶ killed  → worker replaced; the test is TLE `wall`,
 *      │                                                                    the job's remaining tests are not run
 *      ├── worker dies / job-failed ────────────────────────────▶ lost    → worker replaced; the test is JE and the
 *      │                                                                    job resumes with the remaining tests
 *      └── cancel (the user pressed Stop) ──────────────────────▶ cancelled → worker replaced; the stream ends
 *
 * Long native operations never reach the interrupt handler (quickjs-emscripten #219), so only killing the worker
 * bounds them; after a kill the verdict is already decided by that test or an earlier one, and a solution that stalls
 * in native code on every test must not hold a worker for tests × wallMs. Two losses in a row before any test starts
 * mean the judge is broken, not the submission: every unreported test is a judge error.
 */
import type { AsyncQueue } from '../util/async-queue.ts';
import { NOT_RUN, runJob, type JobEvent, type SandboxJob } from './job.ts';
import type { Sandbox } from './sandbox.ts';
import type { RawTestRun, RunOutcome } from './types.ts';

/** Messages between a supervisor and its sandbox worker (a Node worker thread or a browser Web Worker). */
export type WorkerRequest = { type: 'run'; jobId: number; job: SandboxJob };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'test-start'; jobId: number; index: number }
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
  /** Extra time past a test's wall-clock guard before the worker is killed (the soft guard fires first). */
  graceMs: number;
  onIncident?: (message: string) => void;
  /** Receives the function that cancels the attempt running now (the browser's Stop button). */
  onCancellable?: (cancel: (() => void) | null) => void;
}

type Ended = { state: 'done' } | { state: 'cancelled' } | { state: 'killed' | 'lost'; index: number; reason: string };

const run = (index: number, outcome: RunOutcome, wallMs = 0): RawTestRun => ({
  index,
  outcome,
  steps: 0,
  memoryBytes: 0,
  wallMs,
  console: '',
  consoleTruncated: false,
});

/** One attempt: posts the job's remaining tests to the worker and follows it until it ends one way or another. */
function attempt(
  w: SupervisedWorker,
  job: SandboxJob,
  jobId: number,
  out: AsyncQueue<JobEvent>,
  reported: Set<number>,
  opts: SuperviseOptions,
): Promise<Ended> {
  return new Promise<Ended>((resolve) => {
    let current = -1;
    let guard: ReturnType<typeof setTimeout> | null = null;
    const disarm = (): void => {
      if (guard) clearTimeout(guard);
      guard = null;
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
          disarm();
          guard = setTimeout(
            () => end({ state: 'killed', index: current, reason: 'wall-clock guard' }),
            job.limits.wallMs + opts.graceMs,
          );
          out.push({ type: 'test-start', index: m.index });
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
          w.post({ type: 'run', jobId, job: { ...job, tests: job.tests.filter((t) => !reported.has(t.index)) } });
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
      out.push({ type: 'test-end', run: run(t.index, outcome) });
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
              ? run(
                  ended.index,
                  { kind: 'limit', limit: 'wall', detail: 'the wall-clock guard expired (a long native operation)' },
                  job.limits.wallMs + opts.graceMs,
                )
              : run(ended.index, { kind: 'judge-error', message: `sandbox worker lost: ${ended.reason}` }),
        });
        if (ended.state === 'killed') {
          endUnreported({
            kind: 'limit',
            limit: 'wall',
            detail: `${NOT_RUN} test ${ended.index + 1} was stopped by the wall-clock guard`,
          });
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
        runJob(sb, m.job, (e) =>
          post(
            e.type === 'test-start'
              ? { type: 'test-start', jobId: m.jobId, index: e.index }
              : { type: 'test-end', jobId: m.jobId, run: e.run },
          ),
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
