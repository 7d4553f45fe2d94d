/**
 * A problem: statement and history on the left; the editor, Run/Submit and the results on the right. The page wires
 * its parts: the problem and its draft (useDraftSync), Run in the browser (useRun), Submit to the server (useSubmit),
 * the judge's markers in the editor. The same page serves practice and a candidate's screen: the workspace says
 * where work is loaded from and saved to.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, practice, type Workspace } from '../lib/api.ts';
import { errorText, formatBytes } from '../lib/format.ts';
import type { Outcome } from '../lib/outcome.ts';
import { linkClick } from '../lib/router.ts';
import { customInputs } from '../lib/storage.ts';
import { useTheme } from '../lib/theme.ts';
import { showOutcomeMarkers } from '../editor/markers.ts';
import { loadMonaco } from '../editor/load-monaco.ts';
import type { Monaco } from '../editor/monaco-setup.ts';
import { CodeEditor, type EditorInstance } from '../components/CodeEditor.tsx';
import { CounterexamplePanel } from '../components/CounterexamplePanel.tsx';
import { CustomInputs } from '../components/CustomInputs.tsx';
import { History } from '../components/History.tsx';
import { ResultsPanel, type SendReport } from '../components/ResultsPanel.tsx';
import { SplitPane } from '../components/SplitPane.tsx';
import { Statement } from '../components/Statement.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { useAttempts } from '../hooks/useAttempts.ts';
import { useDraftSync } from '../hooks/useDraftSync.ts';
import { useCounterexample, useExpectedOutputs } from '../hooks/useFeedback.ts';
import { useRun, type RunReport } from '../hooks/useRun.ts';
import { useSubmit } from '../hooks/useSubmit.ts';

/** What the user does in the editor, for a screen's timeline. */
export type EditorActivity =
  { kind: 'edit'; code: string } | { kind: 'paste'; chars: number; lines: number } | ({ kind: 'run' } & RunReport);

export interface ProblemPageProps {
  slug: string;
  /** Where the problem, drafts and submissions come from (default: the learner's practice). */
  workspace?: Workspace;
  /** Time is up: the editor is read-only and nothing can be run, submitted or saved. */
  readOnly?: boolean;
  /** Where "back" leads when the problem cannot be loaded. */
  backHref?: string;
  onActivity?: (a: EditorActivity) => void;
}

