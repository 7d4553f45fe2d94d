/** Builds the whole server for tests: PGlite in memory, the real problems, a real grading pool. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { nodeEsbuild } from '../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../harness/src/node/pool.ts';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { StoredEvents } from './grading/events.ts';
import { GradingService } from './grading/service.ts';
import { ProblemCatalog } from './problems/catalog.ts';
import { workerChecker } from './problems/check.ts';
import { Publishing } from './problems/publishing.ts';
import type { Services } from './services.ts';
import { sideServices } from './side-services.ts';
import { openStore } from './storage/sql-store.ts';
import type { Store } from './storage/types.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  grading: GradingService;
  catalog: ProblemCatalog;
  publishing: Publishing;
  /**
   * Stops the grader and starts a new one with the same grader id on the same storage and pool, as a restarted
   * server does; returns it (not yet started). `grading` and the app's services point to it afterwards.
   */
  restartGrading(): GradingService;
  close(): Promise<void>;
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function startTestServer(
  env: Record<string, string> = {},
  opts: { grade?: boolean; now?: () => Date; logger?: FastifyBaseLogger } = {},
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
  const events = new StoredEvents({ store, graderId: 'test-grader', pollMs: 500 });
  await events.start();
  const newGrader = () =>
    new GradingService({
      store,
      catalog,
      executor: pool,
      concurrency: pool.size,
      esbuild,
      events,
      graderId: 'test-grader',
      log: silent,
      pollMs: 200,
      stagedEntry: (id) => publishing.stagedEntry(id),
    });
  const grading = newGrader();
  const publishing = new Publishing({
    store,
    catalog,
    esbuild,
    dataDir: config.DATA_DIR,
    log: silent,
    check: workerChecker(config.PUBLISH_CHECK_TIMEOUT_MS),
    maxBytes: config.PUBLISH_MAX_BYTES,
    regradeMax: config.REGRADE_MAX,
    notifyGraders: () => services.grading.notify(),
  });
  await publishing.restore();
  const services: Services = {
    config,
    store,
    catalog,
    publishing,
    events,
    grading,
    ...sideServices({
      store,
      catalog,
      publishing,
      executor: pool,
      esbuild,
      log: silent,
      maxCodeBytes: config.MAX_CODE_BYTES,
    }),
    now: opts.now ?? (() => new Date()),
  };
  const app = await buildApp({
    services,
    cookieSecret: 'test-secret-test-secret-test-secret-0123',
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  if (opts.grade !== false) {
    await grading.selfTest();
    await grading.start();
  }
  const server: TestServer = {
    app,
    store,
    grading,
    catalog,
    publishing,
    restartGrading() {
      void server.grading.stop(1000);
      server.grading = newGrader();
      server.grading.lastSelfTest = grading.lastSelfTest;
      services.grading = server.grading;
      return server.grading;
    },
    async close() {
      await app.close();
      await server.grading.stop(1000);
      await events.close();
      await pool.close();
      await store.close();
    },
  };
  return server;
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
