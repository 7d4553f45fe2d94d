/**
 * One suite, two backends (test-databases.ts): PGlite in memory (always) and a PostgreSQL server when
 * TEST_DATABASE_URL is set (`eval "$(.ci/postgres.sh)"` starts one), each suite in a schema of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrations.ts';
import { hashToken, openStore, SqlStore } from './sql-store.ts';
import { createScreenFixture, describeOnEachBackend, openMigratedStore, type TestDatabase } from './test-databases.ts';
import type { SubmissionRow } from './types.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describeOnEachBackend('SqlStore', (backend) => {
  let t: TestDatabase;
  let store: SqlStore;

  beforeAll(async () => {
    ({ t, store } = await openMigratedStore(backend));
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  beforeEach(async () => {
    await t.db.query(
      'TRUNCATE regrades, regrade_jobs, problem_revisions, problem_visibility, submissions, drafts, sessions, replay_grades, screen_events, screens, users, test_reports',
    );
  });

  /** Submissions created one statement after another, so created_at increases with the index. */
  async function createMany(n: number, ownerId = 'u1', problem = 'p1', prefix = 's'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `${prefix}${String(i).padStart(3, '0')}`;
      await store.createSubmission({ id, ownerId, problem, code: `// ${id}` });
      ids.push(id);
    }
    return ids;
  }

  describe('migrations', () => {
    it('apply once on a fresh database; running them again is a no-op that keeps the data', async () => {
      const fresh = await backend.open();
      try {
        const ids = migrations.map((m) => m.id);
        expect(await migrate(fresh.db)).toEqual(ids);
        const before = await fresh.db.query<{ id: string; applied_at: Date }>(
          'SELECT id, applied_at FROM schema_migrations ORDER BY id',
        );
        expect(before.map((r) => r.id)).toEqual(ids);

        const s = new SqlStore(fresh.db);
        await s.createSubmission({ id: 'a', ownerId: 'u', problem: 'p', code: 'x' });
        expect(await migrate(fresh.db)).toEqual([]);
        await s.migrate();
        expect(await fresh.db.query('SELECT id, applied_at FROM schema_migrations ORDER BY id')).toEqual(before);
        expect((await s.getSubmission('a'))?.code).toBe('x');
      } finally {
        await fresh.cleanup();
      }
    });

    it('are safe when two processes migrate at the same time', async () => {
      const fresh = await backend.open();
      try {
        // On PostgreSQL two pools (as two processes would); on PGlite the single connection serialises them.
        const other = (await fresh.another()) ?? fresh.db;
        const results = await Promise.all([migrate(fresh.db), migrate(other), migrate(fresh.db)]);
        expect(results.flat().sort()).toEqual(migrations.map((m) => m.id).sort());
        const rows = await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        expect(rows[0]?.n).toBe(migrations.length);
      } finally {
        await fresh.cleanup();
      }
    });
  });

  describe('db', () => {
    it('rolls a transaction back when the callback throws, and nests with savepoints', async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO drafts (owner_id, problem, code) VALUES ('o', 'p', 'rolled back')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await t.db.query('SELECT * FROM drafts')).toEqual([]);

      const n = await t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO drafts (owner_id, problem, code) VALUES ('o', 'kept', 'x')`);
        await expect(
          tx.transaction(async (inner) => {
            await inner.query(`INSERT INTO drafts (owner_id, problem, code) VALUES ('o', 'inner', 'x')`);
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        const rows = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM drafts');
        return rows[0]?.n;
      });
      expect(n).toBe(1);
      expect((await t.db.query<{ problem: string }>('SELECT problem FROM drafts')).map((r) => r.problem)).toEqual([
        'kept',
      ]);
    });

    it('fails a transaction whose failed statement was caught instead of committing part of it', async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO drafts (owner_id, problem, code) VALUES ('o', 'p', 'x')`);
          await tx.query('SELECT 1 / 0').catch(() => {});
        }),
      ).rejects.toThrow();
      expect(await t.db.query('SELECT * FROM drafts')).toEqual([]);
      // The handle is still usable afterwards.
      expect(await t.db.query<{ x: number }>('SELECT 1::int AS x')).toEqual([{ x: 1 }]);
    });
  });

  describe('submissions', () => {
    it('creates a queued submission and reads it back with camelCase fields and Dates', async () => {
      const before = Date.now();
      await store.createSubmission({ id: 'sub1', ownerId: 'alice', problem: 'two-sum', code: 'export {}' });
      const s = await store.getSubmission('sub1');
      expect(s).toEqual({
        id: 'sub1',
        ownerId: 'alice',
        problem: 'two-sum',
        code: 'export {}',
        status: 'queued',
        verdict: null,
        summary: null,
        results: [],
        attempts: 0,
        problemVersion: null,
        createdAt: expect.any(Date),
        startedAt: null,
        finishedAt: null,
      } satisfies SubmissionRow);
      expect(Math.abs(s!.createdAt.getTime() - before)).toBeLessThan(60_000);
      expect(await store.getSubmission('nope')).toBeNull();
      await expect(store.createSubmission({ id: 'sub1', ownerId: 'bob', problem: 'x', code: '' })).rejects.toThrow();
      expect(await store.countQueued()).toBe(1);
    });

    it('lists newest first, filtered by owner and problem, 50 by default and at most 200', async () => {
      await createMany(3, 'alice', 'p1', 'a');
      await createMany(2, 'alice', 'p2', 'b');
      await createMany(1, 'bob', 'p1', 'c');
      const all = await store.listSubmissions('alice');
      expect(all.map((s) => s.id)).toEqual(['b001', 'b000', 'a002', 'a001', 'a000']);
      expect(all[0]).toEqual({
        id: 'b001',
        problem: 'p2',
        status: 'queued',
        verdict: null,
        problemVersion: null,
        regraded: false,
        createdAt: expect.any(Date),
      });
      expect((await store.listSubmissions('alice', 'p1')).map((s) => s.id)).toEqual(['a002', 'a001', 'a000']);
      expect((await store.listSubmissions('alice', 'p1', 2)).map((s) => s.id)).toEqual(['a002', 'a001']);
      expect(await store.listSubmissions('carol')).toEqual([]);

      await t.db.query(
        `INSERT INTO submissions (id, owner_id, problem, code, status, created_at)
           SELECT 'm' || lpad(i::text, 3, '0'), 'many', 'p', '', 'queued', now() - i * interval '1 second'
             FROM generate_series(1, 205) AS i`,
      );
      const dflt = await store.listSubmissions('many');
      expect(dflt).toHaveLength(50);
      expect(dflt[0]?.id).toBe('m001');
      expect(await store.listSubmissions('many', undefined, 1000)).toHaveLength(200);
      expect(await store.listSubmissions('many', 'p', 0)).toHaveLength(1);
    });

    it('claims the oldest queued submission first and returns null when none is left', async () => {
      // Ids in reverse alphabetical order: the order must come from created_at (and insertion order when PGlite's
      // millisecond clock gives two rows the same created_at), not from the id.
      for (const id of ['z', 'y', 'x']) await store.createSubmission({ id, ownerId: 'u', problem: 'p', code: id });
      expect(await store.countQueued()).toBe(3);

      const first = await store.claimNext('g1');
      expect(first).toMatchObject({ id: 'z', status: 'running', attempts: 1, finishedAt: null });
      expect(first?.startedAt).toBeInstanceOf(Date);
      expect((await store.claimNext('g2'))?.id).toBe('y');
      expect((await store.claimNext('g1'))?.id).toBe('x');
      expect(await store.claimNext('g1')).toBeNull();
      expect(await store.countQueued()).toBe(0);
      expect(await store.getSubmission('z')).toMatchObject({ status: 'running', attempts: 1 });
    });

    it('never gives the same submission to two concurrent claimers', async () => {
      const ids = await createMany(20);
      // On PostgreSQL each grader has its own pool, as graders on different machines would.
      const handles = await Promise.all([0, 1, 2, 3].map(async () => (await t.another()) ?? t.db));
      const claimed = await Promise.all(
        handles.map(async (db, i) => {
          const grader = new SqlStore(db);
          const mine: string[] = [];
          for (;;) {
            const s = await grader.claimNext(`grader-${i}`);
            if (!s) return mine;
            expect(s.status).toBe('running');
            mine.push(s.id);
          }
        }),
      );
      expect(claimed.flat().sort()).toEqual(ids);
      expect(await store.countQueued()).toBe(0);
      const rows = await t.db.query<{ id: string; attempts: number; claimed_by: string }>(
        'SELECT id, attempts, claimed_by FROM submissions ORDER BY id',
      );
      for (const r of rows) {
        expect(r.attempts).toBe(1);
        expect(claimed[Number(r.claimed_by.slice('grader-'.length))]).toContain(r.id);
      }
    });

    it('lets only the grader holding the claim finish a submission', async () => {
      await store.createSubmission({ id: 's1', ownerId: 'u', problem: 'p', code: '' });
      const result = {
        verdict: 'WA',
        summary: { passed: 3, total: 4, ms: 12.5, note: 'ünïcødé "quoted"' },
        results: [{ name: 't1', ok: true }, { name: 'hidden', ok: false, hidden: true }, 'plain', 42, null],
      };
      expect(await store.finishSubmission('s1', 'g1', result)).toBe(false); // still queued
      await store.claimNext('g1');
      expect(await store.finishSubmission('s1', 'g2', result)).toBe(false); // not the claimer
      expect(await store.finishSubmission('nope', 'g1', result)).toBe(false);
      expect((await store.getSubmission('s1'))?.status).toBe('running');

      expect(await store.finishSubmission('s1', 'g1', result)).toBe(true);
      const s = await store.getSubmission('s1');
      expect(s).toMatchObject({ status: 'done', verdict: 'WA', summary: result.summary, results: result.results });
      expect(s?.finishedAt).toBeInstanceOf(Date);
      expect(s!.finishedAt!.getTime()).toBeGreaterThanOrEqual(s!.startedAt!.getTime());
      expect(await store.finishSubmission('s1', 'g1', { verdict: 'AC', summary: null, results: [] })).toBe(false);
      expect((await store.getSubmission('s1'))?.verdict).toBe('WA');
      expect(await store.listSubmissions('u')).toMatchObject([{ id: 's1', status: 'done', verdict: 'WA' }]);
    });

    it('stores a null summary as null', async () => {
      await store.createSubmission({ id: 's1', ownerId: 'u', problem: 'p', code: '' });
      await store.claimNext('g');
      expect(await store.finishSubmission('s1', 'g', { verdict: 'JE', summary: null, results: [] })).toBe(true);
      expect(await store.getSubmission('s1')).toMatchObject({ verdict: 'JE', summary: null, results: [] });
    });

    it('requeues what this grader left running, and stale claims of other graders', async () => {
      await createMany(4);
      await store.claimNext('me'); // s000
      await store.claimNext('other'); // s001
      await store.claimNext('other'); // s002
      await store.finishSubmission('s002', 'other', { verdict: 'AC', summary: {}, results: [] });

      // Mine, whatever their age; the other grader's claim is fresh.
      expect(await store.requeueAbandoned('me', 60_000)).toBe(1);
      expect(await store.getSubmission('s000')).toMatchObject({ status: 'queued', attempts: 1, startedAt: null });
      expect((await store.getSubmission('s001'))?.status).toBe('running');
      // The requeued claim can no longer be finished by its former holder.
      expect(await store.finishSubmission('s000', 'me', { verdict: 'AC', summary: {}, results: [] })).toBe(false);

      await sleep(50);
      expect(await store.requeueAbandoned('me', 20)).toBe(1); // s001: older than 20 ms
      expect((await store.getSubmission('s001'))?.status).toBe('queued');
      expect((await store.getSubmission('s002'))?.status).toBe('done'); // done rows are never requeued
      expect(await store.requeueAbandoned('me', 20)).toBe(0);

      // Requeued rows keep their place (created_at) and count a second attempt when claimed again.
      const again = await store.claimNext('me');
      expect(again).toMatchObject({ id: 's000', attempts: 2 });
      expect(await store.countQueued()).toBe(2);
    });

    it('reports per-problem progress: solved needs a finished AC, attempted any submission', async () => {
      const done = async (id: string, problem: string, verdict: string, owner = 'alice') => {
        await store.createSubmission({ id, ownerId: owner, problem, code: '' });
        const s = await store.claimNext('g');
        expect(s?.id).toBe(id);
        await store.finishSubmission(id, 'g', { verdict, summary: null, results: [] });
      };
      await done('1', 'a-solved', 'WA');
      await done('2', 'a-solved', 'AC');
      await done('3', 'a-solved', 'TLE');
      await done('4', 'b-failed', 'WA');
      await done('6', 'd-bob', 'AC', 'bob');
      await store.createSubmission({ id: '7', ownerId: 'alice', problem: 'e-running', code: '' });
      expect((await store.claimNext('g'))?.id).toBe('7');
      await store.createSubmission({ id: '5', ownerId: 'alice', problem: 'c-queued', code: '' });

      expect(await store.progress('alice')).toEqual([
        { problem: 'a-solved', solved: true, attempted: true },
        { problem: 'b-failed', solved: false, attempted: true },
        { problem: 'c-queued', solved: false, attempted: true },
        { problem: 'e-running', solved: false, attempted: true },
      ]);
      expect(await store.progress('bob')).toEqual([{ problem: 'd-bob', solved: true, attempted: true }]);
      expect(await store.progress('nobody')).toEqual([]);
    });
  });

  describe('enqueueSubmission (issue 14 §3, §13)', () => {
    it('a concurrent burst never overshoots the queue limit, from one connection or several', async () => {
      // On PostgreSQL, a second pool (as a second process would have) takes half of the burst.
      const other = await t.another();
      const stores = other ? [store, new SqlStore(other)] : [store];
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          stores[i % stores.length]!.enqueueSubmission(
            { id: `b${String(i).padStart(2, '0')}`, ownerId: `owner-${i}`, problem: 'p', code: 'x' },
            { queueLimit: 12, perOwner: 5 },
          ),
        ),
      );
      expect(outcomes.filter((o) => o.queued)).toHaveLength(12);
      expect(outcomes.filter((o) => !o.queued)).toEqual(Array(18).fill({ queued: false, reason: 'queue-full' }));
      expect(await store.countQueued()).toBe(12);
    });

    it("caps an owner's submissions not yet graded (queued or running), even in a burst", async () => {
      const other = await t.another();
      const stores = other ? [store, new SqlStore(other)] : [store];
      const limits = { queueLimit: 100, perOwner: 3 };
      const mine = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          stores[i % stores.length]!.enqueueSubmission({ id: `m${i}`, ownerId: 'me', problem: 'p', code: '' }, limits),
        ),
      );
      expect(mine.filter((o) => o.queued)).toHaveLength(3);
      expect(mine.filter((o) => !o.queued)).toEqual(Array(7).fill({ queued: false, reason: 'owner-full' }));
      // Running still counts; done does not. Other owners are not affected.
      const running = (await store.claimNext('g'))!;
      expect(await store.enqueueSubmission({ id: 'm-more', ownerId: 'me', problem: 'p', code: '' }, limits)).toEqual({
        queued: false,
        reason: 'owner-full',
      });
      expect(await store.enqueueSubmission({ id: 'you', ownerId: 'you', problem: 'p', code: '' }, limits)).toEqual({
        queued: true,
      });
      await store.finishSubmission(running.id, 'g', { verdict: 'AC', summary: null, results: [] });
      expect(await store.enqueueSubmission({ id: 'm-next', ownerId: 'me', problem: 'p', code: '' }, limits)).toEqual({
        queued: true,
      });
    });
  });

  describe('replay lane', () => {
    const screen = (id: string) => createScreenFixture(store, id);
    const job = (screenId: string, code: string) => ({ screenId, problem: 'p', codeHash: `h-${code}`, code });
    const figures = {
      verdict: 'WA',
      passed: 3,
      total: 9,
      samplesPassed: 2,
      samplesTotal: 2,
      summary: {},
      results: [],
    };

    it('queues each code once per screen and problem', async () => {
      await screen('scr-a');
      await screen('scr-b');
      expect(await store.replays.queue([job('scr-a', 'x'), job('scr-a', 'y'), job('scr-a', 'x')])).toBe(2);
      expect(await store.replays.queue([job('scr-a', 'x'), job('scr-b', 'x')])).toBe(1);
      expect(await store.replays.countQueued()).toBe(3);
    });

    it('is taken only while no submission is queued, oldest first, and only by the claim holder finished', async () => {
      await screen('scr-a');
      await store.replays.queue([job('scr-a', 'x'), job('scr-a', 'y')]);
      await store.createSubmission({ id: 'live1', ownerId: 'u', problem: 'p', code: '' });
      expect(await store.replays.claimNext('g')).toBeNull();
      expect((await store.claimNext('g'))?.id).toBe('live1');
      // Running live work does not hold the lane back; queued live work does.
      const first = await store.replays.claimNext('g');
      expect(first).toMatchObject({ screenId: 'scr-a', code: 'x', attempts: 1 });
      expect(await store.replays.finish(first!.seq, 'other', figures)).toBe(false);
      expect(await store.replays.finish(first!.seq, 'g', figures)).toBe(true);
      expect((await store.replays.claimNext('g'))?.code).toBe('y');
      expect(await store.replays.claimNext('g')).toBeNull();
      const rows = await store.replays.forScreen('scr-a');
      expect(rows.map((r) => [r.codeHash, r.status])).toEqual([
        ['h-x', 'done'],
        ['h-y', 'running'],
      ]);
      expect(rows[0]).toMatchObject({ verdict: 'WA', passed: 3, total: 9, samplesPassed: 2, samplesTotal: 2 });
    });

    it('never gives the same code to two concurrent claimers, and requeues what a dead grader left', async () => {
      await screen('scr-a');
      await store.replays.queue(['a', 'b', 'c', 'd'].map((c) => job('scr-a', c)));
      const another = await t.another();
      const other = another ? new SqlStore(another) : store;
      const claimed = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? other : store).replays.claimNext(`g${i}`)),
      );
      const codes = claimed.filter((c) => c !== null).map((c) => c!.code);
      expect(codes.sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(await store.replays.requeueAbandoned('g0', 60_000)).toBeGreaterThanOrEqual(0);
      await sleep(30);
      expect(await store.replays.requeueAbandoned('nobody', 10)).toBeGreaterThan(0);
      expect(await store.replays.countQueued()).toBe(4);
      expect((await store.replays.claimNext('g'))?.attempts).toBe(2);
    });
  });

  describe('learners', () => {
    it('merges an anonymous history into an account: submissions move, the newer draft stays', async () => {
      await store.createSubmission({ id: 'a1', ownerId: 'anon:x', problem: 'p', code: '' });
      await store.createSubmission({ id: 'a2', ownerId: 'anon:x', problem: 'q', code: '' });
      await store.createSubmission({ id: 'u1', ownerId: 'user:1', problem: 'p', code: '' });
      await store.saveDraft('user:1', 'p', 'account, older');
      await sleep(5);
      await store.saveDraft('anon:x', 'p', 'anonymous, newer');
      await store.saveDraft('user:1', 'q', 'account, newer');
      await sleep(5);
      await store.saveDraft('anon:x', 'r', 'anonymous only');
      // q: an older anonymous draft loses to the account's.
      await t.db.query(
        `INSERT INTO drafts (owner_id, problem, code, updated_at) VALUES ('anon:x', 'q', 'anonymous, older', now() - interval '1 hour')`,
      );
      expect(await store.mergeOwner('anon:x', 'user:1')).toEqual({ submissions: 2, drafts: 2 });
      expect((await store.listSubmissions('user:1')).map((s) => s.id).sort()).toEqual(['a1', 'a2', 'u1']);
      expect(await store.listSubmissions('anon:x')).toEqual([]);
      expect((await store.getDraft('user:1', 'p'))?.code).toBe('anonymous, newer');
      expect((await store.getDraft('user:1', 'q'))?.code).toBe('account, newer');
      expect((await store.getDraft('user:1', 'r'))?.code).toBe('anonymous only');
      expect(await store.getDraft('anon:x', 'r')).toBeNull();
      expect(await store.mergeOwner('anon:x', 'user:1')).toEqual({ submissions: 0, drafts: 0 });
    });

    it('accepts learner accounts', async () => {
      await store.createUser({ id: 'l1', name: 'lea', role: 'learner', passwordHash: 'x' });
      expect((await store.getUser('l1'))?.role).toBe('learner');
    });
  });

  describe('test reports', () => {
    const report = (id: string, ownerId = 'anon:x') => ({
      id,
      problem: 'p1',
      problemVersion: 'v1',
      source: 'submission' as const,
      submissionId: 's1',
      testIndex: 3,
      testGroup: 'hidden' as const,
      verdict: 'WA',
      testVerdict: 'WA',
      seen: { summary: { verdict: 'WA' }, results: [{ index: 3, group: 'hidden', verdict: 'WA' }] },
      code: 'export function f() {}',
      message: 'I think test 4 is wrong',
      ownerId,
      reporterName: null,
    });

    it('keeps what was reported, lists the inbox newest first without the code, and resolves once', async () => {
      await store.reports.create(report('r1'));
      await store.reports.create(report('r2'));
      expect(await store.reports.get('r1')).toMatchObject({
        ...report('r1'),
        status: 'open',
        resolvedBy: null,
        resolvedAt: null,
        reply: null,
      });
      const open = await store.reports.list('open', 10);
      expect(open.map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(open[0]).toMatchObject({ code: '', seen: null, message: 'I think test 4 is wrong', testIndex: 3 });
      expect(await store.reports.resolve('r1', 'ina', 'fixed in v2')).toBe(true);
      expect(await store.reports.resolve('r1', 'ina', 'again')).toBe(false);
      expect(await store.reports.resolve('nope', 'ina', null)).toBe(false);
      expect(await store.reports.get('r1')).toMatchObject({
        status: 'resolved',
        resolvedBy: 'ina',
        reply: 'fixed in v2',
      });
      expect((await store.reports.list('open', 10)).map((r) => r.id)).toEqual(['r2']);
      expect((await store.reports.list('resolved', 10)).map((r) => r.id)).toEqual(['r1']);
    });

    it("list an author's inbox: reports on the problems they created a revision of", async () => {
      const on = (id: string, problem: string) => ({ ...report(id), problem });
      await store.reports.create(on('a1', 'by-ada'));
      await store.reports.create(on('a2', 'by-bob'));
      await store.reports.create(on('a3', 'by-ada'));
      // Ada made two revisions of her problem (a problem counts once), Bob one of his.
      const revision = (id: string, slug: string, createdBy: string) =>
        store.revisions.create({ id, slug, files: { 'problem.json': '{}' }, visibility: null, note: null, createdBy });
      await revision('rv1', 'by-ada', 'ada');
      await revision('rv2', 'by-ada', 'ada');
      await revision('rv3', 'by-bob', 'bob');
      expect((await store.reports.list('open', 10, 'ada')).map((r) => r.id)).toEqual(['a3', 'a1']);
      expect((await store.reports.list('open', 1, 'ada')).map((r) => r.id)).toEqual(['a3']);
      expect((await store.reports.list('open', 10, 'bob')).map((r) => r.id)).toEqual(['a2']);
      expect(await store.reports.list('open', 10, 'cy')).toEqual([]);
      expect(await store.reports.list('resolved', 10, 'ada')).toEqual([]);
      expect((await store.reports.list('open', 10)).map((r) => r.id).slice(0, 3)).toEqual(['a3', 'a2', 'a1']);
    });

    it("move with an anonymous learner's history into their account", async () => {
      await store.reports.create(report('r3', 'anon:y'));
      await store.mergeOwner('anon:y', 'user:9');
      expect((await store.reports.get('r3'))?.ownerId).toBe('user:9');
    });
  });

  describe('drafts', () => {
    it("anonymous learners' drafts expire; accounts' and screens' are kept", async () => {
      await store.saveDraft('anon:old', 'p1', 'old');
      await store.saveDraft('user:u1', 'p1', 'account');
      await store.saveDraft('screen:s1', 'p1', 'screen');
      expect(await store.purgeAnonymousDrafts(new Date(Date.now() - 3600_000))).toBe(0);
      await sleep(5);
      const cut = new Date();
      await sleep(5);
      await store.saveDraft('anon:new', 'p1', 'new');
      expect(await store.purgeAnonymousDrafts(cut)).toBe(1);
      expect(await store.getDraft('anon:old', 'p1')).toBeNull();
      expect((await store.getDraft('anon:new', 'p1'))?.code).toBe('new');
      expect((await store.getDraft('user:u1', 'p1'))?.code).toBe('account');
      expect((await store.getDraft('screen:s1', 'p1'))?.code).toBe('screen');
    });

    it('upserts per owner and problem and returns the update time', async () => {
      expect(await store.getDraft('alice', 'p1')).toBeNull();
      const t1 = await store.saveDraft('alice', 'p1', 'v1');
      expect(t1).toBeInstanceOf(Date);
      expect(await store.getDraft('alice', 'p1')).toEqual({ code: 'v1', updatedAt: t1 });

      await sleep(5);
      const t2 = await store.saveDraft('alice', 'p1', 'v2');
      expect(t2.getTime()).toBeGreaterThan(t1.getTime());
      expect(await store.getDraft('alice', 'p1')).toEqual({ code: 'v2', updatedAt: t2 });

      await store.saveDraft('alice', 'p2', 'other problem');
      await store.saveDraft('bob', 'p1', 'other owner');
      expect((await store.getDraft('alice', 'p1'))?.code).toBe('v2');
      expect((await store.getDraft('bob', 'p1'))?.code).toBe('other owner');
      const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM drafts');
      expect(rows[0]?.n).toBe(3);
    });
  });

  describe('users and sessions', () => {
    it('creates users and finds them by id and name', async () => {
      await store.createUser({ id: 'u1', name: 'ada', role: 'admin', passwordHash: 'scrypt$abc' });
      await store.createUser({ id: 'u2', name: 'bob', role: 'instructor', passwordHash: 'scrypt$def' });
      const ada = await store.findUserByName('ada');
      expect(ada).toEqual({
        id: 'u1',
        name: 'ada',
        role: 'admin',
        passwordHash: 'scrypt$abc',
        createdAt: expect.any(Date),
      });
      expect(await store.getUser('u1')).toEqual(ada);
      expect((await store.getUser('u2'))?.role).toBe('instructor');
      expect(await store.getUser('nope')).toBeNull();
      expect(await store.findUserByName('ADA')).toBeNull();
      await expect(
        store.createUser({ id: 'u3', name: 'ada', role: 'interviewer', passwordHash: 'x' }),
      ).rejects.toThrow();
      await expect(
        store.createUser({ id: 'u4', name: 'eve', role: 'root' as 'admin', passwordHash: 'x' }),
      ).rejects.toThrow();
    });

    it('resolves live sessions only, and stores only a hash of the token', async () => {
      await store.createUser({ id: 'u1', name: 'ada', role: 'interviewer', passwordHash: 'h' });
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + 3_600_000);
      await store.createSession({ token, userId: 'u1', expiresAt });

      expect((await store.sessionUser(token, new Date()))?.id).toBe('u1');
      expect((await store.sessionUser(token, new Date(expiresAt.getTime() - 1)))?.name).toBe('ada');
      expect(await store.sessionUser(token, expiresAt)).toBeNull();
      expect(await store.sessionUser(token, new Date(expiresAt.getTime() + 1))).toBeNull();
      expect(await store.sessionUser('unknown', new Date())).toBeNull();

      const rows = await t.db.query<{ token_hash: string; expires_at: Date }>(
        'SELECT token_hash, expires_at FROM sessions',
      );
      expect(rows).toEqual([{ token_hash: hashToken(token), expires_at: expiresAt }]);
      expect(rows[0]?.token_hash).not.toContain(token);
      expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);

      // A session for an unknown user is refused (foreign key).
      await expect(store.createSession({ token: 'x', userId: 'ghost', expiresAt })).rejects.toThrow();

      await store.deleteSession(token);
      expect(await store.sessionUser(token, new Date())).toBeNull();
      await store.deleteSession(token); // deleting twice is fine
    });
  });
});

describe('PGlite data directory on disk', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'judge-store-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the data across a close and reopen, and migrating again is a no-op', async () => {
    const first = await openStore({ dataDir: dir });
    await first.migrate();
    await first.createSubmission({ id: 's1', ownerId: 'u', problem: 'p', code: 'persisted' });
    await first.saveDraft('u', 'p', 'draft');
    await first.createUser({ id: 'u1', name: 'ada', role: 'admin', passwordHash: 'h' });
    await first.close();
    expect((await stat(path.join(dir, 'pg'))).isDirectory()).toBe(true);

    const second = await openStore({ dataDir: dir });
    try {
      await second.migrate();
      expect(await second.getSubmission('s1')).toMatchObject({ code: 'persisted', status: 'queued' });
      expect((await second.getDraft('u', 'p'))?.code).toBe('draft');
      expect((await second.findUserByName('ada'))?.id).toBe('u1');
      const db = (second as SqlStore).db;
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]?.n).toBe(migrations.length);
    } finally {
      await second.close();
    }
  });
});
