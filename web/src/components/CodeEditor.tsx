/**
 * The code editor: Monaco in TypeScript mode with the problem's declarations, so completions and type errors work
 * offline. Ctrl/Cmd+Enter runs, Ctrl/Cmd+Shift+Enter submits. The parent holds the editor through `onReady`.
 */
import { useEffect, useRef } from 'react';
import type * as MonacoNs from 'monaco-editor';
import type { Monaco } from '../editor/monaco-setup.ts';

export type EditorInstance = MonacoNs.editor.IStandaloneCodeEditor;

export interface CodeEditorProps {
  monaco: Monaco;
  slug: string;
  initialValue: string;
  typings: string;
  theme: 'light' | 'dark';
  /** No edits (a screen whose time is up). */
  readOnly?: boolean;
  onChange: (value: string) => void;
  /** The text the user pasted (a screen's timeline records its size). */
  onPaste?: (text: string) => void;
  onRun: () => void;
  onSubmit: () => void;
  onReady: (editor: EditorInstance | null) => void;
}

export function monacoTheme(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<EditorInstance | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const { monaco, slug, typings } = props;

  useEffect(() => {
    const lib = monaco.typescript.typescriptDefaults.addExtraLib(typings, `file:///problem-${slug}.d.ts`);
    return () => lib.dispose();
  }, [monaco, slug, typings]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const model = monaco.editor.createModel(
      latest.current.initialValue,
      'typescript',
      monaco.Uri.parse(`file:///${slug}/solution.ts`),
    );
    const editor = monaco.editor.create(el, {
      model,
      theme: monacoTheme(latest.current.theme),
      readOnly: latest.current.readOnly ?? false,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      lineHeight: 21,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      ariaLabel: 'Solution code editor (TypeScript)',
      padding: { top: 8 },
      renderLineHighlight: 'line',
      // Solutions are short; the sticky header lagged behind pasted code and covered the first line.
      stickyScroll: { enabled: false },
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () =>
      latest.current.onSubmit(),
    );
    const pasted = editor.onDidPaste((e) => latest.current.onPaste?.(model.getValueInRange(e.range)));
    const sub = model.onDidChangeContent(() => {
      // The judge's own markers (a compile error) describe the text that was run: clear them once it changes.
      monaco.editor.setModelMarkers(model, 'judge', []);
      latest.current.onChange(model.getValue());
    });
    editorRef.current = editor;
    latest.current.onReady(editor);
    return () => {
      editorRef.current = null;
      latest.current.onReady(null);
      sub.dispose();
      pasted.dispose();
      editor.dispose();
      model.dispose();
    };
  }, [monaco, slug]);

  useEffect(() => {
    monaco.editor.setTheme(monacoTheme(props.theme));
  }, [monaco, props.theme]);

  useEffect(() => {
    editorRef.current?.updateOptions({
      readOnly: props.readOnly ?? false,
      readOnlyMessage: { value: 'Time is up: the editor is read-only.' },
    });
  }, [monaco, props.readOnly]);

  return <div className="editor-host" ref={host} data-testid="editor" />;
}
