// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localDrafts } from '../lib/storage.ts';
import { fakeWorkspace, problem } from './fake-workspace.ts';
import { SAVE_DELAY_MS, useDraftSync } from './useDraftSync.ts';

afterEach(cleanup);

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

async function loaded(ws: ReturnType<typeof fakeWorkspace>, readOnly = false) {
  const hook = renderHook(({ ro }) => useDraftSync(ws, problem.slug, ro), { initialProps: { ro: readOnly } });
  await waitFor(() => expect(hook.result.current.initialCode).not.toBeNull());
  return hook;
}

describe('useDraftSync', () => {
  it('starts from the starter code when there is no draft', async () => {
    const { result } = await loaded(fakeWorkspace());
    expect(result.current.problem?.slug).toBe('p');
    expect(result.current.initialCode).toBe(problem.starter);
  });

  it("takes the server's draft when it is newer, and keeps a copy in this browser", async () => {
    const ws = fakeWorkspace({ serverDraft: { code: 'server', updatedAt: 2000 } });
    localDrafts.set(ws.storageScope, 'p', 'local', 1000);
    const { result } = await loaded(ws);
    expect(result.current.initialCode).toBe('server');
    expect(localDrafts.get(ws.storageScope, 'p')).toEqual({ code: 'server', updatedAt: 2000 });
    expect(ws.saveDraft).not.toHaveBeenCalled();
  });

  it('takes the local draft when it is newer, and sends work left only in this browser to the server', async () => {
    const ws = fakeWorkspace({ serverDraft: { code: 'server', updatedAt: 1000 } });
    localDrafts.set(ws.storageScope, 'p', 'offline work', 2000);
    const { result } = await loaded(ws);
    expect(result.current.initialCode).toBe('offline work');
    await waitFor(() => expect(result.current.saveState).toBe('saved'));
    expect(ws.saveDraft).toHaveBeenCalledWith('p', 'offline work');
  });

  it('saves an edit in this browser at once and on the server once typing pauses', async () => {
    const ws = fakeWorkspace();
    const { result } = await loaded(ws);
    vi.useFakeTimers();
    act(() => result.current.edited('a'));
    act(() => result.current.edited('ab'));
    expect(localDrafts.get(ws.storageScope, 'p')?.code).toBe('ab');
    expect(result.current.saveState).toBe('pending');
    expect(ws.saveDraft).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTimeAsync(SAVE_DELAY_MS));
    expect(ws.saveDraft).toHaveBeenCalledTimes(1);
    expect(ws.saveDraft).toHaveBeenCalledWith('p', 'ab');
    expect(result.current.saveState).toBe('saved');
    expect(result.current.latest()).toBe('ab');
  });

  it('sends a waiting save when flushed, when the page goes away, and when time is up', async () => {
    const ws = fakeWorkspace();
    const hook = await loaded(ws);
    act(() => hook.result.current.edited('one'));
    await act(async () => hook.result.current.flush());
    expect(ws.saveDraft).toHaveBeenLastCalledWith('p', 'one');
    expect(hook.result.current.saveState).toBe('saved');

    act(() => hook.result.current.edited('two'));
    act(() => hook.rerender({ ro: true }));
    expect(ws.saveDraft).toHaveBeenLastCalledWith('p', 'two');

    const again = await loaded(ws);
    act(() => again.result.current.edited('three'));
    again.unmount();
    expect(ws.saveDraft).toHaveBeenLastCalledWith('p', 'three');
  });

  it('saves nothing more once read-only', async () => {
    const ws = fakeWorkspace();
    const { result } = await loaded(ws, true);
    act(() => result.current.edited('late'));
    expect(result.current.saveState).toBe('idle');
    expect(localDrafts.get(ws.storageScope, 'p')).toBeNull();
    expect(result.current.latest()).toBe('late');
  });

  it('says so when the problem does not exist', async () => {
    const ws = fakeWorkspace();
    const { result } = renderHook(() => useDraftSync(ws, 'nope', false));
    await waitFor(() => expect(result.current.loadError).toBe('There is no problem named “nope”.'));
  });
});
