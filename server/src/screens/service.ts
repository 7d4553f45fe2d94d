/**
 * Screens: creation with an unguessable link, the end-of-time sweep that grades each problem's last draft, and the
 * interviewer's report. Times come from the injected clock.
 */
import { randomBytes } from 'node:crypto';
import type { ProblemReport, ScreenReport, ScreenView } from '../contract.ts';
import { storedOutcome } from '../grading/service.ts';
import { hashToken } from '../storage/sql-store.ts';
import type { ScreenRow } from '../storage/screens.ts';
import type { Store, SubmissionRow } from '../storage/types.ts';
import { screenOwner, screenState, SUBMIT_GRACE_MS } from './lifecycle.ts';
import { buildLanes, replayGrades, replayJobsFrom } from './replay.ts';

export { screenOwner };

/** The client id of timeline events the server records itself (submissions); browsers' ids never match it. */
export const SERVER_CLIENT_ID = 'server';

export function newScreenToken(): string {
  // 192 bits: far beyond guessing, and URL-safe.
  return randomBytes(24).toString('base64url');
}

export type NewScreen = Pick<
  ScreenRow,
  | 'interviewerId'
  | 'problems'
  | 'durationMs'
  | 'extraMs'
  | 'candidateName'
  | 'candidateEmail'
  | 'expectedOutputs'
  | 'linkExpiresAt'
>;

export async function createScreen(
  store: Store,
  input: NewScreen,
  now: Date,
): Promise<{ screen: ScreenRow; token: string }> {
  const token = newScreenToken();
  const id = randomBytes(9).toString('base64url');
  await store.screens.create({ id, tokenHash: hashToken(token), createdAt: now, ...input });
  return { screen: (await store.screens.get(id))!, token };
}

/** A new link for a screen whose link was lost (or expired before the start): the old one stops working. */
export async function reissueLink(
  store: Store,
  screen: ScreenRow,
  linkExpiresAt: Date,
): Promise<{ screen: ScreenRow; token: string }> {
  const token = newScreenToken();
  await store.screens.reissueLink(screen.id, hashToken(token), linkExpiresAt);
  return { screen: (await store.screens.get(screen.id))!, token };
}

export async function screenByToken(store: Store, token: string): Promise<ScreenRow | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  return store.screens.getByTokenHash(hashToken(token));
}

/**
 * Grades what the candidate left: for every screen whose time (plus the grace period) is over, each problem's
 * last draft is submitted unless it equals the last submission. Runs once per screen (markFinalized is atomic),
 * so several server processes can sweep the same database.
 */
export async function finalizeDueScreens(store: Store, now: Date, onSubmitted: () => void): Promise<number> {
  let submitted = 0;
  for (const screen of await store.screens.dueForFinalization(now, SUBMIT_GRACE_MS)) {
    if (!(await store.screens.markFinalized(screen.id, now))) continue;
    const owner = screenOwner(screen.id);
    for (const problem of screen.problems) {
      const draft = await store.getDraft(owner, problem);
      if (!draft) continue;
      const [latest] = await store.listSubmissions(owner, problem, 1);
      const last = latest ? await store.getSubmission(latest.id) : null;
      if (last && last.code === draft.code) continue;
      const id = randomBytes(12).toString('base64url');
      await store.createSubmission({ id, ownerId: owner, problem, code: draft.code });
      await store.screens.addEvents(screen.id, [
        {
          clientId: SERVER_CLIENT_ID,
          seq: now.getTime() * 1000 + submitted,
          kind: 'auto-submit',
          problem,
          at: now,
          data: { submissionId: id },
        },
      ]);
      submitted++;
    }
  }
  if (submitted > 0) onSubmitted();
  return submitted;
}

/** The advisory lock under which one process at a time sweeps (any constant; see MIGRATION_LOCK_KEY). */
export const SCREEN_SWEEP_LOCK_KEY = 7_263_110_002;

/**
 * One sweep across every API process sharing the database: whoever takes the lock sweeps, in one transaction; the
 * others skip this round (returns null). markFinalized would keep two sweeps from grading a screen twice anyway;
 * the lock keeps them from doing the same reads and contending on the same rows.
 */
export async function sweepScreensOnce(store: Store, now: Date, onSubmitted: () => void): Promise<number | null> {
  const r = await store.cluster.exclusive(SCREEN_SWEEP_LOCK_KEY, (locked) =>
    finalizeDueScreens(locked, now, onSubmitted),
  );
  return r ? r.value : null;
}

/**
 * Sweeps every `everyMs`, so screens whose time is over get their last drafts graded even if nobody looks at them
 * (the candidate's and the report's routes also sweep, lazily). Returns a function that stops it.
 */
