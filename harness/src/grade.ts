/**
 * Grading as a stream: submission → transpile → per test: run (in the sandbox, via an Executor) → check (here,
 * on the host) → verdict. `gradeSubmission` is an async generator of typed events; the CLI prints them, the
 * server stores and forwards them, the browser renders them.
 *
 * Hidden tests: results carry their input, expected and actual output only when `reveal` is 'all' (authoring
 * tools). With the default 'samples', a hidden test's result holds its index, verdict and its cost in coarse bands
 * (`cost`) — no console, no error message (user code could print or throw the hidden input), and no exact steps or
 * memory: code can encode a hidden input in its own cost (issue 14 §1: steps = 4·topK recovered topK exactly). A
 * scale test also shows its public size and its steps to two significant digits, which the growth plot needs. The
 * summary's totals cover only the figures shown: a total over hidden tests leaks one of them exactly when the code
 * does work on that test alone (chosen by a predicate on its input) and a fixed amount on the others.
 */
import { decodeValue, encodeValue } from './codec.ts';
import { canonicalText } from './check/canonical.ts';
import type { CheckOutcome } from './check/checkers.ts';
import type { Mismatch } from './check/diff.ts';
import { describeGrowth, growthOf, type Growth } from './check/growth.ts';
import { runtimeHint } from './check/hints.ts';
import { mapStack } from './check/stack.ts';
import {
  missingEntries,
  missingEntryMessage,
  transpile,
  type CompileError,
  type EsbuildApi,
} from './compile/transpile.ts';
import type { TestInput } from './problem/authoring.ts';
import type { Executor } from './sandbox/executor.ts';
import { wasNotRun, type SandboxJob } from './sandbox/job.ts';
import type { RawTestRun, SandboxLimits, SandboxTest } from './sandbox/types.ts';
import { overallVerdict, type Verdict } from './verdict.ts';

/**
 * A suite's inputs are the same objects for every submission (the catalog keeps a problem's tests), and encoding
 * one runs a replacer per value (a registry input of 16,000 records: milliseconds), on the grading thread before
 * any test can start. So each input object is encoded once. Inputs are never modified after loading.
 */
const encodedInputs = new WeakMap<TestInput, string>();
function encodedInput(input: TestInput): string {
  let text = encodedInputs.get(input);
  if (text === undefined) {
    text = encodeValue(input);
    encodedInputs.set(input, text);
  }
  return text;
}

export type TestGroup = 'sample' | 'hidden';

export interface GradableTest {
  id: string;
  group: TestGroup;
  name: string;
  input: TestInput;
  expected?: unknown;
  /** For large outputs: digest of the canonical text of the expected value. */
  expectedDigest?: string;
  stepBudget: number;
  /** The reference's steps on this test (from the suite). */
  referenceSteps?: number;
  /** A scale-group test: its public size n (see check/growth.ts). */
  scaleN?: number;
  /** What the test targets, told to a user whose code exceeds its budget. */
  purpose?: string;
}

export interface GradableProblem {
  slug: string;
  entries: string[];
  driverJs: string | null;
  limits: SandboxLimits;
  /** The checker for a test (by its entry function). */
  checkerFor(fn: string): (c: { input: TestInput; expected: unknown; actual: unknown }) => CheckOutcome;
}

/**
 * A cost as a share of its limit (the test's step budget, the problem's memory limit), in percent: what a hidden
 * test shows instead of exact figures. The bands follow the budgets' own rule: accepted solutions stay within a
 * third of every budget (problems/README.md, headroom), so '10-33' is the accepted solutions' range, '33-100' is
 * slower than all of them but within the budget, 'over' is past it. Two bits per test: no more than a verdict tells.
 */
export type CostBand = '0-10' | '10-33' | '33-100' | 'over';
export const COST_BANDS: readonly CostBand[] = ['0-10', '10-33', '33-100', 'over'];

