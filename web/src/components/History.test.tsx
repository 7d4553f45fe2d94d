// @vitest-environment happy-dom
/** A past submission opened from the history can be reported too (issue 12 §3): its verdict or one of its tests. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeWorkspace } from '../hooks/fake-workspace.ts';
import type { SubmissionListItem, SubmissionView } from '../lib/api.ts';
import { History } from './History.tsx';
import type { ReportTarget } from './ResultsPanel.tsx';

afterEach(cleanup);

const graded: SubmissionView = {
  id: 'sub-12345678',
  problem: 'p',
  status: 'done',
  verdict: 'WA',
  summary: {
    verdict: 'WA',
    passed: 1,
    total: 2,
    steps: 3,
    maxMemoryBytes: 1,
    wallMs: 1,
    compileMs: 1,
    firstFailure: 1,
  },
  results: [
    { index: 0, group: 'sample', verdict: 'AC', name: 'one', input: { fn: 'f', args: [] }, expected: 1, actual: 1 },
    { index: 1, group: 'hidden', verdict: 'WA' },
  ],
  code: 'export function f() { return 1 }',
  createdAt: new Date().toISOString(),
  finishedAt: new Date().toISOString(),
  problemVersion: '0123456789ab',
  regrades: [],
};

async function openGraded(onReport?: (id: string) => (t: ReportTarget, m: string) => Promise<void>) {
  const ws = fakeWorkspace();
  const listed: SubmissionListItem = {
    id: graded.id,
    problem: 'p',
    status: 'done',
    verdict: 'WA',
    problemVersion: null,
    regraded: false,
    createdAt: graded.createdAt,
  };
  // The fake's list is typed empty (never[]).
  ws.submissions.mockResolvedValue([listed] as never);
  ws.submission.mockResolvedValue(graded);
  render(
    <History
      slug="p"
      workspace={ws}
      monaco={null}
      theme="light"
      refreshKey={0}
      currentCode={() => ''}
      onLoadCode={() => undefined}
      {...(onReport ? { onReport } : {})}
    />,
  );
  const item = await screen.findByRole('button', { name: /^Submission .*: Wrong answer/ });
  await act(async () => {
    fireEvent.click(item);
  });
}

describe('History', () => {
  it('reports a hidden test of an opened submission by its index', async () => {
    const sent: Array<[string, ReportTarget, string]> = [];
    await openGraded((id) => async (t, m) => {
      sent.push([id, t, m]);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Report hidden test #2' }));
    fireEvent.change(screen.getByLabelText(/what looks wrong/), { target: { value: 'hm' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send report' }));
    });
    expect(sent).toEqual([[graded.id, { index: 1, label: 'hidden test #2', verdict: 'WA' }, 'hm']]);
    expect(screen.getByRole('button', { name: 'Report this verdict' })).toBeTruthy();
  });

  it('offers no report where reports are off (a screen)', async () => {
    await openGraded();
    expect(screen.queryByRole('button', { name: /Report/ })).toBeNull();
  });
});
