/**
 * The clock of a screen, decided by the server alone: a pure function of the stored screen and the server's time.
 * A reload or a second device asks the same question and gets the same answer.
 */
import type { ScreenPhase } from '../contract.ts';
import type { ScreenRow } from '../storage/screens.ts';

/** What storage files a screen's work under (its drafts, submissions and replay figures). */
export const screenOwner = (screenId: string): string => `screen:${screenId}`;

/** Submissions that were in flight when time ran out are still accepted for this long. */
export const SUBMIT_GRACE_MS = 15_000;

export interface ScreenState {
  phase: ScreenPhase;
  startedAt: Date | null;
  endsAt: Date | null;
  /** Milliseconds left on the clock (0 once over); null before the start. */
  remainingMs: number | null;
}

export function screenState(s: ScreenRow, now: Date): ScreenState {
  if (s.revokedAt) return { phase: 'revoked', startedAt: s.startedAt, endsAt: null, remainingMs: null };
  if (!s.startedAt) {
    return {
      phase: now.getTime() >= s.linkExpiresAt.getTime() ? 'link-expired' : 'not-started',
      startedAt: null,
      endsAt: null,
      remainingMs: null,
    };
  }
  const endsAt = new Date(s.startedAt.getTime() + s.durationMs + s.extraMs);
  const left = endsAt.getTime() - now.getTime();
  if (left > 0) return { phase: 'active', startedAt: s.startedAt, endsAt, remainingMs: left };
  return { phase: -left < SUBMIT_GRACE_MS ? 'grace' : 'over', startedAt: s.startedAt, endsAt, remainingMs: 0 };
}

/** Whether the candidate may still submit (and save drafts): during the time and the grace period. */
export function acceptsWork(state: ScreenState): boolean {
  return state.phase === 'active' || state.phase === 'grace';
}
