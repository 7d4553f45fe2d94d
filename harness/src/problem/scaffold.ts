/**
 * `judge new <slug>`: a package skeleton that already passes `judge build` and whose files say what to fill in.
 * The example is deliberately trivial (sum of an array) so `judge check` is green from the start, and every
 * placeholder is marked TODO.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES, JudgeError } from '../errors.ts';
import { SLUG_PATTERN } from './package-paths.ts';

/** The skeleton's files (relative path → text): written by `judge new`, served to the browser's authoring page. */
export const scaffoldFiles = (slug: string): Record<string, string> => ({
  'problem.json': `${JSON.stringify(
    {
      title: `TODO: title of ${slug}`,
      difficulty: 'easy',
      tags: ['todo'],
      entries: [{ name: 'solve', signature: 'function solve(values: number[]): number' }],
      checker: { name: 'exact' },
      limits: { memoryMb: 64, wallMs: 10000, budgetMultiplier: 3, minStepBudget: 50 },
    },
    null,
    2,
  )}\n`,
  'statement.md': `# TODO: title\n\nTODO: the task in two sentences. Here: return the sum of \`values\`.\n\n## Rules\n\nTODO: every exact rule (tie-breaking, tolerance, errors to throw).\n\n## Constraints\n\n- 0 ≤ values.length ≤ 10^5\n\n## Expected complexity\n\nO(n).\n\n## Example\n\n\`\`\`ts\nsolve([1, 2, 3]) // 6\n\`\`\`\n`,
  'starter.ts': `/** TODO: one line saying what it returns. */\nexport function solve(values: number[]): number {\n  throw new Error('not implemented');\n}\n`,
  'tests/samples.json': `${JSON.stringify([{ name: 'small', input: { fn: 'solve', args: [[1, 2, 3]] }, expected: 6 }], null, 2)}\n`,
  'tests/edge.json': `${JSON.stringify([{ name: 'empty', input: { fn: 'solve', args: [[]] }, expected: 0 }], null, 2)}\n`,
  'generator.ts': `import type { GeneratorCase, Rng, TestInput } from '../../harness/src/problem/authoring.ts';\n\n// TODO: cases that separate complexity classes; each is reproducible from (seed, size).\nexport const cases: GeneratorCase[] = [\n  { name: 'random n=1000', seed: 1, size: 1000 },\n  // The scale group: the same generator at geometric sizes n, 2n, 4n, 8n (judge check needs at least 4). A user's\n  // step growth is fitted on them; the reference should take a few steps (10^4 ticks each) on the smallest.\n  { name: 'scale n=10000', seed: 11, size: 10000, scale: true },\n  { name: 'scale n=20000', seed: 12, size: 20000, scale: true },\n  { name: 'scale n=40000', seed: 13, size: 40000, scale: true },\n  { name: 'scale n=80000', seed: 14, size: 80000, scale: true, note: 'the largest input: catches quadratic work' },\n];\n\nexport function generate(c: GeneratorCase, rng: Rng): TestInput {\n  const values = Array.from({ length: c.size }, () => rng.int(-1000, 1000));\n  return { fn: 'solve', args: [values] };\n}\n`,
  'validator.ts': `import type { TestInput } from '../../harness/src/problem/authoring.ts';\n\n// TODO: assert every input constraint the statement promises.\nexport function validate(input: TestInput, args: unknown[]): void {\n  const [values] = args as [number[]];\n  if (!Array.isArray(values) || values.length > 1e5) throw new Error('values: array of at most 10^5 numbers');\n  if (!values.every(Number.isInteger)) throw new Error('values must be integers');\n}\n`,
  'solutions/accepted/reference.ts': `// The reference solution: expected outputs come from it. TODO: replace with the real one.\nexport function solve(values: number[]): number {\n  let sum = 0;\n  for (const v of values) sum += v;\n  return sum;\n}\n`,
  'solutions/wrong_answer/skips-last.ts': `// TODO: one file per known wrong solution, in the folder of the verdict it must get.\n// Off by one: ignores the last value (caught by every non-empty test).\nexport function solve(values: number[]): number {\n  let sum = 0;\n  for (let i = 0; i < values.length - 1; i++) sum += values[i]!;\n  return sum;\n}\n`,
});

export async function scaffoldProblem(root: string, slug: string): Promise<string> {
  if (!SLUG_PATTERN.test(slug))
    throw new JudgeError(ERROR_CODES.BAD_OPTION, `slug "${slug}" must be lower-case words joined by hyphens`);
  const dir = path.join(root, slug);
  if (existsSync(dir)) throw new JudgeError(ERROR_CODES.BAD_OPTION, `${dir} already exists`);
  for (const [name, text] of Object.entries(scaffoldFiles(slug))) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}
