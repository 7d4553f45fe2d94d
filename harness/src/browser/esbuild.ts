/**
 * esbuild-wasm in the browser: initialised once, in its own worker (`worker: true`), from the bundled wasm. The
 * first ~250 transforms of a fresh instance are slow (JIT, Go GC); `warmBrowserEsbuild` runs that many transforms during
 * idle time after the page has loaded, so the user's first Run compiles on the fast path.
 */
import * as esbuild from 'esbuild-wasm/esm/browser.js';
import esbuildWasmUrl from 'esbuild-wasm/esbuild.wasm?url';
import { transpile, WARM_UP_SOURCE, type EsbuildApi } from '../compile/transpile.ts';

let instance: Promise<EsbuildApi> | null = null;

export function browserEsbuild(): Promise<EsbuildApi> {
  instance ??= esbuild
    .initialize({ wasmURL: esbuildWasmUrl, worker: true })
    .then(() => esbuild as unknown as EsbuildApi);
  instance.catch(() => (instance = null));
  return instance;
}

const idle = (): Promise<void> =>
  new Promise((resolve) => {
    const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void })
      .requestIdleCallback;
    if (ric) ric(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 16);
  });

/** Initialise, then warm with `rounds` transforms of the warm-up program, each in an idle period (in esbuild's worker). */
export async function warmBrowserEsbuild(rounds = 250): Promise<EsbuildApi> {
  const api = await browserEsbuild();
  for (let i = 0; i < rounds; i++) {
    await idle();
    await transpile(api, `${WARM_UP_SOURCE}// ${i}\n`);
  }
  return api;
}
