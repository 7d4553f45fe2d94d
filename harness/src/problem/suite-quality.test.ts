/**
 * judge check's suite-quality checks on a tiny problem written to disk (tests/helpers/prefix-max-problem.ts): null
 * baselines, stated limits, samples against the reference, and the mutation score, through the real worker pool.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PREFIX_MAX_REFERENCE,
  writePrefixMaxProblem,
  type PrefixMaxOptions,
} from '../../../tests/helpers/prefix-max-problem.ts';
import type { EsbuildApi } from '../compile/transpile.ts';
import { nodeEsbuild } from '../node/esbuild.ts';
import { WorkerPool } from '../node/pool.ts';
import type { Executor } from '../sandbox/executor.ts';
import { runNullBaselines } from './baselines.ts';
import { buildProblem } from './build.ts';
import { loadProblem } from './load.ts';
import { mutationAnalysis } from './mutation.ts';
import { checkProblem } from './verify-package.ts';

let pool: WorkerPool;
let esbuild: EsbuildApi;
beforeAll(async () => {
  pool = new WorkerPool({ size: 2 });
  esbuild = await nodeEsbuild();
  await pool.ready();
});
afterAll(() => pool.close());

async function built(opts: PrefixMaxOptions) {
  const dir = writePrefixMaxProblem(opts);
  await buildProblem(await loadProblem(dir, esbuild), esbuild, pool, 'quickjs');
  return loadProblem(dir, esbuild);
}

describe('null baselines', () => {
  it('a weak suite lets "return the input" pass, and judge check reports it as an error', async () => {
    const problem = await built({ weak: true });
    const report = await checkProblem(problem, esbuild, pool, 'quickjs');
    const first = report.baselines!.find((b) => b.kind === 'returns-first-input')!;
    expect(first).toMatchObject({ entry: 'prefixMax', status: 'passed' });
    expect(report.errors).toEqual([
      'prefix-max: the null baseline "prefixMax returns its first input unchanged (returns-first-input)" passes: every test accepts it',
    ]);
    // Every input is a constant array: reversing the answer changes nothing, which is a warning, not an error.
    expect(report.baselines!.find((b) => b.kind === 'reverses-order')).toMatchObject({
      status: 'not-applicable',
      warn: true,
    });
    expect(report.warnings.join('\n')).toContain('reverses-order');
  });

  it('a good suite catches every baseline that can apply, each at its first failing test', async () => {
    const problem = await built({});
    const baselines = await runNullBaselines(problem, esbuild, pool);
    expect(baselines.map((b) => [b.kind, b.status])).toEqual([
      ['returns-undefined', 'caught'],
      ['returns-zeros', 'caught'],
      ['returns-empty-array', 'caught'],
      ['returns-first-input', 'caught'],
      ['returns-constant', 'caught'],
      ['throws', 'caught'],
      ['changes-one-value', 'caught'],
      ['drops-last-element', 'caught'],
      ['reverses-order', 'caught'],
      // One call per test, and the module is restored between tests: there is no earlier call to return.
      ['returns-previous-result', 'not-applicable'],
    ]);
    expect(baselines.find((b) => b.kind === 'throws')!.caughtBy).toEqual({
      id: 'sample-1',
      name: 'increasing',
      verdict: 'RE',
    });
    // "Return the first test's answer" passes that test and fails the next one.
    expect(baselines.find((b) => b.kind === 'returns-constant')!.caughtBy!.id).toBe('edge-1');
    const report = await checkProblem(problem, esbuild, pool, 'quickjs');
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.lines.join('\n')).toMatch(/null baselines: 9 of 9 caught/);
  });
});

describe('statement and samples against the tests', () => {
  it('a stated limit far above the largest test is an error; one the tests reach is not', async () => {
    const report = await checkProblem(await built({ statedLimit: '10^5' }), esbuild, pool, 'quickjs');
    expect(report.errors).toEqual([
      'prefix-max/statement.md:7: states `values.length ≤ 10^5` but the largest test has values.length = 8000 (test gen-5): add a test near the limit, or state the limit the tests use',
    ]);
    expect(report.limits!.map((u) => [u.bound.name, u.max, u.bound.bound])).toEqual([['values.length', 8000, 1e5]]);
  });

  it('a sample whose expected output disagrees with the reference is an error', async () => {
    // Built while right; then the sample's expected output is edited.
    const { dir } = await built({});
    writeFileSync(
      path.join(dir, 'tests', 'samples.json'),
      JSON.stringify([{ name: 'increasing', input: { fn: 'prefixMax', args: [[1, 2, 3]] }, expected: [1, 2, 2] }]),
    );
    const report = await checkProblem(await loadProblem(dir, esbuild), esbuild, pool, 'quickjs');
    expect(report.errors.join('\n')).toMatch(
      /prefix-max\/tests\/samples\.json\[0\] \("increasing"\): the reference disagrees with the given expected output/,
    );
  });
});

describe('mutation score', () => {
  it('a good suite kills every mutant that is not likely equivalent', async () => {
    const m = await mutationAnalysis(await built({}), esbuild, pool);
    expect(m.graded).toBe(m.found);
    expect(m.stillborn).toBe(0);
    expect(m.score).toBe(1);
    // `>` → `>=` gives the same maximum: it survives, and fresh generator inputs do not tell it apart.
    expect(m.survived.map((s) => [s.description, s.likelyEquivalent])).toEqual([['`>` → `>=`', true]]);
  });

  it('a weak suite lets a mutant survive; a fresh generator input shows it, and its diff is reported', async () => {
    const problem = await built({ weak: true });
    const m = await mutationAnalysis(problem, esbuild, pool);
    const real = m.survived.filter((s) => !s.likelyEquivalent);
    expect(real.length).toBeGreaterThan(0);
    const next = real.find((s) => s.diff.includes('+    if (values[i]! > best) best = values[i + 1]!;'))!;
    expect(next.differsOn).toMatchObject({ case: 'random n=6', verdict: 'WA' });
    expect(next.diff.split('\n')).toEqual([
      '--- prefix-max/solutions/accepted/reference.ts',
      '+++ prefix-max/solutions/accepted/reference.ts (mutant)',
      '@@ -4,3 +4,3 @@',
      '   for (let i = 0; i < values.length; i++) {',
      '-    if (values[i]! > best) best = values[i]!;',
      '+    if (values[i]! > best) best = values[i + 1]!;',
      '     out.push(best);',
    ]);
    expect(m.score).toBeLessThan(1);
    const report = await checkProblem(problem, esbuild, pool, 'quickjs', { mutants: true, maxMutants: 5 });
    expect(report.mutation!.graded).toBe(5);
    expect(report.lines.join('\n')).toMatch(
      /mutants: score .*: \d+ killed, \d+ survived, \d+ likely equivalent \(5 graded of 13 found/,
    );
  });
});

describe('separation: a TLE solution needs more than 3x the budget', () => {
  /** A solution marked with `tag` (jobs are counted by it): quadratic, or the reference plus a loop on six values. */
  const solution = (tag: string, kind: 'quadratic' | { loopOnSix: number }): string =>
    kind === 'quadratic'
      ? `export const TAG = '${tag}';
export function prefixMax(values: number[]): number[] {
  return values.map((_, i) => { let m = -Infinity; for (let j = 0; j <= i; j++) if (values[j]! > m) m = values[j]!; return m; });
}
`
      : `export const TAG = '${tag}';\n${PREFIX_MAX_REFERENCE.replace(
          'const out',
          `if (values.length === 6) { let s = 0; for (let i = 0; i < ${kind.loopOnSix}; i++) s += i & 7; if (s < 0) return []; }\n  const out`,
        )}`;

  it('is read off the scale tests measured past 3x with no new run, is rerun on the TLE tests otherwise, and fails a solution 3x rescues', async () => {
    const dir = writePrefixMaxProblem({});
    const tle = path.join(dir, 'solutions', 'time_limit_exceeded');
    mkdirSync(tle, { recursive: true });
    // Two tests have six values (an edge test and a random one), each with the minimum budget, 50 steps; the loop
    // costs 0.2 steps per 1,000 rounds: ~100 steps (TLE, AC with 3x) and ~600 (TLE with 3x too).
    writeFileSync(path.join(tle, 'quadratic.ts'), solution('QUAD', 'quadratic'));
    writeFileSync(path.join(tle, 'loops-long.ts'), solution('LONG', { loopOnSix: 3_000_000 }));
    writeFileSync(path.join(tle, 'loops-a-little.ts'), solution('LITTLE', { loopOnSix: 500_000 }));
    await buildProblem(await loadProblem(dir, esbuild), esbuild, pool, 'quickjs');
    const problem = await loadProblem(dir, esbuild);
    const jobs = new Map<string, number>();
    const executor: Executor = {
      run(job) {
        const tag = /TAG = "(\w+)"/.exec(job.program.solutionJs)?.[1] ?? 'other';
        jobs.set(tag, (jobs.get(tag) ?? 0) + 1);
        return pool.run(job);
      },
      close: () => Promise.resolve(),
    };
    const report = await checkProblem(problem, esbuild, executor, 'quickjs');
    const text = report.lines.join('\n');
    // Quadratic: the scale tests ran on past their budget and measured it; one job.
    expect(text).toMatch(
      /separation: solutions\/time_limit_exceeded\/quadratic\.ts still TLE with 3x the budget \(test gen-\d+\)/,
    );
    expect(jobs.get('QUAD')).toBe(1);
    // A constant cost on a small test: the scale tests show nothing, so that test runs again with 3x its budget.
    expect(text).toMatch(
      /separation: solutions\/time_limit_exceeded\/loops-long\.ts still TLE with 3x the budget \(test edge-3\)/,
    );
    expect(jobs.get('LONG')).toBe(2);
    // Over the budget but within 3x of it: an error.
    expect(report.errors).toEqual([
      'prefix-max/solutions/time_limit_exceeded/loops-a-little.ts: gets AC with 3x the step budget; a TLE solution must need more (add a larger test, or a scale test where the complexity gap is ≥ 10x)',
    ]);
  });
});
