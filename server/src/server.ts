/**
 * Starts the judge: storage (PGlite under DATA_DIR, or DATABASE_URL), problems, the grading pool and queue, the
 * engine self-test, then the HTTP server. Only this file listens.
 *
 * ROLE picks the parts (README "Running on several machines"): `all` runs everything (the default), `api` the HTTP
 * server without grading (one worker for feedback), `grader` the pool and the queue without HTTP.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { warmNodeEsbuild } from '../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../harness/src/node/pool.ts';
import { buildApp } from './app.ts';
import { startPurge } from './auth/policy.ts';
import { openConfiguredStore, persistentSecret } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { StoredEvents } from './grading/events.ts';
import { createLogger } from './logging.ts';
import { GradingService } from './grading/service.ts';
import { ProblemCatalog } from './problems/catalog.ts';
import { workerChecker } from './problems/check.ts';
import { Publishing } from './problems/publishing.ts';
import { startDraftSweep } from './retention.ts';
import { startScreenSweep } from './screens/service.ts';
import type { Services } from './services.ts';
import { sideServices } from './side-services.ts';

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
  const role = config.ROLE;
  const serves = role !== 'grader';
  const grades = role !== 'api';
  // The logger exists before everything it reports on (skipped problems, the pool, the grader, the app).
  const log = createLogger(config.LOG_LEVEL);
  const bootStarted = performance.now();
  // The three slow starts overlap, each mostly compiling WebAssembly: the sandbox workers (QuickJS, on threads of
  // their own), esbuild, and the database (PGlite). A grading process has GRADER_WORKERS workers; an API process
  // (ROLE=api) one, for feedback (expected outputs, counterexamples), which runs where the request arrives.
  const pool = new WorkerPool({ size: grades ? config.GRADER_WORKERS : 1, onIncident: (m) => log.warn(m) });
  const poolReady = pool.ready();
  const esbuildReady = warmNodeEsbuild();
  // Awaited below; a failure meanwhile must not end the process as an unhandled rejection before it is reported.
  poolReady.catch(() => undefined);
  esbuildReady.catch(() => undefined);
  let store;
  try {
    store = await openConfiguredStore(config);
  } catch (e) {
    const where = config.DATABASE_URL ? 'the database at DATABASE_URL' : `storage in DATA_DIR ${config.DATA_DIR}`;
    fail(`cannot open ${where}: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  // Processes sharing a PostgreSQL must agree on the cookie secret: unless configured, it lives in the database.
  const cookieSecret =
    config.COOKIE_SECRET ??
    (config.DATABASE_URL
      ? await store.cluster.setting('cookie-secret', () => randomBytes(32).toString('base64url'))
      : persistentSecret(config.DATA_DIR, 'cookie-secret', 32));
  // Unique per process on a shared database (several graders may share a machine and a DATA_DIR); on PGlite, one
  // process per DATA_DIR, and the same id across restarts lets a restart take back its own claims at once.
  const graderId = config.DATABASE_URL
    ? `${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`
    : persistentSecret(config.DATA_DIR, 'grader-id', 9);
  const esbuild = await esbuildReady;
  const catalog = await ProblemCatalog.load(config.PROBLEMS_DIR, esbuild, (slug, why) =>
    log.error({ slug }, `problem skipped: ${why}`),
  );
  const events = new StoredEvents({
    store,
    graderId,
    onError: (e) => log.error({ err: e }, 'live grading events: a read or write failed'),
  });
  await events.start();

  let grading: GradingService | null = null;
  // Every role needs the published problems: the API serves them, graders grade against them and their re-grades.
  const publishing: Publishing = new Publishing({
    store,
    catalog,
    esbuild,
    dataDir: config.DATA_DIR,
    log,
    check: workerChecker(config.PUBLISH_CHECK_TIMEOUT_MS),
    maxBytes: config.PUBLISH_MAX_BYTES,
    regradeMax: config.REGRADE_MAX,
    // An API process grades nothing: the NOTIFY of the insert (a trigger) wakes the graders.
    notifyGraders: () => grading?.notify(),
  });
  // Problems published through the API, over the built-in ones; visibility set by instructors.
  await publishing.restore();
  // What other processes publish reaches this one's catalog within moments (a NOTIFY), or 30 s at worst.
  const stopFollowing = await publishing.follow();
  if (catalog.list().length === 0) fail(`no problems could be loaded from PROBLEMS_DIR ${config.PROBLEMS_DIR}`, 2);
  await poolReady;
  if (grades) {
    grading = new GradingService({
      store,
      catalog,
      executor: pool,
      concurrency: pool.size,
      esbuild,
      events,
      graderId,
      log,
      leaseMs: config.GRADER_LEASE_MS,
      host: os.hostname(),
      stagedEntry: (id) => publishing.stagedEntry(id),
    });
  }
  const services: Services = {
    config,
    store,
    catalog,
    publishing,
    events,
    grading: grading ?? { notify: () => undefined, lastSelfTest: null, activeCount: 0 },
    ...sideServices({
      store,
      catalog,
      publishing,
      executor: pool,
      esbuild,
      log,
      maxCodeBytes: config.MAX_CODE_BYTES,
    }),
    now: () => new Date(),
  };
  const app = serves
    ? await buildApp({ services, cookieSecret, webDir: path.join(root, 'web', 'dist'), logger: log })
    : null;
  if (grading) {
    const selfTest = await grading.selfTest();
    if (!selfTest.ok) {
      log.error(selfTest, 'engine self-test failed: not accepting work');
      // A grader alone has nothing else to offer: exit, so that whatever supervises it notices.
      if (!serves) fail('the engine self-test failed', 1);
    } else {
      log.info(selfTest, 'engine self-test passed');
      await grading.start();
    }
  }
  const stopSweeps = serves
    ? [
        startScreenSweep({
          store,
          now: services.now,
          onSubmitted: () => services.grading.notify(),
          onError: (e) => log.error({ err: e }, 'screen sweep failed'),
        }),
        startDraftSweep({
          store,
          now: services.now,
          retentionDays: config.ANON_DRAFT_RETENTION_DAYS,
          onPurged: (n) => log.info({ drafts: n }, 'expired anonymous drafts deleted'),
          onError: (e) => log.error({ err: e }, 'draft sweep failed'),
        }),
        startPurge({
          store,
          now: services.now,
          onPurged: (counts) => {
            if (counts.sessions + counts.throttles > 0) log.info(counts, 'purged expired sessions and login throttles');
          },
          onError: (e) => log.error({ err: e }, 'purge of expired sessions failed'),
        }),
      ]
    : [];

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: shutting down`);
    for (const stop of stopSweeps) stop();
    await app?.close();
    await stopFollowing();
    await grading?.stop();
    await events.close();
    await pool.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const where = config.DATABASE_URL ? 'PostgreSQL' : config.DATA_DIR;
  if (!app) {
    log.info(
      { bootMs: Math.round(performance.now() - bootStarted) },
      `grader ${graderId}: ${catalog.list().length} problems, ${pool.size} grading workers, data in ${where}`,
    );
    return;
  }
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
    { bootMs: Math.round(performance.now() - bootStarted) },
    `${role === 'api' ? 'api: ' : ''}${catalog.list().length} problems, ${grading ? `${pool.size} grading workers` : 'no grading (ROLE=api), 1 feedback worker'}, data in ${where}`,
  );
}

await main();
