/**
 * The reference solution as an oracle, for feedback beyond the suite (issue 15): the expected output of an input the
 * user wrote, and the expected outputs a counterexample search compares against. Inputs are checked by the problem's
 * validator first (on the host, with spec inputs materialised by the driver), so an input outside the constraints
 * gets the validator's message, never an output. The reference runs in the same sandbox as any solution, many inputs
 * to one session (one job), and its source never leaves the caller.
 */
import type { CompileError, EsbuildApi } from '../compile/transpile.ts';
import { gradeToEnd, type GradableProblem, type GradableTest, type TestResult } from '../grade.ts';
import type { TestInput } from '../problem/authoring.ts';
import type { LoadedProblem } from '../problem/load.ts';
import type { Executor } from '../sandbox/executor.ts';

/** What feedback needs of a loaded problem. */
export type FeedbackProblem = GradableProblem &
  Pick<LoadedProblem, 'manifest' | 'samples' | 'suite' | 'generator' | 'validator' | 'hostDriver'>;

export interface OracleContext {
  problem: FeedbackProblem;
  /** The reference solution's TypeScript source (solutions/accepted/reference.ts). */
  referenceSource: string;
  esbuild: EsbuildApi;
  executor: Executor;
  /** Judge faults, with context (the caller logs them). */
  onJudgeError?: (message: string, context: Record<string, unknown>) => void;
}

/**
 * Steps the reference may take on one of the user's inputs: 4× the most it takes on any suite test (the largest
 * inputs the constraints allow), at least the problem's minimum budget.
 */
export function referenceBudget(problem: FeedbackProblem): number {
  const steps = (problem.suite?.tests ?? []).map((t) => t.referenceSteps ?? 0);
  return Math.max(problem.manifest.limits.minStepBudget, 4 * Math.max(0, ...steps));
}
/**
 * The wall-clock guard per test in feedback runs (a window without progress: a long native call, see
 * sandbox/supervisor.ts): inputs are small, so a long native call is a hang, not work. Interpreted code is bounded by
 * its step budget.
 */
export const FEEDBACK_WALL_MS = 2000;

/** The arguments an input's function is called with, or why there are none (a spec the driver refuses). */
function argsOf(problem: FeedbackProblem, input: TestInput): unknown[] {
  if (input.args) return input.args;
  const build = problem.hostDriver?.buildArgs;
  if (!build) throw new Error('this problem takes "args", not a "spec"');
  return build(input.fn, input.spec);
}

