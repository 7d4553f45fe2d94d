/**
 * The `Store` over SQL: the same statements on PGlite (embedded default) and on a PostgreSQL server (DATABASE_URL).
 *
 *   const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: DATA_DIR });
 *   await store.migrate();
 *   ...
 *   await store.close();
 */
import { createHash } from 'node:crypto';
import type { SubmissionStatus } from '../contract.ts';
import { SqlClusterStore, SqlLiveEventStore, type ClusterStore, type LiveEventStore } from './cluster.ts';
import { openDb, type Db, type OpenDbOptions } from './db.ts';
import { fromJson, toDate, toDateOrNull, toJsonParam } from './mapping.ts';
import { migrate } from './migrations.ts';
import { SqlReplayStore, type ReplayStore } from './replays.ts';
import { SqlReportStore, type ReportStore } from './reports.ts';
import { SqlRevisionStore, type RevisionStore } from './revisions.ts';
import { SqlScreenStore, type ScreenStore } from './screens.ts';
import type {
  ActivityDay,
  EnqueueOutcome,
  LoginPolicy,
  NewSubmission,
  ProblemProgress,
  ProblemStats,
  Store,
  SubmissionListItem,
  SubmissionRow,
  UserRow,
} from './types.ts';

/**
 * Arbitrary constant key for the `pg_advisory_xact_lock` that serialises enqueueing (see enqueueSubmission); distinct
 * from MIGRATION_LOCK_KEY.
 */
export const ENQUEUE_LOCK_KEY = 7_263_110_002;

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

/** Opens the database (PGlite unless `databaseUrl` is given) and wraps it; the caller runs `store.migrate()`. */
export async function openStore(opts: OpenDbOptions): Promise<Store> {
  return new SqlStore(await openDb(opts));
}

