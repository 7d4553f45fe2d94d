/**
 * Test reports (issue 12 §3): what a learner reported about a test — the problem version, the test, the code, the
 * verdict as they saw it and their message — waiting in the authors' inbox until one resolves it with a note.
 */
import type { Db } from './db.ts';
import { fromJson, toDate, toDateOrNull, toJsonParam } from './mapping.ts';

export type ReportStatus = 'open' | 'resolved';

export interface NewReport {
  id: string;
  problem: string;
  /** The version the code was graded against (a submission's), or the live one when a Run was reported. */
  problemVersion: string | null;
  source: 'submission' | 'run';
  submissionId: string | null;
  /** The test's index in the suite (null: the submission as a whole). */
  testIndex: number | null;
  testGroup: 'sample' | 'hidden' | null;
  /** The overall verdict the reporter saw (a submission's; null for a Run). */
  verdict: string | null;
  /** The reported test's verdict as the reporter saw it. */
  testVerdict: string | null;
  /** A submission's summary and results as the learner saw them (hidden tests redacted), tagged JSON. */
  seen: { summary: unknown; results: unknown[] } | null;
  code: string;
  message: string;
  ownerId: string;
  /** The reporter's account name (null: an anonymous learner). */
  reporterName: string | null;
}

export interface ReportRow extends NewReport {
  status: ReportStatus;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  reply: string | null;
  createdAt: Date;
}

export interface ReportStore {
  create(r: NewReport): Promise<void>;
  get(id: string): Promise<ReportRow | null>;
  /**
   * Newest first, at most `limit`; without their code and what the reporter saw (`code` is empty, `seen` null). With
   * `author` (an account name), only reports on problems that account created a revision of.
   */
  list(status: ReportStatus, limit: number, author?: string): Promise<ReportRow[]>;
  /** Marks an open report resolved; false when there is no such report or it was resolved already. */
  resolve(id: string, by: string, reply: string | null): Promise<boolean>;
}

interface ReportDbRow {
  id: string;
  problem: string;
  problem_version: string | null;
  source: 'submission' | 'run';
  submission_id: string | null;
  test_index: number | string | null;
  test_group: 'sample' | 'hidden' | null;
  verdict: string | null;
  test_verdict: string | null;
  seen: unknown;
  code: string;
  message: string;
  owner_id: string;
  reporter_name: string | null;
  status: ReportStatus;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  reply: string | null;
  created_at: Date | string;
}

const COLUMNS = `id, problem, problem_version, source, submission_id, test_index, test_group, verdict, test_verdict, seen,
  code, message, owner_id, reporter_name, status, resolved_by, resolved_at, reply, created_at`;

/** The inbox lists many reports: their code (up to MAX_CODE_BYTES each) and results stay in the database. */
const LIST_COLUMNS = COLUMNS.replace('seen,', 'NULL AS seen,').replace('code,', "'' AS code,");

function mapReport(r: ReportDbRow): ReportRow {
  return {
    id: r.id,
    problem: r.problem,
    problemVersion: r.problem_version,
    source: r.source,
    submissionId: r.submission_id,
    testIndex: r.test_index === null ? null : Number(r.test_index),
    testGroup: r.test_group,
    verdict: r.verdict,
    testVerdict: r.test_verdict,
    seen: (fromJson(r.seen) ?? null) as ReportRow['seen'],
    code: r.code,
    message: r.message,
    ownerId: r.owner_id,
    reporterName: r.reporter_name,
    status: r.status,
    resolvedBy: r.resolved_by,
    resolvedAt: toDateOrNull(r.resolved_at),
    reply: r.reply,
    createdAt: toDate(r.created_at),
  };
}

export class SqlReportStore implements ReportStore {
  constructor(private readonly db: Db) {}

  async create(r: NewReport): Promise<void> {
    await this.db.query(
      `INSERT INTO test_reports (id, problem, problem_version, source, submission_id, test_index, test_group, verdict,
         test_verdict, seen, code, message, owner_id, reporter_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14)`,
      [
        r.id,
        r.problem,
        r.problemVersion,
        r.source,
        r.submissionId,
        r.testIndex,
        r.testGroup,
        r.verdict,
        r.testVerdict,
        toJsonParam(r.seen),
        r.code,
        r.message,
        r.ownerId,
        r.reporterName,
      ],
    );
  }

  async get(id: string): Promise<ReportRow | null> {
    const rows = await this.db.query<ReportDbRow>(`SELECT ${COLUMNS} FROM test_reports WHERE id = $1`, [id]);
    return rows[0] ? mapReport(rows[0]) : null;
  }

  async list(status: ReportStatus, limit: number, author?: string): Promise<ReportRow[]> {
    // An author's inbox: reports on the problems they published or submitted a revision of (by account name, as
    // revisions record it). Problems that only come from the repository's folder have no author in the database.
    const rows =
      author === undefined
        ? await this.db.query<ReportDbRow>(
            `SELECT ${LIST_COLUMNS} FROM test_reports WHERE status = $1 ORDER BY seq DESC LIMIT $2`,
            [status, limit],
          )
        : await this.db.query<ReportDbRow>(
            `SELECT ${LIST_COLUMNS} FROM test_reports
              WHERE status = $1 AND problem IN (SELECT slug FROM problem_revisions WHERE created_by = $3)
              ORDER BY seq DESC LIMIT $2`,
            [status, limit, author],
          );
    return rows.map(mapReport);
  }

  async resolve(id: string, by: string, reply: string | null): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE test_reports SET status = 'resolved', resolved_by = $2, resolved_at = now(), reply = $3
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, by, reply],
    );
    return rows.length > 0;
  }
}
