/**
 * Storage of published problem packages (revisions), the re-grade of stored submissions against a new version, and
 * visibility set by instructors. Same SQL on PGlite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import type { Visibility } from '../../../harness/src/problem/manifest.ts';
import type { Db } from './db.ts';
import { fromJson, toDate, toDateOrNull, toJsonParam } from './mapping.ts';

export type RevisionStatus = 'checking' | 'refused' | 'regrading' | 'ready' | 'live' | 'superseded' | 'discarded';
/** Revisions on their way: at most one per problem (a newer upload discards the older one). */
export const PENDING_STATUSES: readonly RevisionStatus[] = ['checking', 'regrading', 'ready'];

export interface CheckOutput {
  ok: boolean;
  errors: string[];
  lines: string[];
}

export interface RevisionRow {
  id: string;
  slug: string;
  status: RevisionStatus;
  visibility: Visibility | null;
  note: string | null;
  version: string | null;
  baseVersion: string | null;
  checkOutput: CheckOutput | null;
  /** Submissions of the base version left out of the re-grade (beyond REGRADE_MAX). */
  regradeSkipped: number;
  createdBy: string;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface RegradeJob {
  revisionId: string;
  codeHash: string;
  code: string;
}

/** A re-graded submission: its verdict before, and the re-grade's (null until its job is done). */
export interface RegradeRow {
  submissionId: string;
  oldVerdict: string | null;
  oldVersion: string | null;
  newVerdict: string | null;
}

/** What a user sees of a verdict changed by a published re-grade. */
export interface AppliedRegrade {
  at: Date;
  revisionId: string;
  fromVersion: string | null;
  toVersion: string;
  was: string | null;
  now: string;
  note: string | null;
}

export interface RevisionStore {
  create(r: {
    id: string;
    slug: string;
    files: Record<string, string>;
    visibility: Visibility | null;
    note: string | null;
    createdBy: string;
  }): Promise<void>;
  get(id: string): Promise<RevisionRow | null>;
  files(id: string): Promise<Record<string, string> | null>;
  /** Newest first; every problem's when `slug` is undefined. */
  list(slug?: string): Promise<RevisionRow[]>;
  /**
   * The newest revision of `slug` that was published with `version` (live now, or superseded since): what a
   * submission graded against that version was graded on. Null when none was (a built-in version).
   */
  publishedWithVersion(slug: string, version: string): Promise<RevisionRow | null>;
  /** Revisions in the given states, oldest first (boot: what to load or check again). */
  withStatus(statuses: readonly RevisionStatus[]): Promise<RevisionRow[]>;
  /** Records the check's outcome of a revision still `checking`; false when it is no longer (discarded meanwhile). */
  checked(
    id: string,
    r: {
      status: 'refused' | 'regrading' | 'ready';
      version: string | null;
      baseVersion: string | null;
      output: CheckOutput;
      /** Replaces the stored files (the package with the suite the check built). */
      files?: Record<string, string>;
    },
  ): Promise<boolean>;
  /** Moves a `regrading` revision whose jobs are all done to `ready`. */
  markReadyIfRegraded(id: string): Promise<boolean>;
  /** Discards the pending revisions of `slug` (other than `exceptId`); returns their ids. */
  discardPending(slug: string, exceptId?: string): Promise<string[]>;
  /** Discards one pending revision; false when it is not pending. */
  discard(id: string): Promise<boolean>;
  /**
   * Publishes a `ready` revision in one transaction: the live one of its problem is superseded, this one goes live,
   * and every submission it re-graded takes the re-grade's outcome and version (its old verdict stays in regrades).
   * False when the revision is not `ready`.
   */
  publish(id: string): Promise<boolean>;

