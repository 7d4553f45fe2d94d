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
import { SqlScreenStore, type ScreenStore } from './screens.ts';
import type { ProblemProgress, Store, SubmissionListItem, SubmissionRow, UserRow } from './types.ts';

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
  'id, owner_id, problem, code, status, verdict, summary, results, attempts, created_at, started_at, finished_at';
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
  readonly cluster: ClusterStore;
  readonly liveEvents: LiveEventStore;

  constructor(db: Db) {
    this.db = db;
    this.screens = new SqlScreenStore(db);
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

  async createSubmission(s: { id: string; ownerId: string; problem: string; code: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO submissions (id, owner_id, problem, code, status) VALUES ($1, $2, $3, $4, 'queued')`,
      [s.id, s.ownerId, s.problem, s.code],
    );
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
    const rows =
      problem === undefined
        ? await this.db.query<Pick<SubmissionDbRow, 'id' | 'problem' | 'status' | 'verdict' | 'created_at'>>(
            `SELECT id, problem, status, verdict, created_at FROM submissions
             WHERE owner_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
            [ownerId, n],
          )
        : await this.db.query<Pick<SubmissionDbRow, 'id' | 'problem' | 'status' | 'verdict' | 'created_at'>>(
            `SELECT id, problem, status, verdict, created_at FROM submissions
             WHERE owner_id = $1 AND problem = $2 ORDER BY created_at DESC, seq DESC LIMIT $3`,
            [ownerId, problem, n],
          );
    return rows.map((r) => ({
      id: r.id,
      problem: r.problem,
      status: r.status,
      verdict: r.verdict,
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
    r: { verdict: string; summary: unknown; results: unknown[] },
  ): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE submissions
          SET status = 'done', verdict = $3, summary = $4::jsonb, results = $5::jsonb, finished_at = now()
        WHERE id = $1 AND status = 'running' AND claimed_by = $2
        RETURNING id`,
      [id, graderId, r.verdict, toJsonParam(r.summary), JSON.stringify(r.results ?? [])],
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
}
