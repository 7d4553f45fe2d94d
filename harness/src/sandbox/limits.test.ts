/** Every limit of the sandbox, through the real worker pool: steps, memory, stack, output, console, wall clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUM_BUSY, SUM_OK, sumProblem, sumTests } from '../../../tests/helpers/sum-problem.ts';
import type { EsbuildApi } from '../compile/transpile.ts';
import { costBand, gradeToEnd, redactHidden, roundSteps, type GradableProblem, type GradableTest } from '../grade.ts';
import { nodeEsbuild } from '../node/esbuild.ts';
import { WorkerPool } from '../node/pool.ts';

let pool: WorkerPool;
let esbuild: EsbuildApi;
beforeAll(async () => {
  pool = new WorkerPool({ size: 2, killGraceMs: 300 });
  esbuild = await nodeEsbuild();
  await pool.ready();
});
afterAll(() => pool.close());

const grade = (source: string, problem: GradableProblem = sumProblem(), stepBudget = 200) =>
  gradeToEnd({ source, problem, tests: sumTests(stepBudget), esbuild, executor: pool, reveal: 'all' });

describe('verdicts', () => {
  it('AC with steps and heap reported per test', async () => {
    const { summary, results } = await grade(SUM_OK);
    expect(summary.verdict).toBe('AC');
    expect(results.map((r) => r.verdict)).toEqual(['AC', 'AC']);
    expect(results[0]!.memoryBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it('WA with a structural diff on samples', async () => {
    const { results } = await grade('export function sum(a: number[]) { return a.length }');
    expect(results[0]).toMatchObject({ verdict: 'WA', mismatch: { path: 'out', expected: 6, actual: 3 } });
  });

  it('CE with line and column; CE when an entry is missing, naming it', async () => {
    const ce = await grade('export function sum(a: number[] {\n}');
    expect(ce.summary.verdict).toBe('CE');
    expect(ce.compileError).toMatchObject({ line: 1 });
    const missing = await grade('export function total(a: number[]) { return 0 }');
    expect(missing.summary.verdict).toBe('CE');
    expect(missing.compileError?.message).toContain('`sum`');
  });

  it('RE with the message and a stack mapped to the user lines', async () => {
    const { results } = await grade(
      '// line 1\n// line 2\nexport function sum(a: number[]): number {\n  const o: any = null;\n  return o.x;\n}\n',
    );
    expect(results[0]!.verdict).toBe('RE');
    expect(results[0]!.message).toMatch(/TypeError/);
    expect(results[0]!.error!.stack).toMatch(/solution\.ts:5/);
    expect(results[0]!.error!.stack).not.toMatch(/judge-prelude/);
  });

  it('a user exception that is not an Error is still a clean RE', async () => {
    const { results } = await grade('export function sum(a: number[]) { throw 42 }');
    expect(results[0]).toMatchObject({ verdict: 'RE', message: 'Uncaught: 42' });
  });
});

describe('limits', () => {
  it('steps: TLE at the budget, and the budget is per test', async () => {
    const tle = await grade(SUM_BUSY, sumProblem(), 5);
    expect(tle.summary.verdict).toBe('TLE');
    expect(tle.results[0]!.steps).toBe(6);
    const ok = await grade(SUM_BUSY, sumProblem(), 10_000);
    expect(ok.summary.verdict).toBe('AC');
    expect(ok.results[0]!.steps).toBeGreaterThan(5);
  });

  it('memory: a capped heap gives MLE, and a following submission is unharmed', async () => {
    const mle = await grade(
      'export function sum(a: number[]) { const xs: number[] = []; for (let i = 0; ; i++) xs.push(i) }',
      sumProblem(),
      1_000_000,
    );
    expect(mle.summary.verdict).toBe('MLE');
    // The heap grew well past its 16 MiB start; the allocation that failed may have been larger than what was left.
    expect(mle.results[0]!.memoryBytes).toBeGreaterThan(32 * 1024 * 1024);
    expect((await grade(SUM_OK)).summary.verdict).toBe('AC');
  });

  it('stack: recursion of 5,000 frames is fine, 10^5 is a clean RE "stack overflow"', async () => {
    const rec = (n: number) =>
      `function d(n: number): number { return n === 0 ? 0 : 1 + d(n - 1) }\nexport function sum(a: number[]) { return d(${n}) - ${n} + a.reduce((x, y) => x + y, 0) }`;
    expect((await grade(rec(5000), sumProblem(), 100_000)).summary.verdict).toBe('AC');
    const deep = await grade(rec(100_000), sumProblem(), 100_000);
    expect(deep.results[0]).toMatchObject({ verdict: 'RE' });
    expect(deep.results[0]!.message).toMatch(/stack overflow/);
  });

  it('output: a returned value over the cap is OLE', async () => {
    const { summary } = await grade(
      'export function sum(a: number[]): any { return "x".repeat(2_000_000) }',
      sumProblem({ outputBytes: 1_000_000 }),
    );
    expect(summary.verdict).toBe('OLE');
  });

  it('console: captured and capped; a flood is OLE', async () => {
    const printed = await grade('export function sum(a: number[]) { console.log("sum of", a, -0); return 6 }');
    expect(printed.results[0]!.console).toBe('sum of [1,2,3] -0\n');
    const flood = await grade(
      'export function sum(a: number[]) { for (;;) console.log("spam") }',
      sumProblem({ consoleBytes: 1000 }),
      100_000,
    );
    expect(flood.summary.verdict).toBe('OLE');
    expect(flood.results[0]!.console!.length).toBeLessThanOrEqual(1000);
  });

  it('after a limit, the scale tests measure until one of them ends on a limit too (issue 14)', async () => {
    // A sample, two hidden tests, then a scale group n, 2n, 4n, 8n (each may run 50 times its budget to measure).
    const scale = (n: number, i: number): GradableTest => ({
      id: `scale-${i}`,
      group: 'hidden',
      name: `n = ${n}`,
      input: { fn: 'sum', args: [Array.from({ length: n }, (_, k) => k % 7)] },
      expected: Array.from({ length: n }, (_, k) => k % 7).reduce((a, b) => a + b, 0),
      stepBudget: 5,
      scaleN: n,
      referenceSteps: 1,
    });
    const tests = [...sumTests(5), sumTests(5)[1]!, ...[2000, 4000, 8000, 16000].map(scale)];
    const run = (source: string) =>
      gradeToEnd({
        source,
        problem: sumProblem(),
        tests,
        esbuild,
        executor: pool,
        reveal: 'all',
        stopAfterLimit: true,
      });
    const notRun = (r: { message?: string }) => /^not run:/.test(r.message ?? '');

    // A busy loop: the sample decides TLE; the first scale test runs to its cap, and the other three are not run.
    const busy = await run('export function sum(a: number[]): number { for (;;) {} }');
    expect(busy.results.map((r) => r.verdict)).toEqual(Array(7).fill('TLE'));
    expect(busy.results.map(notRun)).toEqual([false, true, true, false, true, true, true]);
    expect(busy.results[3]!.steps).toBeGreaterThanOrEqual(5 * 50);
    // Scale tests that did not run are no points of the growth (one point: no growth at all).
    expect(busy.summary.growth).toBeUndefined();

    // A slow (quadratic) solution that is correct on small inputs: every scale test under its cap still measures.
    const slow = await run(
      'export function sum(a: number[]): number { let s = 0; for (let i = 0; i < a.length; i++) for (let j = 0; j < 3; j++) if (j === 0) s += a[i]; let w = 0; for (let i = 0; i < a.length * a.length / 4000; i++) w++; return s + (w < 0 ? 1 : 0) }',
    );
    expect(slow.results.slice(0, 3).map((r) => r.verdict)).toEqual(['AC', 'AC', 'AC']);
    expect(slow.results.slice(3).filter(notRun)).toEqual([]);
    expect(slow.summary.growth?.points).toHaveLength(4);
  });

  it('wall clock: a long native operation is killed from outside, TLE, and the pool recovers', async () => {
    const t = performance.now();
    const { results } = await grade(
      'export function sum(a: number[]) { return new Array(2 ** 31).join("x").length }',
      sumProblem({ wallMs: 500 }),
    );
    expect(results.map((r) => r.verdict)).toEqual(['TLE', 'TLE']);
    // Only the first test waits for the guard: the rest are not run (a stalling submission must not hold a worker
    // for tests × wallMs).
    expect(results[1]!.message).toMatch(/^not run: test 1 was stopped by the wall-clock guard/);
    expect(performance.now() - t).toBeLessThan(3_000);
    expect((await grade(SUM_OK)).summary.verdict).toBe('AC');
  });

  it('determinism: Date and performance.now() are virtual clocks, WeakRef is absent, Math.random is seeded per test', async () => {
    const src =
      'export function sum(a: number[]) { const t = Date.now(); let x = 0; for (let i = 0; i < 3e5; i++) x += i; console.log(typeof WeakRef, new Date(t).toISOString(), Date.now() > t, performance.now() > 0, Math.random()); return 6 }';
    const a = await grade(src);
    const b = await grade(src);
    expect(a.results[0]!.console).toMatch(/^undefined 2024-01-01T00:00:00\.\d\d\dZ true true 0\.\d+\n$/);
    expect(a.results.map((r) => r.console)).toEqual(b.results.map((r) => r.console));
    expect(a.results[0]!.console).not.toBe(a.results[1]!.console);
  });
});

describe('drivers', () => {
  // A driver that checks the answer itself and reports a violation in its result, like k-way-token-merge's.
  const driverProblem = (): GradableProblem => ({
    ...sumProblem(),
    driverJs:
      'module.exports.invoke = function (fn, sol, args) { const out = sol[fn].apply(undefined, args); const r = { sum: out }; if (out !== 6 && out !== -3) r.violation = "wrong sum " + out; return r; };',
  });
  const driverTests = () => sumTests(200).map((t) => ({ ...t, expected: { sum: t.expected } }));

  it("a solution cannot rewrite a driver's result through a toJSON on Object.prototype or Array.prototype", async () => {
    const ok = await gradeToEnd({
      source: SUM_OK,
      problem: driverProblem(),
      tests: driverTests(),
      esbuild,
      executor: pool,
    });
    expect(ok.summary.verdict).toBe('AC');
    const forge = [
      'Object.defineProperty(Object.prototype, "toJSON", { configurable: true, writable: true, value: function () {',
      '  return Object.prototype.hasOwnProperty.call(this, "violation") ? { sum: this.sum === 5 ? 6 : -3 } : this;',
      '} });',
      '(Array.prototype as any).toJSON = function () { return this; };',
      'export function sum(a: number[]): number { return a[0] === 1 ? 5 : -2; }',
    ].join('\n');
    const { summary, results } = await gradeToEnd({
      source: forge,
      problem: driverProblem(),
      tests: driverTests(),
      esbuild,
      executor: pool,
      reveal: 'all',
    });
    expect(summary.verdict).toBe('WA');
    expect(results[0]!.actual).toMatchObject({ sum: 5, violation: 'wrong sum 5' });
  });
});

describe('hidden tests', () => {
  it('with the default reveal, a hidden result holds only index, verdict and cost bands', async () => {
    const src =
      'export function sum(a: number[]) { console.log(JSON.stringify(a)); throw new Error("input was " + a) }';
    const { results } = await gradeToEnd({
      source: src,
      problem: sumProblem(),
      tests: sumTests(),
      esbuild,
      executor: pool,
    });
    const hidden = results.find((r) => r.group === 'hidden')!;
    expect(Object.keys(hidden).sort()).toEqual(['cost', 'group', 'index', 'verdict']);
    expect(hidden.cost).toEqual({ steps: '0-10', memory: expect.any(String) });
    expect(JSON.stringify(results)).not.toContain('-4');
  });

  // Issue 14 §1: one practice submission recovered topK exactly from steps = 4·topK. Code that turns its hidden input
  // into work and memory must get back the same figures for different inputs in the same band.
  it('code that encodes the hidden input in its steps and memory learns only the band', async () => {
    const encoder = `export function sum(a: number[]): number {
      const k = Math.max(0, -a[0]);
      let s = 0;
      for (let i = 0; i < k * 20000; i++) s += i % 3;
      const keep = new Array(k * 500000).fill(s);
      return a.reduce((x, y) => x + y, 0) + keep.length * 0;
    }`;
    const suite = (first: number) => [
      sumTests(1_000_000)[0]!,
      { ...sumTests(1_000_000)[1]!, input: { fn: 'sum', args: [[first, 1]] }, expected: first + 1 },
    ];
    const run = (first: number, reveal?: 'all') =>
      gradeToEnd({
        source: encoder,
        problem: sumProblem({ memoryBytes: 256 * 1024 * 1024 }),
        tests: suite(first),
        esbuild,
        executor: pool,
        reveal,
      });
    const [four, five, fourAll, fiveAll] = await Promise.all([run(-4), run(-5), run(-4, 'all'), run(-5, 'all')]);
    // The channel exists: the exact figures differ with the hidden input...
    expect(fiveAll.results[1]!.steps).toBeGreaterThan(fourAll.results[1]!.steps!);
    expect(fiveAll.results[1]!.memoryBytes).toBeGreaterThan(fourAll.results[1]!.memoryBytes!);
    expect(fiveAll.summary.steps).toBeGreaterThan(fourAll.summary.steps);
    // ...and what a user sees does not: the hidden result, and the summary's totals.
    const seen = (r: typeof four) => ({
      results: r.results.map((x) => ({ ...x, wallMs: 0 })),
      summary: { ...r.summary, wallMs: 0, compileMs: 0 },
    });
    expect(four.summary.verdict).toBe('AC');
    expect(seen(five)).toEqual(seen(four));
    expect(four.results[1]).toEqual({
      index: 1,
      group: 'hidden',
      verdict: 'AC',
      cost: { steps: '0-10', memory: '10-33' },
    });
    // The totals cover the sample only; the hidden test is in the summary as a band.
    expect(four.summary.steps).toBe(four.results[0]!.steps);
    expect(four.summary.maxMemoryBytes).toBe(four.results[0]!.memoryBytes);
    expect(four.summary.hiddenCost).toEqual({ steps: '0-10', memory: '10-33' });
  });

  it('a hidden scale test shows its size and its steps to two significant digits; the growth is fitted on those', async () => {
    const quadratic = `export function sum(a: number[]): number {
      let s = 0;
      for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) s += j === 0 ? a[i] : 0;
      return s;
    }`;
    const scale = (n: number, index: number): GradableTest => ({
      id: `n${n}`,
      group: 'hidden',
      name: `scale ${n}`,
      input: { fn: 'sum', args: [Array.from({ length: n }, (_, i) => (i * 7) % 13)] },
      expected: Array.from({ length: n }, (_, i) => (i * 7) % 13).reduce((x, y) => x + y, 0),
      stepBudget: 10_000_000,
      referenceSteps: 10 * (index + 1),
      scaleN: n,
    });
    const tests = [sumTests()[0]!, scale(700, 0), scale(1400, 1), scale(2800, 2)];
    const base = { source: quadratic, problem: sumProblem(), tests, esbuild, executor: pool };
    const [shown, all] = await Promise.all([gradeToEnd(base), gradeToEnd({ ...base, reveal: 'all' })]);
    for (const i of [1, 2, 3]) {
      const exact = all.results[i]!.steps;
      expect(shown.results[i]).toEqual({
        index: i,
        group: 'hidden',
        verdict: 'AC',
        scaleN: tests[i]!.scaleN,
        steps: roundSteps(exact),
        cost: { steps: '0-10', memory: expect.any(String) },
      });
      expect(String(shown.results[i]!.steps).replace(/0+$/, '').length).toBeLessThanOrEqual(2);
    }
    expect(all.results[3]!.steps).toBeGreaterThan(100);
    expect(shown.summary.growth!.points.map((p) => p.steps)).toEqual([1, 2, 3].map((i) => shown.results[i]!.steps));
    expect(shown.summary.growth!.exponent).toBeCloseTo(all.summary.growth!.exponent!, 1);
    expect(shown.summary.steps).toBe([0, 1, 2, 3].reduce((s, i) => s + shown.results[i]!.steps!, 0));
    expect(shown.summary.hiddenCost).toBeUndefined();
  });

  it('bands and rounding', () => {
    expect([0, 10, 11, 33, 34, 100, 101].map((u) => costBand(u, 100))).toEqual([
      '0-10',
      '0-10',
      '10-33',
      '10-33',
      '33-100',
      '33-100',
      'over',
    ]);
    expect([0, 7, 99, 123, 12_345, 987_654].map(roundSteps)).toEqual([0, 7, 99, 120, 12_000, 990_000]);
    // Redaction is idempotent, so results stored before bands existed are cleaned the same way on the way out.
    const legacy = { index: 3, group: 'hidden' as const, verdict: 'AC' as const, steps: 48, memoryBytes: 5 << 20 };
    expect(redactHidden(legacy)).toEqual({ index: 3, group: 'hidden', verdict: 'AC' });
    expect(redactHidden(redactHidden({ ...legacy, scaleN: 8 }))).toEqual({
      ...redactHidden(legacy),
      scaleN: 8,
      steps: 48,
    });
  });
});

describe('stopAfterFailure', () => {
  // 40 tests, the last 4 a scale group; the solution is wrong on test 3 only, and busy on every test.
  const tests: GradableTest[] = Array.from({ length: 40 }, (_, i) => ({
    id: `t${i}`,
    group: i < 2 ? 'sample' : 'hidden',
    name: `t${i}`,
    input: { fn: 'sum', args: [[i, 1]] },
    expected: i + 1,
    stepBudget: 100_000,
    ...(i >= 36 ? { scaleN: 2 ** i } : {}),
  }));
  // ~1 step of work per test, so that the worker does not race far ahead of the host's checker.
  const wrongOnThree =
    'export function sum(a: number[]): number {\n  let s = 0;\n  for (let r = 0; r < 2000; r++) for (const x of a) s += x;\n' +
    '  return a[0] === 3 ? 0 : s / 2000;\n}\n';

  it('stops at the first failing test: later tests (scale tests too) are not run and get its verdict', async () => {
    const full = await gradeToEnd({
      source: wrongOnThree,
      problem: sumProblem(),
      tests,
      esbuild,
      executor: pool,
      reveal: 'all',
    });
    const early = await gradeToEnd({
      source: wrongOnThree,
      problem: sumProblem(),
      tests,
      esbuild,
      executor: pool,
      reveal: 'all',
      stopAfterFailure: true,
    });
    expect(full.summary.verdict).toBe('WA');
    expect(full.results.filter((r) => (r.steps ?? 0) > 0)).toHaveLength(40);
    expect(early.summary).toMatchObject({ verdict: 'WA', firstFailure: 3, total: 40 });
    expect(early.results).toHaveLength(40);
    // The worker may have started a test or two before the host's checker saw the wrong answer, and with the job in
    // parts on the pool's two workers (sandbox/parts.ts), the other worker a part of ~7 tests.
    const ran = early.results.filter((r) => r.steps > 0).length;
    expect(ran).toBeGreaterThanOrEqual(4);
    expect(ran).toBeLessThan(18);
    expect(early.results[39]).toMatchObject({ verdict: 'WA', steps: 0, message: 'not run: test 4 did not pass' });
    expect(early.summary.growth).toBeUndefined();
  });

  it('an accepted solution runs every test', async () => {
    const { summary, results } = await gradeToEnd({
      source: SUM_OK,
      problem: sumProblem(),
      tests,
      esbuild,
      executor: pool,
      stopAfterFailure: true,
    });
    expect(summary.verdict).toBe('AC');
    expect(results.every((r) => r.verdict === 'AC')).toBe(true);
  });
});
