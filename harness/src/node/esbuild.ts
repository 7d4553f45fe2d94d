/**
 * One long-lived in-process esbuild-wasm instance per process. esbuild's Node API would start a child process;
 * the browser build runs in-process (it only needs `globalThis.self`), takes the same ~3 ms per warm transform,
 * and is the very code the web app runs.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { warmUp, type EsbuildApi } from '../compile/transpile.ts';

const require = createRequire(import.meta.url);
let instance: Promise<EsbuildApi> | null = null;

export function nodeEsbuild(): Promise<EsbuildApi> {
  instance ??= (async () => {
    (globalThis as { self?: unknown }).self ??= globalThis;
    const esbuild = (await import('esbuild-wasm/esm/browser.js')) as unknown as EsbuildApi & {
      initialize(o: { wasmModule: WebAssembly.Module; worker: boolean }): Promise<void>;
    };
    const wasmModule = await WebAssembly.compile(await readFile(require.resolve('esbuild-wasm/esbuild.wasm')));
    await esbuild.initialize({ wasmModule, worker: false });
    return esbuild;
  })();
  return instance;
}

/** Initialise and warm (≈1-2 s): for long-running processes, so the first user compile is already fast. */
export async function warmNodeEsbuild(rounds?: number): Promise<EsbuildApi> {
  const esbuild = await nodeEsbuild();
  await warmUp(esbuild, rounds);
  return esbuild;
}
