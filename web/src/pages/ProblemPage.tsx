/**
 * A problem: statement and history on the left; the editor, Run/Submit and the results on the right. Drafts are
 * saved locally at once and to the server shortly after; on return the newer of the two is restored. The same page
 * serves practice and a candidate's screen: the workspace says where work is loaded from and saved to.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, practice, type ProblemDetail, type Workspace } from '../lib/api.ts';
import { localDrafts } from '../lib/storage.ts';
import { applyEvent, failOutcome, newOutcome, STOPPED, type Outcome } from '../lib/outcome.ts';
import { linkClick } from '../lib/router.ts';
import { useTheme } from '../lib/theme.ts';
import { formatBytes } from '../lib/format.ts';
import { parseCustomInputs } from '../engine/parse-custom.ts';
import type { Monaco } from '../editor/monaco-setup.ts';
import { CodeEditor, type EditorInstance } from '../components/CodeEditor.tsx';
import { CustomInputs } from '../components/CustomInputs.tsx';
import { History } from '../components/History.tsx';
import { ResultsPanel } from '../components/ResultsPanel.tsx';
import { SplitPane } from '../components/SplitPane.tsx';
import { Statement } from '../components/Statement.tsx';

type SaveState = 'idle' | 'pending' | 'saved' | 'local-only';
const SAVE_DELAY_MS = 1200;

let monacoPromise: Promise<Monaco> | null = null;
export function loadMonaco(): Promise<Monaco> {
  monacoPromise ??= import('../editor/monaco-setup.ts').then((m) => m.monaco);
  monacoPromise.catch(() => (monacoPromise = null));
  return monacoPromise;
}
const loadEngine = () => import('../engine/run.ts');

function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

function customKey(scope: string, slug: string): string {
  return `judge:${scope}custom:${slug}`;
}

/** What the user does in the editor, for a screen's timeline. */
export type EditorActivity =
  | { kind: 'edit'; code: string }
  | { kind: 'paste'; chars: number; lines: number }
  | { kind: 'run'; verdict: string | null; passed: number; total: number; error?: string };

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

