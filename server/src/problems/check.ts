/** Runs `judge check` on a package folder in a worker thread (check-worker.ts), with a deadline. */
import { Worker } from 'node:worker_threads';

export interface PackageCheck {
  ok: boolean;
  errors: string[];
  lines: string[];
  /** The package's version, once it loaded. */
  version: string | null;
  /** tests/suite.json as built on the server, when the package came without one (check-worker.ts). */
  builtSuite?: string;
}

export type PackageChecker = (dir: string) => Promise<PackageCheck>;

const ENTRY = new URL('./check-worker-entry.mjs', import.meta.url);

export function workerChecker(timeoutMs: number): PackageChecker {
  return (dir) =>
    new Promise<PackageCheck>((resolve) => {
      const worker = new Worker(ENTRY, { workerData: { dir } });
      let settled = false;
      const settle = (r: PackageCheck): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(r);
      };
      const failed = (message: string): void => settle({ ok: false, errors: [message], lines: [], version: null });
      const timer = setTimeout(
        () => failed(`the check did not finish within ${Math.round(timeoutMs / 1000)} s (PUBLISH_CHECK_TIMEOUT_MS)`),
        timeoutMs,
      );
      worker.once('message', (m: PackageCheck) => settle(m));
      worker.once('error', (e) => failed(`the check failed: ${e.message}`));
      worker.once('exit', (code) => failed(`the check stopped (exit code ${code})`));
    });
}
