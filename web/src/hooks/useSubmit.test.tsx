// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type GradeSummary, type TestResult } from '../lib/api.ts';
import { fakeWorkspace, problem } from './fake-workspace.ts';
import { useAttempts } from './useAttempts.ts';
import { useSubmit, type SubmitOptions } from './useSubmit.ts';

afterEach(cleanup);

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

function setup(ws = fakeWorkspace(), extra: Partial<SubmitOptions> = {}) {
  const calls = { start: vi.fn(), list: vi.fn(), done: vi.fn() };
  const hook = renderHook(() => {
    const attempts = useAttempts();
    const submit = useSubmit({
      problem,
      workspace: ws,
      attempts,
      readOnly: false,
      code: () => 'my code',
      onStart: calls.start,
      onListChange: calls.list,
      onDone: calls.done,
      ...extra,
    });
    return { attempts, submit };
  });
  return { ws, calls, ...hook };
}

describe('useSubmit', () => {
  it('stores the code, follows its grading live, and frees the page at the verdict', async () => {
    const { ws, calls, result: r } = setup();
    await act(() => r.current.submit());
    expect(ws.submit).toHaveBeenCalledWith('p', 'my code');
    expect(calls.start).toHaveBeenCalledTimes(1);
    expect(r.current.attempts.busy).toBe('submit');
    expect(r.current.attempts.outcome).toMatchObject({ mode: 'submit', phase: 'queued', submissionId: 's1' });
    expect(calls.list).toHaveBeenCalledTimes(1);

    act(() => ws.emit('s1', { type: 'status', status: 'running' }));
    act(() => ws.emit('s1', { type: 'test-finished', result }));
    expect(r.current.attempts.outcome).toMatchObject({ phase: 'running', results: [result] });
    act(() => ws.emit('s1', { type: 'done', summary }));
    expect(r.current.attempts.outcome).toMatchObject({ phase: 'done', summary });
    expect(r.current.attempts.busy).toBeNull();
    expect(calls.done).toHaveBeenCalledTimes(1);
    expect(calls.list).toHaveBeenCalledTimes(2);
  });

  it('takes one submission at a time, and none when read-only', async () => {
    const { ws, result: r } = setup();
    await act(() => r.current.submit());
    await act(() => r.current.submit());
    expect(ws.submit).toHaveBeenCalledTimes(1);

    const ro = setup(fakeWorkspace(), { readOnly: true });
    await act(() => ro.result.current.submit());
    expect(ro.ws.submit).not.toHaveBeenCalled();
    expect(ro.result.current.attempts.outcome).toBeNull();
  });

  it('says when the server refuses (rate limit), and frees the page', async () => {
    const ws = fakeWorkspace();
    ws.submit.mockRejectedValueOnce(new ApiError(429, 'RATE_LIMITED', 'too many requests; retry in 30 s'));
    const { result: r } = setup(ws);
    await act(() => r.current.submit());
    expect(r.current.attempts.outcome).toMatchObject({
      phase: 'failed',
      error: 'you are submitting too often: too many requests; retry in 30 s',
    });
    expect(r.current.attempts.busy).toBeNull();
  });

  it('stops following when the page goes away', async () => {
    const { ws, result: r, unmount } = setup();
    await act(() => r.current.submit());
    expect(ws.following('s1')).toBe(true);
    unmount();
    expect(ws.following('s1')).toBe(false);
  });
});
