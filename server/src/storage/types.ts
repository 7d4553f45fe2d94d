/**
 * Storage behind an interface: the embedded default is PGlite (PostgreSQL compiled to WebAssembly, in-process, data
 * under DATA_DIR); with DATABASE_URL the same schema and SQL run on a PostgreSQL server, shared by graders on several
 * machines. Nothing outside storage/ writes SQL.
 */
import type { Role, SubmissionStatus } from '../contract.ts';
import type { ClusterStore, LiveEventStore } from './cluster.ts';
import type { ScreenStore } from './screens.ts';

export interface SubmissionRow {
  id: string;
  ownerId: string;
  problem: string;
  code: string;
  status: SubmissionStatus;
  /** Overall verdict once done (AC, WA, ..., JE). */
  verdict: string | null;
  /** GradeSummary JSON once done. */
  summary: unknown;
  /** Per-test results as users may see them (hidden tests already redacted). */
  results: unknown[];
  /** Number of times grading started (a crash mid-grading makes it > 1). */
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface SubmissionListItem {
  id: string;
  problem: string;
  status: SubmissionStatus;
  verdict: string | null;
  createdAt: Date;
}

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
}

export interface ProblemProgress {
  problem: string;
  solved: boolean;
  attempted: boolean;
}

export interface Store {
  /** Timed coding screens and their timelines. */
  readonly screens: ScreenStore;
  /** Heartbeats and leases, wake-ups, locks and settings shared by every process on this database. */
  readonly cluster: ClusterStore;
  /** Live grading events, written by graders and tailed by the API processes' streams. */
  readonly liveEvents: LiveEventStore;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Submissions. A submission is stored (status queued) before it is graded.
  createSubmission(s: { id: string; ownerId: string; problem: string; code: string }): Promise<void>;
  getSubmission(id: string): Promise<SubmissionRow | null>;
  listSubmissions(ownerId: string, problem?: string, limit?: number): Promise<SubmissionListItem[]>;
  countQueued(): Promise<number>;
  /**
   * Atomically takes the oldest queued submission for `graderId` (status → running, attempts + 1); null when none.
   * On PostgreSQL this is `FOR UPDATE SKIP LOCKED`, so graders on several machines never take the same one.
   */
  claimNext(graderId: string): Promise<SubmissionRow | null>;
  /** Stores the final result (status → done). Only the grader holding the claim may finish it. */
  finishSubmission(
    id: string,
    graderId: string,
    r: { verdict: string; summary: unknown; results: unknown[] },
  ): Promise<boolean>;
  /**
   * Puts back to `queued` what a grader left running: everything claimed by `graderId` (this process before a
   * restart) and anything whose claim is older than `staleAfterMs` (a grader on another machine that died).
   * Returns how many were requeued.
   */
  requeueAbandoned(graderId: string, staleAfterMs: number): Promise<number>;
  progress(ownerId: string): Promise<ProblemProgress[]>;

  // Drafts: the caller's autosaved code per problem.
  saveDraft(ownerId: string, problem: string, code: string): Promise<Date>;
  getDraft(ownerId: string, problem: string): Promise<{ code: string; updatedAt: Date } | null>;

  // Accounts and sessions.
  createUser(u: { id: string; name: string; role: UserRow['role']; passwordHash: string }): Promise<void>;
  findUserByName(name: string): Promise<UserRow | null>;
  getUser(id: string): Promise<UserRow | null>;
  createSession(s: { token: string; userId: string; expiresAt: Date }): Promise<void>;
  /** The user of a live session, or null (unknown or expired). */
  sessionUser(token: string, now: Date): Promise<UserRow | null>;
  deleteSession(token: string): Promise<void>;
}
