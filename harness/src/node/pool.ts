/**
 * A pool of worker threads that run sandbox jobs: the outer fence around the engine.
 *
 * Each test is announced by the worker before it starts; the pool then arms a timer of `wallMs + killGraceMs`.
 * Long native operations never reach the interrupt handler (quickjs-emscripten #219), so when the timer fires the
 * worker is terminated, the test ends as a `wall` limit (TLE) and a fresh worker is started. The job's remaining
 * tests are then not run (they end as TLE "not run"): the submission's verdict is already decided by that test or
 * an earlier one, and a solution that stalls in native code on every test would otherwise hold a worker for
 * tests × wallMs. A worker that dies for any other reason ends its test as a judge error, and the job goes on.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import type { Executor } from '../sandbox/executor.ts';
import type { JobEvent, SandboxJob } from '../sandbox/job.ts';
import type { RawTestRun } from '../sandbox/types.ts';
import { AsyncQueue } from '../util/async-queue.ts';
import type { EngineName } from './engine.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export interface PoolOptions {
  size?: number;
  engine?: EngineName;
  /** Extra time past a test's wall-clock guard before the worker is killed (the soft guard fires first). */
  killGraceMs?: number;
  /** Called for judge-side incidents (worker lost, killed); the server logs them. */
  onIncident?: (message: string) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  onReply: ((m: WorkerReply) => void) | null;
  onExit: ((reason: string) => void) | null;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export class WorkerPool implements Executor {
  readonly size: number;
  private readonly idle: Slot[] = [];
  private readonly waiting: Array<{ resolve: (s: Slot) => void; reject: (e: Error) => void }> = [];
  private nextJobId = 1;
  private closed = false;
  private readonly all = new Set<Slot>();

  constructor(private readonly options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    for (let i = 0; i < this.size; i++) this.release(this.spawn());
  }

  /** Resolves when every worker has loaded the engine. */
  async ready(): Promise<void> {
    await Promise.all([...this.all].map((s) => s.ready));
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      workerData: { engine: this.options.engine },
      resourceLimits: { stackSizeMb: 64 },
    });
    const slot: Slot = { worker, ready: Promise.resolve(), onReply: null, onExit: null };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onFirst = (m: WorkerReply): void => {
        if (m.type === 'ready') {
          worker.off('message', onFirst);
          resolve();
        }
      };
      worker.on('message', onFirst);
      worker.once('error', reject);
    });
    slot.ready.catch(() => undefined);
    worker.on('message', (m: WorkerReply) => slot.onReply?.(m));
    worker.on('error', (err) => slot.onExit?.(`worker error: ${err.message}`));
    worker.on('exit', (code) => {
      this.all.delete(slot);
      slot.onExit?.(`worker exited with code ${code}`);
    });
    this.all.add(slot);
    return slot;
  }

  private release(slot: Slot): void {
    if (this.closed) {
      void slot.worker.terminate();
      return;
    }
    const w = this.waiting.shift();
    if (w) w.resolve(slot);
    else this.idle.push(slot);
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new JudgeError(ERROR_CODES.POOL_CLOSED, 'the grading pool is closed'));
    const s = this.idle.shift();
    if (s) return Promise.resolve(s);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Replace a worker that was killed or died. */
  private replace(slot: Slot): Slot {
    slot.onReply = null;
    slot.onExit = null;
    this.all.delete(slot);
    void slot.worker.terminate();
    return this.spawn();
  }

  run(job: SandboxJob): AsyncIterable<JobEvent> {
    const out = new AsyncQueue<JobEvent>();
    void this.drive(job, out);
    return out;
  }

  private async drive(job: SandboxJob, out: AsyncQueue<JobEvent>): Promise<void> {
    let slot: Slot;
    try {
      slot = await this.acquire();
    } catch (e) {
      out.close(e);
      return;
    }
    let remaining = job.tests;
    const grace = this.options.killGraceMs ?? 1000;
    const reported = new Set<number>();
    let consecutiveLosses = 0;
    /** Ends every test not reported yet with the same outcome, without running it. */
    const endUnreported = (outcome: RawTestRun['outcome']): void => {
      for (const t of remaining.filter((t) => !reported.has(t.index))) {
        out.push({ type: 'test-end', run: { index: t.index, outcome, steps: 0, memoryBytes: 0, wallMs: 0, console: '', consoleTruncated: false } });
      }
    };
    try {
      while (remaining.length > 0) {
        await slot.ready;
        const jobId = this.nextJobId++;
        const ended = await new Promise<{ kind: 'done' } | { kind: 'lost'; index: number; reason: string; killed: boolean }>((resolve) => {
          let current = -1;
          let timer: ReturnType<typeof setTimeout> | null = null;
          const clear = (): void => {
            if (timer) clearTimeout(timer);
            timer = null;
          };
          slot.onReply = (m) => {
            if (!('jobId' in m) || m.jobId !== jobId) return;
            if (m.type === 'test-start') {
              current = m.index;
              clear();
              timer = setTimeout(() => {
                slot.onExit = null;
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
          slot.onExit = (reason) => {
            clear();
            resolve({ kind: 'lost', index: current, reason, killed: false });
          };
          const request: WorkerRequest = { type: 'run', jobId, job: { ...job, tests: remaining } };
          slot.worker.postMessage(request);
        });
        if (ended.kind === 'done') {
          remaining = [];
          break;
        }
        // The worker was killed (wall clock) or lost: end the current test, restart, go on with the rest.
        consecutiveLosses = ended.index < 0 ? consecutiveLosses + 1 : 0;
        this.options.onIncident?.(`${ended.killed ? 'killed' : 'lost'} a worker during test ${ended.index}: ${ended.reason}`);
        slot = this.replace(slot);
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
          if (ended.killed) {
            endUnreported({ kind: 'limit', limit: 'wall', detail: `not run: test ${ended.index + 1} was stopped by the wall-clock guard` });
            break;
          }
        } else if (consecutiveLosses >= 2) {
          // Workers die before running anything: the judge is broken, not the submission.
          endUnreported({ kind: 'judge-error', message: `sandbox worker lost: ${ended.reason}` });
          break;
        }
        remaining = remaining.filter((t) => !reported.has(t.index));
      }
      out.close();
    } catch (e) {
      out.close(e);
    } finally {
      slot.onReply = null;
      slot.onExit = null;
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new JudgeError(ERROR_CODES.POOL_CLOSED, 'the grading pool is closed'));
    await Promise.all([...this.all].map((s) => s.worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }
}
