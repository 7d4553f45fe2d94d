// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GradeSummary, SubmissionEvent, TestResult } from '../lib/api.ts';
import { STOPPED } from '../lib/outcome.ts';
import { problem } from './fake-workspace.ts';
import { useAttempts } from './useAttempts.ts';
import { useRun, type RunOptions } from './useRun.ts';

afterEach(cleanup);

/** The engine, replaced: each Run's events come from `script`; `gate` holds a run until the test lets it go on. */
const engine = vi.hoisted(() => ({
  script: [] as SubmissionEvent[],
  gate: null as Promise<void> | null,
  sources: [] as string[],
  stopped: 0,
}));
vi.mock('../engine/run.ts', () => ({
  prepareEngine: async () => undefined,
  stopRun: () => void engine.stopped++,
  async *runInBrowser(opts: { source: string }) {
    engine.sources.push(opts.source);
    for (const e of engine.script) {
      if (e.type === 'done' && engine.gate) await engine.gate;
      yield e;
    }
  },
}));

const summary: GradeSummary = {
  verdict: 'AC',
  passed: 1,
  total: 1,
  steps: 5,
  maxMemoryBytes: 1,
  wallMs: 1,
  compileMs: 1,
  firstFailure: null,
};
const result: TestResult = { index: 0, group: 'sample', verdict: 'AC', steps: 5, memoryBytes: 1 };

beforeEach(() => {
  engine.script = [
    { type: 'compiled', ms: 1 },
    { type: 'test-started', index: 0, group: 'sample' },
    { type: 'test-finished', result },
    { type: 'done', summary },
  ];
  engine.gate = null;
  engine.sources = [];
  engine.stopped = 0;
});

function setup(extra: Partial<RunOptions> = {}) {
  const calls = { start: vi.fn(), done: vi.fn(), report: vi.fn() };
  const hook = renderHook(() => {
    const attempts = useAttempts();
    const { run, stop } = useRun({
      problem,
      attempts,
      readOnly: false,
      customText: '',
      code: () => 'my code',
      onStart: calls.start,
      onDone: calls.done,
      onReport: calls.report,
      ...extra,
    });
    return { attempts, run, stop };
  });
  return { calls, ...hook };
}

describe('useRun', () => {
  it('runs the code in the browser engine and reports the verdict', async () => {
    const { calls, result: r } = setup();
    await act(() => r.current.run());
    expect(engine.sources).toEqual(['my code']);
    expect(r.current.attempts.outcome).toMatchObject({ mode: 'run', phase: 'done', results: [result], summary });
    expect(r.current.attempts.busy).toBeNull();
    expect(calls.start).toHaveBeenCalledTimes(1);
    expect(calls.done).toHaveBeenCalledTimes(1);
    expect(calls.report).toHaveBeenCalledWith({ verdict: 'AC', passed: 1, total: 1 });
  });

  it('refuses custom inputs that do not parse, without running', async () => {
    const { calls, result: r } = setup({ customText: '{ not json' });
    await act(() => r.current.run());
    expect(engine.sources).toEqual([]);
    expect(r.current.attempts.outcome).toMatchObject({
      phase: 'failed',
      error: expect.stringMatching(/^your custom inputs are not valid/),
    });
    expect(calls.report).not.toHaveBeenCalled();
  });

  it('Stop ends the run at once and ignores what the engine reports afterwards', async () => {
    let go!: () => void;
    engine.gate = new Promise((resolve) => (go = resolve));
    const { calls, result: r } = setup();
    let running!: Promise<void>;
    act(() => {
      running = r.current.run();
    });
    await waitFor(() => expect(r.current.attempts.outcome?.results).toEqual([result]));
    expect(r.current.attempts.busy).toBe('run');
    act(() => r.current.stop());
    expect(r.current.attempts.outcome).toMatchObject({ phase: 'failed', error: STOPPED });
    expect(r.current.attempts.busy).toBeNull();
    await waitFor(() => expect(engine.stopped).toBe(1));
    go();
    await act(() => running);
    expect(r.current.attempts.outcome).toMatchObject({ phase: 'failed', error: STOPPED });
    expect(calls.done).not.toHaveBeenCalled();
  });

  it('runs nothing when read-only', async () => {
    const { result: r } = setup({ readOnly: true });
    await act(() => r.current.run());
    expect(engine.sources).toEqual([]);
    expect(r.current.attempts.outcome).toBeNull();
  });
});
