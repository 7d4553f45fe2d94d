/**
 * Runs a solution on a problem's samples (and the user's custom inputs) in this browser, with the same engine and
 * limits as the server: esbuild-wasm to compile, QuickJS in a Web Worker to run, the problem's checkers on the page.
 * Hidden tests never come here; custom inputs are only run and shown, unless the server gave the reference's output
 * for them (issue 15 §1): then they are checked like samples.
 */
import type { ProblemDetail } from '../../../server/src/contract.ts';
import { reviveTags } from '../../../harness/src/codec.ts';
import { makeChecker, type CheckOutcome } from '../../../harness/src/check/checkers.ts';
import {
  gradeSubmission,
  type GradableProblem,
  type GradableTest,
  type GradeEvent,
} from '../../../harness/src/grade.ts';
import type { TestInput } from '../../../harness/src/problem/authoring.ts';
import { BrowserWorkerExecutor } from '../../../harness/src/browser/worker-executor.ts';
import { browserEsbuild, warmBrowserEsbuild } from '../../../harness/src/browser/esbuild.ts';

import type { CustomInput } from './parse-custom.ts';

export type { CustomInput };

/** Marks a custom input without an expected value: its checker always passes (the result shows as "ran"). */
export const CUSTOM = Symbol('custom input');

let executor: BrowserWorkerExecutor | null = null;
function sharedExecutor(): BrowserWorkerExecutor {
  executor ??= new BrowserWorkerExecutor({ onIncident: (m) => console.warn(`[judge] ${m}`) });
  return executor;
}

/** Starts the sandbox worker and warms esbuild in idle time; call once the page is up. */
export function prepareEngine(): Promise<void> {
  const a = sharedExecutor().ready();
  const b = warmBrowserEsbuild().then(() => undefined);
  return Promise.all([a, b]).then(() => undefined);
}

export function gradableProblem(problem: ProblemDetail): GradableProblem {
  const checkers = new Map<string, (c: { input: TestInput; expected: unknown; actual: unknown }) => CheckOutcome>();
  for (const e of problem.entries) {
    // A custom checker's code stays on the server: here such samples are only run (the server judges them).
    const check = e.checker.name === 'custom' ? () => ({ ok: true as const }) : makeChecker(e.checker);
    checkers.set(e.name, (c) => check({ ...c, args: e.checker.args ?? {} }));
  }
  return {
    slug: problem.slug,
    entries: problem.entries.map((e) => e.name),
    driverJs: problem.runner.driverJs,
    limits: problem.runner.sandboxLimits,
    checkerFor(fn) {
      const check = checkers.get(fn);
      return (c) => {
        if (c.expected === CUSTOM) return { ok: true };
        if (!check) throw new Error(`no checker for ${fn}`);
        return check(c);
      };
    },
  };
}

/** Stops the Run in progress (a long test): the sandbox worker is replaced. */
export function stopRun(): void {
  executor?.cancelCurrent();
}

/** The tests of a browser run: the samples, then the custom inputs (named `custom 1`, ...). */
export function browserTests(problem: ProblemDetail, customInputs: CustomInput[]): GradableTest[] {
  const samples: GradableTest[] = problem.samples.map((s) => ({
    id: `sample-${s.index}`,
    group: 'sample',
    name: s.name,
    input: reviveTags(s.input) as TestInput,
    expected: reviveTags(s.expected),
    stepBudget: s.stepBudget,
  }));
  // Custom inputs get the largest sample budget times 10 (at least 10^6 steps): they are for exploring, not timing.
  const budget = Math.max(1_000_000, ...problem.samples.map((s) => s.stepBudget * 10));
  // A custom input whose expected output the server gave (from the reference) is checked like a sample.
  const custom: GradableTest[] = customInputs.map((c, i) => ({
    id: `custom-${i + 1}`,
    group: 'sample',
    name: `custom ${i + 1}`,
    input: { fn: c.fn, args: reviveTags(c.args) as unknown[] },
    expected: c.expected ? c.expected.value : CUSTOM,
    stepBudget: budget,
  }));
  return [...samples, ...custom];
}

export function isCustomTestIndex(problem: ProblemDetail, index: number): boolean {
  return index >= problem.samples.length;
}

export interface RunInBrowserOptions {
  source: string;
  problem: ProblemDetail;
  customInputs?: CustomInput[];
}

/** Grades the samples and custom inputs in the browser; a stream of the same events the server sends. */
export async function* runInBrowser(opts: RunInBrowserOptions): AsyncGenerator<GradeEvent> {
  const esbuild = await browserEsbuild();
  const tests = browserTests(opts.problem, opts.customInputs ?? []);
  yield* gradeSubmission({
    source: opts.source,
    problem: gradableProblem(opts.problem),
    tests,
    esbuild,
    executor: sharedExecutor(),
    reveal: 'all',
    onJudgeError: (message) => console.error(`[judge] ${message}`),
  });
}

export { parseCustomInputs } from './parse-custom.ts';
