/**
 * Types for problem authors: what `generator.ts`, `driver.ts`, `validator.ts` and `checker.ts` export.
 * See problems/README.md.
 */
export type { Rng } from '../rng.ts';

/** The input of one test: which entry to call, and with what. */
export interface TestInput {
  fn: string;
  /** Arguments, as JSON (non-finite numbers tagged as `{ "$num": "-Infinity" }` in files). */
  args?: unknown[];
  /** A compact description that the problem's `driver.ts` `buildArgs` turns into arguments inside the sandbox. */
  spec?: unknown;
  /** The call is expected to throw; the output is then `{ threw: true }`. */
  expectError?: boolean;
}

export interface GeneratorCase {
  name: string;
  seed: number;
  size: number;
  params?: Record<string, unknown>;
  /**
   * A case of the problem's scale group: the same generator and params at geometric sizes (n, 2n, 4n, 8n, ...).
   * Its `size` is the n that a submission's step growth is measured against; the sizes are public, the inputs not.
   */
  scale?: boolean;
  /** What the case targets ("a 15,000-record chain: catches recursion"), told to a user whose code fails it on time. */
  note?: string;
}

export type CheckResult = { ok: true } | { ok: false; message: string; path?: string };

export interface CustomCheckInput {
  input: TestInput;
  expected: unknown;
  actual: unknown;
  args: Record<string, unknown>;
}
