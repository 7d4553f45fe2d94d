/**
 * The outer fence around the sandbox in a browser: one dedicated Web Worker runs the tests (sandbox-worker.ts), and
 * this executor arms a wall-clock timer of `wallMs + grace` whenever the worker announces a test. When the timer
 * fires, the worker is terminated, the test ends as a `wall` limit (TLE), and the job continues with its remaining
 * tests on a fresh worker — the same logic as the Node pool (harness/src/node/pool.ts). A worker that fails for any
 * other reason ends its current test as a judge error. Jobs run one at a time, in order.
 */
import type { Executor } from '../sandbox/executor.ts';
import type { JobEvent, SandboxJob } from '../sandbox/job.ts';
import type { RawTestRun } from '../sandbox/types.ts';
import { AsyncQueue } from '../util/async-queue.ts';
import type { BrowserWorkerReply, BrowserWorkerRequest } from './protocol.ts';

export interface BrowserExecutorOptions {
  /** Starts a sandbox worker; defaults to the bundled sandbox-worker.ts as a module worker. */
  createWorker?: () => Worker;
  /** Extra time past a test's wall-clock guard before the worker is killed (the soft guard fires first). */
  killGraceMs?: number;
  /** Judge-side incidents (worker killed or lost), for the console. */
  onIncident?: (message: string) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  onReply: ((m: BrowserWorkerReply) => void) | null;
  onFail: ((reason: string) => void) | null;
}

const defaultWorker = (): Worker => new Worker(new URL('./sandbox-worker.ts', import.meta.url), { type: 'module', name: 'judge-sandbox' });

type Ended = { kind: 'done' } | { kind: 'cancelled' } | { kind: 'lost'; index: number; reason: string; killed: boolean };

export class BrowserWorkerExecutor implements Executor {
  private slot: Slot | null = null;
  private nextJobId = 1;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private cancelRunning: (() => void) | null = null;

  constructor(private readonly options: BrowserExecutorOptions = {}) {}

  /** Starts the worker now (QuickJS compile and warm-up) so the first run does not wait for it. */
  ready(): Promise<void> {
    return this.current().ready;
  }

  private current(): Slot {
    this.slot ??= this.spawn();
    return this.slot;
  }

  private spawn(): Slot {
    const worker = (this.options.createWorker ?? defaultWorker)();
    const slot: Slot = { worker, ready: Promise.resolve(), onReply: null, onFail: null };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.addEventListener('message', (ev: MessageEvent<BrowserWorkerReply>) => {
        const m = ev.data;
        if (m.type === 'ready') resolve();
        else if (m.type === 'init-failed') {
          reject(new Error(`sandbox worker failed to start: ${m.message}`));
          slot.onFail?.(`sandbox worker failed to start: ${m.message}`);
        } else slot.onReply?.(m);
      });
      worker.addEventListener('error', (ev: ErrorEvent) => {
        const reason = `worker error: ${ev.message || 'unknown'}`;
        reject(new Error(reason));
        slot.onFail?.(reason);
      });
      worker.addEventListener('messageerror', () => slot.onFail?.('worker message could not be read'));
    });
    slot.ready.catch(() => undefined);
    return slot;
  }

  private replace(): Slot {
    if (this.slot) {
      this.slot.onReply = null;
      this.slot.onFail = null;
      this.slot.worker.terminate();
    }
    this.slot = this.spawn();
    return this.slot;
  }

  run(job: SandboxJob): AsyncIterable<JobEvent> {
    const out = new AsyncQueue<JobEvent>();
    const previous = this.tail;
    this.tail = previous.then(() => this.drive(job, out)).catch(() => undefined);
    return out;
  }

  private async drive(job: SandboxJob, out: AsyncQueue<JobEvent>): Promise<void> {
    if (this.closed) {
      out.close(new Error('the executor is closed'));
      return;
    }
    let remaining = job.tests;
    const grace = this.options.killGraceMs ?? 1000;
    const reported = new Set<number>();
    let consecutiveLosses = 0;
    try {
      while (remaining.length > 0) {
        const slot = this.current();
        const ended = await new Promise<Ended>((resolve) => {
          let current = -1;
          let timer: ReturnType<typeof setTimeout> | null = null;
          const clear = (): void => {
            if (timer) clearTimeout(timer);
            timer = null;
          };
          const jobId = this.nextJobId++;
          slot.onReply = (m) => {
            if (!('jobId' in m) || m.jobId !== jobId) return;
            if (m.type === 'test-start') {
              current = m.index;
              clear();
              timer = setTimeout(() => {
                slot.onFail = null;
                resolve({ kind: 'lost', index: current, reason: 'wall-clock guard', killed: true });
              }, job.limits.wallMs + grace);
              out.push({ type: 'test-start', index: m.index });
            } else if (m.type === 'test-end') {
              clear();
              current = -1;
              reported.add(m.run.index);
              out.push({ type: 'test-end', run: m.run });
            } else if (m.type === 'job-end') {
              clear();
              resolve({ kind: 'done' });
            } else if (m.type === 'job-failed') {
              clear();
              resolve({ kind: 'lost', index: current, reason: m.message, killed: false });
            }
          };
          slot.onFail = (reason) => {
            clear();
            resolve({ kind: 'lost', index: current, reason, killed: false });
          };
          this.cancelRunning = () => {
            clear();
            resolve({ kind: 'cancelled' });
          };
          slot.ready.then(
            () => {
              const request: BrowserWorkerRequest = { type: 'run', jobId, job: { ...job, tests: remaining } };
              slot.worker.postMessage(request);
            },
            (e: unknown) => resolve({ kind: 'lost', index: -1, reason: e instanceof Error ? e.message : String(e), killed: false }),
          );
        });
        slot.onReply = null;
        slot.onFail = null;
        this.cancelRunning = null;
        if (ended.kind === 'done') break;
        if (ended.kind === 'cancelled') {
          // The user stopped the job: the worker may be busy with a long test, so it is replaced.
          this.replace();
          break;
        }
        consecutiveLosses = ended.index < 0 ? consecutiveLosses + 1 : 0;
        this.options.onIncident?.(`${ended.killed ? 'killed' : 'lost'} the sandbox worker during test ${ended.index}: ${ended.reason}`);
        this.replace();
        const at = remaining.findIndex((t) => t.index === ended.index);
        if (at >= 0) {
          const run: RawTestRun = {
            index: ended.index,
            outcome: ended.killed
              ? { kind: 'limit', limit: 'wall', detail: 'the wall-clock guard expired (a long native operation)' }
              : { kind: 'judge-error', message: `sandbox worker lost: ${ended.reason}` },
            steps: 0,
            memoryBytes: 0,
            wallMs: ended.killed ? job.limits.wallMs + grace : 0,
            console: '',
            consoleTruncated: false,
          };
          out.push({ type: 'test-end', run });
          reported.add(ended.index);
        } else if (consecutiveLosses >= 2) {
          // Workers die before running anything: the judge is broken here, not the submission.
          for (const t of remaining.filter((t) => !reported.has(t.index))) {
            out.push({ type: 'test-end', run: { index: t.index, outcome: { kind: 'judge-error', message: `sandbox worker lost: ${ended.reason}` }, steps: 0, memoryBytes: 0, wallMs: 0, console: '', consoleTruncated: false } });
          }
          break;
        }
        remaining = remaining.filter((t) => !reported.has(t.index));
      }
      out.close();
    } catch (e) {
      out.close(e);
    }
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
    this.slot?.worker.terminate();
    this.slot = null;
  }
}
