/**
 * What processes sharing one database need from it (README "Running on several machines"): grader heartbeats and the
 * leases they keep, live grading events that any API process can tail, wake-ups (LISTEN/NOTIFY), a lock that lets one
 * process of many run a periodic job, and settings every process must agree on. The same SQL on PGlite (one process)
 * and on PostgreSQL (many).
 */
import { fromJson } from './mapping.ts';
import type { Db } from './db.ts';
import type { Store } from './types.ts';

/** NOTIFY channels (see migration 0003): work was queued; a submission has new events (payload: its id). */
export const QUEUE_CHANNEL = 'judge_queue';
export const EVENTS_CHANNEL = 'judge_events';
/** A revision's status or a visibility changed: every process syncs its catalog (problems/publishing.ts). */
export const PROBLEMS_CHANNEL = 'judge_problems';

export interface GraderInfo {
  id: string;
  host: string;
  pid: number;
}

export interface StoredEvent {
  /** Increases with every event stored (across submissions): the server-sent event id. */
  seq: number;
  event: unknown;
}

export interface ClusterStore {
  /** Grader `id` is alive: its row's `seen_at` becomes now (the database's clock), created on the first beat. */
  heartbeat(grader: GraderInfo): Promise<void>;
  /** A grader stopping cleanly: what it still has running goes back to the queue at once, and its row goes. */
  leave(graderId: string): Promise<number>;
  /**
   * The lease: running submissions whose grader has not beaten within `leaseMs` (killed, frozen, cut off from the
   * database) go back to the queue, and so do such graders' re-grade and replay jobs. Returns how many submissions.
   */
  requeueExpired(leaseMs: number): Promise<number>;
  /** Graders that beat within `leaseMs`. */
  liveGraders(leaseMs: number): Promise<number>;
  /**
   * Runs `fn` holding the database-wide lock `key` (a transaction-level advisory lock), or returns null at once when
   * another process holds it. `fn` gets a store bound to that transaction.
   */
  exclusive<T>(key: number, fn: (store: Store) => Promise<T>): Promise<{ value: T } | null>;
  /** The value of a deployment-wide setting, created with `make()` by the first process that asks. */
  setting(name: string, make: () => string): Promise<string>;
  /** NOTIFYs on `channel` from any process (see `Db.listen`). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface LiveEventStore {
  /**
   * Appends events of one or more submissions in one statement, in the order given, each only while `graderId`
   * holds its submission's claim (a grader whose lease expired and whose job another grader took writes nothing).
   * Returns how many were stored.
   */
  append(graderId: string, events: ReadonlyArray<{ submissionId: string; event: unknown }>): Promise<number>;
  /** The submission's events stored after `afterSeq`, in order. */
  after(submissionId: string, afterSeq: number): Promise<StoredEvent[]>;
  /** Deletes the events of submissions graded more than `olderThanMs` ago (their stored result replays them). */
  prune(olderThanMs: number): Promise<number>;
}

export class SqlClusterStore implements ClusterStore {
  constructor(
    private readonly db: Db,
    private readonly bind: (tx: Db) => Store,
  ) {}

  async heartbeat(g: GraderInfo): Promise<void> {
    await this.db.query(
      `INSERT INTO graders (id, host, pid) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET seen_at = now()`,
      [g.id, g.host, g.pid],
    );
  }