export function costBand(used: number, limit: number): CostBand {
  const share = limit > 0 ? used / limit : Infinity;
  return share <= 0.1 ? '0-10' : share <= 1 / 3 ? '10-33' : share <= 1 ? '33-100' : 'over';
}

export interface TestCost {
  /** Steps as a share of the test's step budget. */
  steps: CostBand;
  /** The sandbox heap as a share of the problem's memory limit. */
  memory: CostBand;
}

/**
 * A scale test's steps as shown: two significant digits. Its size is public, so code can recognise it and encode
 * its (random, large) input in its steps; rounding cuts that channel to a few bits per test while the log-log plot
 * and the fitted exponent (to ±0.05) stay as they are.
 */
export function roundSteps(steps: number): number {
  return Number(steps.toPrecision(2));
}

export interface TestResult {
  index: number;
  group: TestGroup;
  verdict: Verdict;
  /** Exact for samples (and for every test with reveal: 'all'); two significant digits for a hidden scale test. */
  steps?: number;
  /** Exact for samples (and for every test with reveal: 'all'); absent for hidden tests. */
  memoryBytes?: number;
  /** Hidden tests: steps and memory in bands of their limits, instead of exact figures. */
  cost?: TestCost;
  /** Scale-group tests: the public size n (kept for hidden tests: the sizes are public, the inputs are not). */
  scaleN?: number;
  // Everything below is present for samples (and for hidden tests with reveal: 'all').
  /** Information only: never decides a verdict. */
  wallMs?: number;
  stepBudget?: number;
  id?: string;
  name?: string;
  message?: string;
  console?: string;
  consoleTruncated?: boolean;
  error?: { name: string; message: string; stack: string };
  input?: TestInput;
  expected?: unknown;
  actual?: unknown;
  mismatch?: Mismatch;
}

/** A result with its exact figures: what the judge measures, and what reveal: 'all' shows. */
export type JudgedResult = TestResult & { steps: number; memoryBytes: number; stepBudget: number };

export interface GradeSummary {
  verdict: Verdict;
  passed: number;
  total: number;
  /** Sum of the steps shown: over all tests with reveal: 'all'; otherwise samples and scale tests (as shown). */
  steps: number;
  /** The largest memory shown: over all tests with reveal: 'all'; otherwise over the samples. */
  maxMemoryBytes: number;
  /**
   * The hidden tests whose figures are not shown, together, in bands: their steps over their budgets, their
   * largest memory over the limit (absent when there are none, or with reveal: 'all').
   */
  hiddenCost?: TestCost;
  wallMs: number;
  compileMs: number;
  /** Index of the first test that did not pass. */
  firstFailure: number | null;
  compileError?: CompileError;
  /** Steps over the scale group against n, with the fitted exponents (absent when the problem has none). */
  growth?: Growth;
  /** For a TLE: what the failing test targets and how the steps grow. */
  explanation?: string;
}

export type GradeEvent =
  | { type: 'compiled'; ms: number }
  | { type: 'compile-error'; error: CompileError }
  | { type: 'test-started'; index: number; group: TestGroup }
  | { type: 'test-finished'; result: TestResult }
  | { type: 'done'; summary: GradeSummary };

export interface GradeOptions {
  source: string;
  problem: GradableProblem;
  tests: GradableTest[];
  esbuild: EsbuildApi;
  executor: Executor;
  reveal?: 'samples' | 'all';
  /** Digest function for tests stored with `expectedDigest` (sha256 in Node). */
  digest?: (text: string) => string;
  /** Stop running tests after the first that ends on a resource limit (TLE, MLE, OLE); scale tests still run. */
  stopAfterLimit?: boolean;
  /**
   * Stop running tests after the first that does not pass, scale tests included; the tests not run get that test's
   * verdict ("not run"). For tools that only need a verdict (judge check's null baselines and mutants, stored wrong
   * solutions); the overall verdict is the same as with every test run. Scale tests then stop at their budget (no
   * growth is measured). Where SharedArrayBuffer is missing (a browser page without cross-origin isolation) every
   * test runs.
   */
  stopAfterFailure?: boolean;
  /** Judge faults (checker crash, lost worker) are reported here with context, then shown to users as JE. */
  onJudgeError?: (message: string, context: Record<string, unknown>) => void;
}

