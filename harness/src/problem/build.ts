/**
 * `judge build`: turns a problem's test sources into tests/suite.json. Expected outputs come from the reference
 * solution, run in the same sandbox users get; each test's step budget is calibrated from the slowest accepted
 * solution on that test: max(minStepBudget, ceil(steps × budgetMultiplier)).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalText } from '../check/canonical.ts';
import { tagForJson, encodeValue } from '../codec.ts';
import type { EsbuildApi } from '../compile/transpile.ts';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import { gradeToEnd, type GradableTest, type JudgedResult } from '../grade.ts';
import type { Executor } from '../sandbox/executor.ts';
import { collectTests, validateTests, type CollectedTest } from './collect.ts';
import type { LoadedProblem } from './load.ts';
import type { Suite, SuiteTest } from './manifest.ts';

/** Budget used while measuring: large, so the reference is never cut short. */
export const MEASURE_BUDGET = 5_000_000;
/** Expected outputs larger than this (as JSON) are stored as digests when the checker is exact. */
export const DIGEST_OVER_BYTES = 64 * 1024;

export const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

export function engineTag(engine: string): string {
  return `${engine}@quickjs-emscripten-0.32.0`;
}

export function solutionFiles(problem: LoadedProblem, verdictFolder: string): string[] {
  const dir = path.join(problem.dir, 'solutions', verdictFolder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function budgetFor(problem: LoadedProblem, steps: number): number {
  const l = problem.manifest.limits;
  return Math.max(l.minStepBudget, Math.ceil(steps * l.budgetMultiplier));
}

export interface Measured {
  tests: CollectedTest[];
  reference: JudgedResult[];
  /** Per test: the most steps any accepted solution took. */
  slowestAccepted: number[];
}

/** Runs every accepted solution on every collected test with a large budget. Throws naming the file and test. */
export async function measure(problem: LoadedProblem, esbuild: EsbuildApi, executor: Executor): Promise<Measured> {
  const tests = collectTests(problem);
  const invalid = validateTests(problem, tests);
  if (invalid.length > 0) throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, invalid.join('\n'));
  const gradable: GradableTest[] = tests.map((t) => ({ ...t, stepBudget: MEASURE_BUDGET }));
  const accepted = solutionFiles(problem, 'accepted');
  const refFile = accepted.find((f) => path.basename(f) === 'reference.ts');
  if (!refFile)
    throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `${problem.slug}: solutions/accepted/reference.ts is missing`);
  const slowest = tests.map(() => 0);
  let reference: JudgedResult[] = [];
  for (const file of [refFile, ...accepted.filter((f) => f !== refFile)]) {
    const isRef = file === refFile;
    const source = await readFile(file, 'utf8');
    // The reference defines the expected outputs, so nothing is compared for it: it must only return normally.
    const checkedTests = isRef
      ? gradable.map((t) => ({ ...t, expected: undefined }))
      : gradable.map((t, i) => ({ ...t, expected: reference[i]?.actual }));
    const problemForRun = isRef ? { ...problem, checkerFor: () => () => ({ ok: true as const }) } : problem;
    const { results, compileError } = await gradeToEnd({
      source,
      problem: problemForRun,
      tests: checkedTests,
      esbuild,
      executor,
      reveal: 'all',
    });
    const rel = path.relative(problem.dir, file);
    if (compileError)
      throw new JudgeError(
        ERROR_CODES.PROBLEM_INVALID,
        `${problem.slug}/${rel}:${compileError.line}:${compileError.column}: ${compileError.message}`,
      );
    for (const r of results) {
      const t = tests[r.index] as CollectedTest;
      if (r.verdict !== 'AC') {
        throw new JudgeError(
          ERROR_CODES.PROBLEM_INVALID,
          `${problem.slug}/${rel} on ${t.source} ("${t.name}"): ${r.verdict} ${r.message ?? ''}${r.error?.stack ? `\n${r.error.stack}` : ''}`,
        );
      }
      slowest[r.index] = Math.max(slowest[r.index] ?? 0, r.steps);
    }
    if (isRef) reference = results;
  }
  // Author-given expected outputs must agree with the reference.
  for (const t of tests) {
    if (t.given === undefined) continue;
    const ref = reference[tests.indexOf(t)] as JudgedResult;
    const outcome = problem.checkerFor(t.input.fn)({ input: t.input, expected: t.given, actual: ref.actual });
    if (!outcome.ok) {
      throw new JudgeError(
        ERROR_CODES.PROBLEM_INVALID,
        `${problem.slug}/${t.source} ("${t.name}"): the reference disagrees with the given expected output: ${outcome.message}`,
      );
    }
  }
  return { tests, reference, slowestAccepted: slowest };
}

function usesExactChecker(problem: LoadedProblem, fn: string): boolean {
  const entry = problem.manifest.entries.find((e) => e.name === fn);
  return (entry?.checker ?? problem.manifest.checker).name === 'exact';
}

export function suiteFrom(problem: LoadedProblem, m: Measured, engine: string): Suite {
  const tests: SuiteTest[] = m.tests.map((t, i) => {
    const actual = (m.reference[i] as JudgedResult).actual;
    const big =
      encodeValue(actual).length > DIGEST_OVER_BYTES && usesExactChecker(problem, t.input.fn) && t.group === 'hidden';
    return {
      id: t.id,
      group: t.group,
      name: t.name,
      source: t.source,
      input: tagForJson(t.input) as SuiteTest['input'],
      ...(big ? { expectedDigest: sha256(canonicalText(actual)) } : { expected: tagForJson(actual) }),
      referenceSteps: (m.reference[i] as JudgedResult).steps,
      stepBudget: budgetFor(problem, m.slowestAccepted[i] ?? 0),
      ...(t.scaleN !== undefined ? { scaleN: t.scaleN } : {}),
      ...(t.purpose !== undefined ? { purpose: t.purpose } : {}),
    };
  });
  return { engine: engineTag(engine), tests };
}

export async function buildProblem(
  problem: LoadedProblem,
  esbuild: EsbuildApi,
  executor: Executor,
  engine: string,
): Promise<Suite> {
  const suite = suiteFrom(problem, await measure(problem, esbuild, executor), engine);
  await writeFile(path.join(problem.dir, 'tests', 'suite.json'), `${JSON.stringify(suite, null, 1)}\n`);
  return suite;
}
