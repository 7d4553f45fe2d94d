/**
 * Two processes, one database: what one publishes reaches the other's catalog (a NOTIFY from a trigger, then a
 * sync), and a revision checked by one is loaded by the other for its re-grade jobs (graders in other processes
 * than the API that checked it). Both "processes" are Publishing instances with catalogs of their own over one
 * store, as `api` and `grader` processes are over one PostgreSQL.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nodeEsbuild } from '../../../harness/src/node/esbuild.ts';
import { readProblemFolder } from '../../../harness/src/problem/folder.ts';
import { buildFixture, FIXTURE_SLUG } from '../../../tests/helpers/publish-fixture.ts';
import { openStore } from '../storage/sql-store.ts';
import type { Store } from '../storage/types.ts';
import { REPO_ROOT } from '../test-support.ts';
import { ProblemCatalog } from './catalog.ts';
import { workerChecker } from './check.ts';
import { Publishing } from './publishing.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const author = { id: 'u1', name: 'ina' };
let store: Store;
const stops: Array<() => Promise<void>> = [];

async function startProcess(name: string): Promise<{ catalog: ProblemCatalog; publishing: Publishing }> {
  const esbuild = await nodeEsbuild();
  // An empty PROBLEMS_DIR: every problem here is published.
  const problemsDir = mkdtempSync(path.join(REPO_ROOT, '.tmp', `sync-problems-${name}-`));
  writeFileSync(path.join(problemsDir, 'sets.json'), JSON.stringify({ sets: [] }));
  const catalog = await ProblemCatalog.load(problemsDir, esbuild, () => undefined);
  const publishing = new Publishing({
    store,
    catalog,
    esbuild,
    // Each process on its own machine: its own data directory, written from the database.
    dataDir: mkdtempSync(path.join(REPO_ROOT, '.tmp', `sync-data-${name}-`)),
    log: silent,
    check: workerChecker(300_000),
    maxBytes: 8 * 1024 * 1024,
    regradeMax: 100,
    notifyGraders: () => undefined,
  });
  await publishing.restore();
  return { catalog, publishing };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  mkdirSync(path.join(REPO_ROOT, '.tmp'), { recursive: true });
  store = await openStore({ dataDir: 'memory://' });
  await store.migrate();
});
afterAll(async () => {
  for (const stop of stops) await stop();
  await store?.close();
});

it('a problem published through one process is served by the other within moments, version and visibility', async () => {
  const api = await startProcess('api');
  const grader = await startProcess('grader');
  // The periodic fallback is an hour away: only the NOTIFY can bring the change within the test.
  stops.push(await grader.publishing.follow(3_600_000));

  const files = await readProblemFolder(await buildFixture(1));
  const checked = await api.publishing.submit(author, { slug: FIXTURE_SLUG, files });
  await api.publishing.idle();
  expect((await api.publishing.view(checked.id)).status).toBe('ready');
  expect(grader.catalog.get(FIXTURE_SLUG)).toBeUndefined();

  await api.publishing.publish(checked.id, author);
  const entry = await until('the other catalog to serve it', () => grader.catalog.get(FIXTURE_SLUG));
  expect(entry.revisionId).toBe(checked.id);
  expect(entry.problem.version).toBe(api.catalog.get(FIXTURE_SLUG)!.problem.version);

  await api.publishing.setVisibility(FIXTURE_SLUG, 'unlisted', author);
  await until('the visibility to follow', () =>
    grader.catalog.visibilityOf(FIXTURE_SLUG) === 'unlisted' ? true : undefined,
  );

  // Version 2, checked by the API process: a re-grade of stored submissions would run on the grader, which loads
  // the revision from the database (its own data directory has never seen it).
  await store.createSubmission({ id: 'stored-1', ownerId: 'o', problem: FIXTURE_SLUG, code: 'x' });
  const v2 = await api.publishing.submit(author, {
    slug: FIXTURE_SLUG,
    files: await readProblemFolder(await buildFixture(2)),
  });
  await api.publishing.idle();
  const staged = await grader.publishing.stagedEntry(v2.id);
  expect(staged?.revisionId).toBe(v2.id);
  expect(staged?.problem.version).not.toBe(entry.problem.version);
  // A revision that is not pending is not loaded for re-grading.
  expect(await grader.publishing.stagedEntry(checked.id)).toBeUndefined();
});