/** SHA-256 (hex) of a session token: what the `sessions` table stores instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Rows as the drivers return them, and their mapping to the camelCase types.

interface SubmissionDbRow {
  id: string;
  owner_id: string;
  problem: string;
  code: string;
  status: SubmissionStatus;
  verdict: string | null;
  summary: unknown;
  results: unknown;
  attempts: number | string;
  problem_version: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

interface UserDbRow {
  id: string;
  name: string;
  role: UserRow['role'];
  password_hash: string;
  created_at: Date | string;
}

const SUBMISSION_COLUMNS =
  'id, owner_id, problem, code, status, verdict, summary, results, attempts, problem_version, created_at, started_at, finished_at';
const USER_COLUMNS = 'id, name, role, password_hash, created_at';

function mapSubmission(r: SubmissionDbRow): SubmissionRow {
  const results = fromJson(r.results);
  return {
    id: r.id,
    ownerId: r.owner_id,
    problem: r.problem,
    code: r.code,
    status: r.status,
    verdict: r.verdict,
    summary: fromJson(r.summary) ?? null,
    results: Array.isArray(results) ? results : [],
    attempts: Number(r.attempts),
    problemVersion: r.problem_version,
    createdAt: toDate(r.created_at),
    startedAt: toDateOrNull(r.started_at),
    finishedAt: toDateOrNull(r.finished_at),
  };
}

function mapUser(r: UserDbRow): UserRow {
  return { id: r.id, name: r.name, role: r.role, passwordHash: r.password_hash, createdAt: toDate(r.created_at) };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}

// ---------------------------------------------------------------------------------------------------------------

export class SqlStore implements Store {
  readonly db: Db;
  readonly screens: ScreenStore;
  readonly revisions: RevisionStore;
  readonly replays: ReplayStore;
  readonly reports: ReportStore;
  readonly cluster: ClusterStore;
  readonly liveEvents: LiveEventStore;

  constructor(db: Db) {
    this.db = db;
    this.screens = new SqlScreenStore(db);
    this.revisions = new SqlRevisionStore(db);
    this.replays = new SqlReplayStore(db);
    this.reports = new SqlReportStore(db);
    this.cluster = new SqlClusterStore(db, (tx) => new SqlStore(tx));
    this.liveEvents = new SqlLiveEventStore(db);
  }

  async migrate(): Promise<void> {
    await migrate(this.db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // Submissions -------------------------------------------------------------------------------------------------

  async createSubmission(s: NewSubmission): Promise<void> {
    await this.db.query(
      `INSERT INTO submissions (id, owner_id, problem, code, status) VALUES ($1, $2, $3, $4, 'queued')`,
      [s.id, s.ownerId, s.problem, s.code],
    );
  }

  async enqueueSubmission(s: NewSubmission, limits: { queueLimit: number; perOwner: number }): Promise<EnqueueOutcome> {
    // Counting and inserting in one statement is not enough on PostgreSQL: under READ COMMITTED a statement sees
    // the rows committed when it started, so two concurrent enqueues would both count N-1 and both insert (issue 14
    // §13). The advisory lock serialises enqueues across connections and processes; the statement after it starts
    // once the previous enqueue committed, so its counts include that row. PGlite has one connection: same result.
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${ENQUEUE_LOCK_KEY})`);
      const [r] = await tx.query<{ queued: number; pending: number; inserted: number }>(
        `WITH counts AS (
           SELECT (SELECT count(*) FROM submissions WHERE status = 'queued')::int AS queued,
                  (SELECT count(*) FROM submissions WHERE owner_id = $2 AND status <> 'done')::int AS pending
         ), inserted AS (
           INSERT INTO submissions (id, owner_id, problem, code, status)
           SELECT $1, $2, $3, $4, 'queued' FROM counts WHERE queued < $5 AND pending < $6
           RETURNING id
         )
         SELECT queued, pending, (SELECT count(*) FROM inserted)::int AS inserted FROM counts`,
        [s.id, s.ownerId, s.problem, s.code, limits.queueLimit, limits.perOwner],
      );
      if (r && Number(r.inserted) === 1) return { queued: true };
      return { queued: false, reason: r && Number(r.pending) >= limits.perOwner ? 'owner-full' : 'queue-full' };
    });
  }

  async getSubmission(id: string): Promise<SubmissionRow | null> {
    const rows = await this.db.query<SubmissionDbRow>(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? mapSubmission(rows[0]) : null;
  }

  async listSubmissions(ownerId: string, problem?: string, limit?: number): Promise<SubmissionListItem[]> {
    const n = clampLimit(limit);
    // Two statements rather than `($2 IS NULL OR problem = $2)`, so that each has a plan using the
    // (owner_id, problem, created_at DESC) index.
    type ListRow = Pick<SubmissionDbRow, 'id' | 'problem' | 'status' | 'verdict' | 'problem_version' | 'created_at'> & {
      regraded: boolean;
    };
    const columns = `id, problem, status, verdict, problem_version, created_at,
             EXISTS (SELECT 1 FROM regrades g WHERE g.submission_id = s.id AND g.applied_at IS NOT NULL) AS regraded`;
    const rows =
      problem === undefined
        ? await this.db.query<ListRow>(
            `SELECT ${columns} FROM submissions s
             WHERE owner_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
            [ownerId, n],
          )
        : await this.db.query<ListRow>(
            `SELECT ${columns} FROM submissions s
             WHERE owner_id = $1 AND problem = $2 ORDER BY created_at DESC, seq DESC LIMIT $3`,
            [ownerId, problem, n],
          );
    return rows.map((r) => ({
      id: r.id,
      problem: r.problem,
      status: r.status,
      verdict: r.verdict,
      problemVersion: r.problem_version,
      regraded: r.regraded === true,
      createdAt: toDate(r.created_at),
    }));
  }

  async countQueued(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM submissions WHERE status = 'queued'`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async claimNext(graderId: string): Promise<SubmissionRow | null> {
    // One statement: the sub-select locks the oldest queued row (seq breaks created_at ties in insertion order),
    // skipping rows other graders have locked, and the update takes it. Under READ COMMITTED a row another grader
    // took meanwhile is re-checked (no longer 'queued') and skipped, so two graders never get the same submission.
    const rows = await this.db.query<SubmissionDbRow>(
      `UPDATE submissions
          SET status = 'running', claimed_by = $1, claimed_at = now(), started_at = now(), attempts = attempts + 1
        WHERE id = (SELECT id FROM submissions
                     WHERE status = 'queued'
                     ORDER BY created_at, seq
                     FOR UPDATE SKIP LOCKED
                     LIMIT 1)
          AND status = 'queued'
        RETURNING ${SUBMISSION_COLUMNS}`,
      [graderId],
    );
    return rows[0] ? mapSubmission(rows[0]) : null;
  }

  async finishSubmission(
    id: string,
    graderId: string,
    r: { verdict: string; summary: unknown; results: unknown[]; problemVersion?: string | null },
  ): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE submissions
          SET status = 'done', verdict = $3, summary = $4::jsonb, results = $5::jsonb, problem_version = $6,
              finished_at = now()
        WHERE id = $1 AND status = 'running' AND claimed_by = $2
        RETURNING id`,
      [id, graderId, r.verdict, toJsonParam(r.summary), JSON.stringify(r.results ?? []), r.problemVersion ?? null],
    );
    return rows.length > 0;
  }

  async requeueAbandoned(graderId: string, staleAfterMs: number): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE submissions
          SET status = 'queued', claimed_by = NULL, claimed_at = NULL, started_at = NULL
        WHERE status = 'running'
          AND (claimed_by = $1 OR claimed_at < now() - $2::double precision * interval '1 millisecond')
        RETURNING id`,
      [graderId, Math.max(0, staleAfterMs)],
    );
    return rows.length;
  }

  async progress(ownerId: string): Promise<ProblemProgress[]> {
    const rows = await this.db.query<{ problem: string; solved: boolean }>(
      `SELECT problem, bool_or(status = 'done' AND verdict = 'AC') AS solved
         FROM submissions WHERE owner_id = $1
        GROUP BY problem ORDER BY problem`,
      [ownerId],
    );
    return rows.map((r) => ({ problem: r.problem, solved: r.solved === true, attempted: true }));
  }

  async problemStats(ownerId: string): Promise<ProblemStats[]> {
    // summary is the stored GradeSummary: passed, total and steps are plain numbers in it.
    const rows = await this.db.query<{
      problem: string;
      submissions: number | string;
      solved: boolean;
      best_passed: number | string | null;
      best_total: number | string | null;
      last_at: Date | string;
    }>(
      `SELECT problem, count(*)::int AS submissions, bool_or(status = 'done' AND verdict = 'AC') AS solved,
              max((summary->>'passed')::int) FILTER (WHERE status = 'done') AS best_passed,
              max((summary->>'total')::int) FILTER (WHERE status = 'done') AS best_total,
              max(created_at) AS last_at
         FROM submissions WHERE owner_id = $1
        GROUP BY problem ORDER BY problem`,
      [ownerId],
    );
    const best = await this.db.query<{
      problem: string;
      id: string;
      steps: number | string;
      created_at: Date | string;
    }>(
      `SELECT DISTINCT ON (problem) problem, id, (summary->>'steps')::float8 AS steps, created_at
         FROM submissions
        WHERE owner_id = $1 AND status = 'done' AND verdict = 'AC' AND summary->>'steps' IS NOT NULL
        ORDER BY problem, (summary->>'steps')::float8, created_at, seq`,
      [ownerId],
    );
    const bestBy = new Map(best.map((b) => [b.problem, b]));
    return rows.map((r) => {
      const b = bestBy.get(r.problem);
      return {
        problem: r.problem,
        submissions: Number(r.submissions),
        solved: r.solved === true,
        bestPassed: r.best_passed === null ? null : Number(r.best_passed),
        bestTotal: r.best_total === null ? null : Number(r.best_total),
        bestAccepted: b ? { id: b.id, steps: Number(b.steps), createdAt: toDate(b.created_at) } : null,
        lastAt: toDate(r.last_at),
      };
    });
  }

  async activity(ownerId: string, utcOffsetMinutes: number): Promise<ActivityDay[]> {
    // AT TIME ZONE 'UTC' first, so the day does not depend on the database session's TimeZone setting.
    const rows = await this.db.query<{ day: string; submissions: number | string; accepted: number | string }>(
      `SELECT to_char((created_at AT TIME ZONE 'UTC') + $2::int * interval '1 minute', 'YYYY-MM-DD') AS day,
              count(*)::int AS submissions,
              (count(*) FILTER (WHERE status = 'done' AND verdict = 'AC'))::int AS accepted
         FROM submissions WHERE owner_id = $1
        GROUP BY day ORDER BY day`,
      [ownerId, Math.trunc(utcOffsetMinutes)],
    );
    return rows.map((r) => ({ day: r.day, submissions: Number(r.submissions), accepted: Number(r.accepted) }));
  }

  async gradedWithCode(ownerId: string, problem: string, code: string): Promise<SubmissionRow | null> {
    const rows = await this.db.query<SubmissionDbRow>(
      `SELECT ${SUBMISSION_COLUMNS} FROM submissions
        WHERE owner_id = $1 AND problem = $2 AND status = 'done' AND code = $3
        ORDER BY created_at DESC, seq DESC LIMIT 1`,
      [ownerId, problem, code],
    );
    return rows[0] ? mapSubmission(rows[0]) : null;
  }

  async mergeOwner(from: string, to: string): Promise<{ submissions: number; drafts: number }> {
    if (from === to) return { submissions: 0, drafts: 0 };
    return this.db.transaction(async (tx) => {
      const moved = await tx.query<{ id: string }>(
        'UPDATE submissions SET owner_id = $2 WHERE owner_id = $1 RETURNING id',
        [from, to],
      );
      const drafts = await tx.query<{ problem: string }>(
        `INSERT INTO drafts (owner_id, problem, code, updated_at)
         SELECT $2, problem, code, updated_at FROM drafts WHERE owner_id = $1
         ON CONFLICT (owner_id, problem) DO UPDATE SET code = EXCLUDED.code, updated_at = EXCLUDED.updated_at
           WHERE drafts.updated_at < EXCLUDED.updated_at
         RETURNING problem`,
        [from, to],
      );
      await tx.query('DELETE FROM drafts WHERE owner_id = $1', [from]);
      await tx.query('UPDATE test_reports SET owner_id = $2 WHERE owner_id = $1', [from, to]);
      return { submissions: moved.length, drafts: drafts.length };
    });
  }

  // Drafts ------------------------------------------------------------------------------------------------------

  async saveDraft(ownerId: string, problem: string, code: string): Promise<Date> {
    const rows = await this.db.query<{ updated_at: Date | string }>(
      `INSERT INTO drafts (owner_id, problem, code, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (owner_id, problem) DO UPDATE SET code = EXCLUDED.code, updated_at = EXCLUDED.updated_at
       RETURNING updated_at`,
      [ownerId, problem, code],
    );
    return toDate(rows[0]!.updated_at);
  }

  async getDraft(ownerId: string, problem: string): Promise<{ code: string; updatedAt: Date } | null> {
    const rows = await this.db.query<{ code: string; updated_at: Date | string }>(
      'SELECT code, updated_at FROM drafts WHERE owner_id = $1 AND problem = $2',
      [ownerId, problem],
    );
    const r = rows[0];
    return r ? { code: r.code, updatedAt: toDate(r.updated_at) } : null;
  }

  async purgeAnonymousDrafts(savedBefore: Date): Promise<number> {
    const rows = await this.db.query<{ owner_id: string }>(
      `DELETE FROM drafts WHERE updated_at < $1 AND owner_id LIKE 'anon:%' RETURNING owner_id`,
      [savedBefore],
    );
    return rows.length;
  }

  // Accounts and sessions ---------------------------------------------------------------------------------------

  async createUser(u: { id: string; name: string; role: UserRow['role']; passwordHash: string }): Promise<void> {
    await this.db.query('INSERT INTO users (id, name, role, password_hash) VALUES ($1, $2, $3, $4)', [
      u.id,
      u.name,
      u.role,
      u.passwordHash,
    ]);
  }

  async findUserByName(name: string): Promise<UserRow | null> {
    const rows = await this.db.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM users WHERE name = $1`, [name]);
    return rows[0] ? mapUser(rows[0]) : null;
  }

  async getUser(id: string): Promise<UserRow | null> {
    const rows = await this.db.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ? mapUser(rows[0]) : null;
  }

  async createSession(s: { token: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      hashToken(s.token),
      s.userId,
      s.expiresAt,
    ]);
  }

  async sessionUser(token: string, now: Date): Promise<UserRow | null> {
    const rows = await this.db.query<UserDbRow>(
      `SELECT u.id, u.name, u.role, u.password_hash, u.created_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [hashToken(token), now],
    );
    return rows[0] ? mapUser(rows[0]) : null;
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
  }

  async deleteUserSessions(userId: string): Promise<number> {
    const rows = await this.db.query<{ token_hash: string }>(
      'DELETE FROM sessions WHERE user_id = $1 RETURNING token_hash',
      [userId],
    );
    return rows.length;
  }

  async listUsers(): Promise<UserRow[]> {
    const rows = await this.db.query<UserDbRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`);
    return rows.map(mapUser);
  }

  async setUserRole(userId: string, role: UserRow['role']): Promise<void> {
    await this.db.query('UPDATE users SET role = $2 WHERE id = $1', [userId, role]);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
  }

  async deleteUser(userId: string): Promise<boolean> {
    // Screens keep their interviewer (their reports stay readable by admins): such a user is not deleted.
    const rows = await this.db.query<{ id: string }>(
      `DELETE FROM users WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM screens WHERE interviewer_id = $1) RETURNING id`,
      [userId],
    );
    return rows.length === 1;
  }

  async purgeExpired(now: Date, throttleIdleBefore: Date): Promise<{ sessions: number; throttles: number }> {
    const sessions = await this.db.query<{ n: number }>(
      'WITH gone AS (DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [now],
    );
    const throttles = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM login_throttle
                      WHERE last_attempt_at < $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [throttleIdleBefore, now],
    );
    return { sessions: Number(sessions[0]?.n ?? 0), throttles: Number(throttles[0]?.n ?? 0) };
  }

  async beginLoginAttempt(
    name: string,
    now: Date,
    policy: LoginPolicy,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
    // One statement: the attempt is counted (or refused while locked) atomically. In DO UPDATE, t.* are the old
    // values, so the new count is spelled out twice. The exponent is capped so power() cannot overflow.
    const next = `CASE WHEN t.last_attempt_at <= $2::timestamptz - $6::double precision * interval '1 millisecond'
                       THEN 1 ELSE t.attempts + 1 END`;
    const rows = await this.db.query<{ attempts: number }>(
      `INSERT INTO login_throttle AS t (name, attempts, last_attempt_at, locked_until) VALUES ($1, 1, $2, NULL)
       ON CONFLICT (name) DO UPDATE SET
         attempts = ${next},
         last_attempt_at = $2,
         locked_until = CASE WHEN ${next} > $3
           THEN $2::timestamptz + LEAST($5::double precision, $4::double precision * power(2, LEAST(${next} - $3 - 1, 30)))
                * interval '1 millisecond'
           ELSE NULL END
       WHERE t.locked_until IS NULL OR t.locked_until <= $2
       RETURNING attempts`,
      [name, now, policy.free, policy.baseMs, policy.maxMs, policy.resetMs],
    );
    if (rows.length > 0) return { allowed: true };
    const locked = await this.db.query<{ locked_until: Date | string | null }>(
      'SELECT locked_until FROM login_throttle WHERE name = $1',
      [name],
    );
    const until = locked[0]?.locked_until ? toDate(locked[0].locked_until).getTime() : now.getTime();
    return { allowed: false, retryAfterMs: Math.max(1, until - now.getTime()) };
  }

  async clearLoginAttempts(name: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE name = $1', [name]);
  }
}
