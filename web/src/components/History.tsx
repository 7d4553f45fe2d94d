/**
 * The caller's submissions for a problem, newest first; opening one shows its verdict, its tests and a diff of its
 * code against the current draft (Monaco's diff editor).
 */
import { useEffect, useRef, useState } from 'react';
import type { SubmissionListItem, SubmissionView, Workspace } from '../lib/api.ts';
import { errorText, formatBytes, formatSteps, relativeTime, verdictName } from '../lib/format.ts';
import type { Monaco } from '../editor/monaco-setup.ts';
import { monacoTheme } from './CodeEditor.tsx';
import {
  CompileErrorView,
  HiddenCostText,
  HiddenTable,
  TestCard,
  useReportForm,
  type SendReport,
} from './ResultsPanel.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';
import { ErrorBox } from './ErrorBox.tsx';

function CodeDiff({
  monaco,
  original,
  modified,
  theme,
}: {
  monaco: Monaco;
  original: string;
  modified: string;
  theme: 'light' | 'dark';
}) {
  const host = useRef<HTMLDivElement>(null);
  const themeAtCreate = useRef(theme);
  themeAtCreate.current = theme;
  useEffect(() => {
    if (!host.current) return;
    const a = monaco.editor.createModel(original, 'typescript');
    const b = monaco.editor.createModel(modified, 'typescript');
    const diff = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      theme: monacoTheme(themeAtCreate.current),
    });
    diff.setModel({ original: a, modified: b });
    const el = host.current;
    const updated = diff.onDidUpdateDiff(() => el.setAttribute('data-diff-ready', 'true'));
    return () => {
      updated.dispose();
      diff.setModel(null);
      diff.dispose();
      a.dispose();
      b.dispose();
    };
    // The theme is global in Monaco (set by the code editor); re-creating the diff for it would cancel its computation.
  }, [monaco, original, modified]);
  return (
    <div className="diff-host" ref={host} aria-label="Differences between the submitted code and your current draft" />
  );
}

export interface HistoryProps {
  slug: string;
  workspace: Workspace;
  /** Loading old code into the editor is off (a screen whose time is up). */
  readOnly?: boolean;
  monaco: Monaco | null;
  theme: 'light' | 'dark';
  /** Changes whenever a new submission was made (to refresh the list). */
  refreshKey: number;
  currentCode: () => string;
  onLoadCode: (code: string) => void;
  /** "Report this test" on a graded submission (practice): sends it for the submission with this id. */
  onReport?: (submissionId: string) => SendReport;
}

