/**
 * The sandbox in a browser Web Worker: the same `Sandbox` and `runJob` as the Node worker threads
 * (harness/src/node/worker.ts), with the WebAssembly of the pinned QuickJS build compiled once from a bundled URL.
 * The page's BrowserWorkerExecutor owns the wall-clock kill switch: it terminates this worker when a test overruns.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import wasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { runJob, warmUp } from '../sandbox/job.ts';
import { Sandbox } from '../sandbox/sandbox.ts';
import type { BrowserWorkerReply, BrowserWorkerRequest } from './protocol.ts';

// Typed by hand: the project compiles with the DOM lib, whose `self` is a Window.
const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((ev: MessageEvent<BrowserWorkerRequest>) => void) | null };
const post = (m: BrowserWorkerReply): void => scope.postMessage(m);

async function boot(): Promise<Sandbox> {
  const wasmModule = await WebAssembly.compileStreaming(fetch(wasmUrl)).catch(async () => WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer()));
  const sandbox = new Sandbox({ variant, wasmModule });
  // Warm up before taking work (job.ts): keeps V8's lazy WebAssembly tiering out of the first user test.
  await warmUp(sandbox);
  return sandbox;
}

const ready = boot();
ready.then(
  () => post({ type: 'ready' }),
  (e: unknown) => post({ type: 'init-failed', message: e instanceof Error ? e.message : String(e) }),
);

scope.onmessage = (ev: MessageEvent<BrowserWorkerRequest>) => {
  const m = ev.data;
  if (m.type !== 'run') return;
  ready
    .then((sandbox) =>
      runJob(sandbox, m.job, (e) => post(e.type === 'test-start' ? { type: 'test-start', jobId: m.jobId, index: e.index } : { type: 'test-end', jobId: m.jobId, run: e.run })),
    )
    .then(() => post({ type: 'job-end', jobId: m.jobId }))
    .catch((err: unknown) => post({ type: 'job-failed', jobId: m.jobId, message: err instanceof Error ? err.stack ?? err.message : String(err) }));
};
