/**
 * The results of a Run or a Submit: the verdict, a compile error with its position, then per test — samples and
 * custom inputs with input, expected and actual output (the first difference highlighted), error and console;
 * hidden tests with only their index, verdict and cost bands (and the public size and rounded steps of a scale test:
 * exact figures could carry the hidden input, issue 14 §1); for a TLE the
 * explanation (what the failing test targets, how the steps grow), and the complexity plot over the scale group.
 * Everything the user's code produced is shown as text, never as HTML.
 *
 * In practice, "Report this test" (on a sample's card, a hidden test's row, or a submission's verdict) sends the
 * test, the code and the verdict to the problem's authors (issue 12 §3); a hidden test is named by its index only.
 */
import { useEffect, useRef, useState } from 'react';
import type { CostBand, TestResult, Verdict } from '../lib/api.ts';
import { errorText, formatBand, formatBytes, formatMs, formatSteps, verdictName } from '../lib/format.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { headlineVerdict, STOPPED, type Outcome } from '../lib/outcome.ts';
import { GrowthPlot } from './GrowthPlot.tsx';
import { InputView, ValueView, compactText } from './ValueView.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

export function CompileErrorView({
  error,
}: {
  error: { message: string; line: number; column: number; lineText: string };
}) {
  return (
    <div className="compile-error" role="alert">
      <div className="ce-head">
        <strong>Compilation error</strong> at line {error.line}, column {error.column}
      </div>
      <div className="ce-message">{error.message}</div>
      {error.lineText ? (
        <pre className="ce-line">
          {`${String(error.line).padStart(4)} | ${error.lineText}\n${' '.repeat(4)} | ${' '.repeat(Math.max(0, error.column - 1))}^`}
        </pre>
      ) : null}
    </div>
  );
}

function Costs({ r }: { r: TestResult }) {
  return (
    <span className="costs">
      {r.steps !== undefined ? (
        <span title="steps used / step budget">
          {formatSteps(r.steps)}
          {r.stepBudget !== undefined ? ` / ${formatSteps(r.stepBudget)}` : ''} steps
        </span>
      ) : null}
      {r.memoryBytes !== undefined ? <span title="sandbox heap">{formatBytes(r.memoryBytes)}</span> : null}
      {r.wallMs !== undefined ? <span title="wall-clock time (information only)">{formatMs(r.wallMs)}</span> : null}
    </span>
  );
}

export function TestCard({
  r,
  custom,
  open,
  onReport,
}: {
  r: TestResult;
  custom: boolean;
  open: boolean;
  /** Offers "Report this test" (practice). */
  onReport?: () => void;
}) {
  const shownVerdict = custom && r.verdict === 'AC' ? 'ran' : verdictName(r.verdict);
  const name = r.name ?? `test ${r.index + 1}`;
  return (
    <details className={`test-card ${custom ? 'custom' : ''} v-${r.verdict}`} open={open} data-index={r.index}>
      <summary>
        {custom && r.verdict === 'AC' ? (
          <span className="badge verdict-ran">ran</span>
        ) : (
          <VerdictBadge verdict={r.verdict} />
        )}
        <span className="test-name">{name}</span>
        <span className="test-verdict">{shownVerdict}</span>
        <Costs r={r} />
      </summary>
      <div className="test-body">
        <div className="field">
          <div className="field-label">Input</div>
          <InputView input={r.input} />
        </div>
        {!custom ? (
          <div className="field">
            <div className="field-label">Expected</div>
            <ValueView value={r.expected} highlight={r.mismatch?.path ?? null} label="expected output" />
          </div>
        ) : null}
        {'actual' in r ? (
          <div className="field">
            <div className="field-label">{custom ? 'Output' : 'Your output'}</div>
            <ValueView value={r.actual} highlight={r.mismatch?.path ?? null} label="your output" />
          </div>
        ) : null}
        {r.mismatch ? (
          <div className="mismatch" role="note">
            First difference at <code className="mismatch-path">{r.mismatch.path}</code>: {r.mismatch.reason}
            {r.mismatch.expected !== undefined || r.mismatch.actual !== undefined ? (
              <>
                {' '}
                (expected <code>{compactText(r.mismatch.expected, 200)}</code>, got{' '}
                <code>{compactText(r.mismatch.actual, 200)}</code>)
              </>
            ) : null}
          </div>
        ) : r.message && !r.error ? (
          <div className="message">{r.message}</div>
        ) : null}
        {r.error ? (
          <div className="field">
            <div className="field-label">Error</div>
            <pre className="error-text">{`${r.error.name}: ${r.error.message}${r.error.stack ? `\n${r.error.stack}` : ''}`}</pre>
          </div>
        ) : null}
        {r.console ? (
          <div className="field">
            <div className="field-label">Console{r.consoleTruncated ? ' (truncated)' : ''}</div>
            <pre className="console-text">{r.console}</pre>
          </div>
        ) : null}
        {onReport ? (
          <button type="button" className="btn small ghost report-button" onClick={onReport}>
            Report this test
          </button>
        ) : null}
      </div>
    </details>
  );
}

