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
import { screenState, SUBMIT_GRACE_MS } from './lifecycle.ts';

export const screenOwner = (screenId: string): string => `screen:${screenId}`;

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
          clientId: 'server',
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
    finalizeDueScreens(opts.store, opts.now(), opts.onSubmitted).catch(opts.onError);
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

export async function buildReport(store: Store, screen: ScreenRow, now: Date): Promise<ScreenReport> {
  const owner = screenOwner(screen.id);
  const events = await store.screens.events(screen.id);
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
      submissions: mine.length,
      msToFirstAccepted: firstAc && screen.startedAt ? when(firstAc).getTime() - screen.startedAt.getTime() : null,
    };
  });
  return {
    screen: screenView(screen, now),
    problems,
    submissions: rows.map((r) => ({
      id: r.id,
      problem: r.problem,
      submittedAt: when(r).toISOString(),
      auto: submitTimes.get(r.id)?.auto ?? false,
      status: r.status,
      ...storedOutcome(r),
      code: r.code,
    })),
    timeline: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, problem: e.problem, data: e.data })),
  };
}
