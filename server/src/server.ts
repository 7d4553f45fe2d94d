/**
 * Starts the judge: storage (PGlite under DATA_DIR, or DATABASE_URL), problems, the grading pool and queue, the
 * engine self-test, then the HTTP server. Only this file listens.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { warmNodeEsbuild } from '../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../harness/src/node/pool.ts';
import { buildApp } from './app.ts';
import { openConfiguredStore, persistentSecret } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { InProcessEvents } from './grading/events.ts';
import { GradingService } from './grading/service.ts';
import { ProblemCatalog } from './problems/catalog.ts';
import { finalizeDueScreens } from './screens/service.ts';

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
  if (existsSync(config.DATA_DIR) && !statSync(config.DATA_DIR).isDirectory()) fail(`DATA_DIR ${config.DATA_DIR} is not a directory`, 2);
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
  const events = new InProcessEvents();

  // The app exists before the catalog so startup problems are logged through the same logger.
  let grading: GradingService | null = null;
  const services = {
    config,
    store,
    catalog: null as unknown as ProblemCatalog,
    events,
    grading: { notify: () => grading?.notify(), get lastSelfTest() { return grading?.lastSelfTest ?? null; }, get activeCount() { return grading?.activeCount ?? 0; } },
    now: () => new Date(),
  };
  const app = await buildApp({ services, cookieSecret, webDir: path.join(root, 'web', 'dist'), logger: { level: config.LOG_LEVEL } });
  services.catalog = await ProblemCatalog.load(config.PROBLEMS_DIR, esbuild, (slug, why) => app.log.error({ slug }, `problem skipped: ${why}`));
  if (services.catalog.list().length === 0) fail(`no problems could be loaded from PROBLEMS_DIR ${config.PROBLEMS_DIR}`, 2);
  const pool = new WorkerPool({ size: config.GRADER_WORKERS, onIncident: (m) => app.log.warn(m) });
  await pool.ready();
  grading = new GradingService({ store, catalog: services.catalog, executor: pool, concurrency: pool.size, esbuild, events, graderId, log: app.log });
  const selfTest = await grading.selfTest();
  if (!selfTest.ok) app.log.error(selfTest, 'engine self-test failed: not accepting work');
  else {
    app.log.info(selfTest, 'engine self-test passed');
    await grading.start();
  }

  // Screens whose time is over get their last drafts graded, even if nobody looks at them.
  const sweep = setInterval(() => {
    finalizeDueScreens(store, new Date(), () => grading?.notify()).catch((e: unknown) => app.log.error({ err: e }, 'screen sweep failed'));
  }, 5000);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    clearInterval(sweep);
    await app.close();
    await grading?.stop();
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
      code === 'EADDRINUSE' ? 'the address is already in use (set PORT)'
      : code === 'EACCES' ? 'permission denied (a port below 1024 needs privileges; set PORT)'
      : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? 'no such address on this machine (set HOST)'
      : e instanceof Error ? e.message : String(e);
    fail(`cannot listen on ${config.HOST}:${config.PORT}: ${why}`, 1);
  }
  app.log.info(`${services.catalog.list().length} problems, ${pool.size} grading workers, data in ${config.DATABASE_URL ? 'PostgreSQL' : config.DATA_DIR}`);
}

await main();
