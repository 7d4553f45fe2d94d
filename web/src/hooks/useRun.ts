/**
 * Run: the samples and the custom inputs, graded in this browser by the same engine as the server (web/src/engine,
 * loaded on demand and warmed up once the page is idle, so the first Run is fast). Stop replaces the sandbox worker.
 */
import { useCallback, useEffect } from 'react';
import { customInputKey, parseCustomInputs } from '../engine/parse-custom.ts';
import type { ExpectedOutput, Verdict } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';
import { applyEvent, failOutcome, newOutcome, STOPPED, type Outcome } from '../lib/outcome.ts';
import type { AttemptOptions } from './useAttempts.ts';

const loadEngine = () => import('../engine/run.ts');

/** What a Run ended with, for a screen's timeline. */
export interface RunReport {
  verdict: Verdict | null;
  passed: number;
  total: number;
  error?: string;
}

export interface RunOptions extends AttemptOptions {
  customText: string;
  /** The reference's outputs the server gave for custom inputs: those inputs are checked, not only run. */
  expected?: ReadonlyMap<string, ExpectedOutput>;
  /** How it ended, including a failure to run. */
  onReport?: (r: RunReport) => void;
}

export function useRun({
  problem,
  attempts,
  readOnly,
  customText,
  expected,
  code,
  onStart,
  onDone,
  onReport,
}: RunOptions): {
  run: () => Promise<void>;
  stop: () => void;
} {
  // Start the sandbox worker and warm esbuild once the page is idle.
  useEffect(() => {
    if (!problem) return;
    const start = (): void =>
      void loadEngine()
        .then((m) => m.prepareEngine())
        .then(() => {
          performance.mark('judge:engine-ready');
          (window as unknown as { judgeEngineReady?: boolean }).judgeEngineReady = true;
        })
        .catch((e: unknown) => console.warn('[judge] engine warm-up failed', e));
    const idle = window as {
      requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number;
      cancelIdleCallback?: (id: number) => void;
    };
    if (idle.requestIdleCallback && idle.cancelIdleCallback) {
      const id = idle.requestIdleCallback(start, { timeout: 1500 });
      return () => idle.cancelIdleCallback?.(id);
    }
    const t = setTimeout(start, 300);
    return () => clearTimeout(t);
  }, [problem]);

  const run = useCallback(async () => {
    if (!problem || readOnly || attempts.busy) return;
    onStart?.();
    const parsed = parseCustomInputs(
      customText,
      problem.entries.map((e) => e.name),
    );
    const source = code();
    let o: Outcome = { ...newOutcome('run', problem.samples.length), source };
    if (!parsed.ok) return attempts.settle(failOutcome(o, `your custom inputs are not valid: ${parsed.message}`));
    const attempt = attempts.begin('run', o);
    if (!attempt) return;
    performance.mark('judge:run-start');
    try {
      const engine = await loadEngine();
      const customInputs = parsed.inputs.map((c) => {
        const known = expected?.get(customInputKey(c));
        return known?.status === 'ok' ? { ...c, expected: { value: known.expected } } : c;
      });
      for await (const e of engine.runInBrowser({ source, problem, customInputs })) {
        if (!attempt.live()) return;
        o = applyEvent(o, e);
        attempt.show(o);
      }
      performance.mark('judge:run-end');
      performance.measure('judge:run', 'judge:run-start', 'judge:run-end');
      onDone?.(o);
      onReport?.({ verdict: o.summary?.verdict ?? null, passed: o.summary?.passed ?? 0, total: o.summary?.total ?? 0 });
    } catch (e) {
      if (attempt.live()) {
        attempt.show(failOutcome(o, errorText(e)));
        onReport?.({ verdict: null, passed: 0, total: 0, error: errorText(e) });
      }
    } finally {
      // A stopped run was already released by stop(); another run may be going on now.
      attempt.release();
    }
  }, [problem, readOnly, attempts, customText, expected, code, onStart, onDone, onReport]);

  const stop = useCallback(() => {
    if (attempts.busy !== 'run') return;
    void loadEngine().then((m) => m.stopRun());
    attempts.abandon((o) => failOutcome(o, STOPPED));
  }, [attempts]);

  return { run, stop };
}
