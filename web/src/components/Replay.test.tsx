// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { report } from '../lib/replay.fixture.ts';
import { Replay } from './Replay.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Replay', () => {
  it('opens at the end, jumps to a mark, and shows that moment’s code as text', () => {
    render(<Replay report={report} />);
    expect(screen.getByTestId('replay-code').textContent).toContain('b-final');
    fireEvent.click(screen.getByRole('button', { name: /^Jump to 1:40: Submitted: Wrong answer/ }));
    expect(screen.getByTestId('replay-code').textContent).toContain('a-v2');
    expect(screen.getByText(/Submitted: Wrong answer \(3\/30\)/)).toBeTruthy();
    // A submission is the server's record; a run is only what the browser said (it could be forged).
    expect(screen.queryByTestId('client-reported')).toBeNull();
    fireEvent.click(
      screen.getByRole('button', { name: /^Jump to 0:40: Ran the samples.*\(reported by the browser\)$/ }),
    );
    expect(screen.getByTestId('client-reported').textContent).toBe('reported by the browser');
    // One lane per kind: the paste and the run at nearby times are in different lanes.
    expect(screen.getByRole('button', { name: /Pasted 120 characters/ }).parentElement).not.toBe(
      screen.getByRole('button', { name: /Ran the samples/ }).parentElement,
    );
  });

  it('plays from the start, one step at a time, and can pin a problem', () => {
    vi.useFakeTimers();
    render(<Replay report={report} />);
    fireEvent.click(screen.getByRole('button', { name: 'Play the replay' }));
    expect((screen.getByLabelText('Replay position') as HTMLInputElement).value).toBe('0');
    act(() => vi.advanceTimersByTime(600));
    expect((screen.getByLabelText('Replay position') as HTMLInputElement).value).toBe('1');
    expect(screen.getByTestId('replay-code').textContent).toContain('a-v1');
    fireEvent.change(screen.getByLabelText('Problem shown in the replay'), { target: { value: 'b' } });
    expect(screen.getByTestId('replay-code').textContent).toMatch(/No code recorded for b yet/);
    for (let n = 0; n < 20; n++) act(() => vi.advanceTimersByTime(600));
    expect((screen.getByLabelText('Replay position') as HTMLInputElement).value).toBe('8');
    expect(screen.getByRole('button', { name: 'Play the replay' })).toBeTruthy();
  });

  it('shows per problem the tests each version passed; a point jumps to that version with its verdicts', () => {
    render(<Replay report={report} />);
    const lanes = document.querySelectorAll('.tests-lane');
    expect([...lanes].map((l) => l.getAttribute('data-problem'))).toEqual(['a', 'b']);
    // Higher is more tests passed; a pending point sits at the bottom, hollow.
    const a = screen.getByRole('button', { name: /^Jump to 0:10 Edit: Wrong answer 1\/30 tests, samples 1\/3/ });
    const sub = screen.getByRole('button', { name: /^Jump to 1:40 Submission: .* 3\/30 tests.*first time/ });
    expect(sub.className).toContain('samples-pass');
    expect(parseFloat(sub.style.top)).toBeLessThan(parseFloat(a.style.top));
    fireEvent.click(a);
    expect(screen.getByTestId('replay-code').textContent).toContain('a-v1');
    expect(screen.getByTestId('replay-verdict').textContent).toMatch(/Wrong answer · 1\/30 tests · samples 1\/3/);
    expect(screen.getByLabelText('Verdict of each test').children).toHaveLength(3);
    expect(a.className).toContain('current');
    fireEvent.click(screen.getByRole('button', { name: /^Jump to 5:00 Edit: being graded/ }));
    expect(screen.getByTestId('replay-code').textContent).toContain('b-v1');
    expect(screen.getByTestId('replay-verdict').textContent).toMatch(/being graded/);
    expect(screen.getByText(/samples first passed at 1:40/)).toBeTruthy();
  });
});
