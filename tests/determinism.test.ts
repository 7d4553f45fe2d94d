/**
 * The same submission graded 5 times while other gradings run in parallel gets identical verdicts and step counts
 * (steps are interrupt-handler calls, independent of machine speed and load).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EsbuildApi } from '../harness/src/compile/transpile.ts';
import { gradeToEnd } from '../harness/src/grade.ts';
import { nodeEsbuild } from '../harness/src/node/esbuild.ts';
import { WorkerPool } from '../harness/src/node/pool.ts';
import { SUM_BUSY, sumProblem, sumTests } from './helpers/sum-problem.ts';

let pool: WorkerPool;
let esbuild: EsbuildApi;
beforeAll(async () => {
  pool = new WorkerPool({ size: 2 });
  esbuild = await nodeEsbuild();
  await pool.ready();
});
afterAll(() => pool.close());

const SORTER = `export function sum(a: number[]): number {
  const xs: { v: number }[] = [];
  for (let i = 0; i < 30000; i++) xs.push({ v: (i * 7919) % 10007 });
  xs.sort((p, q) => p.v - q.v);
  const m = new Map<string, number>();
  for (const x of xs) m.set('k' + (x.v % 997), x.v);
  return a.reduce((s, x) => s + x, 0) + m.size * 0;
}`;

it('five gradings under parallel load give identical verdicts and steps', async () => {
  const problem = sumProblem();
  const tests = sumTests(100_000);
  const noise = (n: number) =>
    Array.from({ length: n }, () => gradeToEnd({ source: SUM_BUSY, problem, tests, esbuild, executor: pool }));
  const runs = await Promise.all([
    ...Array.from({ length: 5 }, () =>
      gradeToEnd({ source: SORTER, problem, tests, esbuild, executor: pool, reveal: 'all' }),
    ),
    ...noise(6),
  ]);
  const fingerprints = runs
    .slice(0, 5)
    .map((r) => JSON.stringify({ v: r.summary.verdict, s: r.results.map((x) => [x.verdict, x.steps]) }));
  expect(new Set(fingerprints).size).toBe(1);
  expect(runs[0]!.summary.verdict).toBe('AC');
  expect(runs[0]!.results[0]!.steps).toBeGreaterThan(3);
});
