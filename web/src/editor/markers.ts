/**
 * The judge's markers in the editor (owner `judge`): a compile error where it is, or the first sample's runtime error
 * at the line its stack names in solution.ts. CodeEditor clears them as soon as the text changes.
 */
import type * as MonacoNs from 'monaco-editor';
import type { Outcome } from '../lib/outcome.ts';
import type { Monaco } from './monaco-setup.ts';

type Editor = Pick<MonacoNs.editor.IStandaloneCodeEditor, 'getModel' | 'revealLineInCenterIfOutsideViewport'>;
export type Marker = MonacoNs.editor.IMarkerData;

/** The markers an outcome calls for, on a model of `lineCount` lines (`lineEnd(n)`: the last column of line n). */
export function outcomeMarkers(
  o: Outcome,
  lineCount: number,
  lineEnd: (line: number) => number,
  severity: number,
): Marker[] {
  if (o.compileError) {
    const { line, column, message } = o.compileError;
    const end = line <= lineCount ? lineEnd(line) : column + 1;
    return [
      {
        severity,
        message: `Compilation error: ${message}`,
        startLineNumber: line,
        startColumn: column,
        endLineNumber: line,
        endColumn: Math.max(column + 1, end),
        source: 'judge',
      },
    ];
  }
  const failing = o.results.find((r) => r.error && r.group === 'sample');
  const at = failing?.error ? /solution\.ts:(\d+):(\d+)/.exec(failing.error.stack) : null;
  if (!failing?.error || !at) return [];
  const line = Number(at[1]);
  const column = Number(at[2]);
  if (line > lineCount) return [];
  return [
    {
      severity,
      message: `${failing.error.name}: ${failing.error.message} (${failing.name ?? 'test'})`,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn: lineEnd(line),
      source: 'judge',
    },
  ];
}

/** Shows the outcome's markers (none clears them) and brings the first into view. */
export function showOutcomeMarkers(monaco: Monaco, editor: Editor, o: Outcome | null): void {
  const model = editor.getModel();
  if (!model) return;
  const markers = o
    ? outcomeMarkers(o, model.getLineCount(), (n) => model.getLineMaxColumn(n), monaco.MarkerSeverity.Error)
    : [];
  monaco.editor.setModelMarkers(model, 'judge', markers);
  const first = markers[0];
  if (first) editor.revealLineInCenterIfOutsideViewport(first.startLineNumber);
}
