/**
 * Several machines over one PostgreSQL (issue 13), as processes on this one: 2 API processes (ROLE=api) and 3
 * graders (ROLE=grader) share a database. A burst of submissions goes through both APIs, each followed live through
 * the *other* API (events cross processes through the database); a grader is killed with SIGKILL in the middle of a
 * job, and an API process in the middle of streams. Every submission ends graded exactly once (one `done` stored,
 * the killed grader's job taken over by another within its lease), and every client sees its `done`, the ones cut
 * off resuming on the other API with Last-Event-ID without losing an event.
 *
 * Needs a PostgreSQL server: runs when TEST_DATABASE_URL is set (.ci/run sets it with .ci/postgres.sh), and says
 * so in the output when it is not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/src/storage/db.ts';
import { postgresBackend, TEST_DATABASE_URL, type TestDatabase } from '../../server/src/storage/test-databases.ts';
import { Client, ROOT, startServerProcess, type ServerProcess, type SseEvent } from '../helpers/server-process.ts';

const LEASE_MS = 3000;
const BURST = 12;
const SLUG = 'bpe-tokenizer';

if (!TEST_DATABASE_URL)
  console.warn(
    'scale-out test SKIPPED: TEST_DATABASE_URL is not set; start a PostgreSQL with `eval "$(bash .ci/postgres.sh)"`',
  );

const started: ServerProcess[] = [];
let database: TestDatabase | null = null;
let db: Db | null = null;
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop('SIGKILL')));
  await db?.close();
  await database?.cleanup();
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

it.skipIf(!TEST_DATABASE_URL)(
  'scale-out: 2 APIs and 3 graders on one PostgreSQL survive a killed grader and a killed API (needs TEST_DATABASE_URL)',
  async () => {
    database = await postgresBackend.open();
    const url = database.url!;
    db = await openDb({ databaseUrl: url, dataDir: 'unused' });
    const common = {
      DATABASE_URL: url,
      GRADER_LEASE_MS: String(LEASE_MS),
      SUBMIT_RATE_PER_MINUTE: '1000',
      QUEUED_PER_OWNER: '100',
    };
    // Each process is remembered as soon as it runs, so that afterAll stops it even if another failed to start.
    const start = async (env: Record<string, string>, http: boolean): Promise<ServerProcess> => {
      const p = await startServerProcess({ ...common, ...env }, undefined, {
        waitHealthy: http,
        // Five processes start at once (each loads the problems); on a loaded 2-core machine that takes a while.
        startTimeoutMs: 240_000,
      });
      started.push(p);
      return p;
    };
    const graders = await Promise.all([0, 1, 2].map(() => start({ ROLE: 'grader', GRADER_WORKERS: '1' }, false)));
    const apis = await Promise.all([0, 1].map(() => start({ ROLE: 'api' }, true)));
    const [apiA, apiB] = apis as [ServerProcess, ServerProcess];
    const client = new Client(apiA.url);
    await until(
      '3 live graders',
      async () => {
        const h = (await client.request('GET', '/api/health')).json;
        return h?.ok === true && h.queue.graders === 3;
      },
      240_000,
    );

    // The burst: through both APIs, as one learner (the cookie secret is shared through the database).
    const code = readFileSync(path.join(ROOT, 'problems', SLUG, 'solutions', 'accepted', 'reference.ts'), 'utf8');
    const ids: string[] = [];
    for (let i = 0; i < BURST; i++) {
      const via = client.at(i % 2 === 0 ? apiA.url : apiB.url);
      const r = await via.request('POST', '/api/submissions', { problem: SLUG, code: `${code}\n// ${i}` });
      expect(r.status).toBe(202);
      ids.push(r.json.id);
    }

    // Every submission followed live through the API it was not sent to; half of them through the one about to be
    // killed.
    const follows = ids.map((id, i) => {
      const bases = i % 2 === 1 ? [apiA.url, apiB.url] : [apiB.url, apiA.url];
      return client.follow(id, bases, { timeoutMs: 240_000 });
    });

    // kill -9 a grader in the middle of a job: the one holding a running submission.
    const victim = await until('a running submission', async () => {
      const rows = await db!.query<{ id: string; pid: number; grader: string }>(
        `SELECT s.id, g.pid, g.id AS grader FROM submissions s JOIN graders g ON g.id = s.claimed_by
          WHERE s.status = 'running' LIMIT 1`,
      );
      return rows[0];
    });
    const killedGrader = graders.find((g) => g.child.pid === Number(victim.pid));
    expect(killedGrader).toBeDefined();
    await killedGrader!.stop('SIGKILL');
    const killedAt = Date.now();

    // kill -9 API A while streams on it are open and not done.
    await until('a live stream on API A', async () => {
      const rows = await db!.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM submissions WHERE status <> 'done' AND id = ANY($1)`,
        [ids.filter((_, i) => i % 2 === 1)],
      );
      return (rows[0]?.n ?? 0) > 0;
    });
    await apiA.stop('SIGKILL');

    // The killed grader's job is taken over within about a lease.
    const retaken = await until('the killed grader’s job taken over', async () => {
      const rows = await db!.query<{ claimed_by: string | null; attempts: number }>(
        `SELECT claimed_by, attempts FROM submissions WHERE id = $1`,
        [victim.id],
      );
      const r = rows[0];
      return r && r.attempts >= 2 && r.claimed_by !== victim.grader ? r : null;
    });
    expect(retaken.attempts).toBeGreaterThanOrEqual(2);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(LEASE_MS + 15_000);

    // Every client sees its `done`, with the verdict.
    const seen = await Promise.all(follows);
    const reconnects = seen.reduce((n, s) => n + s.reconnects, 0);
    expect(reconnects).toBeGreaterThan(0);
    for (const s of seen)
      expect(s.events.at(-1)).toMatchObject({ event: 'done', data: { summary: { verdict: 'AC' } } });

    // Graded exactly once: done, AC, one `done` event stored per submission; and the streams lost nothing: each
    // saw every stored event up to its `done`, across the reconnection.
    const api = client.at(apiB.url);
    for (const [i, id] of ids.entries()) {
      const row = (await api.request('GET', `/api/submissions/${id}`)).json;
      expect(row).toMatchObject({ status: 'done', verdict: 'AC' });
      const stored = await db.query<{ seq: string; type: string }>(
        `SELECT seq, event->>'type' AS type FROM submission_events WHERE submission_id = $1 ORDER BY seq`,
        [id],
      );
      expect(stored.filter((e) => e.type === 'done')).toHaveLength(1);
      const doneSeq = Number(stored.find((e) => e.type === 'done')!.seq);
      const ids_ = (evs: SseEvent[]) => [...new Set(evs.flatMap((e) => (e.id === undefined ? [] : [e.id])))];
      expect(ids_(seen[i]!.events)).toEqual(stored.map((e) => Number(e.seq)).filter((q) => q <= doneSeq));
    }
    console.log(
      `scale-out: ${BURST} submissions; grader killed mid-job, its job taken over after ${takeoverMs} ms ` +
        `(lease ${LEASE_MS} ms); API killed mid-stream, ${reconnects} stream(s) resumed on the other API`,
    );
  },
  600_000,
);
