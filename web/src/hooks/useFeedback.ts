/**
 * Feedback beyond the suite (issue 15), asked of the server: the reference's output for the custom inputs (§1), and a
 * shrunk counterexample for the code in the editor (§2, practice only). Each answer belongs to the problem it was
 * asked for; a newer request makes an older answer stale.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { customInputKey, parseCustomInputs } from '../engine/parse-custom.ts';
import type { CounterexampleReport, ExpectedOutput, ProblemDetail, Workspace } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';

export interface ExpectedOutputsState {
  /** Offered here (practice; a screen whose interviewer enabled it). */
  enabled: boolean;
  /** Per custom input (by customInputKey): the reference's output or the validator's message. */
  outputs: ReadonlyMap<string, ExpectedOutput>;
  loading: boolean;
  error: string | null;
  /** Asks for the expected outputs of the custom inputs as they are now. */
  request: () => Promise<void>;
}

export function useExpectedOutputs(
  workspace: Workspace,
  problem: ProblemDetail | null,
  customText: string,
): ExpectedOutputsState {
  const [outputs, setOutputs] = useState<ReadonlyMap<string, ExpectedOutput>>(new Map());
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  const slug = problem?.slug ?? null;

  useEffect(() => {
    ticket.current++;
    setOutputs(new Map());
    setError(null);
    setLoading(false);
  }, [slug, workspace]);

  const request = useCallback(async () => {
    if (!problem || !workspace.feedback.expectedOutputs) return;
    const parsed = parseCustomInputs(
      customText,
      problem.entries.map((e) => e.name),
    );
    if (!parsed.ok) return setError(`your custom inputs are not valid: ${parsed.message}`);
    if (parsed.inputs.length === 0) return setError('add an input first');
    const mine = ++ticket.current;
    setLoading(true);
    setError(null);
    try {
      const answers = await workspace.expectedOutputs(
        problem.slug,
        parsed.inputs.map((c) => ({ fn: c.fn, args: c.args })),
      );
      if (mine !== ticket.current) return;
      setOutputs((old) => {
        const next = new Map(old);
        parsed.inputs.forEach((c, i) => {
          const a = answers[i];
          if (a) next.set(customInputKey(c), a);
        });
        return next;
      });
    } catch (e) {
      if (mine === ticket.current) setError(errorText(e));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, [problem, workspace, customText]);

  return useMemo(
    () => ({ enabled: workspace.feedback.expectedOutputs, outputs, loading, error, request }),
    [workspace, outputs, loading, error, request],
  );
}

export interface CounterexampleState {
  enabled: boolean;
  phase: 'idle' | 'searching' | 'done' | 'failed';
  report: CounterexampleReport | null;
  error: string | null;
  find: () => Promise<void>;
}

export function useCounterexample(
  workspace: Workspace,
  problem: ProblemDetail | null,
  code: () => string,
): CounterexampleState {
  const [phase, setPhase] = useState<CounterexampleState['phase']>('idle');
  const [report, setReport] = useState<CounterexampleReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  const slug = problem?.slug ?? null;

  useEffect(() => {
    ticket.current++;
    setPhase('idle');
    setReport(null);
    setError(null);
  }, [slug, workspace]);

  const find = useCallback(async () => {
    if (!problem || !workspace.feedback.counterexample) return;
    const mine = ++ticket.current;
    setPhase('searching');
    setError(null);
    try {
      const r = await workspace.counterexample(problem.slug, code());
      if (mine !== ticket.current) return;
      setReport(r);
      setPhase('done');
    } catch (e) {
      if (mine !== ticket.current) return;
      setError(errorText(e));
      setPhase('failed');
    }
  }, [problem, workspace, code]);

  return useMemo(
    () => ({ enabled: workspace.feedback.counterexample, phase, report, error, find }),
    [workspace, phase, report, error, find],
  );
}
