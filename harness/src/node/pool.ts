/**
 * A pool of worker threads that run sandbox jobs under the shared supervisor (sandbox/supervisor.ts: the wall-clock
 * guard, replacing a killed or lost worker, what such a test reports). What is the pool's own: spawning worker
 * threads with a 64 MiB native stack, handing idle workers to jobs (a job with enough tests borrows the workers idle
 * when it starts, and gives them back as soon as another job waits: sandbox/parts.ts), and closing.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import type { Executor } from '../sandbox/executor.ts';
import type { JobEvent, SandboxJob } from '../sandbox/job.ts';
import { runInParts, workersFor } from '../sandbox/parts.ts';
import { supervise, type SupervisedWorker, type WorkerReply } from '../sandbox/supervisor.ts';
import { AsyncQueue } from '../util/async-queue.ts';
import type { EngineName } from './engine.ts';

export interface PoolOptions {
  size?: number;
  engine?: EngineName;
  /** Extra time past a guard (no progress for wallMs, the absolute cap) before a worker is killed (supervisor.ts). */
  killGraceMs?: number;
  /** The absolute cap on a test's wall time, progress or not; default max(4 × wallMs, 60 s) (supervisor.ts). */
  wallCapMs?: number;
  /** Called for judge-side incidents (worker lost, killed); the server logs them. */
  onIncident?: (message: string) => void;
  /**
   * Split a job across the workers idle when it starts (sandbox/parts.ts; default true): the same results, sooner
   * when the pool is not busy.
   */
  splitJobs?: boolean;
  /** Starts a sandbox worker; defaults to a worker thread running worker-entry.mjs (tests pass a scripted one). */
  createWorker?: () => NodeWorkerLike;
}

/** What the pool uses of a `node:worker_threads` Worker. */
export type NodeWorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'on' | 'once'>;

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export class WorkerPool implements Executor {
  readonly size: number;
  private readonly idle: SupervisedWorker[] = [];
  private readonly waiting: Array<{ resolve: (s: SupervisedWorker) => void; reject: (e: Error) => void }> = [];
  private jobIds = 1;
  private closed = false;
  private readonly all = new Set<SupervisedWorker>();
  /** Workers that have loaded and warmed the engine: only these are lent (a new one takes a second or two). */
  private readonly warm = new WeakSet<SupervisedWorker>();

  constructor(private readonly options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    for (let i = 0; i < this.size; i++) this.release(this.spawn());
  }

  /** Resolves when every worker has loaded the engine. */
  async ready(): Promise<void> {
    await Promise.all([...this.all].map((s) => s.ready));
  }

  /** A worker thread as the supervisor sees it. */
  private spawn(): SupervisedWorker {
    const worker =
      this.options.createWorker?.() ??
      new Worker(ENTRY, { workerData: { engine: this.options.engine }, resourceLimits: { stackSizeMb: 64 } });
    const w: SupervisedWorker = {
      ready: Promise.resolve(),
      post: (request) => worker.postMessage(request),
      kill: () => void worker.terminate(),
      onReply: null,
      onFail: null,
    };
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'init-failed') {
          reject(new Error(m.message));
          w.onFail?.(`sandbox worker failed to start: ${m.message}`);
        } else w.onReply?.(m);
      });
      worker.once('error', reject);
    });
    ready.then(
      () => this.warm.add(w),
      () => undefined,
    );
    worker.on('error', (err) => w.onFail?.(`worker error: ${err.message}`));
    worker.on('exit', (code) => {
      this.all.delete(w);
      w.onFail?.(`worker exited with code ${code}`);
    });
    Object.assign(w, { ready });
    this.all.add(w);
    return w;
  }

  private release(w: SupervisedWorker): void {
    if (this.closed) {
      w.kill();
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(w);
    else this.idle.push(w);
  }

  private acquire(): Promise<SupervisedWorker> {
    if (this.closed) return Promise.reject(new JudgeError(ERROR_CODES.POOL_CLOSED, 'the grading pool is closed'));
    const w = this.idle.shift();
    if (w) return Promise.resolve(w);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  run(job: SandboxJob): AsyncIterable<JobEvent> {
    const out = new AsyncQueue<JobEvent>();
    void this.drive(job, out);
    return out;
  }

  private async drive(job: SandboxJob, out: AsyncQueue<JobEvent>): Promise<void> {
    let first: SupervisedWorker;
    try {
      first = await this.acquire();
    } catch (e) {
      out.close(e);
      return;
    }
    // Warm workers idle now (none is while jobs wait) are lent to this job: see sandbox/parts.ts.
    const lendable = this.options.splitJobs === false ? [] : this.idle.filter((w) => this.warm.has(w));
    const n = workersFor(job, lendable.length);
    if (n === 1) {
      this.release(await this.supervised(first, job, out));
      return;
    }
    const lent = lendable.slice(0, n - 1);
    for (const w of lent) this.idle.splice(this.idle.indexOf(w), 1);
    const workers = [first, ...lent];
    await runInParts(
      job,
      workers,
      {
        run: (w, part, partOut, onCancellable) => this.supervised(w, part, partOut, onCancellable),
        release: (w) => this.release(w),
        wanted: () => this.waiting.length > 0,
      },
      out,
    );
  }

  /** Runs `job` on worker `w` under the supervisor; resolves to the worker in use at the end (a replacement if killed). */
  private supervised(
    w: SupervisedWorker,
    job: SandboxJob,
    out: AsyncQueue<JobEvent>,
    onCancellable?: (cancel: (() => void) | null) => void,
  ): Promise<SupervisedWorker> {
    let current = w;
    return supervise(
      job,
      {
        worker: () => current,
        replace: (old) => {
          old.onReply = null;
          old.onFail = null;
          this.all.delete(old);
          old.kill();
          current = this.spawn();
          return current;
        },
        nextJobId: () => this.jobIds++,
      },
      out,
      {
        graceMs: this.options.killGraceMs ?? 1000,
        ...(this.options.wallCapMs !== undefined ? { wallCapMs: this.options.wallCapMs } : {}),
        ...(this.options.onIncident ? { onIncident: this.options.onIncident } : {}),
        ...(onCancellable ? { onCancellable } : {}),
      },
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0))
      w.reject(new JudgeError(ERROR_CODES.POOL_CLOSED, 'the grading pool is closed'));
    await Promise.all([...this.all].map((w) => w.kill()));
    this.all.clear();
    this.idle.length = 0;
  }
}
