/** Messages between the page (BrowserWorkerExecutor) and the sandbox Web Worker (sandbox-worker.ts). */
import type { SandboxJob } from '../sandbox/job.ts';
import type { RawTestRun } from '../sandbox/types.ts';

export type BrowserWorkerRequest = { type: 'run'; jobId: number; job: SandboxJob };
export type BrowserWorkerReply =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'test-start'; jobId: number; index: number }
  | { type: 'test-end'; jobId: number; run: RawTestRun }
  | { type: 'job-end'; jobId: number }
  | { type: 'job-failed'; jobId: number; message: string };
