/**
 * Worker-thread side of the grading pool. Runs jobs sent by pool.ts. It must be started with a large native
 * stack (`resourceLimits.stackSizeMb`): QuickJS frames also use V8's stack, and without headroom a deep recursion
 * overflows the host first instead of failing cleanly inside the engine (engine-notes.md).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type SandboxJob } from '../sandbox/job.ts';
import { DEFAULT_LIMITS } from '../sandbox/types.ts';
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

// Warm up before taking work: V8 compiles WebAssembly functions lazily, so the first run in a thread is several
// times slower than the next. Paying that here keeps it out of the first user's wall-clock guard.
await sandbox.runTest(
  { solutionJs: 'function f(a) { let s = 0; for (const x of a) s += x; return s }', driverJs: null, entries: ['f'] },
  { index: 0, input: '{"fn":"f","args":[[1,2,3]]}', stepBudget: 1000, seed: 1 },
  { ...DEFAULT_LIMITS, wallMs: 60_000 },
);
sandbox.discardModule();
sandbox.prepareSpare(DEFAULT_LIMITS.memoryBytes);

port.on('message', (m: WorkerRequest) => {
  if (m.type !== 'run') return;
  runJob(sandbox, m.job, (e) => post(e.type === 'test-start' ? { type: 'test-start', jobId: m.jobId, index: e.index } : { type: 'test-end', jobId: m.jobId, run: e.run }))
    .then(() => post({ type: 'job-end', jobId: m.jobId }))
    .catch((err: unknown) => post({ type: 'job-failed', jobId: m.jobId, message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});
post({ type: 'ready' });
