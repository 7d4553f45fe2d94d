/**
 * `npm run bench:counterexample`: the counterexample search (issue 15 §2) over every stored wrong_answer solution of
 * every problem: how often one is found, the search time (p50/p90), and the input size before and after shrinking.
 * Also runs it on every accepted solution, where it must find nothing (a counterexample there would be a false alarm).
 *
 *   npm run bench:counterexample                       # all problems, 2 workers
 *   npm run bench:counterexample -- sliding-window-mask bpe-tokenizer --verbose
 *   npm run bench:counterexample -- --json out.json    # also write every row
 */
import { readdirSync, existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCounterexample, type CounterexampleReport } from '../harness/src/feedback/counterexample.ts';
import { nodeEsbuild } from '../harness/src/node/esbuild.ts';
import { WorkerPool } from '../harness/src/node/pool.ts';
import { solutionFiles } from '../harness/src/problem/build.ts';
import { loadProblem } from '../harness/src/problem/load.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const jsonAt = argv.indexOf('--json');
const jsonOut = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
const skipAccepted = argv.includes('--no-accepted');
const only = argv.filter((a, i) => !a.startsWith('--') && !(jsonAt >= 0 && i === jsonAt + 1));
const problemsDir = path.join(root, 'problems');
const slugs = readdirSync(problemsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(problemsDir, d.name, 'problem.json')))
  .map((d) => d.name)
  .filter((s) => only.length === 0 || only.includes(s))
  .sort();

const esbuild = await nodeEsbuild();
const pool = new WorkerPool({ size: 2 });
await pool.ready();

interface Row {
  problem: string;
  file: string;
  folder: string;
  report: CounterexampleReport;
}
const rows: Row[] = [];

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

for (const slug of slugs) {
  const problem = await loadProblem(path.join(problemsDir, slug), esbuild);
  const referenceSource = await readFile(path.join(problem.dir, 'solutions', 'accepted', 'reference.ts'), 'utf8');
  const folders = skipAccepted ? ['wrong_answer'] : ['wrong_answer', 'accepted'];
  for (const folder of folders) {
    for (const file of solutionFiles(problem, folder)) {
      if (folder === 'accepted' && path.basename(file) === 'reference.ts') continue;
      const report = await findCounterexample({
        problem,
        referenceSource,
        esbuild,
        executor: pool,
        source: await readFile(file, 'utf8'),
      });
      rows.push({ problem: slug, file: path.basename(file), folder, report });
      if (verbose || (folder === 'accepted' && report.status === 'found')) {
        const c = report.status === 'found' ? report.counterexample : null;
        process.stdout.write(
          `${slug}/${folder}/${path.basename(file)}: ${report.status} in ${report.ms.toFixed(0)} ms, tried ${report.tried}, shrink runs ${report.shrinkRuns}` +
            (c
              ? `, ${c.origin} ${c.result.verdict}, size ${c.sizeBefore.chars} → ${c.sizeAfter.chars} chars, magnitude ${c.sizeBefore.magnitude} → ${c.sizeAfter.magnitude} (${c.shrinkSteps} steps): ${JSON.stringify(c.result.input)}${c.result.message ? ` — ${c.result.message.split('\n')[0]}` : ''}`
              : '') +
            (report.stoppedBy ? ` [stopped by ${report.stoppedBy}]` : '') +
            '\n',
        );
      }
    }
  }
}
await pool.close();

const wa = rows.filter((r) => r.folder === 'wrong_answer');
const found = wa.filter((r) => r.report.status === 'found');
const ms = wa.map((r) => r.report.ms);
const foundMs = found.map((r) => r.report.ms);
const sizes = found.flatMap((r) => (r.report.status === 'found' ? [r.report.counterexample] : []));
const before = sizes.map((c) => c.sizeBefore.chars);
const after = sizes.map((c) => c.sizeAfter.chars);
const shrunk = sizes.filter(
  (c) => c.sizeAfter.chars < c.sizeBefore.chars || c.sizeAfter.magnitude < c.sizeBefore.magnitude,
);
const fromSamples = found.filter((r) => r.report.status === 'found' && r.report.counterexample.origin === 'sample');
const accepted = rows.filter((r) => r.folder === 'accepted');
const falseAlarms = accepted.filter((r) => r.report.status === 'found');

console.log(`\ncounterexample search over ${slugs.length} problems, ${wa.length} wrong_answer solutions`);
console.log(
  `  found: ${found.length}/${wa.length} (${((100 * found.length) / Math.max(1, wa.length)).toFixed(0)}%), first seen on a sample ${fromSamples.length}, on a generated input ${found.length - fromSamples.length}`,
);
console.log(
  `  time, all WA: p50 ${pct(ms, 50).toFixed(0)} ms, p90 ${pct(ms, 90).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`,
);
console.log(`  time, found: p50 ${pct(foundMs, 50).toFixed(0)} ms, p90 ${pct(foundMs, 90).toFixed(0)} ms`);
console.log(
  `  input size (JSON chars) before → after shrinking: median ${pct(before, 50)} → ${pct(after, 50)}, p90 ${pct(before, 90)} → ${pct(after, 90)}, total ${before.reduce((a, b) => a + b, 0)} → ${after.reduce((a, b) => a + b, 0)}; made smaller: ${shrunk.length}/${sizes.length}`,
);
const missed = wa.filter((r) => r.report.status !== 'found');
if (missed.length > 0) console.log(`  not found: ${missed.map((r) => `${r.problem}/${r.file}`).join(', ')}`);
if (!skipAccepted)
  console.log(
    `  accepted solutions (must find nothing): ${accepted.length} run, ${falseAlarms.length} false counterexamples${falseAlarms.length ? `: ${falseAlarms.map((r) => `${r.problem}/${r.file}`).join(', ')}` : ''}`,
  );
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