/** null when `input` is a valid input of the problem; otherwise what is wrong with it, in the validator's words. */
export function checkInput(problem: FeedbackProblem, input: TestInput): string | null {
  if (!problem.entries.includes(input.fn)) return `"fn" must be one of ${problem.entries.join(', ')}`;
  if ((input.args === undefined) === (input.spec === undefined)) return 'give exactly one of "args" and "spec"';
  if (input.args !== undefined && !Array.isArray(input.args)) return '"args" must be an array';
  try {
    const args = argsOf(problem, input);
    problem.validator?.validate(input, args);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export type ReferenceRun =
  { ok: true; expected: unknown; steps: number } | { ok: false; message: string; verdict: TestResult['verdict'] };

/** Limits of feedback runs: the problem's, with a shorter wall-clock guard. */
function feedbackProblem(problem: FeedbackProblem, checks: boolean): GradableProblem {
  return {
    slug: problem.slug,
    entries: problem.entries,
    driverJs: problem.driverJs,
    limits: { ...problem.limits, wallMs: Math.min(problem.limits.wallMs, FEEDBACK_WALL_MS) },
    // The reference defines the expected output: nothing is compared for it (as in judge build).
    checkerFor: checks ? (fn) => problem.checkerFor(fn) : () => () => ({ ok: true as const }),
  };
}

/** Runs the reference on valid inputs, all in one sandbox session. */
export async function runReference(
  ctx: OracleContext,
  inputs: TestInput[],
  stepBudget = referenceBudget(ctx.problem),
): Promise<ReferenceRun[]> {
  if (inputs.length === 0) return [];
  const tests: GradableTest[] = inputs.map((input, i) => ({
    id: `input-${i + 1}`,
    group: 'sample',
    name: `input ${i + 1}`,
    input,
    stepBudget,
  }));
  const { results, compileError } = await gradeToEnd({
    source: ctx.referenceSource,
    problem: feedbackProblem(ctx.problem, false),
    tests,
    esbuild: ctx.esbuild,
    executor: ctx.executor,
    reveal: 'all',
    ...(ctx.onJudgeError ? { onJudgeError: ctx.onJudgeError } : {}),
  });
  if (compileError) throw new Error(`${ctx.problem.slug}: the reference does not compile: ${compileError.message}`);
  return inputs.map((_, i) => {
    const r = results[i];
    if (r?.verdict === 'AC') return { ok: true, expected: r.actual, steps: r.steps };
    // Only the first line of an error (no stack: the reference's source stays on the server).
    const message = r?.error ? `${r.error.name}: ${r.error.message}` : (r?.message ?? 'not run');
    return { ok: false, verdict: r?.verdict ?? 'JE', message: message.split('\n')[0] ?? message };
  });
}

export type ExpectedOutput =
  | { status: 'ok'; expected: unknown }
  | { status: 'invalid'; message: string }
  | { status: 'reference-failed'; message: string };

/**
 * The reference's output for each of the user's inputs (§1 of issue 15): invalid inputs get the validator's message,
 * valid ones the reference's output, computed in one sandbox session.
 */
export async function expectedOutputs(ctx: OracleContext, inputs: TestInput[]): Promise<ExpectedOutput[]> {
  const problems = inputs.map((input) => checkInput(ctx.problem, input));
  const valid = inputs.filter((_, i) => problems[i] === null);
  const runs = await runReference(ctx, valid);
  let next = 0;
  return inputs.map((_, i): ExpectedOutput => {
    const problem = problems[i];
    if (problem !== null && problem !== undefined) return { status: 'invalid', message: problem };
    const run = runs[next++] as ReferenceRun;
    return run.ok
      ? { status: 'ok', expected: run.expected }
      : { status: 'reference-failed', message: `the reference did not return (${run.verdict}): ${run.message}` };
  });
}

/** Runs `source` on inputs without checking its outputs (the reference may run at the same time); one session. */
export async function runUnchecked(
  ctx: OracleContext,
  source: string,
  inputs: TestInput[],
  stepBudget: number,
  /** Stop at the first input that ends on a limit (the rest come back "not run"): a loop costs one input, not all. */
  stopAfterLimit = false,
): Promise<{ results: TestResult[]; compileError?: CompileError }> {
  const tests: GradableTest[] = inputs.map((input, i) => ({
    id: `input-${i + 1}`,
    group: 'sample',
    name: `input ${i + 1}`,
    input,
    stepBudget,
  }));
  return gradeToEnd({
    source,
    problem: feedbackProblem(ctx.problem, false),
    tests,
    esbuild: ctx.esbuild,
    executor: ctx.executor,
    reveal: 'all',
    stopAfterLimit,
    ...(ctx.onJudgeError ? { onJudgeError: ctx.onJudgeError } : {}),
  });
}

/** A test the sandbox did not run because an earlier one ended on a limit (see SandboxJob.stopAfterLimit). */
export function notRun(r: TestResult): boolean {
  return r.steps === 0 && (r.message ?? '').startsWith('not run:');
}

/**
 * A run of `runUnchecked` judged against the expected output, on the host, as grade.ts judges a test: a run that
 * returned is checked by the problem's checker (WA with the first difference); any other verdict stands.
 */
export function judgeAgainst(ctx: OracleContext, result: TestResult, expected: unknown): TestResult {
  const judged: TestResult = { ...result, expected };
  if (result.verdict !== 'AC') return judged;
  const input = result.input as TestInput;
  try {
    const outcome = ctx.problem.checkerFor(input.fn)({ input, expected, actual: result.actual });
    return outcome.ok
      ? judged
      : {
          ...judged,
          verdict: 'WA',
          message: outcome.message,
          ...(outcome.mismatch ? { mismatch: outcome.mismatch } : {}),
        };
  } catch (e) {
    ctx.onJudgeError?.(`checker failed: ${e instanceof Error ? e.message : String(e)}`, { problem: ctx.problem.slug });
    return { ...judged, verdict: 'JE', message: 'The judge failed while checking this input (logged).' };
  }
}
