/**
 * The authors' inbox of reported tests (issue 12 §3): learners' reports, open or resolved; a report in detail — the
 * message, the code (read-only Monaco), the reported test in full (the authors wrote the hidden tests) — with
 * Replay, which grades the code again on the reported version and shows the verdict and that test's result, and
 * Resolve with a note.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ReportDetail, type ReportStatus, type ReportSummary } from '../lib/api.ts';
import { errorText, relativeTime, verdictName } from '../lib/format.ts';
import { inboxMine } from '../lib/storage.ts';
import { useTheme } from '../lib/theme.ts';
import { loadMonaco } from '../editor/load-monaco.ts';
import type { Monaco } from '../editor/monaco-setup.ts';
import { monacoTheme } from './CodeEditor.tsx';
import { ErrorBox } from './ErrorBox.tsx';
import { TestCard } from './ResultsPanel.tsx';
import { InputView, ValueView } from './ValueView.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

type Detail = Awaited<ReturnType<typeof api.authoring.report>>;
type Replayed = Awaited<ReturnType<typeof api.authoring.replayReport>>;

/** "hidden test #12", "sample test #1", "the verdict". */
export function testLabel(r: Pick<ReportSummary, 'testIndex' | 'testGroup'>): string {
  if (r.testIndex === null) return 'the verdict';
  return `${r.testGroup === 'hidden' ? 'hidden' : 'sample'} test #${r.testIndex + 1}`;
}

const VERSION_SOURCE: Record<ReportDetail['versionSource'], string> = {
  live: 'the live version',
  revision: 'an older published version (kept in the database)',
  gone: 'gone: no stored package has it (a built-in problem changed on disk); the current version stands in',
};

/** The reported code, read-only, in Monaco (plain text until Monaco has loaded). */
function ReadOnlyCode({ code }: { code: string }) {
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [theme] = useTheme();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    loadMonaco().then(setMonaco, () => undefined);
  }, []);
  useEffect(() => {
    if (!monaco || !host.current) return;
    const model = monaco.editor.createModel(code, 'typescript');
    const editor = monaco.editor.create(host.current, {
      model,
      readOnly: true,
      readOnlyMessage: { value: "The reporter's code, as it was graded." },
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      theme: monacoTheme(theme),
      ariaLabel: 'Reported code (read-only)',
    });
    (window as unknown as { judgeReportEditor?: unknown }).judgeReportEditor = editor;
    return () => {
      editor.dispose();
      model.dispose();
    };
  }, [monaco, code, theme]);
  return (
    <div className="report-code" data-testid="report-code" ref={host}>
      {monaco ? null : <pre className="value">{code}</pre>}
    </div>
  );
}

