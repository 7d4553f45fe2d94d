/**
 * `judge check` (verify-package.ts; harness/src/check/ holds the output checkers): verifies a problem package end to
 * end — schema, statement, starter, no scaffold placeholders, only verdict folders under solutions/, samples (and
 * every given expected output) agreeing with the reference, every input against the validator, the reference
 * reproducing the stored suite, budgets calibrated from data, a scale group, every entry called by some test, the
 * statement's stated limits reached by the tests, every stored solution getting exactly its folder's verdict,
 * headroom (accepted solutions within 1/3 of every budget), separation (TLE solutions still TLE with 3x the budget)
 * and the null baselines (baselines.ts) all failing. With `mutants`, also the mutation score (mutation.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { missingEntries, transpile, type EsbuildApi } from '../compile/transpile.ts';
import { JudgeError } from '../errors.ts';
import { gradeToEnd, type GradableTest, type JudgedResult } from '../grade.ts';
import type { Executor } from '../sandbox/executor.ts';
import { wasNotRun } from '../sandbox/job.ts';
import type { Verdict } from '../verdict.ts';
import { describeBaseline, runNullBaselines, type BaselineResult } from './baselines.ts';
import { measure, sha256, solutionFiles, suiteFrom } from './build.ts';
import { materialiseArgs } from './collect.ts';
import { suiteTests, type LoadedProblem } from './load.ts';
import { DEFAULT_MUTANT_CAP, mutationAnalysis, type MutationReport } from './mutation.ts';
import { limitUses, MIN_LIMIT_USE, statedBounds, type LimitUse } from './stated-limits.ts';

export const VERDICT_FOLDERS: Record<string, Verdict> = {
  accepted: 'AC',
  wrong_answer: 'WA',
  time_limit_exceeded: 'TLE',
  memory_limit_exceeded: 'MLE',
  runtime_error: 'RE',
  output_limit_exceeded: 'OLE',
  compile_error: 'CE',
};

/**
 * Separation: a TLE solution must still time out with this much more budget, so a verdict separates complexity
 * classes, not constant factors (issue 10).
 */
export const TLE_MARGIN = 3;
/** Headroom: no accepted solution may use more than this share of any test's budget. */
export const MAX_BUDGET_SHARE = 1 / 3;
/** Scale group: at least this many scale tests (geometric sizes) per problem. */
export const MIN_SCALE_TESTS = 4;
/** Files where a scaffold placeholder must not survive. */
const PLACEHOLDER_FILES = [
  'problem.json',
  'statement.md',
  'starter.ts',
  'generator.ts',
  'driver.ts',
  'validator.ts',
  'checker.ts',
];

/** A mutation score under this share is a warning (issue 12: aim for ≥ 90% of non-equivalent mutants killed). */
export const MIN_MUTATION_SCORE = 0.9;

export interface CheckReport {
  slug: string;
  errors: string[];
  /** Worth a look, not a failure (a baseline that cannot apply, a low mutation score). */
  warnings: string[];
  lines: string[];
  /** The null baselines (absent when the check stopped before them). */
  baselines?: BaselineResult[];
  /** The statement's stated limits that resolve in the tests, with the largest value the tests use. */
  limits?: LimitUse[];
  /** With `mutants`: the mutation score. */
  mutation?: MutationReport;
}

export interface CheckOptions {
  /** Also grade mutants of the reference (`judge check --mutants`). */
  mutants?: boolean;
  /** At most this many mutants per problem (default DEFAULT_MUTANT_CAP). */
  maxMutants?: number;
  /** Gradings in flight at once for baselines and mutants (default 2). */
  parallel?: number;
}

