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
});