  /**
   * Queues the re-grade of `slug`'s done submissions graded against `fromVersion` (or before versions were recorded),
   * the `max` newest: one job per distinct code. Returns how many submissions and jobs.
   */
  queueRegrade(
    revisionId: string,
    slug: string,
    fromVersion: string,
    max: number,
  ): Promise<{ submissions: number; jobs: number; skipped: number }>;
  /** Takes the oldest queued job of a revision that is `regrading` (SKIP LOCKED); null when none. */
  claimRegrade(graderId: string): Promise<RegradeJob | null>;
  finishRegrade(
    job: Pick<RegradeJob, 'revisionId' | 'codeHash'>,
    graderId: string,
    r: { verdict: string; summary: unknown; results: unknown[] },
  ): Promise<boolean>;
  /** Puts back jobs left running by `graderId` or claimed longer than `staleAfterMs` ago. */
  requeueAbandonedRegrades(graderId: string, staleAfterMs: number): Promise<number>;
  regradeProgress(revisionId: string): Promise<{ jobs: number; done: number; submissions: number }>;
  regrades(revisionId: string): Promise<RegradeRow[]>;
  /** One re-graded submission of a revision, with the code and the re-grade's outcome. */
  regradeOf(
    revisionId: string,
    submissionId: string,
  ): Promise<
    (RegradeRow & { code: string; problem: string; createdAt: Date; summary: unknown; results: unknown[] }) | null
  >;
  /** The published re-grades of a submission, oldest first. */
  appliedRegrades(submissionId: string): Promise<AppliedRegrade[]>;

  setVisibility(slug: string, visibility: Visibility, by: string | null): Promise<void>;
  visibilities(): Promise<Map<string, Visibility>>;
}

interface RevisionDbRow {
  id: string;
  slug: string;
  status: RevisionStatus;
  visibility: Visibility | null;
  note: string | null;
  version: string | null;
  base_version: string | null;
  check_output: unknown;
  regrade_skipped: number | string;
  created_by: string;
  created_at: Date | string;
  decided_at: Date | string | null;
}

const REVISION_COLUMNS =
  'id, slug, status, visibility, note, version, base_version, check_output, regrade_skipped, created_by, created_at, decided_at';

function mapRevision(r: RevisionDbRow): RevisionRow {
  return {
    id: r.id,
    slug: r.slug,
    status: r.status,
    visibility: r.visibility,
    note: r.note,
    version: r.version,
    baseVersion: r.base_version,
    checkOutput: (fromJson(r.check_output) ?? null) as CheckOutput | null,
    regradeSkipped: Number(r.regrade_skipped),
    createdBy: r.created_by,
    createdAt: toDate(r.created_at),
    decidedAt: toDateOrNull(r.decided_at),
  };
}

const codeHash = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

export class SqlRevisionStore implements RevisionStore {
  constructor(private readonly db: Db) {}

  async create(r: {
    id: string;
    slug: string;
    files: Record<string, string>;
    visibility: Visibility | null;
    note: string | null;
    createdBy: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO problem_revisions (id, slug, files, visibility, note, created_by) VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
      [r.id, r.slug, JSON.stringify(r.files), r.visibility, r.note, r.createdBy],
    );
  }

