/**
 * The outer fence around the sandbox in a browser: one dedicated Web Worker runs the tests (sandbox-worker.ts) under
 * the shared supervisor (sandbox/supervisor.ts: wall-clock guard, replacement, what a killed or lost test reports).
 * What is the browser's own: how the worker is made and killed, jobs running one at a time in order, and Stop.
 */
import type { Executor } from '../sandbox/executor.ts';
import type { JobEvent, SandboxJob } from '../sandbox/job.ts';
import { supervise, type SupervisedWorker, type WorkerReply } from '../sandbox/supervisor.ts';
import { AsyncQueue } from '../util/async-queue.ts';

export interface BrowserExecutorOptions {
  /** Starts a sandbox worker; defaults to the bundled sandbox-worker.ts as a module worker. */
  createWorker?: () => Worker;
  /** Extra time past a guard (no progress for wallMs, the absolute cap) before a worker is killed (supervisor.ts). */
  killGraceMs?: number;
  /** The absolute cap on a test's wall time, progress or not; default max(4 × wallMs, 60 s) (supervisor.ts). */
  wallCapMs?: number;
  /** Judge-side incidents (worker killed or lost), for the console. */
  onIncident?: (message: string) => void;
}

const defaultWorker = (): Worker =>
  new Worker(new URL('./sandbox-worker.ts', import.meta.url), { type: 'module', name: 'judge-sandbox' });

/** A Web Worker as the supervisor sees it. */
function webWorker(worker: Worker): SupervisedWorker {
  const w: SupervisedWorker = {
    ready: Promise.resolve(),
    post: (request) => worker.postMessage(request),
    kill: () => worker.terminate(),
    onReply: null,
    onFail: null,
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.addEventListener('message', (ev: MessageEvent<WorkerReply>) => {
      const m = ev.data;
      if (m.type === 'ready') resolve();
      else if (m.type === 'init-failed') {
        reject(new Error(`sandbox worker failed to start: ${m.message}`));
        w.onFail?.(`sandbox worker failed to start: ${m.message}`);
      } else w.onReply?.(m);
    });
    worker.addEventListener('error', (ev: ErrorEvent) => {
      const reason = `worker error: ${ev.message || 'unknown'}`;
      reject(new Error(reason));
      w.onFail?.(reason);
    });
    worker.addEventListener('messageerror', () => w.onFail?.('worker message could not be read'));
  });
  ready.catch(() => undefined);
  return Object.assign(w, { ready });
}

export class BrowserWorkerExecutor implements Executor {
  private slot: SupervisedWorker | null = null;
  private jobIds = 1;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private cancelRunning: (() => void) | null = null;

  constructor(private readonly options: BrowserExecutorOptions = {}) {}

  /** Starts the worker now (QuickJS compile and warm-up) so the first run does not wait for it. */
  ready(): Promise<void> {
    return this.current().ready;
  }

  private current(): SupervisedWorker {
    this.slot ??= webWorker((this.options.createWorker ?? defaultWorker)());
    return this.slot;
  }

  run(job: SandboxJob): AsyncIterable<JobEvent> {
    const out = new AsyncQueue<JobEvent>();
    this.tail = this.tail.then(() => this.drive(job, out)).catch(() => undefined);
    return out;
  }

  private async drive(job: SandboxJob, out: AsyncQueue<JobEvent>): Promise<void> {
    if (this.closed) {
      out.close(new Error('the executor is closed'));
      return;
    }
    await supervise(
      job,
      {
        worker: () => this.current(),
        replace: (w) => {
          w.kill();
          this.slot = webWorker((this.options.createWorker ?? defaultWorker)());
          return this.slot;
        },
        nextJobId: () => this.jobIds++,
      },
      out,
      {
        graceMs: this.options.killGraceMs ?? 1000,
        ...(this.options.wallCapMs !== undefined ? { wallCapMs: this.options.wallCapMs } : {}),
        ...(this.options.onIncident ? { onIncident: this.options.onIncident } : {}),
        onCancellable: (cancel) => {
          this.cancelRunning = cancel;
        },
      },
    );
  }

  /**
   * Stops the job that is running now (the user pressed Stop): its worker is terminated and replaced, and its event
   * stream ends without the remaining tests. Jobs queued behind it still run.
   */
  cancelCurrent(): void {
    this.cancelRunning?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.slot?.kill();
    this.slot = null;
  }
}