function Tabs<T extends string>({ value, options, onChange, label, idPrefix }: { value: T; options: Array<[T, string]>; onChange: (v: T) => void; label: string; idPrefix: string }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {options.map(([v, text]) => (
        <button
          key={v}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${v}`}
          aria-selected={value === v}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={value === v ? 0 : -1}
          className={`tab ${value === v ? 'active' : ''}`}
          onClick={() => onChange(v)}
          onKeyDown={(e) => {
            const i = options.findIndex(([o]) => o === value);
            const next = e.key === 'ArrowRight' ? options[(i + 1) % options.length] : e.key === 'ArrowLeft' ? options[(i - 1 + options.length) % options.length] : null;
            if (next) {
              e.preventDefault();
              onChange(next[0]);
              document.getElementById(`${idPrefix}-tab-${next[0]}`)?.focus();
            }
          }}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

export function ProblemPage({ slug, workspace = practice, readOnly = false, backHref = '/', onActivity }: ProblemPageProps) {
  const [theme] = useTheme();
  const scope = workspace.storageScope;
  const activity = useRef(onActivity);
  activity.current = onActivity;
  const [problem, setProblem] = useState<ProblemDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [initialCode, setInitialCode] = useState<string | null>(null);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [monacoError, setMonacoError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [leftTab, setLeftTab] = useState<'statement' | 'history'>('statement');
  const [bottomTab, setBottomTab] = useState<'results' | 'custom'>('results');
  const [customText, setCustomText] = useState(() => {
    try {
      return localStorage.getItem(customKey(scope, slug)) ?? '';
    } catch {
      return '';
    }
  });
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [historyKey, setHistoryKey] = useState(0);
  const editorRef = useRef<EditorInstance | null>(null);
  const codeRef = useRef('');
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const busyRef = useRef(false);
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;
  const [busy, setBusy] = useState<null | 'run' | 'submit'>(null);
  const stopFollow = useRef<(() => void) | null>(null);
  const generation = useRef(0);

  // Load the problem and the drafts; pick the newer draft.
  useEffect(() => {
    let live = true;
    setProblem(null);
    setInitialCode(null);
    setOutcome(null);
    setLoadError(null);
    Promise.all([workspace.problem(slug), workspace.draft(slug).catch(() => null)]).then(
      ([p, server]) => {
        if (!live) return;
        const local = localDrafts.get(scope, slug);
        let code = p.starter;
        if (local && (!server || local.updatedAt >= server.updatedAt)) code = local.code;
        else if (server) {
          code = server.code;
          localDrafts.set(scope, slug, server.code, server.updatedAt);
        }
        codeRef.current = code;
        setProblem(p);
        setInitialCode(code);
        document.title = `${p.title} · ML-infra judge`;
        // Unsaved local work (offline last time): send it to the server now.
        if (!readOnlyRef.current && local && code === local.code && (!server || server.code !== local.code) && local.code !== p.starter) {
          workspace.saveDraft(slug, local.code).then(() => setSaveState('saved'), () => setSaveState('local-only'));
        }
      },
      (e: unknown) => live && setLoadError(e instanceof ApiError && e.code === 'UNKNOWN_PROBLEM' ? `There is no problem named “${slug}”.` : errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [slug, workspace, scope]);

  useEffect(() => {
    loadMonaco().then(setMonaco, (e: unknown) => setMonacoError(errorText(e)));
  }, []);

  // Start the sandbox worker and warm esbuild once the page is idle, so the first Run is fast.
  useEffect(() => {
    if (!problem) return;
    const start = (): void =>
      void loadEngine()
        .then((m) => m.prepareEngine())
        .then(() => {
          performance.mark('judge:engine-ready');
          (window as unknown as { judgeEngineReady?: boolean }).judgeEngineReady = true;
        })
        .catch((e: unknown) => console.warn('[judge] engine warm-up failed', e));
    const ric = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    if (ric) ric(start, { timeout: 1500 });
    else setTimeout(start, 300);
  }, [problem]);

  const flushSave = useCallback(() => {
    if (!saveTimer.current) return;
    clearTimeout(saveTimer.current);
    saveTimer.current = null;
    const code = codeRef.current;
    workspace.saveDraft(slug, code).then(
      () => setSaveState((s) => (s === 'pending' ? 'pending' : 'saved')),
      () => setSaveState('local-only'),
    );
  }, [slug, workspace]);

  useEffect(
    () => () => {
      flushSave();
      stopFollow.current?.();
      generation.current++;
    },
    [flushSave],
  );

  // Time is up: whatever is still waiting to be saved goes now (the server's grace period covers it).
  useEffect(() => {
    if (readOnly) flushSave();
  }, [readOnly, flushSave]);

  const onPaste = useCallback((text: string) => {
    activity.current?.({ kind: 'paste', chars: text.length, lines: text.split('\n').length });
  }, []);

  useEffect(() => {
    const onHide = (): void => flushSave();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [flushSave]);

  const onChange = useCallback(
    (code: string) => {
      codeRef.current = code;
      activity.current?.({ kind: 'edit', code });
      if (readOnlyRef.current) return;
      localDrafts.set(scope, slug, code);
      setSaveState('pending');
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        saveTimer.current = null;
        workspace.saveDraft(slug, code).then(
          () => setSaveState((s) => (codeRef.current === code ? 'saved' : s)),
          () => setSaveState('local-only'),
        );
      }, SAVE_DELAY_MS);
    },
    [slug, scope, workspace],
  );

  useEffect(() => {
    try {
      if (customText) localStorage.setItem(customKey(scope, slug), customText);
      else localStorage.removeItem(customKey(scope, slug));
    } catch {
      // ignore
    }
  }, [scope, slug, customText]);

  /** Shows the outcome's compile error (or the first runtime error) as a marker in the editor. */
  const markErrors = useCallback(
    (o: Outcome) => {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!monaco || !editor || !model) return;
      const markers: Parameters<Monaco['editor']['setModelMarkers']>[2] = [];
      if (o.compileError) {
        const { line, column, message } = o.compileError;
        const lineLen = line <= model.getLineCount() ? model.getLineMaxColumn(line) : column + 1;
        markers.push({ severity: monaco.MarkerSeverity.Error, message: `Compilation error: ${message}`, startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: Math.max(column + 1, lineLen), source: 'judge' });
      } else {
        const failing = o.results.find((r) => r.error && r.group === 'sample');
        const m = failing?.error ? /solution\.ts:(\d+):(\d+)/.exec(failing.error.stack) : null;
        if (failing?.error && m) {
          const line = Number(m[1]);
          const column = Number(m[2]);
          if (line <= model.getLineCount()) {
            markers.push({ severity: monaco.MarkerSeverity.Error, message: `${failing.error.name}: ${failing.error.message} (${failing.name ?? 'test'})`, startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: model.getLineMaxColumn(line), source: 'judge' });
          }
        }
      }
      monaco.editor.setModelMarkers(model, 'judge', markers);
      const first = markers[0];
      if (first) editor.revealLineInCenterIfOutsideViewport(first.startLineNumber);
    },
    [monaco],
  );

  const currentCode = useCallback(() => editorRef.current?.getValue() ?? codeRef.current, []);

  const run = useCallback(async () => {
    if (!problem || busyRef.current || readOnlyRef.current) return;
    const parsed = parseCustomInputs(customText, problem.entries.map((e) => e.name));
    const gen = ++generation.current;
    let o = newOutcome('run', problem.samples.length);
    setBottomTab('results');
    if (!parsed.ok) {
      setOutcome(failOutcome(o, `your custom inputs are not valid: ${parsed.message}`));
      return;
    }
    busyRef.current = true;
    setBusy('run');
    setOutcome(o);
    const model = editorRef.current?.getModel();
    if (monaco && model) monaco.editor.setModelMarkers(model, 'judge', []);
    performance.mark('judge:run-start');
    try {
      const engine = await loadEngine();
      for await (const e of engine.runInBrowser({ source: currentCode(), problem, customInputs: parsed.inputs })) {
        if (gen !== generation.current) return;
        o = applyEvent(o, e);
        setOutcome(o);
      }
      performance.mark('judge:run-end');
      performance.measure('judge:run', 'judge:run-start', 'judge:run-end');
      markErrors(o);
      activity.current?.({ kind: 'run', verdict: o.summary?.verdict ?? null, passed: o.summary?.passed ?? 0, total: o.summary?.total ?? 0 });
    } catch (e) {
      if (gen === generation.current) {
        setOutcome(failOutcome(o, errorText(e)));
        activity.current?.({ kind: 'run', verdict: null, passed: 0, total: 0, error: errorText(e) });
      }
    } finally {
      // A stopped run was already released by stop(); another run may be going on now.
      if (gen === generation.current) {
        busyRef.current = false;
        setBusy(null);
      }
    }
  }, [problem, customText, monaco, currentCode, markErrors]);

  const stop = useCallback(() => {
    if (busy !== 'run') return;
    generation.current++;
    void loadEngine().then((m) => m.stopRun());
    setOutcome((o) => (o ? failOutcome(o, STOPPED) : o));
    busyRef.current = false;
    setBusy(null);
  }, [busy]);

  const submit = useCallback(async () => {
    if (!problem || busyRef.current || readOnlyRef.current) return;
    const gen = ++generation.current;
    busyRef.current = true;
    setBusy('submit');
    setBottomTab('results');
    let o = newOutcome('submit', problem.samples.length);
    setOutcome(o);
    const model = editorRef.current?.getModel();
    if (monaco && model) monaco.editor.setModelMarkers(model, 'judge', []);
    flushSave();
    const finish = (): void => {
      busyRef.current = false;
      setBusy(null);
    };
    try {
      const { id } = await workspace.submit(problem.slug, currentCode());
      if (gen !== generation.current) return finish();
      o = { ...o, submissionId: id, phase: 'queued' };
      setOutcome(o);
      setHistoryKey((k) => k + 1);
      stopFollow.current?.();
      stopFollow.current = workspace.follow(
        id,
        (e) => {
          if (gen !== generation.current) return;
          o = applyEvent(o, e);
          setOutcome(o);
          if (e.type === 'done') {
            finish();
            markErrors(o);
            setHistoryKey((k) => k + 1);
          }
        },
        (err) => {
          if (gen !== generation.current) return;
          o = failOutcome(o, err.message);
          setOutcome(o);
          finish();
        },
      );
    } catch (e) {
      if (gen === generation.current) setOutcome(failOutcome(o, e instanceof ApiError && e.code === 'RATE_LIMITED' ? `you are submitting too often: ${e.message}` : errorText(e)));
      finish();
    }
  }, [problem, monaco, currentCode, flushSave, markErrors, workspace]);

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

  const setCode = useCallback(
    (code: string) => {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) return;
      editor.pushUndoStop();
      editor.executeEdits('judge', [{ range: model.getFullModelRange(), text: code }]);
      editor.pushUndoStop();
      editor.focus();
    },
    [],
  );

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

  const saveLabel = saveState === 'pending' ? 'Saving…' : saveState === 'saved' ? 'Saved' : saveState === 'local-only' ? 'Saved in this browser (server unreachable)' : '';

  return (
    <main className="problem-page" id="main">
      <SplitPane id="problem" direction="horizontal" initial={0.4} min={300} label="Resize the statement and the editor">
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
                  <span className="muted small" title="memory limit · wall-clock guard per test">
                    {formatBytes(problem.limits.memoryMb * 1024 * 1024)} · {problem.limits.wallMs / 1000} s guard
                  </span>
                </div>
                <Statement markdown={problem.statement} />
              </>
            ) : (
              <History slug={slug} workspace={workspace} readOnly={readOnly} monaco={monaco} theme={theme} refreshKey={historyKey} currentCode={currentCode} onLoadCode={setCode} />
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
              <button type="button" className="btn" onClick={() => void run()} disabled={!problem || !monaco || busy !== null || readOnly} aria-keyshortcuts="Control+Enter Meta+Enter" title="Run the examples in your browser (Ctrl/⌘+Enter)">
                Run
              </button>
            )}
            <button type="button" className="btn primary" onClick={() => void submit()} disabled={!problem || !monaco || busy !== null || readOnly} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter" title="Grade on all tests (Ctrl/⌘+Shift+Enter)">
              {busy === 'submit' ? 'Submitting…' : 'Submit'}
            </button>
          </div>
          <SplitPane id="editor" direction="vertical" initial={0.58} min={120} label="Resize the editor and the results">
            <div className="editor-wrap">
              {monaco && problem && initialCode !== null ? (
                <CodeEditor monaco={monaco} slug={slug} initialValue={initialCode} typings={problem.typings} theme={theme} readOnly={readOnly} onChange={onChange} onPaste={onPaste} onRun={() => void run()} onSubmit={() => void submit()} onReady={onReady} />
              ) : (
                <div className="editor-loading muted">{monacoError ? `The editor failed to load: ${monacoError}` : 'Loading the editor…'}</div>
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
                ]}
              />
              <div className="tab-body" id="bottom-panel" role="tabpanel" aria-labelledby={`bottom-tab-${bottomTab}`}>
                {bottomTab === 'results' ? <ResultsPanel outcome={outcome} /> : problem ? <CustomInputs problem={problem} text={customText} onChange={setCustomText} /> : null}
              </div>
            </div>
          </SplitPane>
        </section>
      </SplitPane>
    </main>
  );
}
