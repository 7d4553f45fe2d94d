/**
 * Engine benchmark: prints figures, asserts nothing (machines are shared and noisy; compare ratios within a run).
 *
 *   npm run bench                # all sections
 *   npm run bench -- --quick     # fewer repetitions
 *   npm run bench -- --only throughput   # only the sections whose title contains the word
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeChecker } from '../harness/src/check/checkers.ts';
import { decodeValue, encodeValue } from '../harness/src/codec.ts';
import { transpile, warmUp } from '../harness/src/compile/transpile.ts';
import { gradeToEnd, type GradableProblem, type GradableTest } from '../harness/src/grade.ts';
import { createNodeSandbox, ENGINES, type EngineName } from '../harness/src/node/engine.ts';
import { nodeEsbuild } from '../harness/src/node/esbuild.ts';
import { WorkerPool } from '../harness/src/node/pool.ts';
import { sha256 } from '../harness/src/problem/build.ts';
import { materialiseArgs } from '../harness/src/problem/collect.ts';
import { loadProblem, suiteTests } from '../harness/src/problem/load.ts';
import { DEFAULT_LIMITS } from '../harness/src/sandbox/types.ts';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '') : null;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p = (label: string, value: string): void => console.log(`${label.padEnd(58)} ${value}`);
const ms = (x: number): string => `${x.toFixed(2)} ms`;

async function section(title: string, body: () => Promise<void>): Promise<void> {
  if (only !== null && !title.includes(only)) return;
  console.log(`\n## ${title}`);
  await body();
}

const sumProblem: GradableProblem = {
  slug: 'bench-sum',
  entries: ['sum'],
  driverJs: null,
  limits: { ...DEFAULT_LIMITS, wallMs: 60_000 },
  checkerFor: () => {
    const c = makeChecker({ name: 'exact' });
    return (x) => c({ ...x, args: {} });
  },
};
const SUM = 'export function sum(a: number[]): number { let s = 0; for (const x of a) s += x; return s }';

await section('esbuild-wasm (in-process)', async () => {
  const t0 = performance.now();
  const esbuild = await nodeEsbuild();
  p('init (compile WebAssembly + start)', ms(performance.now() - t0));
  const t1 = performance.now();
  await transpile(esbuild, SUM);
  p('first transform', ms(performance.now() - t1));
  const t2 = performance.now();
  await warmUp(esbuild);
  p('warm-up (250 throwaway transforms)', ms(performance.now() - t2));
  const times: number[] = [];
  for (let i = 0; i < (quick ? 30 : 100); i++) {
    const t = performance.now();
    await transpile(esbuild, `${SUM}\n// ${i}`);
    times.push(performance.now() - t);
  }
  p('warm transform, median (target ≤ 10 ms)', ms(median(times)));
});

await section('sandbox, in-process (default build)', async () => {
  const esbuild = await nodeEsbuild();
  const sandbox = await createNodeSandbox('quickjs');
  const c = await transpile(esbuild, SUM);
  if (!c.ok) throw new Error('bench solution does not compile');
  const program = { solutionJs: c.value.js, driverJs: null, entries: ['sum'] };
  const input = encodeValue({ fn: 'sum', args: [[1, 2, 3]] });
  const check = sumProblem.checkerFor('sum');
  const n = quick ? 200 : 1000;
  for (let i = 0; i < 50; i++)
    await sandbox.runTest(program, { index: i, input, stepBudget: 100, seed: 1 }, sumProblem.limits);
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await sandbox.runTest(program, { index: i, input, stepBudget: 100, seed: i }, sumProblem.limits);
    if (r.outcome.kind !== 'returned') throw new Error('bench test failed');
    check({ input: { fn: 'sum', args: [[1, 2, 3]] }, expected: 6, actual: decodeValue(r.outcome.output) });
  }
  p('per-test fixed overhead: fresh runtime+context, call, check (target ≤ 1.5 ms)', ms((performance.now() - t) / n));

  const busy = await transpile(
    esbuild,
    'export function sum(a: number[]) { let s = 0; for (let i = 0; i < 3e7; i++) s += i & 7; return s }',
  );
  if (!busy.ok) throw new Error('bench busy loop does not compile');
  const t3 = performance.now();
  const r = await sandbox.runTest(
    { ...program, solutionJs: busy.value.js },
    { index: 0, input, stepBudget: 1e7, seed: 1 },
    sumProblem.limits,
  );
  const secs = (performance.now() - t3) / 1000;
  p('steps per second (a counting loop)', `${Math.round(r.steps / secs)} (${r.steps} steps in ${secs.toFixed(2)} s)`);
  const t4 = performance.now();
  sandbox.discardModule();
  await sandbox.runTest(program, { index: 0, input, stepBudget: 100, seed: 1 }, sumProblem.limits);
  p('fresh WebAssembly module (once per submission) + one test', ms(performance.now() - t4));
});

const problemsDir = path.resolve('problems');
const problemDirs = existsSync(problemsDir)
  ? readdirSync(problemsDir)
      .filter((d) => existsSync(path.join(problemsDir, d, 'tests', 'suite.json')))
      .sort()
  : [];

await section('throughput: worker pool (one worker per CPU)', async () => {
  const esbuild = await nodeEsbuild();
  await warmUp(esbuild);
  const pool = new WorkerPool();
  const wholePool = new WorkerPool({ splitJobs: false });
  await Promise.all([pool.ready(), wholePool.ready()]);
  const tests: GradableTest[] = Array.from({ length: 40 }, (_, i) => {
    const a = Array.from({ length: 200 + i * 50 }, (_, j) => (j * 7919) % 1000);
    return {
      id: `t${i}`,
      group: i < 3 ? 'sample' : 'hidden',
      name: `t${i}`,
      input: { fn: 'sum', args: [a] },
      expected: a.reduce((x, y) => x + y, 0),
      stepBudget: 1000,
    };
  });
  const latencies: number[] = [];
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    const t = performance.now();
    const r = await gradeToEnd({ source: SUM, problem: sumProblem, tests, esbuild, executor: pool });
    if (r.summary.verdict !== 'AC') throw new Error(`bench submission got ${r.summary.verdict}`);
    latencies.push(performance.now() - t);
  }
  p('40-test problem, one submission end to end, median', ms(median(latencies)));
  const count = quick ? 20 : 60;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: count }, () =>
      gradeToEnd({ source: SUM, problem: sumProblem, tests, esbuild, executor: pool }),
    ),
  );
  const secs = (performance.now() - t) / 1000;
  p(`40-test problem, submissions per second (${pool.size} workers, ${count} concurrent)`, (count / secs).toFixed(1));
  for (const slug of problemDirs) {
    const problem = await loadProblem(path.join(problemsDir, slug), esbuild);
    const source = await readFile(path.join(problemsDir, slug, 'solutions', 'accepted', 'reference.ts'), 'utf8');
    const all = suiteTests(problem, 'all');
    // The same submission alone on an idle pool, as one job on one worker and in parts on every idle worker
    // (sandbox/parts.ts), alternately so that both see the same machine.
    const times: number[] = [];
    const wholeTimes: number[] = [];
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      for (const [executor, into] of [
        [pool, times],
        [wholePool, wholeTimes],
      ] as const) {
        const tt = performance.now();
        const r = await gradeToEnd({ source, problem, tests: all, esbuild, executor, digest: sha256 });
        if (r.summary.verdict !== 'AC') throw new Error(`${slug} reference got ${r.summary.verdict}`);
        into.push(performance.now() - tt);
      }
    }
    p(
      `${slug}: reference graded end to end (${all.length} tests), median, in parts on ${pool.size} workers (target ≤ 150 ms) / whole on one`,
      `${ms(median(times))} / ${ms(median(wholeTimes))}`,
    );
    if (slug === 'sliding-window-mask') {
      const k = quick ? 10 : 30;
      const tt = performance.now();
      await Promise.all(
        Array.from({ length: k }, () =>
          gradeToEnd({ source, problem, tests: all, esbuild, executor: pool, digest: sha256 }),
        ),
      );
      p(
        `${slug}: reference submissions per second (${pool.size} workers, ${k} concurrent; target ≥ 12)`,
        (k / ((performance.now() - tt) / 1000)).toFixed(1),
      );
    }
  }
  await Promise.all([pool.close(), wholePool.close()]);
});

await section(
  'prepared once and restored per test (issue 17) vs fresh per test; native charges on vs off',
  async () => {
    const esbuild = await nodeEsbuild();
    const reused = await createNodeSandbox('quickjs');
    const fresh = await createNodeSandbox('quickjs', { reuse: false });
    const uncharged = await createNodeSandbox('quickjs', { chargeNatives: false });
    const unkept = await createNodeSandbox('quickjs', { keepInputs: false });
    for (const slug of problemDirs) {
      const dir = path.join(problemsDir, slug);
      const problem = await loadProblem(dir, esbuild);
      const tests = suiteTests(problem, 'all');
      const limits = { ...problem.limits, wallMs: 120_000 };
      // Fixed overhead: a solution whose entries return at once, so what is left is the judge's work per test
      // (restore or rebuild, the driver building the input, the call, the result).
      const stub = await transpile(
        esbuild,
        problem.entries.map((e) => `export function ${e}() { return 0; }`).join('\n'),
      );
      const ref = await transpile(
        esbuild,
        await readFile(path.join(dir, 'solutions', 'accepted', 'reference.ts'), 'utf8'),
      );
      if (!stub.ok || !ref.ok) throw new Error(`${slug}: does not compile`);
      const inputs = tests.map((test) => encodeValue(test.input));
      type Run = { ms: number; steps: number; perTest: number };
      const suite = async (sb: typeof reused, js: string): Promise<Run> => {
        sb.discardModule();
        const program = { solutionJs: js, driverJs: problem.driverJs, entries: problem.entries };
        const t = performance.now();
        let steps = 0;
        const each: number[] = [];
        for (const [i, input] of inputs.entries()) {
          const t1 = performance.now();
          steps += (await sb.runTest(program, { index: i, input, stepBudget: 1e8, seed: 1 }, limits)).steps;
          each.push(performance.now() - t1);
        }
        return { ms: performance.now() - t, steps, perTest: median(each) };
      };
      const med = async (sb: typeof reused, js: string): Promise<Run> => {
        await suite(sb, js);
        const runs = [await suite(sb, js), await suite(sb, js), await suite(sb, js)];
        return {
          ms: median(runs.map((r) => r.ms)),
          steps: runs[0]!.steps,
          perTest: median(runs.map((r) => r.perTest)),
        };
      };
      // A new submission's first test on a thread: the base restored, then driver and module evaluated and the
      // session's memory copied, against a new module with the prelude evaluated too (what every job paid before).
      const firstTest = async (sb: typeof reused): Promise<number> => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          sb.discardModule();
          const t = performance.now();
          await sb.runTest(
            { solutionJs: stub.value.js, driverJs: problem.driverJs, entries: problem.entries },
            { index: 0, input: encodeValue(tests[0]!.input), stepBudget: 1e8, seed: 1 },
            limits,
          );
          times.push(performance.now() - t);
        }
        return median(times);
      };
      const [nB, nF] = [await firstTest(reused), await firstTest(fresh)];
      p(
        `${slug}: a new submission's first test, base restored / new module and prelude`,
        `${ms(nB)} / ${ms(nF)} (${(nF / nB).toFixed(1)}x)`,
      );
      const [oR, oF, oK] = [
        await med(reused, stub.value.js),
        await med(fresh, stub.value.js),
        await med(unkept, stub.value.js),
      ];
      const [rR, rF, rU, rK] = [
        await med(reused, ref.value.js),
        await med(fresh, ref.value.js),
        await med(uncharged, ref.value.js),
        await med(unkept, ref.value.js),
      ];
      const n = tests.length;
      p(
        `${slug} (${n} tests): fixed overhead per test, restored / fresh`,
        `${ms(oR.ms / n)} / ${ms(oF.ms / n)} (${(oF.ms / oR.ms).toFixed(1)}x)`,
      );
      p(
        `${slug}: reference suite in the sandbox, restored / fresh`,
        `${ms(rR.ms)} / ${ms(rF.ms)} (${(rF.ms / rR.ms).toFixed(1)}x)`,
      );
      p(`${slug}: judge's work per test, median (restore, arguments, call, result)`, ms(oR.perTest));
      p(
        `${slug}: arguments kept as binary JSON / built per test: overhead per test, reference suite`,
        `${ms(oR.ms / n)} / ${ms(oK.ms / n)}, ${ms(rR.ms)} / ${ms(rK.ms)} (${(rK.ms / rR.ms).toFixed(1)}x)`,
      );
      p(
        `${slug}: native charges: steps with / without, time with / without`,
        `${rR.steps} / ${rU.steps} steps, ${ms(rR.ms)} / ${ms(rU.ms)}`,
      );
    }
  },
);

await section('QuickJS time ÷ Node V8 time on the reference solutions', async () => {
  const esbuild = await nodeEsbuild();
  for (const slug of problemDirs) {
    const dir = path.join(problemsDir, slug);
    const problem = await loadProblem(dir, esbuild);
    const tests = suiteTests(problem, 'all');
    const refFile = path.join(dir, 'solutions', 'accepted', 'reference.ts');
    const ref = (await import(pathToFileURL(refFile).href)) as Record<string, (...a: unknown[]) => unknown>;
    const invoke = problem.hostDriver?.invoke as ((fn: string, s: unknown, a: unknown[]) => unknown) | undefined;
    const argsList = tests.map((t) => materialiseArgs(problem, t.input));
    const runV8 = (): number => {
      const t = performance.now();
      tests.forEach((test, i) => {
        const args = structuredClone(argsList[i]!);
        try {
          if (invoke) invoke(test.input.fn, ref, args);
          else ref[test.input.fn]!(...args);
        } catch {
          // expected errors are part of the suite
        }
      });
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) runV8();
    const v8 = median(Array.from({ length: 5 }, runV8));
    const compiled = await transpile(esbuild, await readFile(refFile, 'utf8'));
    if (!compiled.ok) throw new Error(`${slug} reference does not compile`);
    const cells: string[] = [`V8 ${v8.toFixed(1)} ms`];
    for (const engine of Object.keys(ENGINES) as EngineName[]) {
      const sandbox = await createNodeSandbox(engine);
      const program = { solutionJs: compiled.value.js, driverJs: problem.driverJs, entries: problem.entries };
      const runQjs = async (): Promise<number> => {
        let total = 0;
        for (const [i, t] of tests.entries()) {
          const r = await sandbox.runTest(
            program,
            { index: i, input: encodeValue(t.input), stepBudget: 1e8, seed: 1 },
            { ...problem.limits, wallMs: 120_000 },
          );
          total += r.wallMs;
        }
        return total;
      };
      await runQjs();
      const q = median([await runQjs(), await runQjs(), await runQjs()]);
      cells.push(`${engine} ${q.toFixed(1)} ms = ${(q / v8).toFixed(1)}x`);
    }
    p(`${slug} (${tests.length} tests)`, cells.join(', '));
  }
  if (problemDirs.length === 0) p('(no built problems)', '-');
});