export function History({
  slug,
  workspace,
  readOnly = false,
  monaco,
  theme,
  refreshKey,
  currentCode,
  onLoadCode,
  onReport,
}: HistoryProps) {
  const [items, setItems] = useState<SubmissionListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<SubmissionView | null>(null);
  const [draftAtOpen, setDraftAtOpen] = useState('');
  const reportForm = useReportForm(open?.status === 'done' ? onReport?.(open.id) : undefined, open?.id);

  useEffect(() => {
    let live = true;
    workspace.submissions(slug).then(
      (list) => live && (setItems(list), setError(null)),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [slug, workspace, refreshKey]);

  const show = async (id: string): Promise<void> => {
    try {
      const s = await workspace.submission(id);
      setDraftAtOpen(currentCode());
      setOpen(s);
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (open) {
    const samples = open.results.filter((r) => r.group === 'sample');
    const hidden = open.results.filter((r) => r.group === 'hidden');
    return (
      <div className="history-detail">
        <div className="history-detail-head">
          <button type="button" className="btn small" onClick={() => setOpen(null)}>
            ← All submissions
          </button>
          <VerdictBadge verdict={open.verdict} />
          <strong>{open.status === 'done' ? verdictName(open.verdict) : open.status}</strong>
          <span className="muted">{new Date(open.createdAt).toLocaleString()}</span>
          {open.summary ? (
            <span className="muted">
              {open.summary.passed}/{open.summary.total} tests · {formatSteps(open.summary.steps)} steps ·{' '}
              {formatBytes(open.summary.maxMemoryBytes)}
              {open.summary.hiddenCost ? (
                <>
                  {' · '}
                  <HiddenCostText cost={open.summary.hiddenCost} />
                </>
              ) : null}
            </span>
          ) : null}
          {open.code !== undefined && !readOnly ? (
            <button type="button" className="btn small" onClick={() => onLoadCode(open.code ?? '')}>
              Load this code into the editor
            </button>
          ) : null}
          {reportForm.open ? (
            <button
              type="button"
              className="btn small ghost"
              onClick={() => reportForm.open?.({ index: null, label: 'the verdict', verdict: open.verdict })}
            >
              Report this verdict
            </button>
          ) : null}
        </div>
        {reportForm.view}
        {open.regrades.length > 0 || open.problemVersion ? (
          <div className="regrade-notes" data-testid="regrades">
            {open.regrades.map((g) => (
              <p key={`${g.toVersion}-${g.at}`} className={g.was !== g.now ? 'regrade flipped' : 'regrade'}>
                Re-graded under version <code>{g.toVersion}</code> on {new Date(g.at).toLocaleDateString()}:{' '}
                {g.was !== g.now ? (
                  <>
                    was <strong>{g.was ?? '—'}</strong>, now <strong>{g.now}</strong>
                  </>
                ) : (
                  <>still {g.now}</>
                )}
                {g.note ? <> — {g.note}</> : null}
              </p>
            ))}
            {open.problemVersion ? (
              <p className="muted small">
                Graded against version <code>{open.problemVersion}</code> of the problem.
              </p>
            ) : null}
          </div>
        ) : null}
        {open.code !== undefined ? (
          <section aria-label="Code">
            <h3 className="section-title">Submitted code vs. your current draft</h3>
            {monaco ? (
              <CodeDiff monaco={monaco} original={open.code} modified={draftAtOpen} theme={theme} />
            ) : (
              <pre className="value">{open.code}</pre>
            )}
          </section>
        ) : null}
        {open.summary?.compileError ? <CompileErrorView error={open.summary.compileError} /> : null}
        <div className="test-list">
          {samples.map((r) => (
            <TestCard
              key={r.index}
              r={r}
              custom={false}
              open={r.verdict !== 'AC'}
              {...(reportForm.open
                ? {
                    onReport: () =>
                      reportForm.open?.({ index: r.index, label: r.name ?? `test ${r.index + 1}`, verdict: r.verdict }),
                  }
                : {})}
            />
          ))}
        </div>
        <HiddenTable
          results={hidden}
          {...(reportForm.open
            ? {
                onReport: (r) =>
                  reportForm.open?.({ index: r.index, label: `hidden test #${r.index + 1}`, verdict: r.verdict }),
              }
            : {})}
        />
      </div>
    );
  }

  return (
    <div className="history">
      <ErrorBox>{error}</ErrorBox>
      {items === null && !error ? <p className="muted">Loading…</p> : null}
      {items && items.length === 0 ? (
        <p className="muted">No submissions yet. Submit with Ctrl/⌘+Shift+Enter.</p>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="history-list">
          {items.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="history-item"
                onClick={() => void show(s.id)}
                aria-label={`Submission ${relativeTime(s.createdAt)}: ${s.status === 'done' ? verdictName(s.verdict) : s.status}`}
              >
                <VerdictBadge verdict={s.verdict} />
                <span className="history-verdict">{s.status === 'done' ? verdictName(s.verdict) : s.status}</span>
                {s.regraded ? <span className="badge regraded">re-graded</span> : null}
                <time dateTime={s.createdAt} title={new Date(s.createdAt).toLocaleString()}>
                  {relativeTime(s.createdAt)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
