/**
 * A screen's report for its interviewer: per problem the final verdict, tests passed, steps, memory and time to
 * first accepted; every submission with its code; the replay; export as JSON. Refreshes while the screen runs.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type ScreenReport } from '../lib/api.ts';
import { formatBand, formatBytes, formatSteps, verdictName } from '../lib/format.ts';
import { formatOffset } from '../lib/replay.ts';
import { linkClick } from '../lib/router.ts';
import { Replay } from '../components/Replay.tsx';
import { PHASE_LABEL } from './ScreensPage.tsx';
import { GrowthPlot } from '../components/GrowthPlot.tsx';
import { HiddenTable } from '../components/ResultsPanel.tsx';
import { VerdictBadge } from '../components/VerdictBadge.tsx';

const LIVE_PHASES = new Set(['not-started', 'active', 'grace']);

export function ReportPage({ id }: { id: string }) {
  const [report, setReport] = useState<ScreenReport | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [openSubmission, setOpenSubmission] = useState<string | null>(null);

  const load = useCallback(() => {
    api.report(id).then(
      (r) => (setReport(r), setError(null)),
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  }, [id]);

  useEffect(() => {
    document.title = 'Screen report · ML-infra judge';
    load();
  }, [load]);

  // While the screen runs (or its last drafts are being graded), keep the report fresh.
  const pending = report
    ? LIVE_PHASES.has(report.screen.phase) || report.submissions.some((s) => s.status !== 'done')
    : false;
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(load, 5000);
    return () => clearInterval(t);
  }, [pending, load]);

  if (error && !report) {
    return (
      <main className="center-page" id="main">
        <p className="error-box" role="alert">
          {error instanceof ApiError && error.code === 'UNAUTHENTICATED'
            ? 'Sign in as an interviewer to see reports.'
            : error.message}
        </p>
        <p>
          <a href="/screens" onClick={(e) => linkClick(e, '/screens')}>
            ← Screens
          </a>
          {error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? (
            <>
              {' · '}
              <a href="/login" onClick={(e) => linkClick(e, '/login')}>
                Sign in
              </a>
            </>
          ) : null}
        </p>
      </main>
    );
  }
  if (!report)
    return (
      <main className="list-page" id="main">
        <p className="muted">Loading…</p>
      </main>
    );

  const s = report.screen;
  return (
    <main className="list-page report-page" id="main">
      <p>
        <a href="/screens" onClick={(e) => linkClick(e, '/screens')}>
          ← Screens
        </a>
      </p>
      <div className="list-head">
        <h1>{s.candidateName ?? 'Unnamed candidate'}</h1>
        <span className={`phase phase-${s.phase}`} data-testid="report-phase" data-phase={s.phase}>
          {PHASE_LABEL[s.phase]}
        </span>
        <span className="spacer" />
        <a className="btn" href={api.reportDownloadUrl(id)} download>
          Export JSON
        </a>
      </div>
      <p className="muted">
        {s.candidateEmail ? `${s.candidateEmail} · ` : ''}
        {s.durationMinutes} min{s.extraMinutes ? ` + ${s.extraMinutes} extra` : ''}
        {s.startedAt ? ` · started ${new Date(s.startedAt).toLocaleString()}` : ' · not started yet'}
        {s.endsAt ? ` · ends ${new Date(s.endsAt).toLocaleTimeString()}` : ''}
        {pending ? ' · updating live' : ''}
      </p>

      <table className="problem-table report-table">
        <caption className="visually-hidden">Results per problem</caption>
        <thead>
          <tr>
            <th scope="col">Problem</th>
            <th scope="col">Final verdict</th>
            <th scope="col">Tests</th>
            <th scope="col" title="over the samples and the scale tests">
              Steps
            </th>
            <th scope="col" title="over the samples and the scale tests">
              Memory
            </th>
            <th scope="col" title="the other hidden tests: steps over their budgets · memory over the limit">
              Hidden tests
            </th>
            <th scope="col">First accepted</th>
            <th scope="col">Submissions</th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((p) => (
            <tr key={p.problem} data-problem={p.problem}>
              <td>{p.problem}</td>
              <td>
                <VerdictBadge verdict={p.finalVerdict} />{' '}
                {p.finalVerdict ? verdictName(p.finalVerdict) : <span className="muted">no submission</span>}
              </td>
              <td>{p.testsPassed !== null ? `${p.testsPassed}/${p.testsTotal}` : '—'}</td>
              <td className="mono">{p.steps !== null ? formatSteps(p.steps) : '—'}</td>
              <td className="mono">{p.maxMemoryBytes !== null ? formatBytes(p.maxMemoryBytes) : '—'}</td>
              <td className="mono">
                {p.hiddenCost ? `${formatBand(p.hiddenCost.steps)} · ${formatBand(p.hiddenCost.memory)}` : '—'}
              </td>
              <td>{p.msToFirstAccepted !== null ? `after ${formatOffset(p.msToFirstAccepted)}` : '—'}</td>
              <td>{p.submissions}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <Replay report={report} />

      <section aria-labelledby="subs-title">
        <h2 id="subs-title">Submissions</h2>
        {report.submissions.length === 0 ? <p className="muted">None.</p> : null}
        <ul className="history-list">
          {report.submissions.map((sub) => {
            const offset = s.startedAt ? Date.parse(sub.submittedAt) - Date.parse(s.startedAt) : null;
            const open = openSubmission === sub.id;
            return (
              <li key={sub.id}>
                <button
                  type="button"
                  className="history-item"
                  aria-expanded={open}
                  onClick={() => setOpenSubmission(open ? null : sub.id)}
                >
                  <VerdictBadge verdict={sub.verdict} />
                  <span className="history-verdict">
                    {sub.status === 'done' ? verdictName(sub.verdict) : sub.status}
                  </span>
                  <span className="muted">{sub.problem}</span>
                  {sub.auto ? <span className="tag static">graded at the end</span> : null}
                  {sub.summary ? (
                    <span className="muted small">
                      {sub.summary.passed}/{sub.summary.total} tests
                    </span>
                  ) : null}
                  <time dateTime={sub.submittedAt}>
                    {offset !== null
                      ? `at ${formatOffset(Math.max(0, offset))}`
                      : new Date(sub.submittedAt).toLocaleTimeString()}
                  </time>
                </button>
                {open ? (
                  <div className="history-detail submission-detail">
                    <pre className="value">{sub.code}</pre>
                    {sub.summary?.compileError ? (
                      <p className="error-box">
                        Compilation error at line {sub.summary.compileError.line}: {sub.summary.compileError.message}
                      </p>
                    ) : null}
                    {sub.summary?.explanation ? <p className="explanation">{sub.summary.explanation}</p> : null}
                    {sub.summary?.growth ? (
                      <GrowthPlot growth={sub.summary.growth} title="The candidate's steps against input size" />
                    ) : null}
                    <HiddenTable results={sub.results} caption="Tests (hidden ones show only verdict and cost bands)" />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </main>
  );
}
