/**
 * Submit: the code goes to the workspace's server, which stores and queues it; the page follows its grading live
 * (server-sent events, or polling when the stream breaks) until the verdict.
 */
import { useCallback, useEffect, useRef } from 'react';
import { ApiError, type Workspace } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';
import { applyEvent, failOutcome, newOutcome } from '../lib/outcome.ts';
import type { AttemptOptions } from './useAttempts.ts';

export interface SubmitOptions extends AttemptOptions {
  workspace: Workspace;
  /** The submission list changed: stored, then graded. */
  onListChange?: () => void;
}

export function useSubmit({
  problem,
  workspace,
  attempts,
  readOnly,
  code,
  onStart,
  onListChange,
  onDone,
}: SubmitOptions): () => Promise<void> {
  const unfollow = useRef<(() => void) | null>(null);
  useEffect(() => () => unfollow.current?.(), []);

  return useCallback(async () => {
    if (!problem || readOnly) return;
    let o = newOutcome('submit', problem.samples.length);
    const attempt = attempts.begin('submit', o);
    if (!attempt) return;
    onStart?.();
    try {
      const { id } = await workspace.submit(problem.slug, code());
      if (!attempt.live()) return;
      o = { ...o, submissionId: id, phase: 'queued' };
      attempt.show(o);
      onListChange?.();
      unfollow.current?.();
      unfollow.current = workspace.follow(
        id,
        (e) => {
          if (!attempt.live()) return;
          o = applyEvent(o, e);
          attempt.show(o);
          if (e.type === 'done') {
            attempt.release();
            onDone?.(o);
            onListChange?.();
          }
        },
        (err) => {
          attempt.show(failOutcome(o, err.message));
          attempt.release();
        },
      );
    } catch (e) {
      attempt.show(
        failOutcome(
          o,
          e instanceof ApiError && e.code === 'RATE_LIMITED'
            ? `you are submitting too often: ${e.message}`
            : errorText(e),
        ),
      );
      attempt.release();
    }
  }, [problem, readOnly, attempts, workspace, code, onStart, onListChange, onDone]);
}
