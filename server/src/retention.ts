/**
 * Retention of what anonymous learners leave behind (issue 14 §5): anyone can save drafts without an account, and
 * each save without a cookie is a new learner, so their drafts expire ANON_DRAFT_RETENTION_DAYS after their last
 * save. Accounts' and screens' drafts are kept.
 */
import type { Store } from './storage/types.ts';

const DAY_MS = 24 * 3600_000;

/** Deletes anonymous drafts last saved more than `retentionDays` before `now`; returns how many. */
export function purgeExpiredDrafts(store: Store, now: Date, retentionDays: number): Promise<number> {
  return store.purgeAnonymousDrafts(new Date(now.getTime() - retentionDays * DAY_MS));
}

/** Purges now and then every `everyMs` (hourly by default). Returns a function that stops it. */
export function startDraftSweep(opts: {
  store: Store;
  now: () => Date;
  retentionDays: number;
  onPurged: (n: number) => void;
  onError: (e: unknown) => void;
  everyMs?: number;
}): () => void {
  const sweep = (): void => {
    purgeExpiredDrafts(opts.store, opts.now(), opts.retentionDays)
      .then((n) => (n > 0 ? opts.onPurged(n) : undefined))
      .catch(opts.onError);
  };
  sweep();
  const timer = setInterval(sweep, opts.everyMs ?? 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