function ReplayView({ replay, detail }: { replay: Replayed; detail: Detail }) {
  const test = replay.testIndex === null ? undefined : replay.results.find((r) => r.index === replay.testIndex);
  const exact = replay.differences !== null && replay.differences.length === 0 && replay.sameVerdict !== false;
  return (
    <section className="report-replay" aria-label="Replay" data-verdict={replay.summary.verdict}>
      {replay.warning ? (
        <p className="error-box" role="alert">
          {replay.warning}
        </p>
      ) : null}
      <div className={`headline done verdict-bg-${replay.summary.verdict}`} role="status">
        <VerdictBadge verdict={replay.summary.verdict} />
        <strong className="headline-verdict">{verdictName(replay.summary.verdict)}</strong>
        <span className="headline-stats">
          replayed on version <code>{replay.version}</code> · {replay.summary.passed}/{replay.summary.total} tests
          passed
        </span>
      </div>
      <ul className="replay-facts">
        {replay.sameVerdict !== null ? (
          <li>
            Verdict: reported {verdictName(detail.verdict)}, replayed {verdictName(replay.summary.verdict)}{' '}
            {replay.sameVerdict ? '(the same)' : <strong>(different)</strong>}
          </li>
        ) : null}
        {replay.sameTestVerdict !== null && test ? (
          <li>
            {testLabel(detail)}: {detail.source === 'run' ? "the learner's browser said" : 'the learner saw'}{' '}
            {verdictName(detail.testVerdict)}, replayed {verdictName(test.verdict)}{' '}
            {replay.sameTestVerdict ? '(the same)' : <strong>(different)</strong>}
          </li>
        ) : null}
        {replay.differences !== null ? (
          <li data-testid="replay-exact">
            {exact
              ? `Exactly what the learner saw: the same verdict and steps on all ${detail.seen?.results.length ?? 0} tests.`
              : `${replay.differences.length} test(s) differ from what the learner saw: ${replay.differences
                  .map((d) => `#${d.index + 1} ${d.seen.verdict} → ${d.replayed.verdict}`)
                  .join(', ')}`}
          </li>
        ) : null}
      </ul>
      <ol className="chips" aria-label="replayed tests">
        {replay.results.map((r) => (
          <li
            key={r.index}
            className={`chip v-${r.verdict} ${r.index === replay.testIndex ? 'reported' : ''}`}
            title={`${r.group === 'hidden' ? 'hidden ' : ''}test ${r.index + 1}: ${verdictName(r.verdict)}${r.index === replay.testIndex ? ' (reported)' : ''}`}
          >
            {r.verdict === 'AC' ? '✓' : r.verdict}
          </li>
        ))}
      </ol>
      {test ? (
        <div className="test-list">
          <TestCard r={{ ...test, name: `${testLabel(detail)}: ${test.name ?? ''}` }} custom={false} open />
        </div>
      ) : null}
    </section>
  );
}

function ReportView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replay, setReplay] = useState<Replayed | null>(null);
  const [replaying, setReplaying] = useState(false);
  const [note, setNote] = useState('');
  const [resolving, setResolving] = useState(false);

  useEffect(() => {
    setDetail(null);
    setReplay(null);
    api.authoring.report(id).then(setDetail, (e: unknown) => setError(errorText(e)));
  }, [id]);

  const doReplay = async (): Promise<void> => {
    setReplaying(true);
    setError(null);
    try {
      setReplay(await api.authoring.replayReport(id));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setReplaying(false);
    }
  };
  const resolve = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setResolving(true);
    setError(null);
    try {
      const s = await api.authoring.resolveReport(id, note.trim());
      setDetail((d) => (d ? { ...d, ...s } : d));
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setResolving(false);
    }
  };

  if (!detail) return error ? <ErrorBox>{error}</ErrorBox> : <p className="muted">Loading the report…</p>;
  const t = detail.test;
  return (
    <article className="report-detail" aria-label={`Report on ${detail.problem}`} data-status={detail.status}>
      <h3>
        {detail.problem}: {testLabel(detail)}
      </h3>
      <dl className="report-facts">
        <dt>Reported</dt>
        <dd>
          {relativeTime(detail.createdAt)} by {detail.reporter ?? 'an anonymous learner'}, from{' '}
          {detail.source === 'run' ? 'a Run in the browser' : `submission ${detail.submissionId ?? ''}`}
        </dd>
        <dt>Version</dt>
        <dd>
          <code>{detail.problemVersion ?? 'not recorded'}</code>: {VERSION_SOURCE[detail.versionSource]}
          {detail.currentVersion && detail.currentVersion !== detail.problemVersion ? (
            <>
              {' '}
              (live now: <code>{detail.currentVersion}</code>)
            </>
          ) : null}
        </dd>
        <dt>As the learner saw it</dt>
        <dd>
          {detail.verdict ? (
            <>
              <VerdictBadge verdict={detail.verdict} /> {verdictName(detail.verdict)}
              {detail.testVerdict && detail.testIndex !== null ? '; ' : ''}
            </>
          ) : null}
          {detail.testVerdict && detail.testIndex !== null ? (
            <>
              {testLabel(detail)}: {verdictName(detail.testVerdict)}
              {detail.source === 'run' ? ' (as their browser said)' : ''}
            </>
          ) : null}
        </dd>
      </dl>
      <blockquote className="report-message">{detail.message}</blockquote>
      <h4>Code</h4>
      <ReadOnlyCode code={detail.code} />
      {t ? (
        <div className="report-test">
          <h4>
            The test: {t.name} <span className="muted small">({t.id})</span>
          </h4>
          {t.purpose ? <p className="muted small">{t.purpose}</p> : null}
          <div className="field">
            <div className="field-label">Input</div>
            <InputView input={t.input} />
          </div>
          <div className="field">
            <div className="field-label">Expected</div>
            {'expected' in t ? (
              <ValueView value={t.expected} label="expected output" />
            ) : (
              <p className="muted small">stored as its digest only ({t.expectedDigest ?? 'none'})</p>
            )}
          </div>
        </div>
      ) : null}
      <div className="report-actions">
        <button type="button" className="btn primary" onClick={() => void doReplay()} disabled={replaying}>
          {replaying ? 'Replaying…' : 'Replay'}
        </button>
      </div>
      <ErrorBox>{error}</ErrorBox>
      {replay ? <ReplayView replay={replay} detail={detail} /> : null}
      {detail.status === 'open' ? (
        <form className="report-resolve" onSubmit={(e) => void resolve(e)}>
          <label htmlFor="resolve-note">Note (what was done about it; optional)</label>
          <textarea
            id="resolve-note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="btn" disabled={resolving}>
            Mark resolved
          </button>
        </form>
      ) : (
        <p className="report-resolved" role="status">
          Resolved {detail.resolvedAt ? relativeTime(detail.resolvedAt) : ''} by {detail.resolvedBy ?? '?'}
          {detail.reply ? `: ${detail.reply}` : '.'}
        </p>
      )}
    </article>
  );
}

export function ReportInbox({ onCount }: { onCount?: (open: number) => void }) {
  const [status, setStatus] = useState<ReportStatus>('open');
  // Only the reports on problems this instructor published or revised (kept across visits: an author's usual view).
  const [mine, setMine] = useState(inboxMine.get);
  const [list, setList] = useState<ReportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const countRef = useRef(onCount);
  countRef.current = onCount;

  const load = useCallback(() => {
    api.authoring.reports(status, mine).then(
      (l) => {
        setList(l);
        if (status === 'open') countRef.current?.(l.length);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [status, mine]);
  useEffect(load, [load]);

  return (
    <section className="report-inbox" aria-label="Reported tests">
      <div className="inbox-head">
        <h2 className="screens-title">Reported tests</h2>
        <div className="segmented" role="group" aria-label="Show">
          {(['open', 'resolved'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={`btn small ${status === s ? 'primary' : ''}`}
              aria-pressed={status === s}
              onClick={() => {
                setStatus(s);
                setOpenId(null);
              }}
            >
              {s === 'open' ? 'Open' : 'Resolved'}
            </button>
          ))}
        </div>
        <button
          type="button"
          className={`btn small ${mine ? 'primary' : ''}`}
          aria-pressed={mine}
          title="Only reports on the problems you published or revised"
          onClick={() => {
            inboxMine.set(!mine);
            setMine(!mine);
            setOpenId(null);
          }}
        >
          My problems
        </button>
      </div>
      <ErrorBox>{error}</ErrorBox>
      {list === null && !error ? <p className="muted">Loading…</p> : null}
      {list && list.length === 0 ? (
        <p className="muted">
          {status === 'open' ? 'No open reports' : 'No resolved reports yet'}
          {mine ? ' on the problems you published.' : '.'}
        </p>
      ) : null}
      {list && list.length > 0 ? (
        <table className="problem-table inbox-table">
          <thead>
            <tr>
              <th scope="col">Problem</th>
              <th scope="col">Test</th>
              <th scope="col">Verdict</th>
              <th scope="col">When</th>
              <th scope="col">Message</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => {
              const v = r.testVerdict ?? r.verdict;
              return (
                <tr key={r.id} data-report={r.id} className={openId === r.id ? 'selected' : ''}>
                  <td>{r.problem}</td>
                  <td>{testLabel(r)}</td>
                  <td>{v ? <VerdictBadge verdict={v} /> : '—'}</td>
                  <td className="small">{relativeTime(r.createdAt)}</td>
                  <td className="inbox-message">
                    {r.message.length > 140 ? `${r.message.slice(0, 140)}…` : r.message}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn small"
                      aria-label={`Open the report on ${r.problem}, ${testLabel(r)}`}
                      aria-expanded={openId === r.id}
                      onClick={() => setOpenId(openId === r.id ? null : r.id)}
                    >
                      {openId === r.id ? 'Close' : 'Open'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {openId ? <ReportView key={openId} id={openId} onChanged={load} /> : null}
    </section>
  );
}
