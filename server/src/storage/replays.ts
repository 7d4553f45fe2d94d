/**
 * The replay lane's storage (issue 15 §3): each distinct code of a screen's timeline, per problem, waits here to be
 * graded on the hidden suite, and keeps its figures once graded. The table is a second, low-priority queue: a
 * grader claims from it only while no submission waits (the check is in the claiming statement itself, so it holds
 * for graders on several machines), and a restart puts back what was left running, like the submissions queue.
 */
import type { SubmissionStatus } from '../contract.ts';
import type { Db } from './db.ts';
import { fromJson, toDateOrNull, toJsonParam } from './mapping.ts';

export interface ReplayJobInput {
  screenId: string;
  problem: string;
  /** SHA-256 (hex) of the code: one grading per distinct code of a problem in a screen. */
  codeHash: string;
  code: string;
}

export interface ReplayJob extends ReplayJobInput {
  seq: number;
  attempts: number;
}

/** The figures of one graded code. */
export interface ReplayFigures {
  verdict: string;
  passed: number;
  total: number;
  samplesPassed: number;
  samplesTotal: number;
  /** GradeSummary (tagged JSON). */
  summary: unknown;
  /** Per-test results as hidden tests are shown (index, group, verdict, steps, memory). */
  results: unknown[];
}

export interface ReplayGradeRow {
  problem: string;
  codeHash: string;
  status: SubmissionStatus;
  verdict: string | null;
  passed: number | null;
  total: number | null;
  samplesPassed: number | null;
  samplesTotal: number | null;
  summary: unknown;
  results: unknown[];
  finishedAt: Date | null;
}

export interface ReplayStore {
  /** Queues codes not queued yet for their screen and problem; returns how many were new. */
  queue(jobs: ReplayJobInput[]): Promise<number>;
  /**
   * Atomically takes the oldest queued code for `graderId`, but only when no submission is queued: live work always
   * goes first. Null when there is nothing to take (or live work waits).
   */
  claimNext(graderId: string): Promise<ReplayJob | null>;
  /** Stores the figures (status → done). Only the grader holding the claim may finish it. */
  finish(seq: number, graderId: string, figures: ReplayFigures): Promise<boolean>;
  /** Puts back what `graderId` left running, and claims older than `staleAfterMs`; returns how many. */
  requeueAbandoned(graderId: string, staleAfterMs: number): Promise<number>;
  countQueued(): Promise<number>;
  /** Every code of a screen with its figures (without the code itself: the timeline has it). */
  forScreen(screenId: string): Promise<ReplayGradeRow[]>;
}

interface ReplayGradeDbRow {
  problem: string;
  code_hash: string;
  status: SubmissionStatus;
  verdict: string | null;
  passed: number | null;
  total: number | null;
  samples_passed: number | null;
  samples_total: number | null;
  summary: unknown;
  results: unknown;
  finished_at: Date | string | null;
}

const intOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

export class SqlReplayStore implements ReplayStore {
  constructor(private readonly db: Db) {}

  async queue(jobs: ReplayJobInput[]): Promise<number> {
    let added = 0;
    for (const j of jobs) {
      const rows = await this.db.query<{ seq: unknown }>(
        `INSERT INTO replay_grades (screen_id, problem, code_hash, code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (screen_id, problem, code_hash) DO NOTHING RETURNING seq`,
        [j.screenId, j.problem, j.codeHash, j.code],
      );
      added += rows.length;
    }
    return added;
  }

  async claimNext(graderId: string): Promise<ReplayJob | null> {
    // Like claiming a submission (sql-store.ts), plus the rule that makes this lane low-priority: nothing is taken
    // while a submission is queued. A submission queued just after this statement's snapshot waits for at most the
    // one grading taken here.
    const rows = await this.db.query<{
      seq: number | string;
      screen_id: string;
      problem: string;
      code_hash: string;
      code: string;
      attempts: number | string;
    }>(
      `UPDATE replay_grades
          SET status = 'running', claimed_by = $1, claimed_at = now(), attempts = attempts + 1
        WHERE seq = (SELECT seq FROM replay_grades
                      WHERE status = 'queued'
                        AND NOT EXISTS (SELECT 1 FROM submissions WHERE status = 'queued')
                      ORDER BY seq
                      FOR UPDATE SKIP LOCKED
                      LIMIT 1)
          AND status = 'queued'
        RETURNING seq, screen_id, problem, code_hash, code, attempts`,
      [graderId],
    );
    const r = rows[0];
    return r
      ? {
          seq: Number(r.seq),
          screenId: r.screen_id,
          problem: r.problem,
          codeHash: r.code_hash,
          code: r.code,
          attempts: Number(r.attempts),
        }
      : null;
  }

  async finish(seq: number, graderId: string, f: ReplayFigures): Promise<boolean> {
    const rows = await this.db.query<{ seq: unknown }>(
      `UPDATE replay_grades
          SET status = 'done', verdict = $3, passed = $4, total = $5, samples_passed = $6, samples_total = $7,
              summary = $8::jsonb, results = $9::jsonb, finished_at = now()
        WHERE seq = $1 AND status = 'running' AND claimed_by = $2
        RETURNING seq`,
      [
        seq,
        graderId,
        f.verdict,
        f.passed,
        f.total,
        f.samplesPassed,
        f.samplesTotal,
        toJsonParam(f.summary),
        JSON.stringify(f.results ?? []),
      ],
    );
    return rows.length > 0;
  }

  async requeueAbandoned(graderId: string, staleAfterMs: number): Promise<number> {
    const rows = await this.db.query<{ seq: unknown }>(
      `UPDATE replay_grades
          SET status = 'queued', claimed_by = NULL, claimed_at = NULL
        WHERE status = 'running'
          AND (claimed_by = $1 OR claimed_at < now() - $2::double precision * interval '1 millisecond')
        RETURNING seq`,
      [graderId, Math.max(0, staleAfterMs)],
    );
    return rows.length;
  }

  async countQueued(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM replay_grades WHERE status = 'queued'`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async forScreen(screenId: string): Promise<ReplayGradeRow[]> {
    const rows = await this.db.query<ReplayGradeDbRow>(
      `SELECT problem, code_hash, status, verdict, passed, total, samples_passed, samples_total, summary, results,
              finished_at
         FROM replay_grades WHERE screen_id = $1 ORDER BY seq`,
      [screenId],
    );
    return rows.map((r) => {
      const results = fromJson(r.results);
      return {
        problem: r.problem,
        codeHash: r.code_hash,
        status: r.status,
        verdict: r.verdict,
        passed: intOrNull(r.passed),
        total: intOrNull(r.total),
        samplesPassed: intOrNull(r.samples_passed),
        samplesTotal: intOrNull(r.samples_total),
        summary: fromJson(r.summary) ?? null,
        results: Array.isArray(results) ? results : [],
        finishedAt: toDateOrNull(r.finished_at),
      };
    });
  }
}
