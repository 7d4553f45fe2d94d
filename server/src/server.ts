/**
 * Starts the judge: storage (PGlite under DATA_DIR, or DATABASE_URL), problems, the grading pool and queue, the
 * engine self-test, then the HTTP server. Only this file listens.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { warmNodeEsbuild } from '../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../harness/src/node/pool.ts';
import { buildApp } from './app.ts';
import { openConfiguredStore, persistentSecret } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { FeedbackService } from './feedback/service.ts';
import { InProcessEvents } from './grading/events.ts';
import { GradingService } from './grading/service.ts';
import { ProblemCatalog } from './problems/catalog.ts';
import { startScreenSweep } from './screens/service.ts';
import type { Services } from './services.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A startup problem: one clear line on stderr, no stack trace. */
function fail(message: string, exitCode: number): never {
  process.stderr.write(`judge server: ${message}\n`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`judge server: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  if (!existsSync(config.PROBLEMS_DIR) || !statSync(config.PROBLEMS_DIR).isDirectory()) {
    fail(`PROBLEMS_DIR ${config.PROBLEMS_DIR} is not a directory`, 2);
  }
  if (existsSync(config.DATA_DIR) && !statSync(config.DATA_DIR).isDirectory())
    fail(`DATA_DIR ${config.DATA_DIR} is not a directory`, 2);
  let store;
  try {
    store = await openConfiguredStore(config);
  } catch (e) {
    const where = config.DATABASE_URL ? 'the database at DATABASE_URL' : `storage in DATA_DIR ${config.DATA_DIR}`;
    fail(`cannot open ${where}: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  const cookieSecret = config.COOKIE_SECRET ?? persistentSecret(config.DATA_DIR, 'cookie-secret', 32);
  const graderId = persistentSecret(config.DATA_DIR, 'grader-id', 9);
  const esbuild = await warmNodeEsbuild();
  // The logger exists before everything it reports on (skipped problems, the pool, the grader, the app).
  const log = pino({ level: config.LOG_LEVEL });
  const catalog = await ProblemCatalog.load(config.PROBLEMS_DIR, esbuild, (slug, why) =>
    log.error({ slug }, `problem skipped: ${why}`),
  );
  if (catalog.list().length === 0) fail(`no problems could be loaded from PROBLEMS_DIR ${config.PROBLEMS_DIR}`, 2);
  const pool = new WorkerPool({ size: config.GRADER_WORKERS, onIncident: (m) => log.warn(m) });
  await pool.ready();
  const events = new InProcessEvents();
  const grading = new GradingService({
    store,
    catalog,
    executor: pool,
    concurrency: pool.size,
    esbuild,
    events,
    graderId,
    log,
  });
  // Feedback jobs share the pool with grading, one at a time, so submissions always keep a worker.
  const feedback = new FeedbackService({ catalog, executor: pool, esbuild, log });
  const services: Services = { config, store, catalog, events, grading, feedback, now: () => new Date() };
  const app = await buildApp({ services, cookieSecret, webDir: path.join(root, 'web', 'dist'), logger: log });
  const selfTest = await grading.selfTest();
  if (!selfTest.ok) log.error(selfTest, 'engine self-test failed: not accepting work');
  else {
    log.info(selfTest, 'engine self-test passed');
    await grading.start();
  }
  const stopSweep = startScreenSweep({
    store,
    now: services.now,
    onSubmitted: () => grading.notify(),
    onError: (e) => log.error({ err: e }, 'screen sweep failed'),
  });

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: shutting down`);
    stopSweep();
    await app.close();
    await grading.stop();
    await pool.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'the address is already in use (set PORT)'
        : code === 'EACCES'
          ? 'permission denied (a port below 1024 needs privileges; set PORT)'
          : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
            ? 'no such address on this machine (set HOST)'
            : e instanceof Error
              ? e.message
              : String(e);
    fail(`cannot listen on ${config.HOST}:${config.PORT}: ${why}`, 1);
  }
  log.info(
    `${catalog.list().length} problems, ${pool.size} grading workers, data in ${config.DATABASE_URL ? 'PostgreSQL' : config.DATA_DIR}`,
  );
}

await main();
