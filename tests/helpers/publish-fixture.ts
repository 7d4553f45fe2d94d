/**
 * A small problem package for publishing tests ("dot-sum": the sum of an array), in two versions. Version 2 adds an
 * edge test on the empty array, so code that calls `reduce` without an initial value goes from AC to RE, and a
 * stored solution for that bug. Written under .tmp/ (inside the repository, so its modules load as ES modules) and
 * built with `judge build`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './server-process.ts';

const run = promisify(execFile);

export const FIXTURE_SLUG = 'dot-sum';
export const FIXTURE_TITLE = 'Dot sum of a signed array';

export const SUM_REFERENCE =
  'export function solve(values: number[]): number {\n  let sum = 0;\n  for (const v of values) sum += v;\n  return sum;\n}\n';
/** AC on version 1, RE on version 2 (reduce of an empty array with no initial value throws). */
export const SUM_REDUCE =
  'export function solve(values: number[]): number {\n  return values.reduce((a, b) => a + b);\n}\n';
export const SUM_SKIPS_LAST =
  'export function solve(values: number[]): number {\n  let sum = 0;\n  for (let i = 0; i < values.length - 1; i++) sum += values[i]!;\n  return sum;\n}\n';

export function fixtureFiles(version: 1 | 2): Record<string, string> {
  const sizes = [2500, 5000, 10_000, 20_000];
  const files: Record<string, string> = {
    'problem.json': `${JSON.stringify(
      {
        title: FIXTURE_TITLE,
        difficulty: 'easy',
        tags: ['arrays'],
        entries: [{ name: 'solve', signature: 'function solve(values: number[]): number' }],
        checker: { name: 'exact' },
        estimatedMinutes: 5,
        limits: { memoryMb: 64, wallMs: 10000, budgetMultiplier: 3, minStepBudget: 50 },
      },
      null,
      2,
    )}\n`,
    'statement.md':
      '# Dot sum\n\nReturn the sum of `values`, a list of small signed integers. The empty list sums to 0.\n\n' +
      '## Constraints\n\n- 0 ≤ values.length ≤ 20000\n\n## Expected complexity\n\nO(n).\n',
    'starter.ts':
      "/** The sum of values. */\nexport function solve(values: number[]): number {\n  throw new Error('not implemented');\n}\n",
    'tests/samples.json': `${JSON.stringify([{ name: 'small', input: { fn: 'solve', args: [[1, 2, 3]] }, expected: 6 }])}\n`,
    'tests/edge.json': `${JSON.stringify([
      { name: 'one value', input: { fn: 'solve', args: [[-5]] }, expected: -5 },
      ...(version === 2 ? [{ name: 'empty', input: { fn: 'solve', args: [[]] }, expected: 0, note: 'no values' }] : []),
    ])}\n`,
    'generator.ts':
      "import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';\n\n" +
      `export const cases: GeneratorCase[] = [\n  { name: 'random n=500', seed: 1, size: 500 },\n${sizes
        .map((n, i) => `  { name: 'scale n=${n}', seed: ${11 + i}, size: ${n}, scale: true },\n`)
        .join('')}];\n\n` +
      'export function generate(c: GeneratorCase, rng: Rng): TestInput {\n' +
      "  return { fn: 'solve', args: [Array.from({ length: c.size }, () => rng.int(-9, 9))] };\n}\n",
    'validator.ts':
      "import type { TestInput } from '../../harness/src/problem/authoring.ts';\n\n" +
      'export function validate(_input: TestInput, args: unknown[]): void {\n' +
      '  const [values] = args as [number[]];\n' +
      "  if (!Array.isArray(values) || values.length > 1e5 || !values.every(Number.isInteger)) throw new Error('values');\n}\n",
    'solutions/accepted/reference.ts': `// The reference.\n${SUM_REFERENCE}`,
    'solutions/wrong_answer/skips-last.ts': `// Ignores the last value.\n${SUM_SKIPS_LAST}`,
  };
  if (version === 2) files['solutions/runtime_error/reduce-no-init.ts'] = `// Throws on an empty array.\n${SUM_REDUCE}`;
  return files;
}

/** Writes version `version` of the package to a fresh folder under .tmp/ and builds its suite. Returns the folder. */
export async function buildFixture(version: 1 | 2): Promise<string> {
  const parent = path.join(ROOT, '.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = path.join(mkdtempSync(path.join(parent, `publish-v${version}-`)), FIXTURE_SLUG);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(fixtureFiles(version))) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  await run(process.execPath, [path.join(ROOT, 'bin', 'judge.mjs'), 'build', dir], { cwd: ROOT });
  return dir;
}
