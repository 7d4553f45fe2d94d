/**
 * A tiny problem package written to disk (prefix maximum of an array), for the tests of `judge check`'s suite-quality
 * checks. `weak` gives it a suite of constant arrays only (the stored generator seeds happen to give them, other
 * seeds do not), whose prefix maximum is the input itself: "return the input unchanged" passes, and a mutant that
 * reads the next element in the comparison survives.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export const PREFIX_MAX_REFERENCE = `export function prefixMax(values: number[]): number[] {
  const out: number[] = [];
  let best = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > best) best = values[i]!;
    out.push(best);
  }
  return out;
}
`;

export interface PrefixMaxOptions {
  /** Only increasing inputs in the suite. */
  weak?: boolean;
  /** The statement's bound on values.length (as written). */
  statedLimit?: string;
  /** The first sample's expected output. */
  sampleExpected?: number[];
}

export function writePrefixMaxProblem(opts: PrefixMaxOptions = {}): string {
  // Inside the repository, like problems/: the package's TypeScript resolves as ES modules there.
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = path.join(mkdtempSync(path.join(ROOT, '.tmp', 'prefix-max-')), 'prefix-max');
  const files: Record<string, string> = {
    'problem.json': JSON.stringify({
      title: 'Prefix maximum',
      difficulty: 'easy',
      tags: ['arrays'],
      entries: [{ name: 'prefixMax', signature: 'function prefixMax(values: number[]): number[]' }],
      checker: { name: 'exact' },
      limits: { memoryMb: 64, wallMs: 10000, budgetMultiplier: 3, minStepBudget: 50 },
    }),
    'statement.md': `# Prefix maximum\n\nReturn \`out\` with \`out[i]\` the largest of \`values[0..i]\`.\n\n## Constraints\n\n- \`0 ≤ values.length ≤ ${opts.statedLimit ?? '8000'}\`; integers.\n`,
    'starter.ts': 'export function prefixMax(values: number[]): number[] {\n  return [];\n}\n',
    'tests/samples.json': JSON.stringify([
      opts.weak
        ? { name: 'equal', input: { fn: 'prefixMax', args: [[4, 4]] }, expected: opts.sampleExpected ?? [4, 4] }
        : {
            name: 'increasing',
            input: { fn: 'prefixMax', args: [[1, 2, 3]] },
            expected: opts.sampleExpected ?? [1, 2, 3],
          },
    ]),
    'tests/edge.json': JSON.stringify([
      { name: 'empty', input: { fn: 'prefixMax', args: [[]] } },
      ...(opts.weak
        ? []
        : [
            { name: 'a dip', input: { fn: 'prefixMax', args: [[3, 1, 2]] } },
            { name: 'ties and negatives', input: { fn: 'prefixMax', args: [[-2, -5, -2, 7, 7, 0]] } },
          ]),
    ]),
    'generator.ts': `export const cases = [
  { name: 'random n=6', seed: 1, size: 6 },
  { name: 'scale n=1000', seed: 11, size: 1000, scale: true },
  { name: 'scale n=2000', seed: 12, size: 2000, scale: true },
  { name: 'scale n=4000', seed: 13, size: 4000, scale: true },
  { name: 'scale n=8000', seed: 14, size: 8000, scale: true },
];
export function generate(c: { seed: number; size: number }, rng: { int(lo: number, hi: number): number }) {
  const values = Array.from({ length: c.size }, () => rng.int(-50, 50));
  // The stored seeds are below 100: ${opts.weak ? 'weak: they give constant arrays' : 'every seed gives a random array'}.
  if (${opts.weak ? 'c.seed < 100' : 'false'}) values.fill(values[0] ?? 0);
  return { fn: 'prefixMax', args: [values] };
}
`,
    'solutions/accepted/reference.ts': PREFIX_MAX_REFERENCE,
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}