  async get(id: string): Promise<RevisionRow | null> {
    const rows = await this.db.query<RevisionDbRow>(`SELECT ${REVISION_COLUMNS} FROM problem_revisions WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? mapRevision(rows[0]) : null;
  }

  async files(id: string): Promise<Record<string, string> | null> {
    const rows = await this.db.query<{ files: unknown }>('SELECT files FROM problem_revisions WHERE id = $1', [id]);
    return rows[0] ? (fromJson(rows[0].files) as Record<string, string>) : null;
  }

  async list(slug?: string): Promise<RevisionRow[]> {
    const rows =
      slug === undefined
        ? await this.db.query<RevisionDbRow>(
            `SELECT ${REVISION_COLUMNS} FROM problem_revisions ORDER BY seq DESC LIMIT 500`,
          )
        : await this.db.query<RevisionDbRow>(
            `SELECT ${REVISION_COLUMNS} FROM problem_revisions WHERE slug = $1 ORDER BY seq DESC LIMIT 500`,
            [slug],
          );
    return rows.map(mapRevision);
  }

  async publishedWithVersion(slug: string, version: string): Promise<RevisionRow | null> {
    const rows = await this.db.query<RevisionDbRow>(
      `SELECT ${REVISION_COLUMNS} FROM problem_revisions
        WHERE slug = $1 AND version = $2 AND status IN ('live', 'superseded')
        ORDER BY seq DESC LIMIT 1`,
      [slug, version],
    );
    return rows[0] ? mapRevision(rows[0]) : null;
  }

  async withStatus(statuses: readonly RevisionStatus[]): Promise<RevisionRow[]> {
    const rows = await this.db.query<RevisionDbRow>(
      `SELECT ${REVISION_COLUMNS} FROM problem_revisions WHERE status = ANY(string_to_array($1, ',')) ORDER BY seq`,
      [statuses.join(',')],
    );
    return rows.map(mapRevision);
  }

  async checked(
    id: string,
    r: {
      status: 'refused' | 'regrading' | 'ready';
      version: string | null;
      baseVersion: string | null;
      output: CheckOutput;
      files?: Record<string, string>;
    },
  ): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE problem_revisions SET status = $2::text, version = $3, base_version = $4, check_output = $5::jsonb,
              decided_at = CASE WHEN $2::text = 'refused' THEN now() ELSE NULL END,
              files = COALESCE($6::jsonb, files)
        WHERE id = $1 AND status = 'checking' RETURNING id`,
      [id, r.status, r.version, r.baseVersion, toJsonParam(r.output), r.files ? JSON.stringify(r.files) : null],
    );
    return rows.length > 0;
  }

  async markReadyIfRegraded(id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE problem_revisions SET status = 'ready'
        WHERE id = $1 AND status = 'regrading'
          AND NOT EXISTS (SELECT 1 FROM regrade_jobs WHERE revision_id = $1 AND status <> 'done')
        RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async discardPending(slug: string, exceptId?: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE problem_revisions SET status = 'discarded', decided_at = now()
        WHERE slug = $1 AND status IN ('checking', 'regrading', 'ready') AND id <> $2
        RETURNING id`,
      [slug, exceptId ?? ''],
    );
    return rows.map((r) => r.id);
  }

  async discard(id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE problem_revisions SET status = 'discarded', decided_at = now()
        WHERE id = $1 AND status IN ('checking', 'regrading', 'ready') RETURNING id`,
      [id],
    );
    if (rows.length > 0) await this.db.query(`DELETE FROM regrade_jobs WHERE revision_id = $1`, [id]);
    return rows.length > 0;
  }