export async function checkProblem(
  problem: LoadedProblem,
  esbuild: EsbuildApi,
  executor: Executor,
  engine: string,
  opts: CheckOptions = {},
): Promise<CheckReport> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const lines: string[] = [];
  const slug = problem.slug;

  if (problem.statement.trim().length < 50) errors.push(`${slug}/statement.md is (nearly) empty`);
  for (const f of PLACEHOLDER_FILES) {
    const file = path.join(problem.dir, f);
    if (!existsSync(file)) continue;
    const text = await readFile(file, 'utf8');
    const line = text.split('\n').findIndex((l) => /\bTODO\b/.test(l));
    if (line >= 0) errors.push(`${slug}/${f}:${line + 1}: a scaffold placeholder (TODO) is still there`);
  }
  const solutionsDir = path.join(problem.dir, 'solutions');
  if (existsSync(solutionsDir)) {
    for (const entry of readdirSync(solutionsDir, { withFileTypes: true })) {
      if (!entry.isDirectory())
        errors.push(`${slug}/solutions/${entry.name}: only verdict folders belong under solutions/`);
      else if (!(entry.name in VERDICT_FOLDERS))
        errors.push(
          `${slug}/solutions/${entry.name}/ is not a verdict folder (${Object.keys(VERDICT_FOLDERS).join(', ')}): its solutions would never be checked`,
        );
    }
  }
  const starter = await transpile(esbuild, problem.starter);
  if (!starter.ok)
    errors.push(`${slug}/starter.ts:${starter.error.line}:${starter.error.column}: ${starter.error.message}`);
  else {
    const missing = missingEntries(starter.value, problem.entries);
    if (missing.length > 0) errors.push(`${slug}/starter.ts does not define ${missing.join(', ')}`);
  }
  if (problem.samples.length === 0) errors.push(`${slug}/tests/samples.json: at least one sample is required`);
  if (!problem.suite) {
    errors.push(`${slug}/tests/suite.json is missing: run \`npx judge build problems/${slug}\``);
    return { slug, errors, warnings, lines };
  }

  // The reference (and every accepted solution) on freshly collected tests, compared with the stored suite.
  let measured;
  try {
    measured = await measure(problem, esbuild, executor);
  } catch (e) {
    if (e instanceof JudgeError) {
      errors.push(e.message);
      return { slug, errors, warnings, lines };
    }
    throw e;
  }
  const rebuilt = suiteFrom(problem, measured, engine);
  const stored = new Map(problem.suite.tests.map((t) => [t.id, t]));
  if (problem.suite.engine !== rebuilt.engine)
    errors.push(`${slug}/tests/suite.json was built for ${problem.suite.engine}, not ${rebuilt.engine}: rebuild it`);
  if (problem.suite.tests.length !== rebuilt.tests.length) {
    errors.push(
      `${slug}/tests/suite.json has ${problem.suite.tests.length} tests, the sources give ${rebuilt.tests.length}: run \`npx judge build problems/${slug}\``,
    );
  }
  for (const t of rebuilt.tests) {
    const s = stored.get(t.id);
    const where = `${slug}/tests/suite.json test ${t.id} ("${t.name}", from ${t.source})`;
    if (!s) continue;
    if (JSON.stringify(s.input) !== JSON.stringify(t.input))
      errors.push(`${where}: stored input differs from its source: rebuild`);
    else if (JSON.stringify(s.expected) !== JSON.stringify(t.expected) || s.expectedDigest !== t.expectedDigest)
      errors.push(`${where}: the reference does not reproduce the stored expected output`);
    else if (s.stepBudget !== t.stepBudget)
      errors.push(
        `${where}: step budget ${s.stepBudget} is not calibrated (accepted solutions now give ${t.stepBudget}): rebuild`,
      );
  }
  const hiddenCount = rebuilt.tests.filter((t) => t.group === 'hidden').length;
  const scaleCount = rebuilt.tests.filter((t) => t.scaleN !== undefined).length;
  lines.push(
    `${slug}: ${rebuilt.tests.length - hiddenCount} samples, ${hiddenCount} hidden tests (${scaleCount} in the scale group)`,
  );
  if (scaleCount < MIN_SCALE_TESTS)
    errors.push(
      `${slug}/generator.ts: the scale group has ${scaleCount} cases; give at least ${MIN_SCALE_TESTS} with \`scale: true\` at geometric sizes`,
    );

  for (const e of problem.entries)
    if (!measured.tests.some((t) => t.input.fn === e))
      errors.push(`${slug}: no test calls ${e}: give it samples and hidden tests`);

  // The statement's stated limits against the largest values the tests use.
  const limits = limitUses(
    statedBounds(problem.statement, problem.entries),
    problem.manifest.entries,
    measured.tests,
    (input) => materialiseArgs(problem, input),
  );
  for (const u of limits) {
    const { bound: b } = u;
    if (u.max > b.bound)
      errors.push(
        `${slug}/statement.md:${b.line}: states \`${b.text}\` but test ${u.test} has ${b.name} = ${u.max} (mark it expectError, or fix the statement)`,
      );
    else if (u.max < b.bound * MIN_LIMIT_USE)
      errors.push(
        `${slug}/statement.md:${b.line}: states \`${b.text}\` but the largest test has ${b.name} = ${u.max} (test ${u.test}): add a test near the limit, or state the limit the tests use`,
      );
  }
  if (limits.length > 0)
    lines.push(
      `${slug}: stated limits reached by the tests: ${limits.map((u) => `${u.bound.name} ${u.max}/${u.bound.bound}`).join(', ')}`,
    );

  // Every stored solution gets exactly its folder's verdict, on the stored suite.
  const tests = suiteTests(problem, 'all');
  const digest = sha256;
  let headroom = { share: 0, file: '', test: '' };
  const separations: string[] = [];
  for (const [folder, expected] of Object.entries(VERDICT_FOLDERS)) {
    for (const file of solutionFiles(problem, folder)) {
      const rel = path.relative(problem.dir, file);
      const source = await readFile(file, 'utf8');
      const { summary, results } = await gradeToEnd({
        source,
        problem,
        tests,
        esbuild,
        executor,
        reveal: 'all',
        digest,
        stopAfterLimit: true,
        // Accepted solutions give the headroom and TLE ones the growth: they run every test. For the others only
        // the verdict counts, and it is the first failing test's.
        stopAfterFailure: expected !== 'AC' && expected !== 'TLE',
      });
      const firstBad = results.find((r) => r.verdict !== 'AC');
      const detail = firstBad
        ? ` (first failure: test ${firstBad.id} "${firstBad.name}": ${firstBad.verdict} ${firstBad.message ?? ''})`
        : '';
      if (summary.verdict !== expected) {
        errors.push(`${slug}/${rel}: expected ${expected}, got ${summary.verdict}${detail}`);
        continue;
      }
      const growth = summary.growth?.exponent != null ? `, growth n^${summary.growth.exponent.toFixed(2)}` : '';
      if (folder === 'accepted') {
        // Headroom: the share of each test's budget this accepted solution uses (scale tests by their budget).
        let worst = { share: 0, test: '' };
        for (const r of results) {
          const t = tests[r.index] as GradableTest;
          const share = r.steps / t.stepBudget;
          if (share > worst.share) worst = { share, test: t.id };
        }
        if (worst.share > headroom.share) headroom = { share: worst.share, file: rel, test: worst.test };
        if (worst.share > MAX_BUDGET_SHARE + 1e-9)
          errors.push(
            `${slug}/${rel}: uses ${(worst.share * 100).toFixed(0)}% of the budget of test ${worst.test}; accepted solutions must stay within ${(MAX_BUDGET_SHARE * 100).toFixed(0)}% (rebuild: budgets come from the slowest accepted solution)`,
          );
        if (path.basename(file) === 'reference.ts') {
          const hidden = results.filter((r) => r.group === 'hidden');
          lines.push(
            `${slug}: reference hidden suite: ${hidden.reduce((s, r) => s + r.steps, 0)} steps, ` +
              `${Math.round(hidden.reduce((s, r) => s + (r.wallMs ?? 0), 0))} ms in the sandbox, ${Math.round(summary.wallMs)} ms graded end to end${growth}`,
          );
        }
      }
      if (expected === 'TLE') {
        const margin = await separation({ source, problem, tests, esbuild, executor, digest, results });
        if (margin.verdict !== 'TLE')
          errors.push(
            `${slug}/${rel}: gets ${margin.verdict} with ${TLE_MARGIN}x the step budget; a TLE solution must need more (add a larger test, or a scale test where the complexity gap is ≥ 10x)`,
          );
        else separations.push(`${rel} still TLE with ${TLE_MARGIN}x the budget (test ${margin.test})${growth}`);
      }
      lines.push(`${slug}: ${rel} → ${summary.verdict}${expected === 'AC' ? growth : detail}`);
    }
  }
  lines.push(
    `${slug}: headroom: the slowest accepted solution uses at most ${(headroom.share * 100).toFixed(1)}% of a test's budget (${headroom.file}, test ${headroom.test}); limit ${(MAX_BUDGET_SHARE * 100).toFixed(0)}%`,
  );
  for (const sep of separations) lines.push(`${slug}: separation: ${sep}`);

  const baselinesStarted = performance.now();
  const baselines = await runNullBaselines(problem, esbuild, executor, { parallel: opts.parallel ?? 2 });
  reportBaselines(slug, baselines, performance.now() - baselinesStarted, { errors, warnings, lines });

  let mutation: MutationReport | undefined;
  if (opts.mutants) {
    mutation = await mutationAnalysis(problem, esbuild, executor, {
      cap: opts.maxMutants ?? DEFAULT_MUTANT_CAP,
      parallel: opts.parallel ?? 2,
    });
    reportMutation(slug, mutation, { warnings, lines });
  }
  return { slug, errors, warnings, lines, baselines, limits, ...(mutation ? { mutation } : {}) };
}