  async leave(graderId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `UPDATE submissions SET status = 'queued', claimed_by = NULL, claimed_at = NULL, started_at = NULL
          WHERE status = 'running' AND claimed_by = $1 RETURNING id`,
        [graderId],
      );
      // The low-priority lanes' jobs too (re-grades, the replay lane): they have no stream waiting, only a queue.
      await tx.query(
        `UPDATE regrade_jobs SET status = 'queued', claimed_by = NULL, claimed_at = NULL
          WHERE status = 'running' AND claimed_by = $1`,
        [graderId],
      );
      await tx.query(
        `UPDATE replay_grades SET status = 'queued', claimed_by = NULL, claimed_at = NULL
          WHERE status = 'running' AND claimed_by = $1`,
        [graderId],
      );
      await tx.query('DELETE FROM graders WHERE id = $1', [graderId]);
      return rows.length;
    });
  }

  async requeueExpired(leaseMs: number): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE submissions s
          SET status = 'queued', claimed_by = NULL, claimed_at = NULL, started_at = NULL
        WHERE s.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM graders g
                           WHERE g.id = s.claimed_by
                             AND g.seen_at > now() - $1::double precision * interval '1 millisecond')
        RETURNING s.id`,
      [Math.max(0, leaseMs)],
    );
    // The same lease for the low-priority lanes' jobs (re-grades, the replay lane); they count as no submission.
    for (const table of ['regrade_jobs', 'replay_grades'])
      await this.db.query(
        `UPDATE ${table} j
            SET status = 'queued', claimed_by = NULL, claimed_at = NULL
          WHERE j.status = 'running'
            AND NOT EXISTS (SELECT 1 FROM graders g
                             WHERE g.id = j.claimed_by
                               AND g.seen_at > now() - $1::double precision * interval '1 millisecond')`,
        [Math.max(0, leaseMs)],
      );
    // Rows of graders gone for a day are history.
    await this.db.query(`DELETE FROM graders WHERE seen_at < now() - interval '1 day'`);
    return rows.length;
  }

  async liveGraders(leaseMs: number): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graders
        WHERE seen_at > now() - $1::double precision * interval '1 millisecond'`,
      [Math.max(0, leaseMs)],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async exclusive<T>(key: number, fn: (store: Store) => Promise<T>): Promise<{ value: T } | null> {
    if (!Number.isSafeInteger(key)) throw new Error('lock key must be an integer');
    return this.db.transaction(async (tx) => {
      const [r] = await tx.query<{ got: boolean }>(`SELECT pg_try_advisory_xact_lock(${key}) AS got`);
      if (r?.got !== true) return null;
      return { value: await fn(this.bind(tx)) };
    });
  }

  async setting(name: string, make: () => string): Promise<string> {
    await this.db.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      make(),
    ]);
    const rows = await this.db.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name]);
    return rows[0]!.value;
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }
}

export class SqlLiveEventStore implements LiveEventStore {
  constructor(private readonly db: Db) {}

  async append(graderId: string, events: ReadonlyArray<{ submissionId: string; event: unknown }>): Promise<number> {
    if (events.length === 0) return 0;
    // One statement for the batch, as [submission id, event] pairs; the fence (the claim) is checked in the same
    // statement. Identity values follow the ORDER BY, so seq keeps the order the events were published in.
    const rows = await this.db.query<{ n: number }>(
      `WITH stored AS (
         INSERT INTO submission_events (submission_id, event)
         SELECT e.value->>0, e.value->1 FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(value, n)
          WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.id = e.value->>0 AND s.claimed_by = $1)
          ORDER BY e.n
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM stored`,
      [graderId, JSON.stringify(events.map((e) => [e.submissionId, e.event]))],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async after(submissionId: string, afterSeq: number): Promise<StoredEvent[]> {
    const rows = await this.db.query<{ seq: unknown; event: unknown }>(
      `SELECT seq, event FROM submission_events WHERE submission_id = $1 AND seq > $2 ORDER BY seq`,
      [submissionId, Math.max(0, Math.floor(afterSeq))],
    );
    return rows.map((r) => ({ seq: Number(r.seq), event: fromJson(r.event) }));
  }

  async prune(olderThanMs: number): Promise<number> {
    const rows = await this.db.query<{ seq: unknown }>(
      `DELETE FROM submission_events e USING submissions s
        WHERE s.id = e.submission_id AND s.status = 'done'
          AND s.finished_at < now() - $1::double precision * interval '1 millisecond'
       RETURNING e.seq`,
      [Math.max(0, olderThanMs)],
    );
    // PGlite runs no autovacuum (no background processes): without this the table, written and emptied all day,
    // would never reuse the space of pruned events and grow forever. Cheap: ~30 ms with 130k events on PGlite.
    if (rows.length > 0 && this.db.kind === 'pglite') await this.db.exec('VACUUM submission_events');
    return rows.length;
  }
}
