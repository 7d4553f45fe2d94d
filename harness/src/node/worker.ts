/**
 * Worker-thread side of the grading pool. Runs jobs sent by pool.ts. It must be started with a large native
 * stack (`resourceLimits.stackSizeMb`): QuickJS frames also use V8's stack, and without headroom a deep recursion
 * overflows the host first instead of failing cleanly inside the engine (engine-notes.md).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, warmUp, type SandboxJob } from '../sandbox/job.ts';
import { createNodeSandbox, type EngineName } from './engine.ts';

export type WorkerRequest = { type: 'run'; jobId: number; job: SandboxJob };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'test-start'; jobId: number; index: number }
  | { type: 'test-end'; jobId: number; run: import('../sandbox/types.ts').RawTestRun }
  | { type: 'job-end'; jobId: number }
  | { type: 'job-failed'; jobId: number; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const sandbox = await createNodeSandbox((workerData as { engine?: EngineName } | undefined)?.engine);
const post = (m: WorkerReply): void => port.postMessage(m);

// Warm up before taking work (job.ts): keeps V8's lazy WebAssembly tiering out of the first user's wall clock.
await warmUp(sandbox);

port.on('message', (m: WorkerRequest) => {
  if (m.type !== 'run') return;
  runJob(sandbox, m.job, (e) => post(e.type === 'test-start' ? { type: 'test-start', jobId: m.jobId, index: e.index } : { type: 'test-end', jobId: m.jobId, run: e.run }))
    .then(() => post({ type: 'job-end', jobId: m.jobId }))
    .catch((err: unknown) => post({ type: 'job-failed', jobId: m.jobId, message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});
post({ type: 'ready' });