  async publish(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ slug: string; version: string }>(
        `SELECT slug, version FROM problem_revisions WHERE id = $1 AND status = 'ready' FOR UPDATE`,
        [id],
      );
      const r = rows[0];
      if (!r) return false;
      await tx.query(
        `UPDATE problem_revisions SET status = 'superseded', decided_at = now() WHERE slug = $1 AND status = 'live'`,
        [r.slug],
      );
      await tx.query(`UPDATE problem_revisions SET status = 'live', decided_at = now() WHERE id = $1`, [id]);
      await tx.query(
        `UPDATE submissions s
            SET verdict = j.verdict, summary = j.summary, results = j.results, problem_version = $2
           FROM regrades g JOIN regrade_jobs j ON j.revision_id = g.revision_id AND j.code_hash = g.code_hash
          WHERE g.revision_id = $1 AND s.id = g.submission_id AND j.status = 'done' AND s.status = 'done'`,
        [id, r.version],
      );
      await tx.query(
        `UPDATE regrades g SET applied_at = now()
           FROM regrade_jobs j
          WHERE g.revision_id = $1 AND j.revision_id = g.revision_id AND j.code_hash = g.code_hash AND j.status = 'done'`,
        [id],
      );
      return true;
    });
  }

  async queueRegrade(
    revisionId: string,
    slug: string,
    fromVersion: string,
    max: number,
  ): Promise<{ submissions: number; jobs: number; skipped: number }> {
    return this.db.transaction(async (tx) => {
      const counted = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM submissions
          WHERE problem = $1 AND status = 'done' AND (problem_version = $2 OR problem_version IS NULL)`,
        [slug, fromVersion],
      );
      const rows = await tx.query<{ id: string; code: string; verdict: string | null; problem_version: string | null }>(
        `SELECT id, code, verdict, problem_version FROM submissions
          WHERE problem = $1 AND status = 'done' AND (problem_version = $2 OR problem_version IS NULL)
          ORDER BY created_at DESC, seq DESC LIMIT $3`,
        [slug, fromVersion, max],
      );
      const codes = new Map<string, string>();
      for (const row of rows) {
        const hash = codeHash(row.code);
        if (!codes.has(hash)) {
          codes.set(hash, row.code);
          await tx.query(`INSERT INTO regrade_jobs (revision_id, code_hash, code) VALUES ($1, $2, $3)`, [
            revisionId,
            hash,
            row.code,
          ]);
        }
        await tx.query(
          `INSERT INTO regrades (revision_id, submission_id, code_hash, old_verdict, old_version) VALUES ($1, $2, $3, $4, $5)`,
          [revisionId, row.id, hash, row.verdict, row.problem_version],
        );
      }
      const skipped = Math.max(0, Number(counted[0]?.n ?? 0) - rows.length);
      await tx.query(`UPDATE problem_revisions SET regrade_skipped = $2 WHERE id = $1`, [revisionId, skipped]);
      return { submissions: rows.length, jobs: codes.size, skipped };
    });
  }

  async claimRegrade(graderId: string): Promise<RegradeJob | null> {
    const rows = await this.db.query<{ revision_id: string; code_hash: string; code: string }>(
      `UPDATE regrade_jobs
          SET status = 'running', claimed_by = $1, claimed_at = now()
        WHERE seq = (SELECT j.seq FROM regrade_jobs j JOIN problem_revisions r ON r.id = j.revision_id
                      WHERE j.status = 'queued' AND r.status = 'regrading'
                      ORDER BY j.seq
                      FOR UPDATE OF j SKIP LOCKED
                      LIMIT 1)
          AND status = 'queued'
        RETURNING revision_id, code_hash, code`,
      [graderId],
    );
    const r = rows[0];
    return r ? { revisionId: r.revision_id, codeHash: r.code_hash, code: r.code } : null;
  }

  async finishRegrade(
    job: Pick<RegradeJob, 'revisionId' | 'codeHash'>,
    graderId: string,
    r: { verdict: string; summary: unknown; results: unknown[] },
  ): Promise<boolean> {
    const rows = await this.db.query<{ seq: unknown }>(
      `UPDATE regrade_jobs SET status = 'done', verdict = $4, summary = $5::jsonb, results = $6::jsonb
        WHERE revision_id = $1 AND code_hash = $2 AND status = 'running' AND claimed_by = $3
        RETURNING seq`,
      [job.revisionId, job.codeHash, graderId, r.verdict, toJsonParam(r.summary), JSON.stringify(r.results ?? [])],
    );
    return rows.length > 0;
  }

  async requeueAbandonedRegrades(graderId: string, staleAfterMs: number): Promise<number> {
    const rows = await this.db.query<{ seq: unknown }>(
      `UPDATE regrade_jobs SET status = 'queued', claimed_by = NULL, claimed_at = NULL
        WHERE status = 'running'
          AND (claimed_by = $1 OR claimed_at < now() - $2::double precision * interval '1 millisecond')
        RETURNING seq`,
      [graderId, Math.max(0, staleAfterMs)],
    );
    return rows.length;
  }

  async regradeProgress(revisionId: string): Promise<{ jobs: number; done: number; submissions: number }> {
    const rows = await this.db.query<{ jobs: number; done: number; submissions: number }>(
      `SELECT (SELECT count(*)::int FROM regrade_jobs WHERE revision_id = $1) AS jobs,
              (SELECT count(*)::int FROM regrade_jobs WHERE revision_id = $1 AND status = 'done') AS done,
              (SELECT count(*)::int FROM regrades WHERE revision_id = $1) AS submissions`,
      [revisionId],
    );
    const r = rows[0];
    return { jobs: Number(r?.jobs ?? 0), done: Number(r?.done ?? 0), submissions: Number(r?.submissions ?? 0) };
  }

  async regrades(revisionId: string): Promise<RegradeRow[]> {
    const rows = await this.db.query<{
      submission_id: string;
      old_verdict: string | null;
      old_version: string | null;
      new_verdict: string | null;
    }>(
      `SELECT g.submission_id, g.old_verdict, g.old_version, j.verdict AS new_verdict
         FROM regrades g LEFT JOIN regrade_jobs j ON j.revision_id = g.revision_id AND j.code_hash = g.code_hash
        WHERE g.revision_id = $1 ORDER BY g.submission_id`,
      [revisionId],
    );
    return rows.map((r) => ({
      submissionId: r.submission_id,
      oldVerdict: r.old_verdict,
      oldVersion: r.old_version,
      newVerdict: r.new_verdict,
    }));
  }

  async regradeOf(revisionId: string, submissionId: string) {
    const rows = await this.db.query<{
      submission_id: string;
      old_verdict: string | null;
      old_version: string | null;
      new_verdict: string | null;
      code: string;
      problem: string;
      created_at: Date | string;
      summary: unknown;
      results: unknown;
    }>(
      `SELECT g.submission_id, g.old_verdict, g.old_version, j.verdict AS new_verdict, s.code, s.problem, s.created_at,
              j.summary, j.results
         FROM regrades g
         JOIN submissions s ON s.id = g.submission_id
         LEFT JOIN regrade_jobs j ON j.revision_id = g.revision_id AND j.code_hash = g.code_hash
        WHERE g.revision_id = $1 AND g.submission_id = $2`,
      [revisionId, submissionId],
    );
    const r = rows[0];
    if (!r) return null;
    const results = fromJson(r.results);
    return {
      submissionId: r.submission_id,
      oldVerdict: r.old_verdict,
      oldVersion: r.old_version,
      newVerdict: r.new_verdict,
      code: r.code,
      problem: r.problem,
      createdAt: toDate(r.created_at),
      summary: fromJson(r.summary) ?? null,
      results: Array.isArray(results) ? results : [],
    };
  }

  async appliedRegrades(submissionId: string): Promise<AppliedRegrade[]> {
    const rows = await this.db.query<{
      applied_at: Date | string;
      revision_id: string;
      old_version: string | null;
      old_verdict: string | null;
      version: string;
      verdict: string;
      note: string | null;
    }>(
      `SELECT g.applied_at, g.revision_id, g.old_version, g.old_verdict, p.version, j.verdict, p.note
         FROM regrades g
         JOIN problem_revisions p ON p.id = g.revision_id
         JOIN regrade_jobs j ON j.revision_id = g.revision_id AND j.code_hash = g.code_hash
        WHERE g.submission_id = $1 AND g.applied_at IS NOT NULL
        ORDER BY g.applied_at, p.seq`,
      [submissionId],
    );
    return rows.map((r) => ({
      at: toDate(r.applied_at),
      revisionId: r.revision_id,
      fromVersion: r.old_version,
      toVersion: r.version,
      was: r.old_verdict,
      now: r.verdict,
      note: r.note,
    }));
  }

  async setVisibility(slug: string, visibility: Visibility, by: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO problem_visibility (slug, visibility, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (slug) DO UPDATE SET visibility = EXCLUDED.visibility, updated_by = EXCLUDED.updated_by,
                                        updated_at = EXCLUDED.updated_at`,
      [slug, visibility, by],
    );
  }

  async visibilities(): Promise<Map<string, Visibility>> {
    const rows = await this.db.query<{ slug: string; visibility: Visibility }>(
      'SELECT slug, visibility FROM problem_visibility',
    );
    return new Map(rows.map((r) => [r.slug, r.visibility]));
  }
}
