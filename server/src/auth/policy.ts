/**
 * How long sign-in state lives: the per-account login throttle and the periodic purge of expired sessions and idle
 * throttles (issue 14 §10, §14). Both live in the database, so every API process sees the same.
 */
import type { LoginPolicy, Store } from '../storage/types.ts';

/**
 * Per account name: five attempts freely, then each one waits twice as long as the last, from 1 s up to 15 min;
 * forgotten after an hour without attempts. Names that do not exist are throttled alike, so the answers do not tell
 * which exist. (The per-address limit of the login route stays in each process's memory.)
 */
export const LOGIN_POLICY: LoginPolicy = { free: 5, baseMs: 1000, maxMs: 15 * 60_000, resetMs: 60 * 60_000 };

/** Deletes expired sessions and throttles idle for longer than the policy remembers them. */
export function purgeExpired(store: Store, now: Date): Promise<{ sessions: number; throttles: number }> {
  return store.purgeExpired(now, new Date(now.getTime() - LOGIN_POLICY.resetMs));
}

/** Purges now and then every `everyMs`; returns a function that stops it. */
export function startPurge(opts: {
  store: Store;
  now: () => Date;
  onError: (e: unknown) => void;
  onPurged?: (counts: { sessions: number; throttles: number }) => void;
  everyMs?: number;
}): () => void {
  const run = (): void => {
    purgeExpired(opts.store, opts.now()).then(
      (counts) => opts.onPurged?.(counts),
      (e: unknown) => opts.onError(e),
    );
  };
  run();
  const timer = setInterval(run, opts.everyMs ?? 15 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
