/**
 * One Monaco editor over a whole problem package: a model per file (so each keeps its own undo history), shown one
 * at a time. Models sit where the files sit in the repository (`file:///problems/<slug>/generator.ts`), next to the
 * authoring types (`file:///harness/src/problem/authoring.ts`), so the scaffold's `import type ... from
 * '../../harness/src/problem/authoring.ts'` resolves and the author gets completions and type errors.
 */
import { useEffect, useRef } from 'react';
import type * as MonacoNs from 'monaco-editor';
import authoringTypes from '../../../harness/src/problem/authoring.ts?raw';
import rngSource from '../../../harness/src/rng.ts?raw';
import type { Monaco } from '../editor/monaco-setup.ts';
import { monacoTheme } from './CodeEditor.tsx';

export interface PackageEditorProps {
  monaco: Monaco;
  slug: string;
  files: Record<string, string>;
  /** The file shown. */
  path: string;
  theme: 'light' | 'dark';
  readOnly?: boolean;
  onChange: (path: string, text: string) => void;
}

const languageOf = (path: string): string => (path.endsWith('.ts') ? 'typescript' : 'plaintext');

export function PackageEditor(props: PackageEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MonacoNs.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const { monaco, slug, files, path, theme, readOnly = false } = props;

  useEffect(() => {
    const defaults = monaco.typescript.typescriptDefaults;
    const libs = [
      defaults.addExtraLib(authoringTypes, 'file:///harness/src/problem/authoring.ts'),
      defaults.addExtraLib(rngSource, 'file:///harness/src/rng.ts'),
    ];
    return () => libs.forEach((l) => l.dispose());
  }, [monaco]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const editor = monaco.editor.create(el, {
      model: null,
      theme: monacoTheme(latest.current.theme),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      lineHeight: 21,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      ariaLabel: 'Problem file editor',
      padding: { top: 8 },
      stickyScroll: { enabled: false },
    });
    editorRef.current = editor;
    (window as unknown as { judgeAuthorEditor?: typeof editor }).judgeAuthorEditor = editor;
    const sub = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model) return;
      const rel = model.uri.path.slice(`/problems/${latest.current.slug}/`.length);
      latest.current.onChange(rel, model.getValue());
    });
    return () => {
      sub.dispose();
      editor.dispose();
      editorRef.current = null;
      for (const m of monaco.editor.getModels())
        if (m.uri.path.startsWith(`/problems/${latest.current.slug}/`)) m.dispose();
    };
  }, [monaco, slug]);

  // The files are the truth: models follow them (an import, a rename, a reset), and go when their file goes.
  useEffect(() => {
    const prefix = `/problems/${slug}/`;
    for (const m of monaco.editor.getModels()) {
      if (!m.uri.path.startsWith(prefix)) continue;
      const rel = m.uri.path.slice(prefix.length);
      const text = files[rel];
      if (text === undefined) m.dispose();
      else if (m.getValue() !== text) m.setValue(text);
    }
  }, [monaco, slug, files]);

  const shown = files[path] !== undefined;
  useEffect(() => {
    const editor = editorRef.current;
    const text = latest.current.files[path];
    if (!editor || text === undefined) return;
    const uri = monaco.Uri.parse(`file:///problems/${slug}/${path}`);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, languageOf(path), uri);
    if (editor.getModel() !== model) editor.setModel(model);
  }, [monaco, slug, path, shown]);

  useEffect(() => {
    monaco.editor.setTheme(monacoTheme(theme));
  }, [monaco, theme]);
  useEffect(() => {
    editorRef.current?.updateOptions({
      readOnly,
      readOnlyMessage: { value: 'tests/suite.json is built on the server by Check.' },
    });
  }, [readOnly]);

  return <div className="editor-host" ref={host} data-testid="package-editor" data-path={path} />;
}