export function testSeed(index: number): number {
  return (Math.imul(index + 1, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;
}

export async function* gradeSubmission(opts: GradeOptions): AsyncGenerator<GradeEvent, GradeSummary> {
  const { problem, tests } = opts;
  const started = performance.now();
  let compiled;
  try {
    compiled = await transpile(opts.esbuild, opts.source);
  } catch (e) {
    opts.onJudgeError?.(`transpiler failed: ${String(e)}`, { problem: problem.slug });
    const summary = emptySummary('JE', tests.length, performance.now() - started);
    yield { type: 'done', summary };
    return summary;
  }
  const compileMs = performance.now() - started;
  const missing = compiled.ok ? missingEntries(compiled.value, problem.entries) : [];
  if (!compiled.ok || missing.length > 0) {
    const error: CompileError = compiled.ok
      ? { message: missingEntryMessage(missing), line: 1, column: 1, lineText: '' }
      : compiled.error;
    yield { type: 'compile-error', error };
    const summary: GradeSummary = { ...emptySummary('CE', tests.length, compileMs), compileError: error };
    yield { type: 'done', summary };
    return summary;
  }
  yield { type: 'compiled', ms: compileMs };

  const sandboxTests: SandboxTest[] = tests.map((t, index) => ({
    index,
    input: encodedInput(t.input),
    // A scale test runs on past its budget (up to a cap) so that the growth of a slow solution can be measured;
    // its verdict is still decided by the budget (judgeRun). Not when only the verdict is wanted.
    stepBudget: t.scaleN !== undefined && !opts.stopAfterFailure ? scaleCap(t.stepBudget) : t.stepBudget,
    seed: testSeed(index),
    ...(t.scaleN !== undefined ? { measure: true } : {}),
    // For splitting the job across idle workers: the budget follows the slowest accepted solution's work.
    weight: t.stepBudget,
  }));
  const stopFlag =
    opts.stopAfterFailure && typeof SharedArrayBuffer === 'function'
      ? new Int32Array(new SharedArrayBuffer(4))
      : undefined;
  const job: SandboxJob = {
    program: { solutionJs: compiled.value.js, driverJs: problem.driverJs, entries: problem.entries },
    tests: sandboxTests,
    limits: problem.limits,
    stopAfterLimit: opts.stopAfterLimit ?? false,
    ...(stopFlag ? { stopFlag } : {}),
  };

  const reveal = opts.reveal ?? 'samples';
  const memoryLimit = problem.limits.memoryBytes;
  const results: JudgedResult[] = [];
  /** Tests the job did not run because an earlier one failed (stopAfterFailure): no steps to measure growth on. */
  const notRun = new Set<number>();
  let firstBad: JudgedResult | null = null;
  /** Tests the wall clock stopped (no progress: a long native call; or past the cap), with why, for the explanation. */
  const wallStops = new Map<number, string>();
  for await (const event of opts.executor.run(job)) {
    if (event.type === 'test-start') {
      const t = tests[event.index] as GradableTest;
      yield { type: 'test-started', index: event.index, group: t.group };
      continue;
    }
    const test = tests[event.run.index] as GradableTest;
    let result: JudgedResult;
    if (event.run.outcome.kind === 'not-run') {
      notRun.add(event.run.index);
      result = {
        index: event.run.index,
        group: test.group,
        id: test.id,
        name: test.name,
        verdict: firstBad?.verdict ?? 'JE',
        steps: 0,
        stepBudget: test.stepBudget,
        memoryBytes: 0,
        input: test.input,
        expected: test.expected,
        message: `not run: test ${(firstBad?.index ?? -1) + 1} did not pass`,
        ...(test.scaleN !== undefined ? { scaleN: test.scaleN } : {}),
      };
    } else result = judgeRun(event.run, test, compiled.value.sourceMap, opts);
    const o = event.run.outcome;
    if (o.kind === 'limit' && o.limit === 'wall' && !wasNotRun(o.detail)) wallStops.set(event.run.index, o.detail);
    if (result.verdict !== 'AC' && !firstBad) {
      firstBad = result;
      if (stopFlag) Atomics.store(stopFlag, 0, 1);
    }
    results.push(result);
    yield { type: 'test-finished', result: present(result, reveal, memoryLimit) };
  }
  results.sort((a, b) => a.index - b.index);
  if (results.length !== tests.length) {
    opts.onJudgeError?.(`executor reported ${results.length} of ${tests.length} tests`, { problem: problem.slug });
  }
  const verdicts = results.map((r) => r.verdict);
  const verdict = results.length === tests.length ? overallVerdict(verdicts) : 'JE';
  const firstFailure = results.find((r) => r.verdict !== 'AC')?.index ?? null;
  const growth = growthFrom(
    tests,
    results.filter((r) => !notRun.has(r.index)),
    reveal,
  );
  const explanation = verdict === 'TLE' ? explainTle(tests, results, growth, wallStops) : undefined;
  const shown = results.map((r) => present(r, reveal, memoryLimit));
  const unshown = reveal === 'all' ? [] : results.filter((r) => r.group === 'hidden' && r.scaleN === undefined);
  const summary: GradeSummary = {
    verdict,
    passed: verdicts.filter((v) => v === 'AC').length,
    total: tests.length,
    ...shownTotals(shown),
    ...(unshown.length > 0
      ? {
          hiddenCost: {
            steps: costBand(
              unshown.reduce((s, r) => s + r.steps, 0),
              unshown.reduce((s, r) => s + r.stepBudget, 0),
            ),
            memory: costBand(Math.max(...unshown.map((r) => r.memoryBytes)), memoryLimit),
          },
        }
      : {}),
    wallMs: performance.now() - started,
    compileMs,
    firstFailure,
    ...(growth ? { growth } : {}),
    ...(explanation ? { explanation } : {}),
  };
  yield { type: 'done', summary };
  return summary;
}

/** The summary's totals over the figures shown (see the top of this file for why never over hidden tests). */
function shownTotals(shown: readonly TestResult[]): { steps: number; maxMemoryBytes: number } {
  return {
    steps: shown.reduce((s, r) => s + (r.steps ?? 0), 0),
    maxMemoryBytes: shown.reduce((m, r) => Math.max(m, r.memoryBytes ?? 0), 0),
  };
}

/** How far past its budget a scale test may run to measure growth. */
export const SCALE_MEASURE_FACTOR = 50;
const scaleCap = (budget: number): number => budget * SCALE_MEASURE_FACTOR;

/** The growth over the scale group, fitted on the steps as shown (so the exponent tells no more than the points). */
function growthFrom(tests: GradableTest[], results: JudgedResult[], reveal: 'samples' | 'all'): Growth | undefined {
  const points = results.flatMap((r) => {
    const t = tests[r.index] as GradableTest;
    if (t.scaleN === undefined || (r.verdict !== 'AC' && r.verdict !== 'TLE' && r.verdict !== 'WA')) return [];
    // A scale test that was not run (after a limit or the wall-clock guard) measured nothing.
    if (wasNotRun(r.message)) return [];
    return [
      {
        n: t.scaleN,
        steps: reveal === 'all' ? r.steps : roundSteps(r.steps),
        referenceSteps: t.referenceSteps ?? 0,
        capped: r.steps >= scaleCap(t.stepBudget),
      },
    ];
  });
  return points.length >= 2 ? growthOf(points) : undefined;
}

function explainTle(
  tests: GradableTest[],
  results: JudgedResult[],
  growth: Growth | undefined,
  wallStops: ReadonlyMap<number, string>,
): string {
  const first = results.find((r) => r.verdict === 'TLE');
  const t = first ? (tests[first.index] as GradableTest) : undefined;
  // The wall clock stops only a test that made no progress or ran past the absolute cap (sandbox/supervisor.ts):
  // say so, not "step budget", which it did not exceed (or not yet).
  const wall = first ? wallStops.get(first.index) : undefined;
  const what = wall ? `was stopped by the wall clock: ${wall}` : 'exceeded its step budget';
  const which =
    first && t
      ? `${t.group === 'sample' ? 'Sample' : 'Hidden'} test ${first.index + 1} ${what}${t.purpose ? ` (it targets ${t.purpose})` : ''}.`
      : 'A test exceeded its step budget.';
  const how = growth ? describeGrowth(growth) : null;
  return how ? `${which} On the scale tests, ${how}.` : which;
}

function emptySummary(verdict: Verdict, total: number, ms: number): GradeSummary {
  return { verdict, passed: 0, total, steps: 0, maxMemoryBytes: 0, wallMs: ms, compileMs: ms, firstFailure: null };
}

/** Turns one raw sandbox run into a test verdict, checking the output on the host. */
function judgeRun(run: RawTestRun, test: GradableTest, sourceMap: string, opts: GradeOptions): JudgedResult {
  const base = {
    index: run.index,
    group: test.group,
    id: test.id,
    name: test.name,
    steps: run.steps,
    stepBudget: test.stepBudget,
    memoryBytes: run.memoryBytes,
    wallMs: Math.round(run.wallMs * 100) / 100,
    console: run.console,
    consoleTruncated: run.consoleTruncated,
    input: test.input,
    expected: test.expected,
    ...(test.scaleN !== undefined ? { scaleN: test.scaleN } : {}),
  };
  const o = run.outcome;
  // A scale test ran on past its budget only to measure growth: over the budget is TLE, as on any other test.
  if (
    test.scaleN !== undefined &&
    run.steps > test.stepBudget &&
    (o.kind === 'returned' || o.kind === 'threw' || (o.kind === 'limit' && o.limit === 'steps'))
  ) {
    return { ...base, verdict: 'TLE', message: 'the step budget was exhausted' };
  }
  switch (o.kind) {
    case 'limit': {
      const verdict: Verdict = o.limit === 'steps' || o.limit === 'wall' ? 'TLE' : o.limit === 'memory' ? 'MLE' : 'OLE';
      return { ...base, verdict, message: o.detail };
    }
    case 'threw': {
      const stack = mapStack(o.stack, sourceMap);
      const hint = runtimeHint(o.name, o.message, { stackBytes: opts.problem.limits.stackBytes });
      const message =
        (o.name === 'MissingEntry' ? o.message : `${o.name}: ${o.message}`) + (hint ? `\nHint: ${hint}` : '');
      return { ...base, verdict: 'RE', message, error: { name: o.name, message: o.message, stack } };
    }
    case 'not-run':
      // Only a job given a stop flag reports these, and gradeSubmission handles them before judging.
      return { ...base, verdict: 'JE', message: o.detail };
    case 'judge-error':
      opts.onJudgeError?.(o.message, { problem: opts.problem.slug, test: test.id });
      return { ...base, verdict: 'JE', message: 'The judge failed on this test (logged). This is not your fault.' };
    case 'returned': {
      let actual: unknown;
      let outcome: CheckOutcome;
      try {
        actual = decodeValue(o.output);
        if (run.consoleTruncated) {
          return { ...base, verdict: 'OLE', actual, message: 'console output exceeded its limit' };
        }
        if (test.expectedDigest !== undefined) {
          if (!opts.digest) throw new Error('test has an expected digest but no digest function was given');
          const ok = opts.digest(canonicalText(actual)) === test.expectedDigest;
          outcome = ok
            ? { ok: true }
            : { ok: false, message: 'the output differs from the expected output (compared by digest)' };
        } else {
          outcome = opts.problem.checkerFor(test.input.fn)({ input: test.input, expected: test.expected, actual });
        }
      } catch (e) {
        opts.onJudgeError?.(`checker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, {
          problem: opts.problem.slug,
          test: test.id,
        });
        return {
          ...base,
          verdict: 'JE',
          actual,
          message: 'The judge failed while checking this test (logged). This is not your fault.',
        };
      }
      return outcome.ok
        ? { ...base, verdict: 'AC', actual }
        : { ...base, verdict: 'WA', actual, message: outcome.message, mismatch: outcome.mismatch };
    }
  }
}

/**
 * What a user may see of a result: everything for samples (and with reveal: 'all'); for hidden tests, see
 * `redactHidden`. `memoryLimitBytes` is the problem's memory limit, for the memory band.
 */
export function present(result: TestResult, reveal: 'samples' | 'all', memoryLimitBytes?: number): TestResult {
  if (result.group === 'sample' || reveal === 'all') return result;
  return redactHidden(result, memoryLimitBytes);
}

/**
 * A hidden test as users see it: index, verdict and its cost in bands; a scale test also its public size and its
 * steps to two significant digits. Idempotent, so it also applies to results stored before bands existed (which
 * carry exact figures and no budget: they come back without a cost).
 */
export function redactHidden(r: TestResult, memoryLimitBytes?: number): TestResult {
  const cost =
    r.cost ??
    (r.steps !== undefined && r.stepBudget !== undefined && r.memoryBytes !== undefined && memoryLimitBytes
      ? { steps: costBand(r.steps, r.stepBudget), memory: costBand(r.memoryBytes, memoryLimitBytes) }
      : undefined);
  return {
    index: r.index,
    group: r.group,
    verdict: r.verdict,
    ...(r.scaleN !== undefined ? { scaleN: r.scaleN } : {}),
    ...(r.scaleN !== undefined && r.steps !== undefined ? { steps: roundSteps(r.steps) } : {}),
    ...(cost ? { cost } : {}),
  };
}

/**
 * A summary as users may see it, given the results as shown: totals over the shown figures only, the growth's
 * points as shown and its exponents fitted on them. Idempotent: it also cleans summaries stored before (whose
 * totals and growth covered hidden tests exactly).
 */
export function redactSummary(summary: GradeSummary, shown: readonly TestResult[]): GradeSummary {
  const growth = summary.growth
    ? growthOf(summary.growth.points.map((p) => ({ ...p, steps: roundSteps(p.steps) })))
    : undefined;
  return { ...summary, ...shownTotals(shown), ...(growth ? { growth } : {}) };
}

/** Runs a grading to the end and returns every result (for tools: build, check, CLI --json). */
export async function gradeToEnd(
  opts: GradeOptions & { reveal: 'all' },
): Promise<{ summary: GradeSummary; results: JudgedResult[]; compileError?: CompileError }>;
export async function gradeToEnd(
  opts: GradeOptions,
): Promise<{ summary: GradeSummary; results: TestResult[]; compileError?: CompileError }>;
export async function gradeToEnd(
  opts: GradeOptions,
): Promise<{ summary: GradeSummary; results: TestResult[]; compileError?: CompileError }> {
  const results: TestResult[] = [];
  let compileError: CompileError | undefined;
  for await (const e of gradeSubmission(opts)) {
    if (e.type === 'test-finished') results.push(e.result);
    else if (e.type === 'compile-error') compileError = e.error;
    else if (e.type === 'done') {
      results.sort((a, b) => a.index - b.index);
      return { summary: e.summary, results, ...(compileError ? { compileError } : {}) };
    }
  }
  throw new Error('grading ended without a done event');
}
