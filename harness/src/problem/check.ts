/**
 * `judge check`: verifies a problem package end to end — schema, statement, starter, samples, every input against
 * the validator, the reference reproducing the stored suite, budgets calibrated from data, and every stored
 * solution getting exactly its folder's verdict (TLE solutions even with 1.5x the budget).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { missingEntries, transpile, type EsbuildApi } from '../compile/transpile.ts';
import { JudgeError } from '../errors.ts';
import { gradeToEnd, type GradableTest } from '../grade.ts';
import type { Executor } from '../sandbox/executor.ts';
import type { Verdict } from '../verdict.ts';
import { measure, sha256, solutionFiles, suiteFrom } from './build.ts';
import { suiteTests, type LoadedProblem } from './load.ts';

export const VERDICT_FOLDERS: Record<string, Verdict> = {
  accepted: 'AC',
  wrong_answer: 'WA',
  time_limit_exceeded: 'TLE',
  memory_limit_exceeded: 'MLE',
  runtime_error: 'RE',
  output_limit_exceeded: 'OLE',
  compile_error: 'CE',
};

/** A TLE solution must still time out with this much more budget, so its verdict is robust. */
export const TLE_MARGIN = 1.5;

export interface CheckReport {
  slug: string;
  errors: string[];
  lines: string[];
}

export async function checkProblem(problem: LoadedProblem, esbuild: EsbuildApi, executor: Executor, engine: string): Promise<CheckReport> {
  const errors: string[] = [];
  const lines: string[] = [];
  const slug = problem.slug;

  if (problem.statement.trim().length < 50) errors.push(`${slug}/statement.md is (nearly) empty`);
  const starter = await transpile(esbuild, problem.starter);
  if (!starter.ok) errors.push(`${slug}/starter.ts:${starter.error.line}:${starter.error.column}: ${starter.error.message}`);
  else {
    const missing = missingEntries(starter.value, problem.entries);
    if (missing.length > 0) errors.push(`${slug}/starter.ts does not define ${missing.join(', ')}`);
  }
  if (problem.samples.length === 0) errors.push(`${slug}/tests/samples.json: at least one sample is required`);
  if (!problem.suite) {
    errors.push(`${slug}/tests/suite.json is missing: run \`npx judge build problems/${slug}\``);
    return { slug, errors, lines };
  }

  // The reference (and every accepted solution) on freshly collected tests, compared with the stored suite.
  let measured;
  try {
    measured = await measure(problem, esbuild, executor);
  } catch (e) {
    if (e instanceof JudgeError) {
      errors.push(e.message);
      return { slug, errors, lines };
    }
    throw e;
  }
  const rebuilt = suiteFrom(problem, measured, engine);
  const stored = new Map(problem.suite.tests.map((t) => [t.id, t]));
  if (problem.suite.engine !== rebuilt.engine) errors.push(`${slug}/tests/suite.json was built for ${problem.suite.engine}, not ${rebuilt.engine}: rebuild it`);
  if (problem.suite.tests.length !== rebuilt.tests.length) {
    errors.push(`${slug}/tests/suite.json has ${problem.suite.tests.length} tests, the sources give ${rebuilt.tests.length}: run \`npx judge build problems/${slug}\``);
  }
  for (const t of rebuilt.tests) {
    const s = stored.get(t.id);
    const where = `${slug}/tests/suite.json test ${t.id} ("${t.name}", from ${t.source})`;
    if (!s) continue;
    if (JSON.stringify(s.input) !== JSON.stringify(t.input)) errors.push(`${where}: stored input differs from its source: rebuild`);
    else if (JSON.stringify(s.expected) !== JSON.stringify(t.expected) || s.expectedDigest !== t.expectedDigest) errors.push(`${where}: the reference does not reproduce the stored expected output`);
    else if (s.stepBudget !== t.stepBudget) errors.push(`${where}: step budget ${s.stepBudget} is not calibrated (accepted solutions now give ${t.stepBudget}): rebuild`);
  }
  const hiddenCount = rebuilt.tests.filter((t) => t.group === 'hidden').length;
  lines.push(`${slug}: ${rebuilt.tests.length - hiddenCount} samples, ${hiddenCount} hidden tests`);

  // Every stored solution gets exactly its folder's verdict, on the stored suite.
  const tests = suiteTests(problem, 'all');
  const digest = sha256;
  for (const [folder, expected] of Object.entries(VERDICT_FOLDERS)) {
    for (const file of solutionFiles(problem, folder)) {
      const rel = path.relative(problem.dir, file);
      const source = await readFile(file, 'utf8');
      const { summary, results } = await gradeToEnd({ source, problem, tests, esbuild, executor, reveal: 'all', digest });
      const firstBad = results.find((r) => r.verdict !== 'AC');
      const detail = firstBad ? ` (first failure: test ${firstBad.id} "${firstBad.name}": ${firstBad.verdict} ${firstBad.message ?? ''})` : '';
      if (summary.verdict !== expected) {
        errors.push(`${slug}/${rel}: expected ${expected}, got ${summary.verdict}${detail}`);
        continue;
      }
      if (folder === 'accepted' && path.basename(file) === 'reference.ts') {
        const hidden = results.filter((r) => r.group === 'hidden');
        lines.push(
          `${slug}: reference hidden suite: ${hidden.reduce((s, r) => s + r.steps, 0)} steps, ` +
            `${Math.round(hidden.reduce((s, r) => s + (r.wallMs ?? 0), 0))} ms in the sandbox, ${Math.round(summary.wallMs)} ms graded end to end`,
        );
      }
      if (expected === 'TLE') {
        const roomier: GradableTest[] = tests.map((t) => ({ ...t, stepBudget: Math.ceil(t.stepBudget * TLE_MARGIN) }));
        const again = await gradeToEnd({ source, problem, tests: roomier, esbuild, executor, reveal: 'all', digest });
        if (again.summary.verdict !== 'TLE') errors.push(`${slug}/${rel}: gets ${again.summary.verdict} with ${TLE_MARGIN}x the step budget; a TLE solution must need more`);
      }
      lines.push(`${slug}: ${rel} → ${summary.verdict}${expected === 'AC' ? '' : detail}`);
    }
  }
  return { slug, errors, lines };
}
