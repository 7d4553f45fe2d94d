/**
 * The sandbox in a browser Web Worker: the same `Sandbox`, warm-up and worker protocol as the Node worker threads
 * (sandbox/supervisor.ts), with the WebAssembly of the pinned QuickJS build compiled once from a bundled URL. The
 * page's BrowserWorkerExecutor owns the wall-clock kill switch: it terminates this worker when a test sends no progress
 * for its guard (a long native operation) or runs past the cap.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import wasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { warmUp } from '../sandbox/job.ts';
import { Sandbox } from '../sandbox/sandbox.ts';
import { serveJobs, type WorkerReply, type WorkerRequest } from '../sandbox/supervisor.ts';

// Typed by hand: the project compiles with the DOM lib, whose `self` is a Window.
const scope = self as unknown as {
  postMessage(m: unknown): void;
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
};

async function boot(): Promise<Sandbox> {
  const wasmModule = await WebAssembly.compileStreaming(fetch(wasmUrl)).catch(async () =>
    WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer()),
  );
  const sandbox = new Sandbox({ variant, wasmModule });
  await warmUp(sandbox);
  return sandbox;
}

const handle = serveJobs(boot(), (m: WorkerReply) => scope.postMessage(m));
scope.onmessage = (ev: MessageEvent<WorkerRequest>) => handle(ev.data);
