/** Builds the whole server for tests: PGlite in memory, the real problems, a real grading pool. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { nodeEsbuild } from '../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../harness/src/node/pool.ts';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { FeedbackService } from './feedback/service.ts';
import { InProcessEvents } from './grading/events.ts';
import { GradingService } from './grading/service.ts';
import { ProblemCatalog } from './problems/catalog.ts';
import type { Services } from './services.ts';
import { openStore } from './storage/sql-store.ts';
import type { Store } from './storage/types.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  grading: GradingService;
  catalog: ProblemCatalog;
  close(): Promise<void>;
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function startTestServer(
  env: Record<string, string> = {},
  opts: { grade?: boolean; now?: () => Date } = {},
): Promise<TestServer> {
  const config: Config = loadConfig({
    DATA_DIR: path.join(REPO_ROOT, '.tmp', 'test-data'),
    PROBLEMS_DIR: path.join(REPO_ROOT, 'problems'),
    GRADER_WORKERS: '1',
    ...env,
  });
  const store = await openStore({ dataDir: 'memory://' });
  await store.migrate();
  const esbuild = await nodeEsbuild();
  const catalog = await ProblemCatalog.load(config.PROBLEMS_DIR, esbuild, () => undefined);
  const pool = new WorkerPool({ size: config.GRADER_WORKERS });
  const events = new InProcessEvents();
  const grading = new GradingService({
    store,
    catalog,
    executor: pool,
    concurrency: pool.size,
    esbuild,
    events,
    graderId: 'test-grader',
    log: silent,
    pollMs: 200,
  });
  const feedback = new FeedbackService({ catalog, executor: pool, esbuild, log: silent });
  const services: Services = {
    config,
    store,
    catalog,
    events,
    grading,
    feedback,
    now: opts.now ?? (() => new Date()),
  };
  const app = await buildApp({ services, cookieSecret: 'test-secret-test-secret-test-secret-0123' });
  if (opts.grade !== false) {
    await grading.selfTest();
    await grading.start();
  }
  return {
    app,
    store,
    grading,
    catalog,
    async close() {
      await app.close();
      await grading.stop(1000);
      await pool.close();
      await store.close();
    },
  };
}

/** Cookie header that keeps a client's identity across inject calls. */
export function cookieJar(): {
  header(): Record<string, string>;
  take(res: { cookies: Array<{ name: string; value: string }> }): void;
} {
  const jar = new Map<string, string>();
  return {
    header: (): Record<string, string> =>
      jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    take(res) {
      for (const c of res.cookies) jar.set(c.name, c.value);
    },
  };
}
