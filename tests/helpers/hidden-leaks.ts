/**
 * What of a problem's hidden tests must never appear in an API response: distinctive fragments of each hidden
 * test's input and expected output (tiny values like [1,2] occur in samples too, so only long ones), and its id.
 * Search a transcript of responses for every fragment; there must be none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './server-process.ts';

export function hiddenFragments(slug: string): string[] {
  const suite = JSON.parse(readFileSync(path.join(ROOT, 'problems', slug, 'tests', 'suite.json'), 'utf8')) as {
    tests: Array<{ id: string; group: string; input: { args?: unknown; spec?: unknown }; expected?: unknown }>;
  };
  const out: string[] = [];
  for (const t of suite.tests.filter((x) => x.group === 'hidden')) {
    const input = JSON.stringify(t.input.args ?? t.input.spec);
    if (input.length >= 40) out.push(input, input.slice(1, -1));
    const expected = JSON.stringify(t.expected);
    if (expected && expected.length >= 40) out.push(expected);
    out.push(`"${t.id}"`);
  }
  return out;
}
