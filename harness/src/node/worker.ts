/**
 * Worker-thread side of the grading pool (the protocol is the shared one of sandbox/supervisor.ts). It must be
 * started with a large native stack (`resourceLimits.stackSizeMb`): QuickJS frames also use V8's stack, and without
 * headroom a deep recursion overflows the host first instead of failing cleanly inside the engine (engine-notes.md).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { warmUp } from '../sandbox/job.ts';
import { serveJobs, type WorkerReply, type WorkerRequest } from '../sandbox/supervisor.ts';
import { createNodeSandbox, type EngineName } from './engine.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const sandbox = createNodeSandbox((workerData as { engine?: EngineName } | undefined)?.engine).then(async (sb) => {
  await warmUp(sb);
  return sb;
});
const handle = serveJobs(sandbox, (m: WorkerReply) => port.postMessage(m));
port.on('message', (m: WorkerRequest) => handle(m));
