// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestResult } from '../lib/api.ts';
import { newOutcome, type Outcome } from '../lib/outcome.ts';
import { ResultsPanel, type ReportTarget } from './ResultsPanel.tsx';

afterEach(cleanup);

function outcome(mode: 'run' | 'submit', results: TestResult[], sampleCount = results.length): Outcome {
  const verdict = results.find((r) => r.verdict !== 'AC')?.verdict ?? 'AC';
  return {
    ...newOutcome(mode, sampleCount),
    phase: 'done',
    results,
    summary: {
      verdict,
      passed: results.filter((r) => r.verdict === 'AC').length,
      total: results.length,
      steps: 10,
      maxMemoryBytes: 1 << 24,
      wallMs: 5,
      compileMs: 1,
      firstFailure: null,
    },
  };
}

const wrong: TestResult = {
  index: 0,
  group: 'sample',
  verdict: 'WA',
  name: 'ties at the k-th value',
  steps: 3,
  stepBudget: 50,
  memoryBytes: 1 << 24,
  input: { fn: 'filterProbs', args: [[3, 2, 2, 1], 1, 2, 1] },
  expected: [0.5, 0.25, 0.25, 0],
  actual: [0.5, 0.5, 0, -Infinity],
  mismatch: { path: 'out[1]', expected: 0.25, actual: 0.5, reason: 'different number' },
  message: 'out[1]: different number',
};

