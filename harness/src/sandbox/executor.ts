import type { JobEvent, SandboxJob } from './job.ts';

/**
 * Runs sandbox jobs somewhere (a pool of Node worker threads, a browser Web Worker) and streams their events.
 * Whatever the place, it owns the outer fence: a test that makes no progress for its wall-clock guard (a long native
 * operation), or runs past the absolute cap, ends with a `wall` limit and the thread that ran it is replaced.
 */
export interface Executor {
  run(job: SandboxJob): AsyncIterable<JobEvent>;
  close(): Promise<void>;
}