function reportBaselines(
  slug: string,
  baselines: BaselineResult[],
  ms: number,
  out: { errors: string[]; warnings: string[]; lines: string[] },
): void {
  const caught = baselines.filter((b) => b.status === 'caught');
  const byTest = new Map<string, number>();
  for (const b of caught) byTest.set(b.caughtBy!.id, (byTest.get(b.caughtBy!.id) ?? 0) + 1);
  const ran = baselines.filter((b) => b.status !== 'not-applicable' || b.warn).length;
  out.lines.push(
    `${slug}: null baselines: ${caught.length} of ${ran} caught (first failing test: ${[...byTest]
      .map(([id, n]) => `${id} ×${n}`)
      .join(', ')}) in ${(ms / 1000).toFixed(1)} s`,
  );
  const skipped = baselines.filter((b) => b.status === 'not-applicable' && !b.warn);
  if (skipped.length > 0)
    out.lines.push(
      `${slug}: null baselines not applicable: ${skipped.map((b) => `${b.kind} for ${b.entry} (${b.reason})`).join('; ')}`,
    );
  for (const b of baselines) {
    if (b.status === 'passed')
      out.errors.push(`${slug}: the null baseline "${describeBaseline(b)}" passes: ${b.reason ?? ''}`);
    else if (b.status === 'judge-error')
      out.errors.push(`${slug}: the null baseline "${describeBaseline(b)}" could not be graded: ${b.reason ?? ''}`);
    else if (b.warn) out.warnings.push(`${slug}: the null baseline "${describeBaseline(b)}" passes: ${b.reason ?? ''}`);
  }
}

