/**
 * Monaco, loaded on demand (the problem list does not pay for it): TypeScript only, workers bundled locally, and a
 * TypeScript service configured like the sandbox — ES2023 with no DOM, so `setTimeout` or `document` are flagged.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import * as monaco from './monaco-lite.ts';

(self as unknown as { MonacoEnvironment: { getWorker(id: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker(_id, label) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

const ts = monaco.typescript;
ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  lib: ['es2023'],
  strict: true,
  noImplicitAny: false,
  allowNonTsExtensions: true,
  noEmit: true,
  isolatedModules: true,
  // Problem packages import the authoring types as `../../harness/src/problem/authoring.ts` (PackageEditor.tsx).
  allowImportingTsExtensions: true,
});
ts.typescriptDefaults.setEagerModelSync(true);

/** What the sandbox offers beyond the language: a console whose output is captured. */
ts.typescriptDefaults.addExtraLib(
  'interface Console { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void }\ndeclare var console: Console;\n',
  'file:///judge-sandbox.d.ts',
);

export type Monaco = typeof monaco;
export { monaco };

// For end-to-end tests and debugging: the editor API (markers, models) from the page.
(window as unknown as { judgeMonaco?: typeof monaco }).judgeMonaco = monaco;

// Monaco's diff editor sometimes asks its worker for a diff before the worker has the two models (a race inside
// Monaco on the worker's first use); it rejects once with this message and then computes the diff normally.
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof Error && e.reason.message === 'no diff result available') e.preventDefault();
});
