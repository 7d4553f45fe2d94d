/**
 * The counterexample tab (issue 15 §2): what the search found — the smallest input on which the code and the
 * reference disagree, with the reference's output, the code's, and the first difference (the same test card as a
 * sample) — or how many inputs agreed. The inputs come from the samples and the problem's generator with fresh seeds,
 * never from the hidden tests.
 */
import type { CounterexampleReport } from '../lib/api.ts';
import { formatMs, verdictName } from '../lib/format.ts';
import type { CounterexampleState } from '../hooks/useFeedback.ts';
import { CompileErrorView, TestCard } from './ResultsPanel.tsx';
import { InputView } from './ValueView.tsx';

const STOPPED: Record<NonNullable<CounterexampleReport['stoppedBy']>, string> = {
  inputs: 'the input bound',
  time: 'the time bound',
  'shrink-runs': 'the shrinking bound',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

const round = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));

function Found({ report }: { report: CounterexampleReport }) {
  const c = report.counterexample!;
  const r = c.result;
  const threw = r.input?.expectError === true;
  return (
    <>
      <div className={`headline done verdict-bg-${r.verdict}`} role="status">
        <strong className="headline-verdict">Counterexample found</strong>
        <span>
          {verdictName(r.verdict)} on an input{' '}
          {c.sizeAfter.chars < c.sizeBefore.chars
            ? `shrunk from ${plural(c.sizeBefore.chars, 'character')} to ${plural(c.sizeAfter.chars, 'character')}`
            : c.sizeAfter.magnitude < c.sizeBefore.magnitude
              ? `shrunk to smaller values (their sum from ${round(c.sizeBefore.magnitude)} to ${round(c.sizeAfter.magnitude)})`
              : 'that could not be made smaller'}
        </span>
        <span className="headline-stats">
          first seen on {c.origin === 'sample' ? 'a sample' : 'a generated input'} ·{' '}
          {plural(c.shrinkSteps, 'shrink step')} · {plural(report.tried + report.shrinkRuns, 'input')} run ·{' '}
          {formatMs(report.ms)}
        </span>
      </div>
      {threw ? (
        <p className="explanation" role="note">
          On this input the function must throw (the reference does, and the statement says so); the expected output{' '}
          <code>{'{ threw: true }'}</code> stands for that.
        </p>
      ) : null}
      <div className="test-list counterexample-card">
        <TestCard r={r} custom={false} open />
      </div>
      <details className="counterexample-original">
        <summary>Before shrinking ({plural(c.sizeBefore.chars, 'character')})</summary>
        <InputView input={c.original} />
      </details>
      {report.stoppedBy ? (
        <p className="muted small">Shrinking stopped at {STOPPED[report.stoppedBy]}: a smaller input may exist.</p>
      ) : null}
    </>
  );
}

export function CounterexamplePanel({ state }: { state: CounterexampleState }) {
  const { phase, report, error } = state;
  return (
    <div className="results counterexample" data-phase={phase} data-status={report?.status ?? ''}>
      {phase === 'idle' ? (
        <p className="muted">
          <strong>Find a counterexample</strong> runs your code and the reference solution on many small inputs — the
          samples, and new ones from the problem&apos;s generator (never the hidden tests) — stops at the first on which
          they disagree, and shrinks it to the smallest input that still shows the difference.
        </p>
      ) : phase === 'searching' ? (
        <div className="headline pending" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <span className="progress-label">Searching for a counterexample… (up to about 10 s)</span>
        </div>
      ) : phase === 'failed' ? (
        <div className="headline failed" role="alert">
          <strong>The search failed:</strong> {error}
        </div>
      ) : report?.status === 'compile-error' && report.compileError ? (
        <CompileErrorView error={report.compileError} />
      ) : report?.status === 'found' && report.counterexample ? (
        <Found report={report} />
      ) : report ? (
        <div className="headline done verdict-bg-AC" role="status">
          <strong className="headline-verdict">No counterexample found</strong>
          <span>
            your code agrees with the reference on {plural(report.tried, 'input')}
            {report.stoppedBy ? ` (stopped at ${STOPPED[report.stoppedBy]})` : ''} · {formatMs(report.ms)}
          </span>
          <span className="headline-stats">Hidden tests also use larger inputs and hand-written edge cases.</span>
        </div>
      ) : null}
    </div>
  );
}
