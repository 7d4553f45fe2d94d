/**
 * The hidden-test leak scanner: looks for any hidden test's input, expected output or id in a transcript of API
 * responses. Only distinctive fragments are searched (≥ 40 characters of JSON): tiny values like [1,2] occur in
 * samples too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface LeakScan {
  /** What leaked ("hidden input of top-k-top-p-sampling gen-3"); empty when nothing did. */
  leaks: string[];
  /** How many distinctive fragments were searched for (a scan that checks nothing proves nothing). */
  checked: number;
}

export function scanForHiddenTests(transcript: string, problemsDir: string, slugs: string[]): LeakScan {
  const leaks: string[] = [];
  let checked = 0;
  for (const slug of slugs) {
    const suite = JSON.parse(readFileSync(path.join(problemsDir, slug, 'tests', 'suite.json'), 'utf8')) as {
      tests: Array<{ id: string; group: string; input: { args?: unknown; spec?: unknown }; expected?: unknown }>;
    };
    for (const t of suite.tests.filter((x) => x.group === 'hidden')) {
      const input = JSON.stringify(t.input.args ?? t.input.spec);
      if (input.length >= 40) {
        if (transcript.includes(input) || transcript.includes(input.slice(1, -1)))
          leaks.push(`hidden input of ${slug} ${t.id}`);
        checked++;
      }
      const expected = JSON.stringify(t.expected);
      if (expected && expected.length >= 40) {
        if (transcript.includes(expected)) leaks.push(`hidden expected output of ${slug} ${t.id}`);
        checked++;
      }
      if (transcript.includes(`"${t.id}"`)) leaks.push(`hidden test id ${slug} ${t.id}`);
    }
  }
  return { leaks, checked };
}