describe('ResultsPanel', () => {
  it('shows a wrong sample with the path of the first difference highlighted in expected and actual', () => {
    const { container } = render(<ResultsPanel outcome={outcome('run', [wrong])} />);
    expect(screen.getByText('out[1]')).toBeTruthy();
    const marks = [...container.querySelectorAll('mark.value-hl')];
    expect(marks.map((m) => m.textContent)).toEqual(['0.25', '0.5']);
    expect(marks.every((m) => m.getAttribute('data-path') === 'out[1]')).toBe(true);
    // Non-finite values are shown as such (they arrive tagged and are decoded by api.ts).
    expect(
      within(container.querySelector('[aria-label="your output"]') as HTMLElement).getByText('-Infinity'),
    ).toBeTruthy();
    expect(container.querySelector('.headline')?.textContent).toContain('Wrong answer');
    expect(container.querySelector('.test-card')?.hasAttribute('open')).toBe(true);
  });

  it('shows hidden tests with only index, verdict and cost bands (a scale test: its size and rounded steps)', () => {
    const hidden = {
      index: 4,
      group: 'hidden',
      verdict: 'TLE',
      cost: { steps: 'over', memory: '0-10' },
      console: 'SECRET-CONSOLE',
      input: { fn: 'f', args: ['SECRET-INPUT'] },
      message: 'SECRET-MESSAGE',
    } as TestResult;
    const scale: TestResult = {
      index: 5,
      group: 'hidden',
      verdict: 'AC',
      scaleN: 8000,
      steps: 12_000,
      cost: { steps: '10-33', memory: '33-100' },
    };
    const o = outcome('submit', [{ ...wrong, verdict: 'AC', mismatch: undefined }, hidden, scale]);
    o.summary = { ...o.summary!, hiddenCost: { steps: '10-33', memory: '0-10' } };
    const { container } = render(<ResultsPanel outcome={o} />);
    const table = container.querySelector('.hidden-table') as HTMLElement;
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Test',
      'Verdict',
      'Steps',
      'Memory',
    ]);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['#5', 'TLE Time limit exceeded', '> 100%', '≤ 10%'],
      ['#6 · n = 8,000', 'AC Accepted', '≈ 12k', '33–100%'],
    ]);
    expect(container.querySelector('.headline .hidden-cost')?.textContent).toBe(
      'hidden tests: 10–33% of their step budget, ≤ 10% of the memory limit',
    );
    expect(container.textContent).not.toMatch(/SECRET/);
  });

  it('renders console output and error messages as text, never as HTML', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const r: TestResult = {
      ...wrong,
      verdict: 'RE',
      mismatch: undefined,
      console: evil,
      error: { name: 'Error', message: evil, stack: `at f (solution.ts:3:5) ${evil}` },
      message: evil,
    };
    const { container } = render(<ResultsPanel outcome={outcome('run', [r])} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('.console-text')?.textContent).toBe(evil);
    expect(container.querySelector('.error-text')?.textContent).toContain(evil);
  });

  it('shows a compile error with its position and the offending line', () => {
    const o: Outcome = {
      ...outcome('run', []),
      compileError: {
        message: 'Expected ")" but found ";"',
        line: 2,
        column: 33,
        lineText: '  return logits.map((x) => x * 2;',
      },
    };
    o.summary = { ...o.summary!, verdict: 'CE' };
    const { container } = render(<ResultsPanel outcome={o} />);
    const box = container.querySelector('.compile-error') as HTMLElement;
    expect(box.textContent).toContain('line 2, column 33');
    expect(box.querySelector('.ce-line')?.textContent).toContain('^');
  });

  it('shows custom inputs as "ran" with their output, and live progress while running', () => {
    const custom: TestResult = {
      index: 1,
      group: 'sample',
      verdict: 'AC',
      name: 'custom 1',
      steps: 0,
      memoryBytes: 1,
      input: { fn: 'f', args: [1] },
      expected: undefined,
      actual: [7],
    };
    const { container, rerender } = render(
      <ResultsPanel outcome={outcome('run', [{ ...wrong, verdict: 'AC', mismatch: undefined }, custom], 1)} />,
    );
    const card = container.querySelector('.test-card.custom') as HTMLElement;
    expect(card.querySelector('.badge')?.textContent).toBe('ran');
    expect(card.textContent).not.toContain('Expected');
    expect(container.querySelector('.headline')?.textContent).toContain('Accepted');
    rerender(<ResultsPanel outcome={{ ...newOutcome('submit', 1), phase: 'running', running: 3, results: [] }} />);
    expect(container.querySelector('.headline')?.textContent).toContain('Running test 4');
  });

  it('checks a custom input that came with the reference output: its verdict, expected output and difference', () => {
    const checked: TestResult = {
      index: 1,
      group: 'sample',
      verdict: 'WA',
      name: 'custom 1',
      steps: 0,
      memoryBytes: 1,
      input: { fn: 'f', args: [1] },
      expected: [8],
      actual: [7],
      mismatch: { path: 'out[0]', reason: 'different number', expected: 8, actual: 7 },
    };
    const { container } = render(
      <ResultsPanel outcome={outcome('run', [{ ...wrong, verdict: 'AC', mismatch: undefined }, checked], 1)} />,
    );
    expect(container.querySelector('.test-card.custom')).toBeNull();
    const card = container.querySelector('.test-card.v-WA') as HTMLElement;
    expect(card.textContent).toContain('Expected');
    expect(card.textContent).toContain('out[0]');
    expect(container.querySelector('.headline')?.textContent).toContain('Wrong answer');
  });

  it('reports a test (issue 12 §3): a sample card or a hidden row opens a form that sends the message', async () => {
    const sent: Array<[ReportTarget, string]> = [];
    const onReport = async (t: ReportTarget, m: string) => {
      sent.push([t, m]);
    };
    const hidden: TestResult = { index: 1, group: 'hidden', verdict: 'WA' };
    const o = { ...outcome('submit', [wrong, hidden]), submissionId: 's1' };
    const { container, rerender } = render(<ResultsPanel outcome={o} />);
    // Without a reporter (a screen), nothing offers to report.
    expect(screen.queryByRole('button', { name: /Report/ })).toBeNull();
    rerender(<ResultsPanel outcome={o} onReport={onReport} />);
    fireEvent.click(screen.getByRole('button', { name: 'Report hidden test #2' }));
    const box = screen.getByLabelText(/what looks wrong/) as HTMLTextAreaElement;
    expect(box.maxLength).toBe(2000);
    // An empty message cannot be sent.
    expect((screen.getByRole('button', { name: 'Send report' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(box, { target: { value: '  the expected output looks off  ' } });
    await act(async () => {
      fireEvent.submit(box.closest('form')!);
    });
    expect(sent).toEqual([[{ index: 1, label: 'hidden test #2', verdict: 'WA' }, 'the expected output looks off']]);
    expect(screen.getByRole('status').textContent).toContain('your report of hidden test #2 reached');
    // The sample's card, and the verdict as a whole.
    fireEvent.click(within(container.querySelector('.test-card') as HTMLElement).getByText('Report this test'));
    expect(screen.getByRole('form', { name: 'Report ties at the k-th value' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Report this verdict' }));
    expect(screen.getByRole('form', { name: 'Report the verdict' })).toBeTruthy();
  });

  it('offers no report for custom inputs of a Run, and shows why a report was refused', async () => {
    const custom: TestResult = { index: 1, group: 'sample', verdict: 'AC', name: 'custom 1', input: { fn: 'f' } };
    const refuse = async () => {
      throw new Error('too many test reports; retry in 3600 s');
    };
    render(<ResultsPanel outcome={outcome('run', [wrong, custom], 1)} onReport={refuse} />);
    expect(screen.getAllByText('Report this test')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Report this verdict' })).toBeNull();
    fireEvent.click(screen.getByText('Report this test'));
    fireEvent.change(screen.getByLabelText(/what looks wrong/), { target: { value: 'x' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send report' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('too many test reports');
  });
});
