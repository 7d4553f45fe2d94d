/**
 * Re-grades are the low-priority lane: with one worker busy re-grading stored submissions against a new version, a
 * live submission enqueued meanwhile is graded next, before the re-grades that still wait; the re-grade's results
 * wait for the publish, and the submissions keep their verdicts until then.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeEsbuild } from '../../../harness/src/node/esbuild.ts';
import { WorkerPool } from '../../../harness/src/node/pool.ts';
import { ProblemCatalog } from '../problems/catalog.ts';
import { openStore } from '../storage/sql-store.ts';
import type { Store } from '../storage/types.ts';
import { REPO_ROOT } from '../test-support.ts';
import { StoredEvents } from './events.ts';
import { GradingService } from './service.ts';

const SLUG = 'sliding-window-mask';
const REFERENCE = readFileSync(path.join(REPO_ROOT, 'problems', SLUG, 'solutions', 'accepted', 'reference.ts'), 'utf8');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let store: Store;
let pool: WorkerPool;
let catalog: ProblemCatalog;
beforeAll(async () => {
  mkdirSync(path.join(REPO_ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(REPO_ROOT, '.tmp', 'regrade-'));
  cpSync(path.join(REPO_ROOT, 'problems', SLUG), path.join(dir, SLUG), { recursive: true });
  catalog = await ProblemCatalog.load(dir, await nodeEsbuild(), () => undefined);
  store = await openStore({ dataDir: 'memory://' });
  await store.migrate();
  pool = new WorkerPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
  await store.close();
});

it('a live submission is graded before the re-grades that wait; re-grades wait for the publish', async () => {
  const entry = catalog.get(SLUG)!;
  const version = entry.problem.version;
  const JOBS = 6;
  for (let i = 0; i < JOBS; i++) {
    await store.createSubmission({ id: `stored-${i}-xx`, ownerId: 'o', problem: SLUG, code: `${REFERENCE}\n// ${i}` });
    await store.claimNext('seed');
    await store.finishSubmission(`stored-${i}-xx`, 'seed', {
      verdict: 'WA',
      summary: null,
      results: [],
      problemVersion: version,
    });
  }
  const rev = 'revision-0001';
  await store.revisions.create({ id: rev, slug: SLUG, files: {}, visibility: null, note: null, createdBy: 'ina' });
  await store.revisions.checked(rev, {
    status: 'regrading',
    version: 'ffffffffffff',
    baseVersion: version,
    output: { ok: true, errors: [], lines: [] },
  });
  expect(await store.revisions.queueRegrade(rev, SLUG, version, 100)).toEqual({
    submissions: JOBS,
    jobs: JOBS,
    skipped: 0,
  });

  const events = new StoredEvents({ store, graderId: 'g' });
  await events.start();
  const grading = new GradingService({
    store,
    catalog,
    executor: pool,
    concurrency: 1,
    esbuild: await nodeEsbuild(),
    events,
    graderId: 'g',
    log: silent,
    pollMs: 20,
    // The "new version" is the same package here: what matters is the order of the work.
    stagedEntry: (id) => (id === rev ? entry : undefined),
  });
  await grading.start();
  const done = async () => (await store.revisions.regradeProgress(rev)).done;
  try {
    while ((await done()) < 1) await new Promise((r) => setTimeout(r, 10));
    await store.createSubmission({ id: 'live-0001', ownerId: 'o', problem: SLUG, code: REFERENCE });
    grading.notify();
    while ((await store.getSubmission('live-0001'))?.status !== 'done') await new Promise((r) => setTimeout(r, 10));
    // At most the re-grade that held the worker when the live one arrived finished in between.
    expect(await done()).toBeLessThanOrEqual(2);
    const live = (await store.getSubmission('live-0001'))!;
    expect([live.verdict, live.problemVersion]).toEqual(['AC', version]);
    while ((await done()) < JOBS) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await grading.stop(1000);
    await events.close();
  }
  expect(await store.revisions.markReadyIfRegraded(rev)).toBe(true);
  const rows = await store.revisions.regrades(rev);
  expect(rows.map((r) => [r.oldVerdict, r.newVerdict])).toEqual(Array(JOBS).fill(['WA', 'AC']));
  // Not applied until published.
  expect((await store.getSubmission('stored-0-xx'))!.verdict).toBe('WA');
  expect(await store.revisions.publish(rev)).toBe(true);
  const after = (await store.getSubmission('stored-0-xx'))!;
  expect([after.verdict, after.problemVersion]).toEqual(['AC', 'ffffffffffff']);
  expect(await store.revisions.appliedRegrades('stored-0-xx')).toEqual([
    expect.objectContaining({ fromVersion: version, toVersion: 'ffffffffffff', was: 'WA', now: 'AC' }),
  ]);
  expect((await store.listSubmissions('o', SLUG)).find((s) => s.id === 'stored-0-xx')?.regraded).toBe(true);
});
