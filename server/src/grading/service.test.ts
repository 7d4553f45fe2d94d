/**
 * Judge faults end as JE, never as a verdict against the code (WA, CE): an executor that breaks, a problem that is
 * gone, and a submission whose grading keeps getting interrupted (a crash loop is cut short, not repeated forever).
 */
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EsbuildApi } from '../../../harness/src/compile/transpile.ts';
import { nodeEsbuild } from '../../../harness/src/node/esbuild.ts';
import type { Executor } from '../../../harness/src/sandbox/executor.ts';
import { ProblemCatalog } from '../problems/catalog.ts';
import { openStore } from '../storage/sql-store.ts';
import type { Store } from '../storage/types.ts';
import { REPO_ROOT } from '../test-support.ts';
import type { SubmissionEvent } from '../contract.ts';
import { StoredEvents } from './events.ts';
import { GradingService } from './service.ts';

let store: Store;
let esbuild: EsbuildApi;
let catalog: ProblemCatalog;
beforeAll(async () => {
  esbuild = await nodeEsbuild();
  catalog = await ProblemCatalog.load(`${REPO_ROOT}/problems`, esbuild, () => undefined);
});
beforeEach(async () => {
  store = await openStore({ dataDir: 'memory://' });
  await store.migrate();
});
afterEach(() => store.close());

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SLUG = 'sliding-window-mask';
const CODE =
  'export function swaMask() { return [] }\nexport function swaRanges() { return [] }\nexport function rollingBuffer() { return { slots: [], chronological: [] } }';

async function gradeOnce(
  executor: Executor,
  seed: (store: Store) => Promise<string>,
  maxAttempts?: number,
): Promise<{ verdict: string | null; results: unknown[]; events: SubmissionEvent[] }> {
  const events = new StoredEvents({ store, graderId: 'g' });
  await events.start();
  const id = await seed(store);
  const seen: SubmissionEvent[] = [];
  events.subscribe(id, 0, (e) => seen.push(e));
  const grading = new GradingService({
    store,
    catalog,
    executor,
    concurrency: 1,
    esbuild,
    events,
    graderId: 'g',
    log: silent,
    pollMs: 20,
    ...(maxAttempts ? { maxAttempts } : {}),
  });
  await grading.start();
  for (let i = 0; i < 500 && (await store.getSubmission(id))?.status !== 'done'; i++)
    await new Promise((r) => setTimeout(r, 20));
  await grading.stop(1000);
  await events.catchUp(id);
  await events.close();
  const row = (await store.getSubmission(id))!;
  return { verdict: row.verdict, results: row.results, events: seen };
}

it('an executor that fails mid-grading gives JE, not WA or CE', async () => {
  const broken: Executor = {
    // eslint-disable-next-line require-yield
    async *run() {
      throw new Error('worker pool exploded at /secret/path.ts:12');
    },
    close: async () => undefined,
  };
  const out = await gradeOnce(broken, async (st) => {
    await st.createSubmission({ id: 'sub-broken-1', ownerId: 'o', problem: SLUG, code: CODE });
    return 'sub-broken-1';
  });
  expect(out.verdict).toBe('JE');
  const done = out.events.find((e) => e.type === 'done');
  expect(done).toMatchObject({ summary: { verdict: 'JE' } });
  expect(JSON.stringify(out)).not.toContain('/secret/path.ts');
});

it('a submission whose grading was started too many times ends as JE without running again', async () => {
  let runs = 0;
  const counting: Executor = {
    // eslint-disable-next-line require-yield
    async *run() {
      runs++;
      throw new Error('should not run');
    },
    close: async () => undefined,
  };
  const out = await gradeOnce(
    counting,
    async (st) => {
      await st.createSubmission({ id: 'sub-poison-1', ownerId: 'o', problem: SLUG, code: CODE });
      // Three earlier runs claimed it and died with the process (kill -9): each restart put it back.
      for (let i = 0; i < 3; i++) {
        await st.claimNext('g');
        await st.requeueAbandoned('g', 60_000);
      }
      return 'sub-poison-1';
    },
    3,
  );
  expect(out.verdict).toBe('JE');
  expect(runs).toBe(0);
});

/** An executor that fails at once: grading ends as JE quickly, which is all these tests need of it. */
const failing: Executor = {
  // eslint-disable-next-line require-yield
  async *run() {
    throw new Error('no engine in this test');
  },
  close: async () => undefined,
};

it('a grader that stops beating (kill -9) loses its job to another grader within the lease', async () => {
  await store.createSubmission({ id: 'sub-lease-1', ownerId: 'o', problem: SLUG, code: CODE });
  // The dead grader: it beat once, claimed the job, and was killed (no more heartbeats, no clean stop).
  await store.cluster.heartbeat({ id: 'dead', host: 'h', pid: 1 });
  expect((await store.claimNext('dead'))?.id).toBe('sub-lease-1');
  const events = new StoredEvents({ store, graderId: 'alive' });
  await events.start();
  const grading = new GradingService({
    store,
    catalog,
    executor: failing,
    concurrency: 1,
    esbuild,
    events,
    graderId: 'alive',
    log: silent,
    pollMs: 100,
    leaseMs: 600,
  });
  const started = Date.now();
  await grading.start();
  try {
    for (let i = 0; i < 300 && (await store.getSubmission('sub-lease-1'))?.status !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 20));
    const row = (await store.getSubmission('sub-lease-1'))!;
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect(Date.now() - started).toBeLessThan(5000);
    // The dead grader's late events are refused: the claim is no longer its own.
    expect(
      await store.liveEvents.append('dead', [
        { submissionId: 'sub-lease-1', event: { type: 'status', status: 'running' } },
      ]),
    ).toBe(0);
  } finally {
    await grading.stop(1000);
    await events.close();
  }
});

it('a grader that cannot reach the database backs off, then carries on when it is back', async () => {
  await store.createSubmission({ id: 'sub-outage-1', ownerId: 'o', problem: SLUG, code: CODE });
  const calls: number[] = [];
  // The database is unreachable for the first three claims.
  const flaky: Store = Object.create(store, {
    claimNext: {
      value: async (graderId: string) => {
        calls.push(Date.now());
        if (calls.length <= 3) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return store.claimNext(graderId);
      },
    },
  });
  const errors: Array<string | undefined> = [];
  const events = new StoredEvents({ store, graderId: 'g' });
  await events.start();
  const grading = new GradingService({
    store: flaky,
    catalog,
    executor: failing,
    concurrency: 1,
    esbuild,
    events,
    graderId: 'g',
    log: { ...silent, error: (_o, msg) => errors.push(msg) },
    pollMs: 20,
  });
  await grading.start();
  try {
    for (let i = 0; i < 400 && (await store.getSubmission('sub-outage-1'))?.status !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await store.getSubmission('sub-outage-1'))?.status).toBe('done');
    // Waits grow (0.5 s, 1 s, 2 s) instead of retrying every poll (20 ms); one error logged for the whole outage.
    const gaps = calls.slice(1, 4).map((t, i) => t - calls[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(450);
    expect(gaps[1]).toBeGreaterThanOrEqual(950);
    expect(gaps[2]).toBeGreaterThanOrEqual(1950);
    expect(errors.filter((m) => m?.includes('claim'))).toHaveLength(1);
  } finally {
    await grading.stop(1000);
    await events.close();
  }
});