export function ProblemPage({
  slug,
  workspace = practice,
  readOnly = false,
  backHref = '/',
  onActivity,
}: ProblemPageProps) {
  const [theme] = useTheme();
  const activity = useRef(onActivity);
  activity.current = onActivity;
  const draft = useDraftSync(workspace, slug, readOnly);
  const { problem, initialCode, loadError, saveState } = draft;
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [monacoError, setMonacoError] = useState<string | null>(null);
  const attempts = useAttempts();
  const { outcome, busy } = attempts;
  const [leftTab, setLeftTab] = useState<'statement' | 'history'>('statement');
  const [bottomTab, setBottomTab] = useState<'results' | 'custom' | 'counterexample'>('results');
  const [customText, setCustomText] = useState(() => customInputs.get(workspace.storageScope, slug));
  const [historyKey, setHistoryKey] = useState(0);
  const editorRef = useRef<EditorInstance | null>(null);

  useEffect(() => {
    loadMonaco().then(setMonaco, (e: unknown) => setMonacoError(errorText(e)));
  }, []);
  useEffect(() => {
    if (problem) document.title = `${problem.title} · ML-infra judge`;
  }, [problem]);
  useEffect(() => customInputs.set(workspace.storageScope, slug, customText), [workspace, slug, customText]);

  const currentCode = useCallback(() => editorRef.current?.getValue() ?? draft.latest(), [draft.latest]);
  const markers = useCallback(
    (o: Outcome | null) => {
      if (monaco && editorRef.current) showOutcomeMarkers(monaco, editorRef.current, o);
    },
    [monaco],
  );
  const onEdit = useCallback(
    (code: string) => {
      activity.current?.({ kind: 'edit', code });
      draft.edited(code);
    },
    [draft.edited],
  );
  const onPaste = useCallback(
    (text: string) => activity.current?.({ kind: 'paste', chars: text.length, lines: text.split('\n').length }),
    [],
  );

  const onRunStart = useCallback(() => {
    setBottomTab('results');
    markers(null);
  }, [markers]);
  const onSubmitStart = useCallback(() => {
    onRunStart();
    draft.flush();
  }, [onRunStart, draft.flush]);
  const onRunReport = useCallback((r: RunReport) => activity.current?.({ kind: 'run', ...r }), []);
  const refreshHistory = useCallback(() => setHistoryKey((k) => k + 1), []);

  const reportSubmission = useCallback(
    (submissionId: string): SendReport =>
      async (target, message) => {
        if (!problem) throw new Error('the problem is not loaded');
        await api.reportTest({
          problem: problem.slug,
          submissionId,
          ...(target.index !== null ? { testIndex: target.index } : {}),
          message,
        });
      },
    [problem],
  );

  // "Report this test" (issue 12 §3), in practice only: a submission's test by its index (the server takes the code,
  // version and verdict from the submission), or a Run's sample with the code that ran.
  const sendReport = useCallback<SendReport>(
    async (target, message) => {
      if (!problem || !outcome || outcome.phase !== 'done') throw new Error('there is nothing to report yet');
      if (outcome.mode === 'submit') {
        if (!outcome.submissionId) throw new Error('this submission has no id yet');
        return reportSubmission(outcome.submissionId)(target, message);
      }
      // A Run's results are numbered in run order: sample i is the suite's test problem.samples[i].index.
      const sample = target.index === null ? undefined : problem.samples[target.index];
      if (!sample || outcome.source === undefined) throw new Error('only a sample of a Run can be reported');
      await api.reportTest({
        problem: problem.slug,
        code: outcome.source,
        testIndex: sample.index,
        ...(target.verdict ? { verdict: target.verdict } : {}),
        message,
      });
    },
    [problem, outcome, reportSubmission],
  );

  const expected = useExpectedOutputs(workspace, problem, customText);
  const counterexample = useCounterexample(workspace, problem, currentCode);
  const findCounterexample = useCallback(() => {
    setBottomTab('counterexample');
    void counterexample.find();
  }, [counterexample.find]);

  const { run, stop } = useRun({
    problem,
    attempts,
    readOnly,
    customText,
    expected: expected.outputs,
    code: currentCode,
    onStart: onRunStart,
    onDone: markers,
    onReport: onRunReport,
  });
  const submit = useSubmit({
    problem,
    workspace,
    attempts,
    readOnly,
    code: currentCode,
    onStart: onSubmitStart,
    onListChange: refreshHistory,
    onDone: markers,
  });

  // Ctrl/Cmd+Enter and Ctrl/Cmd+Shift+Enter anywhere on the page (the editor handles its own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      if (e.shiftKey) void submit();
      else void run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, submit]);

  const setCode = useCallback((code: string) => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    editor.pushUndoStop();
    editor.executeEdits('judge', [{ range: model.getFullModelRange(), text: code }]);
    editor.pushUndoStop();
    editor.focus();
  }, []);

  const reset = (): void => {
    if (!problem) return;
    if (!window.confirm('Replace your code with the starter code? (Ctrl/⌘+Z in the editor undoes it.)')) return;
    setCode(problem.starter);
  };

  const onReady = useCallback((editor: EditorInstance | null) => {
    editorRef.current = editor;
    if (editor) {
      performance.mark('judge:editor-ready');
      (window as unknown as { judgeEditor?: EditorInstance }).judgeEditor = editor;
    }
  }, []);

  if (loadError) {
    return (
      <main className="center-page" id="main">
        <p className="error-box" role="alert">
          {loadError}
        </p>
        <p>
          <a href={backHref} onClick={(e) => linkClick(e, backHref)}>
            ← Back
          </a>
        </p>
      </main>
    );
  }

  const saveLabel =
    saveState === 'pending'
      ? 'Saving…'
      : saveState === 'saved'
        ? 'Saved'
        : saveState === 'local-only'
          ? 'Saved in this browser (server unreachable)'
          : '';

  return (
    <main className="problem-page" id="main">
      <SplitPane
        id="problem"
        direction="horizontal"
        initial={0.4}
        min={300}
        label="Resize the statement and the editor"
      >
        <section className="left-pane" aria-label="Problem">
          <Tabs
            idPrefix="left"
            label="Problem"
            value={leftTab}
            onChange={setLeftTab}
            options={[
              ['statement', 'Statement'],
              ['history', 'Submissions'],
            ]}
          />
          <div className="tab-body" id="left-panel" role="tabpanel" aria-labelledby={`left-tab-${leftTab}`}>
            {!problem ? (
              <p className="muted">Loading…</p>
            ) : leftTab === 'statement' ? (
              <>
                <div className="problem-meta">
                  <span className={`difficulty d-${problem.difficulty}`}>{problem.difficulty}</span>
                  {problem.tags.map((t) => (
                    <span className="tag static" key={t}>
                      {t}
                    </span>
                  ))}
                  <span
                    className="muted small"
                    title="memory limit · wall-clock guard per test: code that makes no progress for this long (a long native call) is stopped; slow code is bounded by its step budget"
                  >
                    {formatBytes(problem.limits.memoryMb * 1024 * 1024)} · {problem.limits.wallMs / 1000} s guard
                  </span>
                </div>
                <Statement markdown={problem.statement} />
              </>
            ) : (
              <History
                slug={slug}
                workspace={workspace}
                readOnly={readOnly}
                monaco={monaco}
                theme={theme}
                refreshKey={historyKey}
                currentCode={currentCode}
                onLoadCode={setCode}
                {...(workspace === practice ? { onReport: reportSubmission } : {})}
              />
            )}
          </div>
        </section>
        <section className="right-pane" aria-label="Solution">
          <div className="toolbar">
            <span className="toolbar-title">{problem?.title ?? ''}</span>
            <span className="save-state muted small" aria-live="polite">
              {saveLabel}
            </span>
            <span className="spacer" />
            {readOnly ? (
              <span className="read-only-note" role="status">
                Time is up: read-only
              </span>
            ) : null}
            <button type="button" className="btn" onClick={reset} disabled={!problem || !monaco || readOnly}>
              Reset to starter
            </button>
            {busy === 'run' ? (
              <button type="button" className="btn" onClick={stop} title="Stop the run (a long test)">
                Stop
              </button>
            ) : (
              <button
                type="button"
                className="btn"
                onClick={() => void run()}
                disabled={!problem || !monaco || busy !== null || readOnly}
                aria-keyshortcuts="Control+Enter Meta+Enter"
                title="Run the examples in your browser (Ctrl/⌘+Enter)"
              >
                Run
              </button>
            )}
            {counterexample.enabled ? (
              <button
                type="button"
                className="btn"
                onClick={findCounterexample}
                disabled={!problem || !monaco || readOnly || counterexample.phase === 'searching'}
                title="Run your code and the reference on many small inputs and show the smallest on which they disagree"
              >
                {counterexample.phase === 'searching' ? 'Searching…' : 'Find a counterexample'}
              </button>
            ) : null}
            <button
              type="button"
              className="btn primary"
              onClick={() => void submit()}
              disabled={!problem || !monaco || busy !== null || readOnly}
              aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
              title="Grade on all tests (Ctrl/⌘+Shift+Enter)"
            >
              {busy === 'submit' ? 'Submitting…' : 'Submit'}
            </button>
          </div>
          <SplitPane
            id="editor"
            direction="vertical"
            initial={0.58}
            min={120}
            label="Resize the editor and the results"
          >
            <div className="editor-wrap">
              {monaco && problem && initialCode !== null ? (
                <CodeEditor
                  monaco={monaco}
                  slug={slug}
                  initialValue={initialCode}
                  typings={problem.typings}
                  theme={theme}
                  readOnly={readOnly}
                  onChange={onEdit}
                  onPaste={onPaste}
                  onRun={() => void run()}
                  onSubmit={() => void submit()}
                  onReady={onReady}
                />
              ) : (
                <div className="editor-loading muted">
                  {monacoError ? `The editor failed to load: ${monacoError}` : 'Loading the editor…'}
                </div>
              )}
            </div>
            <div className="bottom-pane">
              <Tabs
                idPrefix="bottom"
                label="Results and custom inputs"
                value={bottomTab}
                onChange={setBottomTab}
                options={[
                  ['results', 'Results'],
                  ['custom', customText.trim() ? 'Custom input •' : 'Custom input'],
                  ...(counterexample.enabled
                    ? [['counterexample', 'Counterexample'] as ['counterexample', string]]
                    : []),
                ]}
              />
              <div className="tab-body" id="bottom-panel" role="tabpanel" aria-labelledby={`bottom-tab-${bottomTab}`}>
                {bottomTab === 'results' ? (
                  <ResultsPanel outcome={outcome} {...(workspace === practice ? { onReport: sendReport } : {})} />
                ) : bottomTab === 'counterexample' ? (
                  <CounterexamplePanel state={counterexample} />
                ) : problem ? (
                  <CustomInputs problem={problem} text={customText} onChange={setCustomText} expected={expected} />
                ) : null}
              </div>
            </div>
          </SplitPane>
        </section>
      </SplitPane>
    </main>
  );
}