/** A hidden test's steps: a scale test's (rounded) count, else the share of its budget in a band. */
function HiddenSteps({ r }: { r: TestResult }) {
  if (r.scaleN !== undefined && r.steps !== undefined)
    return <span title="steps to two significant digits">≈ {formatSteps(r.steps)}</span>;
  if (r.cost) return <span title="share of the step budget">{formatBand(r.cost.steps)}</span>;
  return r.steps !== undefined ? <>{formatSteps(r.steps)}</> : <>—</>;
}

/** The cost of the hidden tests without figures, together: "hidden tests: 10–33% of their budget, ≤ 10% memory". */
export function HiddenCostText({ cost }: { cost: { steps: CostBand; memory: CostBand } }) {
  return (
    <span className="hidden-cost" title="hidden tests show costs only as shares of their limits">
      hidden tests: {formatBand(cost.steps)} of their step budget, {formatBand(cost.memory)} of the memory limit
    </span>
  );
}

export function HiddenTable({
  results,
  caption = 'Hidden tests',
  onReport,
}: {
  results: TestResult[];
  caption?: string;
  /** Offers to report a hidden test by its index (practice). */
  onReport?: (r: TestResult) => void;
}) {
  if (results.length === 0) return null;
  return (
    <table className="hidden-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Test</th>
          <th scope="col">Verdict</th>
          <th scope="col">Steps</th>
          <th scope="col">Memory</th>
          {onReport ? (
            <th scope="col">
              <span className="visually-hidden">Report</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.index} className={`v-${r.verdict}`} data-index={r.index}>
            <td>
              #{r.index + 1}
              {r.scaleN !== undefined ? (
                <span className="muted" title="a scale test: its size is public, its input is not">
                  {' '}
                  · n = {r.scaleN.toLocaleString('en-US')}
                </span>
              ) : null}
            </td>
            <td>
              <VerdictBadge verdict={r.verdict} /> {verdictName(r.verdict)}
            </td>
            <td>
              <HiddenSteps r={r} />
            </td>
            <td>
              {r.cost ? (
                <span title="share of the memory limit">{formatBand(r.cost.memory)}</span>
              ) : r.memoryBytes !== undefined ? (
                formatBytes(r.memoryBytes)
              ) : (
                '—'
              )}
            </td>
            {onReport ? (
              <td>
                <button
                  type="button"
                  className="btn small ghost report-button"
                  aria-label={`Report hidden test #${r.index + 1}`}
                  onClick={() => onReport(r)}
                >
                  Report
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Headline({ o, onReport }: { o: Outcome; onReport?: (() => void) | undefined }) {
  const v = headlineVerdict(o);
  const what = o.mode === 'run' ? 'Run' : 'Submission';
  if (o.phase === 'failed') {
    const stopped = o.error === STOPPED;
    return (
      <div className={`headline ${stopped ? 'stopped' : 'failed'}`} role={stopped ? 'status' : 'alert'}>
        <strong>{stopped ? `${what} stopped:` : `${what} failed:`}</strong> {o.error}
      </div>
    );
  }
  if (o.phase !== 'done' || !o.summary) {
    const finished = o.results.length;
    const label =
      o.phase === 'starting'
        ? o.mode === 'run'
          ? 'Compiling…'
          : 'Sending…'
        : o.phase === 'queued'
          ? 'Queued…'
          : o.running !== null
            ? `Running test ${o.running + 1}…`
            : 'Running…';
    return (
      <div className="headline pending" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <span className="progress-label">{label}</span>
        <span className="progress-count">{finished} finished</span>
      </div>
    );
  }
  const s = o.summary;
  const samples = o.results.filter((r) => o.mode === 'submit' || r.index < o.sampleCount);
  const passed = samples.filter((r) => r.verdict === 'AC').length;
  const firstBad = samples.find((r) => r.verdict !== 'AC');
  const where = firstBad
    ? firstBad.group === 'hidden'
      ? `hidden test #${firstBad.index + 1}`
      : (firstBad.name ?? `test ${firstBad.index + 1}`)
    : null;
  const total = o.mode === 'run' ? o.sampleCount : s.total;
  return (
    <div className={`headline done verdict-bg-${v}`} aria-live="polite">
      <VerdictBadge verdict={v} />
      <strong className="headline-verdict">{verdictName(v)}</strong>
      {v !== 'CE' && v !== 'JE' && where ? <span>on {where}</span> : null}
      {v !== 'CE' ? (
        <span className="headline-stats">
          {passed}/{total} {o.mode === 'run' ? 'samples' : 'tests'} passed ·{' '}
          <span title={o.mode === 'run' ? undefined : 'over the samples and the scale tests'}>
            {formatSteps(s.steps)} steps · {formatBytes(s.maxMemoryBytes)}
          </span>
          {o.finishedAt !== undefined ? ` · ${formatMs(o.finishedAt - o.startedAt)}` : ''}
          {s.hiddenCost ? (
            <>
              {' · '}
              <HiddenCostText cost={s.hiddenCost} />
            </>
          ) : null}
        </span>
      ) : null}
      {onReport ? (
        <button type="button" className="btn small ghost report-button" onClick={onReport}>
          Report this verdict
        </button>
      ) : null}
    </div>
  );
}

/** What a learner reports: a test by its index in these results (null: the submission's verdict as a whole). */
export interface ReportTarget {
  index: number | null;
  /** How the form names it: "hidden test #12", "sample 2", "the verdict". */
  label: string;
  verdict: Verdict | null;
}

/** Sends a report; throws with the server's message when it is refused. */
export type SendReport = (target: ReportTarget, message: string) => Promise<void>;

export const MAX_REPORT_CHARS = 2000;

/** The form of "Report this test": a required message (1–2000 characters), then Send; Escape cancels. */
function ReportForm({
  target,
  onSend,
  onClose,
}: {
  target: ReportTarget;
  onSend: SendReport;
  onClose: (sent: boolean) => void;
}) {
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [target]);
  const send = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!message.trim()) return setError('Say what looks wrong.');
    setSending(true);
    setError(null);
    try {
      await onSend(target, message.trim());
      onClose(true);
    } catch (err) {
      setError(errorText(err));
      setSending(false);
    }
  };
  return (
    <form
      className="report-form"
      aria-label={`Report ${target.label}`}
      onSubmit={(e) => void send(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose(false);
      }}
    >
      <label htmlFor="report-message">
        Report <strong>{target.label}</strong> to the problem&rsquo;s authors: what looks wrong?
      </label>
      <textarea
        id="report-message"
        ref={box}
        rows={3}
        required
        maxLength={MAX_REPORT_CHARS}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <div className="report-actions">
        <span className="muted small">
          {message.length}/{MAX_REPORT_CHARS} · your code and this verdict are sent with it
        </span>
        <span className="spacer" />
        <button type="button" className="btn small" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="submit" className="btn small primary" disabled={sending || !message.trim()}>
          {sending ? 'Sending…' : 'Send report'}
        </button>
      </div>
      <ErrorBox>{error}</ErrorBox>
    </form>
  );
}

/** A custom input that came with the reference's output (the engine marks the others with a symbol). */
function checkedCustom(r: TestResult): boolean {
  return r.expected !== undefined && typeof r.expected !== 'symbol';
}

/**
 * The state of "Report this test" for one set of results (a Run or Submit, an opened past submission): `open` shows
 * the form for a target (undefined when reports are off), `view` is the form or the thank-you line; `resetKey`
 * changing (new results) closes both.
 */
export function useReportForm(
  onSend: SendReport | undefined,
  resetKey: unknown,
): { open: ((t: ReportTarget) => void) | undefined; view: React.ReactNode } {
  const [reporting, setReporting] = useState<ReportTarget | null>(null);
  const [reported, setReported] = useState<string | null>(null);
  useEffect(() => {
    setReporting(null);
    setReported(null);
  }, [resetKey]);
  const view = (
    <>
      {reporting && onSend ? (
        <ReportForm
          target={reporting}
          onSend={onSend}
          onClose={(sent) => {
            setReported(sent ? reporting.label : null);
            setReporting(null);
          }}
        />
      ) : null}
      {reported ? (
        <p className="report-sent" role="status">
          Thank you: your report of {reported} reached the problem&rsquo;s authors.
        </p>
      ) : null}
    </>
  );
  const open = (t: ReportTarget): void => {
    setReported(null);
    setReporting(t);
  };
  return { open: onSend ? open : undefined, view };
}

export function ResultsPanel({ outcome, onReport }: { outcome: Outcome | null; onReport?: SendReport }) {
  const ref = useRef<HTMLDivElement>(null);
  // A new Run or Submit closes the form of the previous one.
  const reportForm = useReportForm(onReport, outcome?.startedAt);
  const firstFailing = outcome?.results.find(
    (r) => r.group === 'sample' && r.verdict !== 'AC' && (outcome.mode === 'submit' || r.index < outcome.sampleCount),
  )?.index;
  useEffect(() => {
    if (outcome?.phase === 'done') ref.current?.scrollTo?.({ top: 0 });
  }, [outcome?.phase]);
  if (!outcome) {
    return (
      <div className="results empty">
        <p>
          <strong>Run</strong> (Ctrl/⌘+Enter) checks your code on the examples, right here in your browser.
          <br />
          <strong>Submit</strong> (Ctrl/⌘+Shift+Enter) grades it on the hidden tests too.
        </p>
      </div>
    );
  }
  const visible = outcome.results.filter((r) => r.group === 'sample');
  const hidden = outcome.results.filter((r) => r.group === 'hidden');
  // Only what the judge graded can be reported: a finished Run's samples (not custom inputs), a graded submission.
  const canReport =
    !!onReport && outcome.phase === 'done' && (outcome.mode === 'run' || outcome.submissionId !== undefined);
  const report = (target: ReportTarget) => reportForm.open?.(target);
  const isSample = (r: TestResult) => outcome.mode === 'submit' || r.index < outcome.sampleCount;
  return (
    <div
      className="results"
      ref={ref}
      data-phase={outcome.phase}
      data-mode={outcome.mode}
      data-started={Math.round(outcome.startedAt * 1000)}
    >
      <Headline
        o={outcome}
        onReport={
          canReport && outcome.mode === 'submit' && outcome.summary
            ? () => report({ index: null, label: 'the verdict', verdict: outcome.summary!.verdict })
            : undefined
        }
      />
      {reportForm.view}
      {outcome.compileError ? <CompileErrorView error={outcome.compileError} /> : null}
      {outcome.phase === 'done' && outcome.summary?.explanation ? (
        <p className="explanation" role="note">
          {outcome.summary.explanation}
        </p>
      ) : null}
      {outcome.phase === 'done' && outcome.summary?.growth ? <GrowthPlot growth={outcome.summary.growth} /> : null}
      {outcome.mode === 'submit' && outcome.results.length > 0 ? (
        <ol className="chips" aria-label="tests">
          {outcome.results.map((r) => (
            <li
              key={r.index}
              className={`chip v-${r.verdict}`}
              title={`${r.group === 'hidden' ? 'hidden ' : ''}test ${r.index + 1}: ${verdictName(r.verdict)}`}
            >
              {r.verdict === 'AC' ? '✓' : r.verdict}
            </li>
          ))}
          {outcome.running !== null ? (
            <li className="chip running" aria-label={`test ${outcome.running + 1} running`} />
          ) : null}
        </ol>
      ) : null}
      <div className="test-list">
        {visible.map((r) => (
          <TestCard
            key={r.index}
            r={r}
            // A custom input is only "ran" unless the reference's output came with it (then it is checked).
            custom={outcome.mode === 'run' && r.index >= outcome.sampleCount && !checkedCustom(r)}
            open={r.index === firstFailing || (outcome.mode === 'run' && r.index >= outcome.sampleCount)}
            {...(canReport && isSample(r)
              ? {
                  onReport: () =>
                    report({ index: r.index, label: r.name ?? `test ${r.index + 1}`, verdict: r.verdict }),
                }
              : {})}
          />
        ))}
      </div>
      <HiddenTable
        results={hidden}
        {...(canReport
          ? { onReport: (r) => report({ index: r.index, label: `hidden test #${r.index + 1}`, verdict: r.verdict }) }
          : {})}
      />
    </div>
  );
}
