/**
 * Maps QuickJS stack traces of the compiled solution back to the user's TypeScript lines, and drops the judge's
 * own frames (prelude, driver), which mean nothing to the user.
 */
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { SOURCE_FILE } from '../compile/transpile.ts';
import { SOLUTION_LINE_OFFSET } from '../sandbox/prelude.ts';

const FRAME = /solution\.js:(\d+)(?::(\d+))?/g;

export function mapStack(stack: string, sourceMap: string): string {
  let map: TraceMap | null = null;
  const lines: string[] = [];
  for (const line of stack.split('\n')) {
    if (/judge-(prelude|driver)\.js/.test(line) || line.trim() === '') continue;
    lines.push(
      line.replace(FRAME, (whole, l: string, c: string | undefined) => {
        map ??= new TraceMap(sourceMap);
        const pos = originalPositionFor(map, {
          line: Number(l) - SOLUTION_LINE_OFFSET,
          column: c ? Math.max(0, Number(c) - 1) : 0,
        });
        if (pos.line == null) return whole;
        return c ? `${SOURCE_FILE}:${pos.line}:${(pos.column ?? 0) + 1}` : `${SOURCE_FILE}:${pos.line}`;
      }),
    );
  }
  // The judge calls the entry through Reflect.apply: a trailing `at apply (native)` is the judge's, not the user's.
  while (lines.length > 0 && /^\s*at apply \(native\)$/.test(lines[lines.length - 1]!)) lines.pop();
  return lines.join('\n');
}
