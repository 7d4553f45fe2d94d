/**
 * Storage behind an interface: the embedded default is PGlite (PostgreSQL compiled to WebAssembly, in-process, data
 * under DATA_DIR); with DATABASE_URL the same schema and SQL run on a PostgreSQL server, shared by graders on several
 * machines. Nothing outside storage/ writes SQL.
 */
import type { Role, SubmissionStatus } from '../contract.ts';
import type { ClusterStore, LiveEventStore } from './cluster.ts';
import type { RevisionStore } from './revisions.ts';
import type { ReplayStore } from './replays.ts';
import type { ReportStore } from './reports.ts';
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
  /** The problem version it was graded against (null: not graded yet, or graded before versions were recorded). */
  problemVersion: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewSubmission {
  id: string;
  ownerId: string;
  problem: string;
  code: string;
}

export type EnqueueOutcome = { queued: true } | { queued: false; reason: 'queue-full' | 'owner-full' };

export interface SubmissionListItem {
  id: string;
  problem: string;
  status: SubmissionStatus;
  verdict: string | null;
  problemVersion: string | null;
  /** A published re-grade changed its outcome. */
  regraded: boolean;
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

/** A learner's record on one problem (issue 15 §4). */
export interface ProblemStats {
  problem: string;
  submissions: number;
  solved: boolean;
  /** The most tests a finished submission passed, out of its total. */
  bestPassed: number | null;
  bestTotal: number | null;
  /** The accepted submission with the fewest steps (over every test of the suite). */
  bestAccepted: { id: string; steps: number; createdAt: Date } | null;
  lastAt: Date;
}

/** Submissions on one day (YYYY-MM-DD, in the caller's time zone). */
export interface ActivityDay {
  day: string;
  submissions: number;
  accepted: number;
}

export interface Store {
  /** Timed coding screens and their timelines. */
  readonly screens: ScreenStore;
  /** Published problem packages, their re-grades, and visibility. */
  readonly revisions: RevisionStore;
  /** The screens' replay lane: every distinct code of a timeline graded at low priority. */
  readonly replays: ReplayStore;
  /** Learners' reports of tests, for the authors' inbox. */
  readonly reports: ReportStore;
  /** Heartbeats and leases, wake-ups, locks and settings shared by every process on this database. */
  readonly cluster: ClusterStore;
  /** Live grading events, written by graders and tailed by the API processes' streams. */
  readonly liveEvents: LiveEventStore;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Submissions. A submission is stored (status queued) before it is graded.
  /** Stores a submission with no limit (the server's own: a screen's last drafts graded at the end). */
  createSubmission(s: NewSubmission): Promise<void>;
  /**
   * Stores a submission only if the queue holds fewer than `queueLimit` queued submissions and its owner fewer than
   * `perOwner` not yet graded (queued or running): the check and the insert are atomic, so a burst of concurrent
   * requests, from one process or several, never overshoots either limit.
   */
  enqueueSubmission(s: NewSubmission, limits: { queueLimit: number; perOwner: number }): Promise<EnqueueOutcome>;
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
    r: { verdict: string; summary: unknown; results: unknown[]; problemVersion?: string | null },
  ): Promise<boolean>;
  /**
   * Puts back to `queued` what a grader left running: everything claimed by `graderId` (this process before a
   * restart) and anything whose claim is older than `staleAfterMs` (a grader on another machine that died).
   * Returns how many were requeued.
   */
  requeueAbandoned(graderId: string, staleAfterMs: number): Promise<number>;
  progress(ownerId: string): Promise<ProblemProgress[]>;
  /** Per problem: submissions, solved, the best result and the cheapest accepted submission. */
  problemStats(ownerId: string): Promise<ProblemStats[]>;
  /** Submissions per day, days shifted by `utcOffsetMinutes` (the caller's time zone), oldest first. */
  activity(ownerId: string, utcOffsetMinutes: number): Promise<ActivityDay[]>;
  /** A finished submission of `ownerId` for `problem` with exactly this code (the newest), or null. */
  gradedWithCode(ownerId: string, problem: string, code: string): Promise<SubmissionRow | null>;
  /**
   * Moves everything of owner `from` (an anonymous learner) to owner `to` (an account), in one transaction:
   * submissions, and drafts (where both have one for a problem, the newer stays). Returns what moved.
   */
  mergeOwner(from: string, to: string): Promise<{ submissions: number; drafts: number }>;

  // Drafts: the caller's autosaved code per problem.
  saveDraft(ownerId: string, problem: string, code: string): Promise<Date>;
  getDraft(ownerId: string, problem: string): Promise<{ code: string; updatedAt: Date } | null>;
  /** Deletes anonymous learners' drafts last saved before `savedBefore`; returns how many. */
  purgeAnonymousDrafts(savedBefore: Date): Promise<number>;

  // Accounts and sessions.
  createUser(u: { id: string; name: string; role: UserRow['role']; passwordHash: string }): Promise<void>;
  findUserByName(name: string): Promise<UserRow | null>;
  getUser(id: string): Promise<UserRow | null>;
  createSession(s: { token: string; userId: string; expiresAt: Date }): Promise<void>;
  /** The user of a live session, or null (unknown or expired). */
  sessionUser(token: string, now: Date): Promise<UserRow | null>;
  deleteSession(token: string): Promise<void>;
  /** Ends every session of a user; returns how many there were. */
  deleteUserSessions(userId: string): Promise<number>;
  listUsers(): Promise<UserRow[]>;
  setUserRole(userId: string, role: Role): Promise<void>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Deletes a user and their sessions; refuses (returns false) while screens name them as their interviewer. */
  deleteUser(userId: string): Promise<boolean>;
  /** Deletes expired sessions and login throttles idle since `throttleIdleBefore`; returns the counts. */
  purgeExpired(now: Date, throttleIdleBefore: Date): Promise<{ sessions: number; throttles: number }>;

  /**
   * Counts a login attempt for `name` before its password is checked, in one statement, so that parallel attempts
   * (on any API process) cannot slip past the limit. An attempt while the name is locked is refused; once past
   * `policy.free` attempts, each one locks the name for `baseMs`·2^k (capped at `maxMs`). Attempts reset after
   * `resetMs` without any.
   */
  beginLoginAttempt(
    name: string,
    now: Date,
    policy: LoginPolicy,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }>;
  /** A correct password: the name's attempts are forgotten. */
  clearLoginAttempts(name: string): Promise<void>;
}

export interface LoginPolicy {
  free: number;
  baseMs: number;
  maxMs: number;
  resetMs: number;
}