function reportMutation(slug: string, m: MutationReport, out: { warnings: string[]; lines: string[] }): void {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const real = m.survived.filter((s) => !s.likelyEquivalent);
  out.lines.push(
    `${slug}: mutants: score ${pct(m.score)}: ${m.killed} killed, ${real.length} survived, ${m.likelyEquivalent} likely equivalent` +
      ` (${m.graded} graded of ${m.found} found${m.stillborn ? `, ${m.stillborn} did not compile` : ''}; ` +
      `survivors compared on ${m.extraInputs} fresh generator inputs) in ${(m.ms / 1000).toFixed(1)} s`,
  );
  for (const s of real) {
    const where = s.differsOn
      ? `it fails (${s.differsOn.verdict}) on generator case "${s.differsOn.case}" with seed ${s.differsOn.seed}: add that input as a test`
      : 'no fresh generator input told it apart';
    out.lines.push(`${slug}: surviving mutant #${s.id} (${s.operator}: ${s.description}); ${where}`);
    out.lines.push(...s.diff.split('\n').map((l) => `    ${l}`));
  }
  const eq = m.survived.filter((s) => s.likelyEquivalent);
  if (eq.length > 0)
    out.lines.push(
      `${slug}: likely equivalent: ${eq.map((s) => `#${s.id} line ${s.line} ${s.description}`).join('; ')}`,
    );
  if (m.score !== null && m.score < MIN_MUTATION_SCORE)
    out.warnings.push(
      `${slug}: mutation score ${pct(m.score)} is under ${pct(MIN_MUTATION_SCORE)}: the surviving mutants above show which tests to add`,
    );
}

