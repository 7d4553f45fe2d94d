/**
 * One Run or Submit at a time, and the outcome the page shows. Each attempt holds a ticket: a newer attempt, Stop,
 * or leaving the page makes older tickets stale, and what a stale attempt reports later is ignored.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProblemDetail } from '../lib/api.ts';
import type { Outcome } from '../lib/outcome.ts';

export type AttemptKind = 'run' | 'submit';

export interface Attempt {
  /** Whether this attempt is still the one the page shows. */
  live(): boolean;
  /** Shows `o`, if this attempt is still live. */
  show(o: Outcome): void;
  /** Frees the page for the next attempt, if this one is still live. */
  release(): void;
}

export interface Attempts {
  outcome: Outcome | null;
  busy: AttemptKind | null;
  /** Starts an attempt that shows `first`; null while another one is going on. */
  begin(kind: AttemptKind, first: Outcome): Attempt | null;
  /** Shows an outcome that is no attempt (an input refused before starting), replacing any stale one. */
  settle(o: Outcome | null): void;
  /** Stops the live attempt: its later reports are ignored, and `last` turns what it showed into the final outcome. */
  abandon(last: (o: Outcome) => Outcome): void;
}

/** What Run and Submit both take. */
export interface AttemptOptions {
  problem: ProblemDetail | null;
  attempts: Attempts;
  /** Nothing is run or submitted (a screen whose time is up). */
  readOnly: boolean;
  /** The code to grade. */
  code: () => string;
  /** The button was pressed and not refused: show the results, clear the editor's markers. */
  onStart?: () => void;
  /** Graded to the end: show the editor's markers. */
  onDone?: (o: Outcome) => void;
}

export function useAttempts(): Attempts {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<AttemptKind | null>(null);
  const busyRef = useRef(false);
  const ticket = useRef(0);

  useEffect(
    () => () => {
      ticket.current++;
    },
    [],
  );

  const free = useCallback(() => {
    busyRef.current = false;
    setBusy(null);
  }, []);

  const begin = useCallback(
    (kind: AttemptKind, first: Outcome): Attempt | null => {
      if (busyRef.current) return null;
      const mine = ++ticket.current;
      const live = (): boolean => mine === ticket.current;
      busyRef.current = true;
      setBusy(kind);
      setOutcome(first);
      return {
        live,
        show: (o) => live() && setOutcome(o),
        release: () => live() && free(),
      };
    },
    [free],
  );

  const settle = useCallback((o: Outcome | null) => {
    if (busyRef.current) return;
    ticket.current++;
    setOutcome(o);
  }, []);

  const abandon = useCallback(
    (last: (o: Outcome) => Outcome) => {
      ticket.current++;
      setOutcome((o) => (o ? last(o) : o));
      free();
    },
    [free],
  );

  return useMemo(() => ({ outcome, busy, begin, settle, abandon }), [outcome, busy, begin, settle, abandon]);
}