export function startScreenSweep(opts: {
  store: Store;
  now: () => Date;
  onSubmitted: () => void;
  onError: (e: unknown) => void;
  everyMs?: number;
}): () => void {
  const timer = setInterval(() => {
    sweepScreensOnce(opts.store, opts.now(), opts.onSubmitted).catch(opts.onError);
  }, opts.everyMs ?? 5000);
  return () => clearInterval(timer);
}

export function screenView(s: ScreenRow, now: Date): ScreenView {
  const state = screenState(s, now);
  return {
    id: s.id,
    problems: s.problems,
    durationMinutes: s.durationMs / 60_000,
    extraMinutes: s.extraMs / 60_000,
    candidateName: s.candidateName,
    candidateEmail: s.candidateEmail,
    expectedOutputs: s.expectedOutputs,
    linkExpiresAt: s.linkExpiresAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    revokedAt: s.revokedAt?.toISOString() ?? null,
    startedAt: state.startedAt?.toISOString() ?? null,
    endsAt: state.endsAt?.toISOString() ?? null,
    phase: state.phase,
    remainingMs: state.remainingMs,
  };
}

/**
 * Codes of new timeline events go to the replay lane's queue (low priority); `onQueued` wakes the grader. Resent
 * events and codes already queued change nothing.
 */
export async function queueReplays(
  store: Store,
  screen: ScreenRow,
  events: Parameters<typeof replayJobsFrom>[1],
  maxCodeBytes: number,
  onQueued: () => void,
): Promise<number> {
  const queued = await store.replays.queue(replayJobsFrom(screen, events, maxCodeBytes));
  if (queued > 0) onQueued();
  return queued;
}

export async function buildReport(
  store: Store,
  screen: ScreenRow,
  now: Date,
  replay: { maxCodeBytes: number; onQueued: () => void },
): Promise<ScreenReport> {
  const owner = screenOwner(screen.id);
  const events = await store.screens.events(screen.id);
  let grades = await store.replays.forScreen(screen.id);
  // Codes recorded before the replay lane existed (or whose queueing failed) are queued now.
  const known = new Set(grades.map((g) => `${g.problem}\n${g.codeHash}`));
  const missing = replayJobsFrom(screen, events, replay.maxCodeBytes).filter(
    (j) => !known.has(`${j.problem}\n${j.codeHash}`),
  );
  if (missing.length > 0 && (await store.replays.queue(missing)) > 0) {
    replay.onQueued();
    grades = await store.replays.forScreen(screen.id);
  }
  const submitTimes = new Map<string, { at: Date; auto: boolean }>();
  for (const e of events) {
    const id = e.data.submissionId;
    if ((e.kind === 'submit' || e.kind === 'auto-submit') && typeof id === 'string')
      submitTimes.set(id, { at: e.at, auto: e.kind === 'auto-submit' });
  }
  const listed = await store.listSubmissions(owner, undefined, 200);
  const rows = (await Promise.all(listed.map((l) => store.getSubmission(l.id)))).filter(
    (r): r is SubmissionRow => r !== null,
  );
  const when = (r: SubmissionRow): Date => submitTimes.get(r.id)?.at ?? r.createdAt;
  rows.sort((a, b) => when(a).getTime() - when(b).getTime());
  const problems: ProblemReport[] = screen.problems.map((problem) => {
    const mine = rows.filter((r) => r.problem === problem);
    const done = mine.filter((r) => r.status === 'done');
    const final = done.at(-1);
    const { verdict, summary } = final ? storedOutcome(final) : { verdict: null, summary: null };
    const firstAc = done.find((r) => r.verdict === 'AC');
    return {
      problem,
      finalVerdict: verdict,
      testsPassed: summary?.passed ?? null,
      testsTotal: summary?.total ?? null,
      steps: summary?.steps ?? null,
      maxMemoryBytes: summary?.maxMemoryBytes ?? null,
      hiddenCost: summary?.hiddenCost ?? null,
      submissions: mine.length,
      msToFirstAccepted: firstAc && screen.startedAt ? when(firstAc).getTime() - screen.startedAt.getTime() : null,
    };
  });
  return {
    screen: screenView(screen, now),
    problems,
    lanes: buildLanes(screen, events, rows, grades, replay.maxCodeBytes),
    grades: replayGrades(grades),
    submissions: rows.map((r) => ({
      id: r.id,
      problem: r.problem,
      submittedAt: when(r).toISOString(),
      auto: submitTimes.get(r.id)?.auto ?? false,
      status: r.status,
      ...storedOutcome(r),
      code: r.code,
    })),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      problem: e.problem,
      data: e.data,
      source: e.clientId === SERVER_CLIENT_ID ? ('server' as const) : ('client' as const),
    })),
  };
}
