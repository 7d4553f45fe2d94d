/**
 * What processes sharing one database rely on (cluster.ts), on both backends: leases kept by heartbeats, events
 * fenced by the claim, wake-ups by NOTIFY (across connections on PostgreSQL, and after the listening connection was
 * cut), the lock that lets one process sweep, and shared settings.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { EVENTS_CHANNEL, QUEUE_CHANNEL } from './cluster.ts';
import { SqlStore } from './sql-store.ts';
import {
  createScreenFixture,
  describeOnEachBackend,
  openMigratedStore,
  pgliteBackend,
  postgresBackend,
  type TestDatabase,
} from './test-databases.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describeOnEachBackend('cluster', (backend) => {
  let t: TestDatabase;
  let store: SqlStore;

  beforeAll(async () => {
    ({ t, store } = await openMigratedStore(backend));
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE submissions, graders, submission_events, settings, screens, users CASCADE');
  });

  const submit = (id: string) => store.createSubmission({ id, ownerId: 'o', problem: 'p', code: `// ${id}` });
  /** A screen with one code queued in the replay lane (the low-priority lane a lease must cover too). */
  const replayJob = async (id: string) => {
    await createScreenFixture(store, id);
    await store.replays.queue([{ screenId: id, problem: 'p', codeHash: `h-${id}`, code: `// ${id}` }]);
  };
  const replayStatus = async (screenId: string) => (await store.replays.forScreen(screenId))[0]?.status;
  const status = async (id: string) => (await store.getSubmission(id))?.status;

  it('a lease expires without heartbeats: the dead grader’s work is queued again, the live one’s is kept', async () => {
    await submit('a');
    await submit('b');
    await store.cluster.heartbeat({ id: 'alive', host: 'h1', pid: 1 });
    await store.cluster.heartbeat({ id: 'dead', host: 'h2', pid: 2 });
    expect((await store.claimNext('alive'))?.id).toBe('a');
    expect((await store.claimNext('dead'))?.id).toBe('b');
    await replayJob('s1');
    await replayJob('s2');
    expect((await store.replays.claimNext('alive'))?.screenId).toBe('s1');
    expect((await store.replays.claimNext('dead'))?.screenId).toBe('s2');
    // Both beat just now: nothing expires.
    expect(await store.cluster.requeueExpired(60_000)).toBe(0);
    expect(await store.cluster.liveGraders(60_000)).toBe(2);

    await sleep(400);
    await store.cluster.heartbeat({ id: 'alive', host: 'h1', pid: 1 });
    expect(await store.cluster.liveGraders(300)).toBe(1);
    expect(await store.cluster.requeueExpired(300)).toBe(1);
    expect(await status('a')).toBe('running');
    expect(await status('b')).toBe('queued');
    expect([await replayStatus('s1'), await replayStatus('s2')]).toEqual(['running', 'queued']);
    // The dead grader's result is refused; the job goes to the next grader, attempt 2.
    expect(await store.finishSubmission('b', 'dead', { verdict: 'AC', summary: {}, results: [] })).toBe(false);
    const again = await store.claimNext('alive');
    expect(again).toMatchObject({ id: 'b', attempts: 2 });
  });

  it('a grader that leaves hands its running work back at once and is no longer counted', async () => {
    await submit('a');
    await store.cluster.heartbeat({ id: 'g', host: 'h', pid: 1 });
    await store.claimNext('g');
    await replayJob('s');
    await store.replays.claimNext('g');
    expect(await store.cluster.leave('g')).toBe(1);
    expect(await status('a')).toBe('queued');
    expect(await replayStatus('s')).toBe('queued');
    expect(await store.cluster.liveGraders(60_000)).toBe(0);
  });

  it('events are stored in order, only from the grader holding the claim, and pruned once graded', async () => {
    await submit('a');
    await store.cluster.heartbeat({ id: 'g', host: 'h', pid: 1 });
    const of = (id: string, ...ns: number[]) => ns.map((n) => ({ submissionId: id, event: { n } }));
    expect(await store.liveEvents.append('g', of('a', 0))).toBe(0); // not claimed yet
    await store.claimNext('g');
    expect(await store.liveEvents.append('g', of('a', 1, 2, 3))).toBe(3);
    expect(await store.liveEvents.append('someone-else', of('a', 99))).toBe(0);
    const all = await store.liveEvents.after('a', 0);
    expect(all.map((e) => e.event)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(all[1]!.seq).toBeGreaterThan(all[0]!.seq);
    expect((await store.liveEvents.after('a', all[1]!.seq)).map((e) => e.event)).toEqual([{ n: 3 }]);

    expect(await store.liveEvents.prune(0)).toBe(0); // still running
    await store.finishSubmission('a', 'g', { verdict: 'AC', summary: {}, results: [] });
    expect(await store.liveEvents.prune(60_000)).toBe(0); // graded just now
    await sleep(20);
    expect(await store.liveEvents.prune(1)).toBe(3);
    expect(await store.liveEvents.after('a', 0)).toEqual([]);
  });

  it('one statement stores the events of several submissions, each in order, each only under its claim', async () => {
    for (const id of ['a', 'b', 'c']) await submit(id);
    await store.cluster.heartbeat({ id: 'g', host: 'h', pid: 1 });
    await store.claimNext('g'); // a
    await store.claimNext('g'); // b; c stays queued: not this grader's
    const batch = [
      { submissionId: 'a', event: { n: 1 } },
      { submissionId: 'b', event: { n: 1 } },
      { submissionId: 'c', event: { n: 1 } },
      { submissionId: 'a', event: { n: 2 } },
      { submissionId: 'b', event: { n: 2 } },
      { submissionId: 'a', event: { n: 3 } },
    ];
    expect(await store.liveEvents.append('g', batch)).toBe(5);
    const a = await store.liveEvents.after('a', 0);
    const b = await store.liveEvents.after('b', 0);
    expect(a.map((e) => e.event)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(b.map((e) => e.event)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await store.liveEvents.after('c', 0)).toEqual([]);
    // seq follows the order of the batch across submissions too.
    expect([a[0]!.seq < b[0]!.seq, b[0]!.seq < a[1]!.seq, b[1]!.seq < a[2]!.seq]).toEqual([true, true, true]);
  });

  it('the events NOTIFY trigger runs once per statement, not once per event, and names every submission', async () => {
    // tgtype bit 0 is FOR EACH ROW (pg_trigger.h): a row trigger ran PL/pgSQL for every event of a batch.
    const [trigger] = await t.db.query<{ row: number }>(
      `SELECT (tgtype::int & 1) AS row FROM pg_trigger WHERE tgname = 'submission_events_notify'`,
    );
    expect(trigger).toEqual({ row: 0 });
    const other = new SqlStore((await t.another()) ?? t.db);
    const woken: string[] = [];
    const stop = await other.cluster.listen(EVENTS_CHANNEL, (p) => woken.push(p));
    try {
      for (const id of ['a', 'b']) await submit(id);
      await store.cluster.heartbeat({ id: 'g', host: 'h', pid: 1 });
      await store.claimNext('g');
      await store.claimNext('g');
      const batch = ['a', 'b', 'a'].map((id, n) => ({ submissionId: id, event: { n } }));
      expect(await store.liveEvents.append('g', batch)).toBe(3);
      await until('both notifications', () => woken.includes('a') && woken.includes('b'));
    } finally {
      await stop();
    }
  });

  it.skipIf(backend !== pgliteBackend)(
    'pruned events leave room for new ones on PGlite, which runs no autovacuum',
    async () => {
      await store.cluster.heartbeat({ id: 'g', host: 'h', pid: 1 });
      const size = async () =>
        Number((await t.db.query<{ n: number }>(`SELECT pg_relation_size('submission_events')::int AS n`))[0]!.n);
      const sizes: number[] = [];
      for (let round = 0; round < 3; round++) {
        const id = `r${round}`;
        await submit(id);
        await store.claimNext('g');
        const batch = Array.from({ length: 3000 }, (_, n) => ({
          submissionId: id,
          event: { n, pad: 'x'.repeat(100) },
        }));
        expect(await store.liveEvents.append('g', batch)).toBe(3000);
        await store.finishSubmission(id, 'g', { verdict: 'AC', summary: {}, results: [] });
        await sleep(20);
        expect(await store.liveEvents.prune(1)).toBe(3000);
        sizes.push(await size());
      }
      // Without a VACUUM each round added its pages (~500 kB) to the table.
      expect(sizes[2]).toBeLessThanOrEqual(sizes[0]!);
    },
  );

  it('NOTIFY wakes listeners when work is queued (insert or requeue) and when events are stored', async () => {
    // On PostgreSQL, listen on another pool, as another process would.
    const other = new SqlStore((await t.another()) ?? t.db);
    const queue: string[] = [];
    const events: string[] = [];
    const stopQueue = await other.cluster.listen(QUEUE_CHANNEL, (p) => queue.push(p));
    const stopEvents = await other.cluster.listen(EVENTS_CHANNEL, (p) => events.push(p));
    try {
      await submit('a');
      await until('the queue notification', () => queue.length > 0);
      await store.cluster.heartbeat({ id: 'g', host: 'h', pid: 1 });
      await store.claimNext('g');
      await store.liveEvents.append('g', [{ submissionId: 'a', event: { n: 1 } }]);
      await until('the event notification', () => events.includes('a'));
      queue.length = 0;
      await store.cluster.leave('g'); // running → queued
      await until('the requeue notification', () => queue.length > 0);
    } finally {
      await stopQueue();
      await stopEvents();
    }
  });

  it('a setting is made once: every process gets the first value', async () => {
    const first = await store.cluster.setting('cookie-secret', () => 'one');
    const second = await store.cluster.setting('cookie-secret', () => 'two');
    expect([first, second]).toEqual(['one', 'one']);
  });

  it('an exclusive job runs in one process at a time: the others skip it', async () => {
    const other = await t.another();
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const first = store.cluster.exclusive(42, async () => {
      await held;
      return 'first';
    });
    await sleep(100);
    if (other) {
      // Another process asks while the lock is held: it does not wait, it skips.
      expect(await new SqlStore(other).cluster.exclusive(42, async () => 'second')).toBeNull();
    }
    release();
    expect(await first).toEqual({ value: 'first' });
    // Free again; the function gets a store bound to the lock's transaction.
    expect(await store.cluster.exclusive(42, async (s) => (await s.countQueued()) + 1)).toEqual({ value: 1 });
  });

  it.skipIf(backend !== postgresBackend)('the listening connection comes back after it was cut', async () => {
    const other = (await t.another())!;
    const wakes: string[] = [];
    const stop = await other.listen(EVENTS_CHANNEL, (p) => wakes.push(p === '' ? 'reconnected' : p));
    try {
      // As a database restart or a network cut would: end the server side of the connections whose last
      // statement was a LISTEN (the listener's own connection).
      await t.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND datname = current_database() AND query LIKE 'LISTEN%'`,
      );
      await until('the reconnection', () => wakes.includes('reconnected'), 15_000);
      await t.db.query(`SELECT pg_notify('${EVENTS_CHANNEL}', 'after-cut')`);
      await until('a notification after the reconnection', () => wakes.includes('after-cut'));
    } finally {
      await stop();
    }
  });
});
