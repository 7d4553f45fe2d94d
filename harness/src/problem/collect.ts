/**
 * Collects a problem's tests from its sources (samples.json, edge.json, generator.ts) in a fixed order, validates
 * every input, and materialises spec inputs on the host with the problem's driver for the validator.
 */
import { ERROR_CODES, JudgeError } from '../errors.ts';
import { createRng } from '../rng.ts';
import type { TestInput } from './authoring.ts';
import type { LoadedProblem } from './load.ts';

export interface CollectedTest {
  id: string;
  group: 'sample' | 'hidden';
  name: string;
  source: string;
  input: TestInput;
  /** Expected output given by the author (checked against the reference). */
  given?: unknown;
  /** A scale-group test: the public size n its steps are measured against. */
  scaleN?: number;
  /** What the test targets (a hand test's note, a generator case's note). */
  purpose?: string;
}

export function collectTests(problem: LoadedProblem): CollectedTest[] {
  const tests: CollectedTest[] = [];
  problem.samples.forEach((t, i) =>
    tests.push({
      id: `sample-${i + 1}`,
      group: 'sample',
      name: t.name,
      source: `tests/samples.json[${i}]`,
      input: t.input,
      ...(t.expected !== undefined ? { given: t.expected } : {}),
    }),
  );
  problem.edge.forEach((t, i) =>
    tests.push({
      id: `edge-${i + 1}`,
      group: 'hidden',
      name: t.name,
      source: `tests/edge.json[${i}]`,
      input: t.input,
      ...(t.expected !== undefined ? { given: t.expected } : {}),
      ...(t.note ? { purpose: t.note } : {}),
    }),
  );
  problem.generator?.cases.forEach((c, i) => {
    let input: TestInput;
    try {
      input = problem.generator!.generate(c, createRng(c.seed));
    } catch (e) {
      throw new JudgeError(
        ERROR_CODES.PROBLEM_INVALID,
        `${problem.slug}/generator.ts case ${i} ("${c.name}"): ${(e as Error).message}`,
      );
    }
    tests.push({
      id: `gen-${i + 1}`,
      group: 'hidden',
      name: c.name,
      source: `generator:${c.seed}:${c.size}`,
      input,
      ...(c.scale ? { scaleN: c.size } : {}),
      ...(c.note ? { purpose: c.note } : {}),
    });
  });
  const seen = new Set<string>();
  for (const t of tests) {
    if (!problem.entries.includes(t.input.fn)) {
      throw new JudgeError(
        ERROR_CODES.PROBLEM_INVALID,
        `${problem.slug}/${t.source} ("${t.name}"): fn "${t.input.fn}" is not an entry`,
      );
    }
    if ((t.input.args === undefined) === (t.input.spec === undefined)) {
      throw new JudgeError(
        ERROR_CODES.PROBLEM_INVALID,
        `${problem.slug}/${t.source} ("${t.name}"): give exactly one of args and spec`,
      );
    }
    if (seen.has(t.name))
      throw new JudgeError(ERROR_CODES.PROBLEM_INVALID, `${problem.slug}/${t.source}: duplicate test name "${t.name}"`);
    seen.add(t.name);
  }
  return tests;
}

/** The arguments a test's function is called with (built by the driver for spec inputs). */
export function materialiseArgs(problem: LoadedProblem, input: TestInput): unknown[] {
  if (input.args) return input.args;
  const build = problem.hostDriver?.buildArgs;
  if (!build)
    throw new JudgeError(
      ERROR_CODES.PROBLEM_INVALID,
      `${problem.slug}: a test has a spec but driver.ts has no buildArgs`,
    );
  return build(input.fn, input.spec);
}

/** Runs validator.ts on every test; returns one message per invalid test. */
export function validateTests(problem: LoadedProblem, tests: CollectedTest[]): string[] {
  const errors: string[] = [];
  if (!problem.validator) return errors;
  for (const t of tests) {
    try {
      problem.validator.validate(t.input, materialiseArgs(problem, t.input));
    } catch (e) {
      errors.push(`${problem.slug}/${t.source} ("${t.name}"): input rejected by validator.ts: ${(e as Error).message}`);
    }
  }
  return errors;
}