/**
 * Whether a TLE solution still needs more than TLE_MARGIN x the budget, and on which test. Steps are deterministic,
 * so a scale test the first run measured past the margin (it runs on past its budget to measure growth) settles it
 * with no new run. Otherwise only the tests that were not AC run again, with the margin, until one is still TLE:
 * the others passed within their budget already. (Running the whole suite again with tripled budgets cost this check
 * ~10 s per TLE solution on registry-repair, the long-path tests taking 3x ~5,700 steps each.)
 */
async function separation(o: {
  source: string;
  problem: LoadedProblem;
  tests: GradableTest[];
  esbuild: EsbuildApi;
  executor: Executor;
  digest: (text: string) => string;
  results: JudgedResult[];
}): Promise<{ verdict: Verdict; test: string }> {
  const tleOf = (r: JudgedResult): GradableTest | null =>
    r.verdict === 'TLE' ? (o.tests[r.index] as GradableTest) : null;
  const measured = o.results.find((r) => {
    const t = tleOf(r);
    return t !== null && t.scaleN !== undefined && r.steps > TLE_MARGIN * t.stepBudget;
  });
  if (measured) return { verdict: 'TLE', test: (o.tests[measured.index] as GradableTest).id };
  // The tests that were TLE first, then those the first run did not reach after its first limit; a test that passed
  // within its budget passes within more.
  const roomier = (r: JudgedResult): GradableTest[] => {
    const t = tleOf(r);
    return t ? [{ ...t, stepBudget: Math.ceil(t.stepBudget * TLE_MARGIN) }] : [];
  };
  const again = [
    ...o.results.filter((r) => !wasNotRun(r.message)).flatMap(roomier),
    ...o.results.filter((r) => wasNotRun(r.message)).flatMap(roomier),
  ];
  if (again.length === 0) return { verdict: 'AC', test: '?' };
  const { summary, results } = await gradeToEnd({
    source: o.source,
    problem: o.problem,
    tests: again,
    esbuild: o.esbuild,
    executor: o.executor,
    reveal: 'all',
    digest: o.digest,
    stopAfterLimit: true,
    // Only the verdict counts (the growth was measured in the first run): scale tests keep their budget, and the
    // first failure ends the run.
    stopAfterFailure: true,
  });
  const at = results.find((r) => r.verdict === 'TLE');
  return { verdict: summary.verdict, test: at ? (again[at.index] as GradableTest).id : '?' };
}
